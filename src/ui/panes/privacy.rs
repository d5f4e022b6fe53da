//! Privacy requests (RULES.md 5): kind, account, received, due, status. Overdue and
//! due-within-7-days requests stand out in color AND in words (OVERDUE, DUE SOON).

use crate::app::snapshot::Snapshot;
use crate::app::App;
use crate::domain::privacy::{PrivacyRequest, Urgency};
use crate::ui::list::{self, col, num, text};
use crate::ui::theme;
use chrono::NaiveDate;
use ratatui::layout::Rect;
use ratatui::Frame;

/// The marker of a request as of a day: readable without color.
pub fn marker(r: &PrivacyRequest, as_of: NaiveDate) -> String {
    let left = (r.due_on - as_of).num_days();
    match r.urgency(as_of) {
        Urgency::Overdue => format!("!! OVERDUE {}d", -left),
        Urgency::DueSoon => format!("! DUE IN {left}d"),
        Urgency::OnTime => format!("{left}d left"),
        Urgency::Closed => String::new(),
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, s: &Snapshot) {
    let columns = [
        num("#", 4, 0),
        col("Kind", 5),
        col("Account", 8),
        text("Requester", 8, 4),
        col("Received", 2),
        col("Due", 7),
        col("Status", 6),
        col("Deadline", 9),
        text("Verified", 6, 1),
    ];
    let as_of = app.as_of;
    let empty = "No privacy requests. Press o to record one.";
    list::draw(f, area, "Privacy requests".into(), &columns, app.view(), s.privacy.len(), empty, |i| {
        let r = &s.privacy[i];
        let style = match r.urgency(as_of) {
            Urgency::Overdue => Some(theme::alarm()),
            Urgency::DueSoon => Some(theme::warn()),
            Urgency::OnTime => None,
            Urgency::Closed => Some(theme::dim()),
        };
        (
            vec![
                r.id.to_string(),
                r.kind.to_string(),
                r.account_no.clone(),
                r.requester.clone(),
                r.received_on.to_string(),
                r.due_on.to_string(),
                r.status.to_string(),
                marker(r, as_of),
                r.verified_how.clone().unwrap_or_default(),
            ],
            style,
        )
    });
}
