//! "Why this interest?" over the pane: a charge's runs of overdue days, the months
//! they fed, and the one rounding that gives the Invoices pane's interest.

use crate::domain::explain::Explanation;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use rust_decimal::Decimal;

pub fn draw(f: &mut Frame, area: Rect, e: &Explanation) {
    let rate = format!("{}%", (e.annual_rate * Decimal::ONE_HUNDRED).normalize());
    let mut lines = vec![
        Line::styled(
            format!(
                "{} │ account {} │ due {} │ open {} │ annual rate {rate}",
                e.doc_no,
                e.account_no,
                e.due_date,
                e.outstanding.grouped()
            ),
            theme::title(),
        ),
        Line::default(),
    ];
    if e.runs.is_empty() {
        lines.push(Line::styled("  not overdue on any day yet: no interest", theme::dim()));
    } else {
        lines.push(Line::styled(
            format!(
                "  {:<10}  {:<10}  {:>4}  {:>12}  {:>14}  {:>16}  {:<7}",
                "from", "to", "days", "outstanding", "cent-days", "exact interest", "month"
            ),
            theme::header(),
        ));
        for r in &e.runs {
            lines.push(Line::from(format!(
                "  {:<10}  {:<10}  {:>4}  {:>12}  {:>14}  {:>16}  {:<7}",
                r.run.from.to_string(),
                r.run.to.to_string(),
                r.run.days,
                r.run.outstanding.grouped(),
                r.run.cent_days,
                r.exact_interest.round_dp(6).to_string(),
                r.month
            )));
        }
        lines.push(Line::default());
        lines.push(Line::styled("  Month postings", theme::title()));
        for m in &e.months {
            let posting =
                m.posting_amount.map(|a| format!(" (the account's month: {})", a.grouped())).unwrap_or_default();
            lines.push(Line::from(format!(
                "  {}  {:>16}  {}{posting}",
                m.month,
                m.exact_interest.round_dp(6).to_string(),
                m.note
            )));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            "  interest = {} cent-days × {} ÷ 365 ÷ 100 = {} → {}",
            e.total_cent_days,
            e.annual_rate.normalize(),
            e.total_exact.round_dp(6),
            e.total.grouped()
        ),
        theme::title(),
    ));
    lines.push(Line::styled("  rounded once, half away from zero: the Invoices pane's interest", theme::dim()));
    f.render_widget(Clear, area);
    let title = format!(" Why this interest? {} as of {} — any key closes ", e.doc_no, e.as_of);
    f.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme::title()))), area);
}
