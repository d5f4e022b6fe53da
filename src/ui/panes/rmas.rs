//! RMAs (RULES.md 4): status, invoice, lines and value, restocking, credit; Enter shows
//! the lines and the label text that goes on the carton.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::domain::returns::{Rma, RmaStatus};
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui::Frame;

fn money(m: Option<crate::domain::Money>) -> String {
    m.map_or(String::new(), |m| m.grouped())
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let empty = "No RMAs. Press i to issue one for lines of an invoice.";
    list::draw_pane(f, area, app, "Returns (RMA)".into(), empty, |i| {
        (s.rmas[i].status != RmaStatus::Issued).then(theme::dim)
    });
}

/// An RMA opened with Enter: who issued it, its lines, and the carton label.
pub fn draw_detail(f: &mut Frame, area: Rect, r: &Rma) {
    let mut lines = vec![
        Line::styled(
            format!(
                "{} │ account {} │ invoice {} of {} │ {}",
                r.rma_no, r.account_no, r.invoice, r.invoice_date, r.status
            ),
            theme::title(),
        ),
        Line::from(format!(
            "issued {} by {}{}{}",
            r.issued_on,
            r.issued_by,
            r.manufacturer_approval.as_ref().map(|a| format!(" │ manufacturer approval: {a}")).unwrap_or_default(),
            r.received_on
                .map(|d| format!(" │ received {d} by {}", r.received_by.as_deref().unwrap_or("?")))
                .unwrap_or_default()
        )),
        Line::default(),
        Line::styled("Lines", theme::title()),
    ];
    for l in &r.lines {
        let x = &l.line;
        let mut text = format!("  {}. {:<30} {:>10}  {}", l.line_no, x.item, x.value.grouped(), x.class.as_str());
        if x.installed {
            text.push_str("  INSTALLED");
        }
        if x.vendor_restocking.is_positive() || x.vendor_freight.is_positive() {
            text.push_str(&format!(
                "  vendor restocking {} freight {}",
                x.vendor_restocking.grouped(),
                x.vendor_freight.grouped()
            ));
        }
        lines.push(Line::from(text));
    }
    lines.push(Line::from(format!(
        "  value {} │ restocking {}% {} │ vendor fees {} │ credit {}{}",
        r.value.grouped(),
        r.restocking_pct,
        money(r.restocking),
        money(r.vendor_fees),
        money(r.credit),
        r.credit_ref.as_ref().map(|c| format!(" ({c})")).unwrap_or_default()
    )));
    lines.push(Line::default());
    lines.push(Line::styled("Label — write on the outside of the original carton", theme::title()));
    for l in r.label.lines() {
        lines.push(Line::styled(format!("  {l}"), theme::key()));
    }
    f.render_widget(Clear, area);
    let title = format!(" {} — any key closes ", crate::domain::text::visible(&r.rma_no));
    let block = Block::bordered().title(Line::styled(title, theme::title()));
    f.render_widget(Paragraph::new(crate::ui::shown(lines)).block(block).wrap(Wrap { trim: false }), area);
}
