//! Charges: what a dealer owes, and when it falls due (RULES.md section 2).

use super::dates::add_days;
use super::{Money, Terms};
use chrono::{Datelike, NaiveDate};
use compact_str::CompactString;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ChargeKind {
    Invoice,
    Repair,
    Fee,
    CollectionCost,
    ReturnedCheckFee,
    Interest,
    /// Unapplied credit paid back to the dealer (RULES 10): due on its own date, paid at
    /// once by the credit.
    Refund,
}

impl ChargeKind {
    /// What the charge form and `charge add` record by hand.
    pub const RECORDED: [ChargeKind; 4] =
        [ChargeKind::Invoice, ChargeKind::Repair, ChargeKind::Fee, ChargeKind::CollectionCost];
    /// What an import of history brings in: the recorded kinds and refunds (never the
    /// derived ones).
    pub const IMPORTED: [ChargeKind; 5] =
        [ChargeKind::Invoice, ChargeKind::Repair, ChargeKind::Fee, ChargeKind::CollectionCost, ChargeKind::Refund];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Interest and returned-check fees are derived by the rules, never recorded by hand.
    pub fn is_derived(self) -> bool {
        matches!(self, ChargeKind::Interest | ChargeKind::ReturnedCheckFee)
    }

    /// Sales (invoices, repairs) follow the account's terms; every other kind is due at once.
    pub fn follows_terms(self) -> bool {
        matches!(self, ChargeKind::Invoice | ChargeKind::Repair)
    }
}

/// Prefixes reserved for derived charges' document numbers.
pub const RESERVED_PREFIXES: [&str; 2] = ["FC-", "RCF-"];

pub fn has_reserved_prefix(doc_no: &str) -> bool {
    RESERVED_PREFIXES.iter().any(|p| doc_no.starts_with(p))
}

/// The due date fixed when a charge is recorded, from the terms in force that day.
/// An explicit due date wins (the caller checks it is not before `date`).
pub fn due_date(kind: ChargeKind, date: NaiveDate, terms: Terms, explicit: Option<NaiveDate>) -> NaiveDate {
    match explicit {
        Some(d) => d,
        None if kind.follows_terms() && terms == Terms::Net30 => add_days(date, 30),
        None => date,
    }
}

/// A recorded charge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charge {
    pub doc_no: String,
    pub kind: ChargeKind,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
}

/// `FC-<account_no>-<YYYY-MM>`: the month's posted interest.
pub fn interest_doc_no(account_no: &str, month_end: NaiveDate) -> CompactString {
    let (year, month) = (month_end.year(), month_end.month());
    // Put together by hand, in place (no allocation up to 24 bytes: an account number up
    // to 13): a report names one for every account and month of interest.
    let mut doc = [0u8; 24];
    let len = account_no.len() + 11;
    // (At exactly 24 bytes either way makes the same number: `>=` here is an equivalent
    // mutant.)
    if !(0..=9999).contains(&year) || len > doc.len() {
        return compact_str::format_compact!("FC-{account_no}-{year:04}-{month:02}");
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let y = year as u32;
    doc[..3].copy_from_slice(b"FC-");
    doc[3..len - 8].copy_from_slice(account_no.as_bytes());
    doc[len - 8..len].copy_from_slice(&[
        b'-',
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(month / 10),
        digit(month),
    ]);
    // An account number, dashes and ASCII digits: always UTF-8.
    CompactString::from_utf8(&doc[..len]).unwrap_or_default()
}

/// `RCF-<payment_ref>`: the fee for a returned check.
pub fn returned_check_fee_doc_no(payment_ref: &str) -> String {
    format!("RCF-{payment_ref}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::{d, parse_iso};

    #[test]
    fn posted_interest_is_named_for_its_account_and_month() {
        assert_eq!(interest_doc_no("A100", d("2026-02-28")), "FC-A100-2026-02");
        assert_eq!(interest_doc_no("Z109998", d("2025-12-31")), "FC-Z109998-2025-12");
        assert_eq!(interest_doc_no("B2", d("0999-10-31")), "FC-B2-0999-10");
        // Longer than fits in place (an account number of 14 and more), and just fitting.
        assert_eq!(interest_doc_no("DEALER-0000042", d("2026-02-28")), "FC-DEALER-0000042-2026-02");
        assert_eq!(interest_doc_no("DEALER-000042", d("2026-02-28")), "FC-DEALER-000042-2026-02");
        let far = NaiveDate::from_ymd_opt(10_000, 1, 31).unwrap();
        assert_eq!(interest_doc_no("B2", far), format!("FC-B2-{}-01", 10_000));
    }

    #[test]
    fn interest_and_returned_check_fees_are_derived_and_their_prefixes_reserved() {
        assert!(ChargeKind::Interest.is_derived() && ChargeKind::ReturnedCheckFee.is_derived());
        assert!(!ChargeKind::Invoice.is_derived() && !ChargeKind::Fee.is_derived());
        assert!(has_reserved_prefix("FC-A100-2026-02") && has_reserved_prefix("RCF-P-3"));
        assert!(!has_reserved_prefix("INV-1001") && !has_reserved_prefix("FCX-1"));
    }

    #[test]
    fn net30_sales_are_due_thirty_days_later_everything_else_at_once() {
        let d = parse_iso("2026-01-01").unwrap();
        assert_eq!(due_date(ChargeKind::Invoice, d, Terms::Net30, None), parse_iso("2026-01-31").unwrap());
        assert_eq!(due_date(ChargeKind::Repair, d, Terms::Net30, None), parse_iso("2026-01-31").unwrap());
        assert_eq!(due_date(ChargeKind::Invoice, d, Terms::Prepay, None), d);
        assert_eq!(due_date(ChargeKind::Fee, d, Terms::Net30, None), d);
        assert_eq!(due_date(ChargeKind::CollectionCost, d, Terms::Net30, None), d);
        let explicit = parse_iso("2026-01-10").unwrap();
        assert_eq!(due_date(ChargeKind::Fee, d, Terms::Net30, Some(explicit)), explicit);
    }

    #[test]
    fn a_refund_is_due_on_its_own_date_and_is_recorded_by_hand_only_through_refund() {
        let d = parse_iso("2026-01-01").unwrap();
        assert_eq!(due_date(ChargeKind::Refund, d, Terms::Net30, None), d);
        assert!(!ChargeKind::Refund.is_derived());
        assert!(!ChargeKind::RECORDED.contains(&ChargeKind::Refund));
        assert!(ChargeKind::IMPORTED.contains(&ChargeKind::Refund));
        assert!(ChargeKind::IMPORTED.iter().all(|k| !k.is_derived()));
    }
}
