//! The dunning preview over the pane: every letter due, before anything is written.

use crate::app::DunningPreview;
use crate::domain::Money;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, p: &DunningPreview) {
    let total: Money = p.letters.iter().map(|l| l.amount_past_due).sum();
    let mut lines = vec![
        Line::styled(
            format!(
                "{} letters due as of {}, {} past due in all. Nothing is written until you press y.",
                p.letters.len(),
                p.as_of,
                total.grouped()
            ),
            theme::title(),
        ),
        Line::styled(
            "Level from the oldest undisputed charge; none within 14 days of one as strong; none to agency-placed accounts.",
            theme::dim(),
        ),
        Line::default(),
        Line::styled(
            format!("  {:<12} {:>5}  {:<30} {:>9} {:>14}  {}", "account", "level", "letter", "days late", "past due", "name"),
            theme::header(),
        ),
    ];
    for l in p.letters.iter().skip(p.scroll) {
        let style = if l.level.number() >= 3 { theme::alarm() } else { Default::default() };
        lines.push(Line::styled(
            format!(
                "  {:<12} {:>5}  {:<30} {:>9} {:>14}  {}",
                l.account_no,
                l.level.number(),
                l.level.title(),
                l.oldest_days_past_due,
                l.amount_past_due.grouped(),
                l.contact.name
            ),
            style,
        ));
    }
    f.render_widget(Clear, area);
    let title = " Dunning letters due — y writes the PDFs and records them · j/k scroll · any other key closes ";
    f.render_widget(Paragraph::new(lines).block(Block::bordered().title(Line::styled(title, theme::title()))), area);
}
