//! What the panes show: computed by `read::snapshot`, held by the console.

pub use crate::read::snapshot::{AccountSummary, ChargeLine, Snapshot, AUDIT_CAP};
