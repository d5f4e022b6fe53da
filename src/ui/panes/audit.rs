//! Audit: the append-only log (RULES.md 6), newest first; `/` filters. The snapshot
//! holds the newest entries only (`AUDIT_CAP`), and the title says so when the log is longer.

use crate::app::snapshot::{Snapshot, AUDIT_CAP};
use crate::app::table::columns;
use crate::app::{App, Pane};
use crate::ui::list;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    // The last column takes the rest of the width.
    let cols = list::widen_last(columns(Pane::Audit), area.width, 10);
    let title = if s.audit_total > s.audit.len() {
        format!("Audit log, newest first — only the newest {AUDIT_CAP} of {} entries", s.audit_total)
    } else {
        "Audit log, newest first".to_string()
    };
    list::draw_pane(f, area, app, s, title, &cols, "Nothing in the audit log.", |_| None);
}
