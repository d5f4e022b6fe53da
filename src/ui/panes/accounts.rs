//! Accounts: number, name, status, terms, limit, balance, oldest days past due, flags.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list;
use crate::ui::theme;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let empty = if s.accounts.is_empty() {
        "This database holds no accounts. Press D to generate demo data (40 dealers), or import customers."
    } else {
        "No account matches the filter (Esc clears it)."
    };
    list::draw_pane(f, area, app, "Accounts".into(), empty, |i| {
        let a = &s.accounts[i];
        if a.collections || a.hold.is_some() {
            Some(theme::alarm())
        } else if a.over_limit || a.exemption_warning {
            Some(theme::warn())
        } else {
            None
        }
    });
}
