//! Audit: the append-only log (RULES.md 6), newest first; `/` filters. The pane holds a
//! page of the log at a time, read by key: moving past its end reads the next.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list;
use ratatui::layout::Rect;
use ratatui::Frame;

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let w = &app.audit;
    let mut title = format!("Audit log, newest first — {} entries", s.audit_total);
    if !w.filter.is_empty() {
        title.push_str(&format!(" — filter “{}”", w.filter));
    }
    if let (Some(first), Some(last)) = (w.lines.first(), w.lines.last()) {
        if w.older || w.newer {
            title.push_str(&format!(
                " — page #{}–#{}{}{}",
                last.id,
                first.id,
                if w.newer { ", newer above" } else { "" },
                if w.older { ", older below" } else { "" }
            ));
        }
    }
    list::draw_pane(f, area, app, title, "Nothing in the audit log.", |_| None);
}
