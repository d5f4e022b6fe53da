//! Repairs: tickets (RULES.md 3), open ones first, with their charges itemised.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list::{self, col, num, text};
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let columns = [
        col("Ticket", 0),
        col("Account", 9),
        text("Item", 10, 6),
        col("Status", 8),
        col("Big", 1),
        num("Handling", 9, 3),
        num("Freight", 9, 2),
        num("Ins.", 7, 2),
        num("Mfr", 9, 2),
        num("Total", 10, 0),
        col("Opened", 4),
    ];
    let empty = "No repair tickets. Press o to open one.";
    list::draw(f, area, "Repair tickets".into(), &columns, app.view(), s.tickets.len(), empty, |i| {
        let t = &s.tickets[i];
        let c = &t.charges;
        let handling = if c.handling_fee_waived { "waived".to_string() } else { c.handling_fee().grouped() };
        (
            vec![
                t.ticket_no.clone(),
                t.account_no.clone(),
                format!("{} {}", t.manufacturer, t.model),
                t.status.to_string(),
                if c.oversized { "yes".into() } else { "no".into() },
                handling,
                (c.freight_in + c.freight_out).grouped(),
                c.insurance.grouped(),
                c.manufacturer_charge.grouped(),
                c.total().grouped(),
                t.opened_on.to_string(),
            ],
            (!t.status.is_open()).then(theme::dim),
        )
    });
}
