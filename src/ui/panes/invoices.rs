//! Invoices: every open charge, totals per bucket; rows past 60 days stand out.

use crate::app::snapshot::Snapshot;
use crate::app::table::columns;
use crate::app::{App, Pane};
use crate::domain::aging::COLLECTIONS_AFTER_DAYS;
use crate::domain::{Bucket, Money};
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let [table, summary] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    list::draw_pane(f, table, app, s, "Open charges".into(), columns(Pane::Invoices), "No open charges.", |i| {
        let c = &s.charges[i];
        if c.days_past_due > COLLECTIONS_AFTER_DAYS {
            Some(theme::alarm())
        } else if c.disputed {
            Some(theme::disputed())
        } else {
            None
        }
    });
    let mut spans = vec![Span::styled(" Totals ", theme::title())];
    for b in Bucket::ALL {
        let style = if b >= Bucket::Days61To90 { theme::alarm() } else { theme::title() };
        spans.push(Span::raw(format!(" {}: ", b.label())));
        spans.push(Span::styled(s.bucket_totals[b.index()].grouped(), style));
        spans.push(Span::raw(" │"));
    }
    let total: Money = s.bucket_totals.iter().sum();
    spans.push(Span::raw(" all: "));
    spans.push(Span::styled(total.grouped(), theme::title()));
    f.render_widget(Paragraph::new(Line::from(spans)), summary);
}
