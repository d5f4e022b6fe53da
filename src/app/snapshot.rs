//! What the panes show: computed by `read::snapshot`, held by the console.

pub use crate::read::collections::TREND_MONTHS;
pub use crate::read::snapshot::{AccountSummary, AuditWindow, Changes, ChargeLine, Delta, Snapshot, AUDIT_PAGE};
