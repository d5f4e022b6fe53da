//! Invoices: every open charge, totals per bucket; rows past 60 days stand out.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::domain::aging::COLLECTIONS_AFTER_DAYS;
use crate::domain::{Bucket, Money};
use crate::ui::list::{self, col, num};
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let [table, summary] = Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
    let columns = [
        col("Document", 18),
        col("Account", 8),
        col("Kind", 14),
        col("Date", 10),
        col("Due", 10),
        num("Amount", 12),
        num("Outstanding", 12),
        num("Days", 5),
        col("Bucket", 7),
        num("Interest", 9),
    ];
    list::draw(f, table, "Open charges".into(), &columns, app.view(), s.charges.len(), "No open charges.", |i| {
        let c = &s.charges[i];
        let late = c.days_past_due > COLLECTIONS_AFTER_DAYS;
        (
            vec![
                c.doc_no.clone(),
                c.account_no.clone(),
                c.kind.to_string(),
                c.date.to_string(),
                c.due.to_string(),
                c.amount.grouped(),
                c.outstanding.grouped(),
                c.days_past_due.to_string(),
                if late { format!("{}!", c.bucket) } else { c.bucket.to_string() },
                c.interest.grouped(),
            ],
            late.then(theme::alarm),
        )
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
