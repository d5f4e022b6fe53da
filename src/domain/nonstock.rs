//! Nonstock items awaiting pickup (RULES.md section 4). A nonstock item not picked up
//! or released for shipment within 30 days of its receipt by the distributor (day 30
//! still within, day 31 the first day past) is listed for return to the vendor, and the vendor's fees become a `FEE` charge. A
//! special-order nonstock item cannot go back to the vendor: unclaimed 30 days after
//! receipt it may be charged to the customer, a manager's decision.

use super::dates::add_days;
use super::Money;
use chrono::NaiveDate;
use strum::IntoStaticStr;

/// Days a nonstock item waits for pickup.
pub const PICKUP_WINDOW_DAYS: u64 = 30;

/// What an item still awaiting pickup calls for, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, IntoStaticStr)]
#[serde(tag = "disposition", rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Disposition {
    /// Within the window: `due_on` is the day it is listed.
    Waiting { due_on: NaiveDate, days_left: i64 },
    /// Nonstock, past its 30 days: return it to the vendor; the vendor's fees are charged.
    ReturnToVendor { since: NaiveDate },
    /// Special-order nonstock, past its 30 days: a manager decides whether to charge it.
    ManagerDecision { since: NaiveDate },
}

impl Disposition {
    pub fn as_str(&self) -> &'static str {
        self.into()
    }

    pub fn is_due(&self) -> bool {
        !matches!(self, Disposition::Waiting { .. })
    }
}

/// The first day an item received on `received_on` is past its 30 days: day 31. Day
/// 30 is still within them (as for a return, RULES 4: "within 30 days").
pub fn pickup_due_on(received_on: NaiveDate) -> NaiveDate {
    add_days(received_on, PICKUP_WINDOW_DAYS + 1)
}

/// An item still awaiting pickup, as of `as_of`.
pub fn disposition(received_on: NaiveDate, special_order: bool, as_of: NaiveDate) -> Disposition {
    let due_on = pickup_due_on(received_on);
    if as_of < due_on {
        Disposition::Waiting { due_on, days_left: (due_on - as_of).num_days() }
    } else if special_order {
        Disposition::ManagerDecision { since: due_on }
    } else {
        Disposition::ReturnToVendor { since: due_on }
    }
}

/// Where a nonstock item stands: awaiting pickup, or how its wait ended.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, strum::Display, strum::EnumString, strum::IntoStaticStr,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum NonstockStatus {
    AwaitingPickup,
    PickedUp,
    ReturnedToVendor,
    ChargedToCustomer,
    NotCharged,
}

impl NonstockStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A manager's decision on special-order nonstock ended the wait.
    pub fn is_decision(self) -> bool {
        matches!(self, NonstockStatus::ChargedToCustomer | NonstockStatus::NotCharged)
    }
}

/// A nonstock item received for a customer, as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NonstockItem {
    pub item_no: String,
    pub account_no: String,
    pub description: String,
    pub vendor: String,
    pub special_order: bool,
    pub received_on: NaiveDate,
    /// The first day past its 30 days (day 31 after receipt).
    pub due_on: NaiveDate,
    pub status: NonstockStatus,
    /// For an item still awaiting pickup, as of the day asked.
    pub disposition: Option<Disposition>,
    pub closed_on: Option<NaiveDate>,
    pub fee_doc_no: Option<String>,
    pub fee: Option<Money>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    #[test]
    fn nonstock_waits_30_days_and_on_day_31_is_listed_for_return_to_the_vendor() {
        let received = d("2026-03-01");
        assert_eq!(
            disposition(received, false, d("2026-03-30")),
            Disposition::Waiting { due_on: d("2026-04-01"), days_left: 2 }
        );
        // Day 30 (received + 30) is still within the 30 days.
        assert_eq!(
            disposition(received, false, d("2026-03-31")),
            Disposition::Waiting { due_on: d("2026-04-01"), days_left: 1 }
        );
        assert_eq!(
            disposition(received, false, d("2026-04-01")),
            Disposition::ReturnToVendor { since: d("2026-04-01") }
        );
        assert_eq!(pickup_due_on(received), d("2026-04-01"));
    }

    #[test]
    fn unclaimed_special_order_nonstock_goes_to_a_manager_not_the_vendor() {
        let got = disposition(d("2026-03-01"), true, d("2026-04-15"));
        assert_eq!(got, Disposition::ManagerDecision { since: d("2026-04-01") });
        assert!(got.is_due());
        assert!(!disposition(d("2026-03-01"), true, d("2026-03-31")).is_due(), "day 30 is within");
    }

    #[test]
    fn nonstock_statuses_are_spelled_as_stored() {
        for (status, text) in [
            (NonstockStatus::AwaitingPickup, "AWAITING_PICKUP"),
            (NonstockStatus::PickedUp, "PICKED_UP"),
            (NonstockStatus::ReturnedToVendor, "RETURNED_TO_VENDOR"),
            (NonstockStatus::ChargedToCustomer, "CHARGED_TO_CUSTOMER"),
            (NonstockStatus::NotCharged, "NOT_CHARGED"),
        ] {
            assert_eq!((status.as_str(), status.to_string(), text.parse().ok()), (text, text.into(), Some(status)));
            assert_eq!(serde_json::to_value(status).unwrap(), serde_json::json!(text));
        }
    }

    #[test]
    fn only_a_waiting_item_is_not_due_and_only_a_managers_outcome_is_a_decision() {
        let waiting = Disposition::Waiting { due_on: d("2026-03-31"), days_left: 1 };
        assert!(!waiting.is_due());
        assert!(Disposition::ReturnToVendor { since: d("2026-03-31") }.is_due());
        assert!(NonstockStatus::ChargedToCustomer.is_decision());
        assert!(NonstockStatus::NotCharged.is_decision());
        assert!(!NonstockStatus::ReturnedToVendor.is_decision());
        assert!(!NonstockStatus::PickedUp.is_decision());
    }
}
