//! Invoices: every open charge, totals per bucket; rows past 60 days stand out.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::domain::aging::COLLECTIONS_AFTER_DAYS;
use crate::domain::{Bucket, Money};
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let totals = totals_lines(app, s, area.width);
    let [table, summary] = Layout::vertical([Constraint::Min(3), Constraint::Length(totals.len() as u16)]).areas(area);
    list::draw_pane(f, table, app, "Open charges".into(), "No open charges.", |i| {
        let c = &s.charges[i];
        if c.days_past_due > COLLECTIONS_AFTER_DAYS {
            Some(theme::alarm())
        } else if c.disputed {
            Some(theme::disputed())
        } else {
            None
        }
    });
    f.render_widget(Paragraph::new(totals), summary);
}

/// The totals per bucket, on one line, or two when the terminal is too narrow for one
/// (an amount is never cut). They follow the filter: of the rows it leaves, else of
/// every open charge.
fn totals_lines(app: &App, s: &Snapshot, width: u16) -> Vec<Line<'static>> {
    // A sort alone leaves every row: the totals are the book's.
    let filtered = app.view().matches.as_ref().filter(|_| !app.view().filter.as_str().is_empty());
    let totals = match filtered {
        Some(rows) => {
            let mut t = [Money::ZERO; 5];
            for &i in rows {
                t[s.charges[i].bucket.index()] += s.charges[i].outstanding;
            }
            t
        }
        None => s.bucket_totals,
    };
    let label = if filtered.is_some() { " Totals of the filter " } else { " Totals " };
    let mut first = vec![Span::styled(label, theme::title())];
    let mut second = Vec::new();
    for b in Bucket::ALL {
        let style = if b >= Bucket::Days61To90 { theme::alarm() } else { theme::title() };
        let into = if b >= Bucket::Days61To90 { &mut second } else { &mut first };
        into.push(Span::raw(format!(" {}: ", b.label())));
        into.push(Span::styled(totals[b.index()].grouped(), style));
        into.push(Span::raw(" │"));
    }
    let total: Money = totals.iter().sum();
    second.push(Span::raw(" all: "));
    second.push(Span::styled(total.grouped(), theme::title()));
    let (first, second) = (Line::from(first), Line::from(second));
    if first.width() + second.width() <= usize::from(width) {
        let mut one = first.spans;
        one.extend(second.spans);
        vec![Line::from(one)]
    } else {
        vec![first, second]
    }
}
