//! Privacy requests (RULES.md 5): kind, account, received, due, status. Overdue and
//! due-within-7-days requests stand out in color AND in words (OVERDUE, DUE SOON).

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::domain::privacy::Urgency;
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let empty = "No privacy requests. Press o to record one.";
    list::draw_pane(f, area, app, "Privacy requests".into(), empty, |i| match s.privacy[i].urgency(app.as_of) {
        Urgency::Overdue => Some(theme::alarm()),
        Urgency::DueSoon => Some(theme::warn()),
        Urgency::OnTime => None,
        Urgency::Closed => Some(theme::dim()),
    });
}
