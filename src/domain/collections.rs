//! Collections (RULES.md 2.4): an account placed with an outside collection agency.

use super::Money;
use chrono::NaiveDate;

/// One agency placement as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Placement {
    pub account_no: String,
    pub agency: String,
    pub placed_on: NaiveDate,
    pub amount: Money,
    pub note: Option<String>,
    pub placed_by: String,
    /// The day it was recalled from the agency (RULES 10), if it was.
    pub recalled_on: Option<NaiveDate>,
    pub recall_reason: Option<String>,
}

impl Placement {
    /// Still with the agency.
    pub fn is_active(&self) -> bool {
        self.recalled_on.is_none()
    }
}
