//! Repair tickets (RULES.md section 3): the status path and what a repair costs the customer.

use super::dates::as_it_stood;
use super::Money;
use chrono::NaiveDate;

/// The handling fee of a repair.
pub const HANDLING_FEE: Money = Money::from_cents(1500);
/// The handling fee of an oversized or bulky item.
pub const HANDLING_FEE_OVERSIZED: Money = Money::from_cents(2500);

/// $15.00, or $25.00 when the item is oversized/bulky.
pub fn handling_fee(oversized: bool) -> Money {
    if oversized {
        HANDLING_FEE_OVERSIZED
    } else {
        HANDLING_FEE
    }
}

super::spelled! {
    /// `RECEIVED` → `SENT_TO_MANUFACTURER` → `BACK_FROM_MANUFACTURER` → `SHIPPED_TO_CUSTOMER`
    /// → `CLOSED`, or `CANCELLED`.
    pub enum RepairStatus {
        Received,
        SentToManufacturer,
        BackFromManufacturer,
        ShippedToCustomer,
        Closed,
        Cancelled,
    }
}

impl RepairStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// The next step an "advance" takes; closing is its own step (it posts the charge).
    pub fn next(self) -> Option<RepairStatus> {
        match self {
            RepairStatus::Received => Some(RepairStatus::SentToManufacturer),
            RepairStatus::SentToManufacturer => Some(RepairStatus::BackFromManufacturer),
            RepairStatus::BackFromManufacturer => Some(RepairStatus::ShippedToCustomer),
            _ => None,
        }
    }

    pub fn is_open(self) -> bool {
        !matches!(self, RepairStatus::Closed | RepairStatus::Cancelled)
    }

    /// A ticket may be cancelled until it is shipped back to the customer (RULES 10).
    pub fn can_be_cancelled(self) -> bool {
        matches!(self, RepairStatus::Received | RepairStatus::SentToManufacturer | RepairStatus::BackFromManufacturer)
    }
}

/// What a ticket charges the customer, itemised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct RepairCharges {
    pub oversized: bool,
    pub handling_fee_waived: bool,
    pub freight_in: Money,
    pub freight_out: Money,
    pub insurance: Money,
    pub manufacturer_charge: Money,
}

impl RepairCharges {
    /// The handling fee as charged: zero when a manager waived it.
    pub fn handling_fee(&self) -> Money {
        if self.handling_fee_waived {
            Money::ZERO
        } else {
            handling_fee(self.oversized)
        }
    }

    /// The one `REPAIR` charge closing the ticket posts.
    pub fn total(&self) -> Money {
        self.handling_fee() + self.freight_in + self.freight_out + self.insurance + self.manufacturer_charge
    }
}

/// `REP-<ticket_no>`: the charge a closed ticket posts.
pub fn repair_doc_no(ticket_no: &str) -> String {
    format!("REP-{ticket_no}")
}

/// A repair ticket as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ticket {
    pub ticket_no: String,
    pub account_no: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub fault: String,
    pub status: RepairStatus,
    pub charges: RepairCharges,
    pub waiver_reason: Option<String>,
    pub waived_by: Option<String>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub charge_doc_no: Option<String>,
}

impl Ticket {
    /// The ticket as it stood at the end of `day`: none before the day it was opened; a
    /// ticket closed later shows as shipped back to the customer (closing needs that),
    /// without its closing day and charge. The steps before carry no date: they show as
    /// they are now.
    pub fn as_of(&self, day: NaiveDate) -> Option<Ticket> {
        as_it_stood(self, day, self.opened_on, self.closed_on, |t| {
            if t.status == RepairStatus::Closed {
                t.status = RepairStatus::ShippedToCustomer;
            }
            t.closed_on = None;
            t.charge_doc_no = None;
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_ticket_is_open_until_closed_or_cancelled_and_posts_rep_ticket() {
        use super::*;
        use RepairStatus::*;
        for s in [Received, SentToManufacturer, BackFromManufacturer, ShippedToCustomer] {
            assert!(s.is_open(), "{s}");
        }
        assert!(!Closed.is_open() && !Cancelled.is_open());
        assert_eq!(repair_doc_no("T-77"), "REP-T-77");
    }

    #[test]
    fn a_ticket_is_cancelled_only_before_it_is_shipped_back() {
        use RepairStatus::*;
        for s in [Received, SentToManufacturer, BackFromManufacturer] {
            assert!(s.can_be_cancelled(), "{s}");
        }
        for s in [ShippedToCustomer, Closed, Cancelled] {
            assert!(!s.can_be_cancelled(), "{s}");
        }
    }

    use super::*;
    use crate::domain::dates::d;

    #[test]
    fn handling_fee_is_15_or_25_when_oversized() {
        assert_eq!(handling_fee(false), Money::from_cents(1500));
        assert_eq!(handling_fee(true), Money::from_cents(2500));
    }

    #[test]
    fn a_waived_handling_fee_charges_nothing_but_the_rest_still_counts() {
        let c = RepairCharges {
            oversized: true,
            handling_fee_waived: true,
            freight_in: Money::from_cents(1000),
            freight_out: Money::from_cents(1200),
            insurance: Money::from_cents(300),
            manufacturer_charge: Money::from_cents(8000),
        };
        assert_eq!(c.total(), Money::from_cents(10500));
        assert_eq!(RepairCharges { handling_fee_waived: false, ..c }.total(), Money::from_cents(13000));
    }

    #[test]
    fn status_advances_in_order_and_closing_is_separate() {
        let mut s = RepairStatus::Received;
        let mut path = vec![s];
        while let Some(n) = s.next() {
            s = n;
            path.push(s);
        }
        assert_eq!(path.last(), Some(&RepairStatus::ShippedToCustomer));
        assert_eq!(path.len(), 4);
        assert!(!RepairStatus::Closed.is_open());
    }

    fn closed_ticket() -> Ticket {
        Ticket {
            ticket_no: "T-1".into(),
            account_no: "A100".into(),
            manufacturer: "Honeywell".into(),
            model: "Vista".into(),
            serial: "S1".into(),
            fault: "dead".into(),
            status: RepairStatus::Closed,
            charges: RepairCharges::default(),
            waiver_reason: None,
            waived_by: None,
            opened_on: d("2026-03-01"),
            closed_on: Some(d("2026-03-20")),
            charge_doc_no: Some("REP-T-1".into()),
        }
    }

    #[test]
    fn a_ticket_exists_from_the_day_it_was_opened() {
        let t = closed_ticket();
        assert_eq!(t.as_of(d("2026-02-28")), None);
        assert!(t.as_of(d("2026-03-01")).is_some());
    }

    #[test]
    fn a_ticket_closed_after_the_day_shows_as_shipped_back_without_its_charge() {
        let t = closed_ticket();
        let before = t.as_of(d("2026-03-19")).unwrap();
        assert_eq!(
            (before.status, before.closed_on, before.charge_doc_no),
            (RepairStatus::ShippedToCustomer, None, None)
        );
        assert_eq!(t.as_of(d("2026-03-20")).unwrap(), t, "closed on the day itself");
        let cancelled = Ticket { status: RepairStatus::Cancelled, ..t };
        assert_eq!(cancelled.as_of(d("2026-03-19")).unwrap().status, RepairStatus::Cancelled, "only a close is undone");
    }
}
