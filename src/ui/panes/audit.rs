//! Audit: the append-only log (RULES.md 6), newest first; `/` filters. The pane holds a
//! page of the log at a time, read by key: moving past its end reads the next.

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::ui::list::{self, col, text};
use ratatui::layout::Rect;
use ratatui::Frame;

/// `before → after`, one line.
pub fn change(before: Option<&str>, after: Option<&str>) -> String {
    match (before, after) {
        (None, None) => String::new(),
        (None, Some(a)) => format!("→ {a}"),
        (Some(b), None) => format!("{b} →"),
        (Some(b), Some(a)) => format!("{b} → {a}"),
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let columns = [
        col("Time", 0),
        text("Operator", 6, 6),
        col("Action", 8),
        text("Entity", 8, 5),
        text("Key", 8, 4),
        col("Account", 7),
        text("Before → after", 10, 3),
    ];
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
    list::draw(f, area, title, &columns, app.view(), w.lines.len(), "Nothing in the audit log.", |i| {
        let a = &w.lines[i];
        (
            vec![
                a.at.get(..19).unwrap_or(&a.at).replace('T', " "),
                a.operator.clone(),
                a.action.clone(),
                a.entity.clone(),
                a.entity_key.clone().unwrap_or_default(),
                a.account_no.clone().unwrap_or_default(),
                change(a.before.as_deref(), a.after.as_deref()),
            ],
            None,
        )
    });
}
