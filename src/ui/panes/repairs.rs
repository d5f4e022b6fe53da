//! Repairs: tickets (RULES.md 3), open ones first, with their charges itemised.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let empty = "No repair tickets. Press o to open one.";
    list::draw_pane(f, area, app, "Repair tickets".into(), empty, |i| {
        (!s.tickets[i].status.is_open()).then(theme::dim)
    });
}
