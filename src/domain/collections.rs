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

    /// With the agency on `day`: placed on or before it and not recalled by it (a
    /// placement recalled later was still with the agency that day).
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.placed_on <= day && self.recalled_on.is_none_or(|r| r > day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    fn placement(recalled_on: Option<NaiveDate>) -> Placement {
        Placement {
            account_no: "C300".into(),
            agency: "Acme Recovery".into(),
            placed_on: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            amount: Money::from_cents(120_000),
            note: None,
            placed_by: "boss".into(),
            recalled_on,
            recall_reason: recalled_on.map(|_| "paid in full".into()),
        }
    }

    #[test]
    fn a_placement_is_with_the_agency_until_it_is_recalled() {
        assert!(placement(None).is_active());
        assert!(!placement(NaiveDate::from_ymd_opt(2026, 6, 1)).is_active());
    }

    #[test]
    fn a_placement_is_with_the_agency_from_its_day_until_the_day_of_its_recall() {
        let p = placement(Some(d("2026-06-01")));
        assert!(!p.active_on(d("2026-04-30")), "before it was placed");
        assert!(p.active_on(d("2026-05-01")), "the day it was placed");
        assert!(p.active_on(d("2026-05-31")), "the day before its recall");
        assert!(!p.active_on(d("2026-06-01")), "the day it was recalled");
        let open = placement(None);
        assert!(open.active_on(d("2099-12-31")) && !open.active_on(d("2026-04-30")));
    }
}
