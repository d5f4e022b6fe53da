//! Invoices: every open charge, totals per bucket; rows past 60 days stand out.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::domain::aging::COLLECTIONS_AFTER_DAYS;
use crate::domain::{Bucket, Money};
use crate::ui::list::{self, col, num, text};
use crate::ui::theme;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let totals = totals_lines(app, s, area.width);
    let [table, summary] = Layout::vertical([Constraint::Min(3), Constraint::Length(totals.len() as u16)]).areas(area);
    // Too narrow: kind, interest, bucket (late rows stand out in color still), date,
    // amount, days, due give way in that order; the document, account and outstanding never.
    let columns = [
        text("Document", 16, 0),
        col("Account", 8),
        col("Kind", 1),
        col("Date", 4),
        col("Due", 7),
        num("Amount", 12, 5),
        num("Outstanding", 12, 0),
        num("Days", 5, 6),
        col("Bucket", 3),
        num("Interest", 9, 2),
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
    f.render_widget(Paragraph::new(totals), summary);
}

/// The totals per bucket, on one line, or two when the terminal is too narrow for one
/// (an amount is never cut). They follow the filter: of the rows it leaves, else of
/// every open charge.
fn totals_lines(app: &App, s: &Snapshot, width: u16) -> Vec<Line<'static>> {
    let totals = match &app.view().matches {
        Some(rows) => {
            let mut t = [Money::ZERO; 5];
            for &i in rows {
                t[s.charges[i].bucket.index()] += s.charges[i].outstanding;
            }
            t
        }
        None => s.bucket_totals,
    };
    let label = if app.view().matches.is_some() { " Totals of the filter " } else { " Totals " };
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
