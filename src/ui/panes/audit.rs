//! Audit: the append-only log (RULES.md 6), newest first; `/` filters. The snapshot
//! holds the newest entries only (`AUDIT_CAP`), and the title says so when the log is longer.

use crate::app::snapshot::{Snapshot, AUDIT_CAP};
use crate::app::App;
use crate::ui::list::{self, col};
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
        col("Time", 19),
        col("Operator", 10),
        col("Action", 8),
        col("Entity", 17),
        col("Key", 12),
        col("Account", 8),
        // The rest of the width.
        col("Before → after", area.width.saturating_sub(2 + 19 + 10 + 8 + 17 + 12 + 8 + 6).max(10)),
    ];
    let title = if s.audit_total > s.audit.len() {
        format!("Audit log, newest first — only the newest {AUDIT_CAP} of {} entries", s.audit_total)
    } else {
        "Audit log, newest first".to_string()
    };
    list::draw(f, area, title, &columns, app.view(), s.audit.len(), "Nothing in the audit log.", |i| {
        let a = &s.audit[i];
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
