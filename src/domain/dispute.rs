//! Disputed charges (RULES.md section 11): a charge the customer disputes, with a
//! reason, open from the day it was opened until it is resolved with an outcome. A
//! disputed charge still ages and accrues interest; it is left out of dunning letters
//! and of the credit hold, and shown as disputed. An open nonconforming-goods claim
//! disputes its invoice.

use chrono::NaiveDate;

/// A dispute as recorded (or, `claim` set, the claim that disputes its invoice).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Dispute {
    pub doc_no: String,
    pub account_no: String,
    pub reason: String,
    pub opened_on: NaiveDate,
    pub opened_by: String,
    pub resolved_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub resolved_by: Option<String>,
    /// The nonconforming-goods claim behind it, when it is a claim's.
    pub claim: Option<String>,
}

impl Dispute {
    /// Open on `as_of`: opened by then and not yet resolved.
    pub fn is_open_on(&self, as_of: NaiveDate) -> bool {
        open_between(self.opened_on, self.resolved_on, as_of)
    }
}

/// Whether something opened on `opened` and resolved on `resolved` (if ever) is open on `as_of`.
pub fn open_between(opened: NaiveDate, resolved: Option<NaiveDate>, as_of: NaiveDate) -> bool {
    opened <= as_of && resolved.is_none_or(|r| r > as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    #[test]
    fn a_dispute_is_open_from_the_day_it_opens_until_the_day_it_is_resolved() {
        let opened = d("2026-03-10");
        assert!(!open_between(opened, None, d("2026-03-09")));
        assert!(open_between(opened, None, opened));
        assert!(open_between(opened, Some(d("2026-03-20")), d("2026-03-19")));
        assert!(!open_between(opened, Some(d("2026-03-20")), d("2026-03-20")), "resolved that day");
    }

    #[test]
    fn a_recorded_dispute_is_open_between_its_own_days() {
        let dispute = Dispute {
            doc_no: "INV-1002".into(),
            account_no: "A100".into(),
            reason: "two cameras short".into(),
            opened_on: d("2026-03-10"),
            opened_by: "dana".into(),
            resolved_on: Some(d("2026-03-20")),
            outcome: Some("credit memo".into()),
            resolved_by: Some("boss".into()),
            claim: None,
        };
        assert!(!dispute.is_open_on(d("2026-03-09")));
        assert!(dispute.is_open_on(d("2026-03-15")));
        assert!(!dispute.is_open_on(d("2026-03-20")));
    }
}
