//! Returned checks: the fee log (RULES.md 2.2).

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let empty = "No returned checks. Press r to record one.";
    let title = "Returned-check fee log".into();
    list::draw_pane(f, area, app, title, empty, |i| (!s.returned_checks[i].fee_waived).then(theme::warn));
}
