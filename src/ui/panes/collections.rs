//! Collections: accounts flagged (RULES.md 2.4), what is past 60 days, agency placement.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let empty = "No account is flagged for collections as of this day.";
    let title = "Flagged for collections".into();
    list::draw_pane(f, area, app, title, empty, |i| {
        let a = &s.accounts[s.collections[i]];
        (!s.placements.contains_key(&a.account_no)).then(theme::alarm)
    });
}
