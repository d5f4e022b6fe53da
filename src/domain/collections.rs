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
}
