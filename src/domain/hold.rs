//! Credit hold (RULES.md section 11): an account flagged for collections (2.4), or a
//! `NET30` account whose balance is over its credit limit, is on credit hold and gets
//! no new `INVOICE` unless a manager overrides the hold for that one invoice. A
//! disputed charge is left out: it neither flags the account nor counts toward the limit.

use super::aging::is_collections_item;
use super::credit::{over_limit, OverLimit};
use super::dates::add_days;
use super::ledger::PositionAt;
use super::{Money, Terms};
use chrono::NaiveDate;

/// Why an account is on hold (one or both).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Hold {
    /// In collections: undisputed outstanding more than 60 days past due, and the days
    /// past due of the oldest such charge.
    pub collections: Option<(Money, i64)>,
    /// Over the credit limit, undisputed charges only.
    pub over_limit: Option<OverLimit>,
}

impl Hold {
    /// The reason in words, as a refusal and the hold list say it.
    pub fn reason(&self) -> String {
        let mut parts = Vec::new();
        if let Some((amount, days)) = self.collections {
            parts.push(format!("in collections: {} more than 60 days past due (oldest {days} days)", amount.grouped()));
        }
        if let Some(o) = &self.over_limit {
            parts.push(format!(
                "over the credit limit by {} (balance {}, limit {})",
                o.excess.grouped(),
                o.balance.grouped(),
                o.credit_limit.grouped()
            ));
        }
        parts.join("; ")
    }
}

/// The account's hold as of the day of `p`, if it is on hold. `disputed` says which
/// documents are disputed that day.
pub fn hold(terms: Terms, credit_limit: Money, p: &PositionAt<'_>, disputed: impl Fn(&str) -> bool) -> Option<Hold> {
    let mut past_60: Option<(Money, i64)> = None;
    let mut disputed_outstanding = Money::ZERO;
    for c in p.open_charges() {
        if disputed(&c.doc_no) {
            disputed_outstanding += c.outstanding;
        } else if is_collections_item(c, p.as_of) {
            let (sum, oldest) = past_60.unwrap_or((Money::ZERO, 0));
            past_60 = Some((sum + c.outstanding, oldest.max(c.days_past_due(p.as_of))));
        }
    }
    let over = over_limit(terms, credit_limit, p.balance() - disputed_outstanding);
    (past_60.is_some() || over.is_some()).then_some(Hold { collections: past_60, over_limit: over })
}

/// The days on which an account's hold can begin or end: the days something is charged,
/// paid or returned, each charge's 61st day past due, the days after each month end (a
/// posted month's interest ages from there), and the days a dispute opens or closes.
/// `dated` are those days where they are known (documents, disputes); `dues` the due
/// dates of the charges. Ascending, none after `as_of`, `as_of` last.
pub fn hold_days(
    dated: impl IntoIterator<Item = NaiveDate>,
    dues: impl IntoIterator<Item = NaiveDate>,
    as_of: NaiveDate,
) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = dated.into_iter().collect();
    days.extend(dues.into_iter().map(|due| add_days(due, super::aging::COLLECTIONS_AFTER_DAYS as u64 + 1)));
    if let Some(first) = days.iter().min().copied() {
        // Interest charges are derived: each month end may post one, due that day.
        let mut m = super::dates::month_end(first);
        // Only ends the loop: what it pushes from a month end on or after `as_of` is
        // later than `as_of` and dropped below (so `<=` here is an equivalent mutant).
        while m < as_of {
            days.push(add_days(m, super::aging::COLLECTIONS_AFTER_DAYS as u64 + 1));
            m = super::dates::month_end(super::dates::next_day(m));
        }
    }
    days.push(as_of);
    days.retain(|d| *d <= as_of);
    days.sort_unstable();
    days.dedup();
    days
}

/// The first day of the hold that is in force on the last of `days`: `on_hold` says, for
/// each of `days` (ascending), whether the account was on hold that day. None when it is
/// not on hold on the last day.
pub fn hold_since(days: &[NaiveDate], on_hold: &[bool]) -> Option<NaiveDate> {
    if !on_hold.last().copied().unwrap_or(false) {
        return None;
    }
    let run = on_hold.iter().rev().take_while(|h| **h).count();
    days.get(days.len() - run).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;
    use crate::domain::ChargeStatus;

    fn open(doc: &str, due: &str, cents: i64) -> ChargeStatus {
        ChargeStatus::unpaid_invoice(doc, due, cents)
    }

    fn at<'a>(charges: &'a [ChargeStatus], as_of: &str) -> PositionAt<'a> {
        PositionAt { as_of: d(as_of), charges, accrued_interest: Money::ZERO, unapplied_credit: Money::ZERO }
    }

    const NONE: fn(&str) -> bool = |_| false;

    #[test]
    fn an_account_with_a_charge_61_days_past_due_is_on_hold_and_60_days_is_not() {
        let charges = [open("INV-1", "2026-01-01", 10000)];
        assert_eq!(hold(Terms::Prepay, Money::ZERO, &at(&charges, "2026-03-02"), NONE), None, "60 days");
        let h = hold(Terms::Prepay, Money::ZERO, &at(&charges, "2026-03-03"), NONE).expect("61 days");
        assert_eq!(h.collections, Some((Money::from_cents(10000), 61)));
        assert_eq!(h.over_limit, None, "a PREPAY account has no limit to be over");
        assert!(h.reason().contains("100.00 more than 60 days past due (oldest 61 days)"), "{}", h.reason());
    }

    #[test]
    fn the_collections_part_sums_every_undisputed_charge_past_60_days() {
        let charges = [
            open("A", "2026-01-01", 10000),
            open("B", "2026-01-20", 50_00),
            open("C", "2026-03-01", 700),
            open("D", "2025-12-01", 30_00),
        ];
        let h = hold(Terms::Prepay, Money::ZERO, &at(&charges, "2026-03-31"), |doc| doc == "D").unwrap();
        assert_eq!(h.collections, Some((Money::from_cents(15000), 89)), "C is 30 days, D disputed");
    }

    #[test]
    fn an_account_whose_only_charges_past_60_days_are_disputed_is_not_on_hold() {
        let charges = [open("INV-1", "2026-01-01", 10000), open("INV-2", "2026-03-01", 10_00)];
        assert_eq!(hold(Terms::Prepay, Money::ZERO, &at(&charges, "2026-03-31"), |doc| doc == "INV-1"), None);
        assert!(hold(Terms::Prepay, Money::ZERO, &at(&charges, "2026-03-31"), |doc| doc == "INV-2").is_some());
    }

    #[test]
    fn a_net30_account_over_its_limit_is_on_hold_at_its_limit_not() {
        let charges = [open("INV-1", "2026-03-01", 100000)];
        let p = at(&charges, "2026-03-10");
        assert_eq!(hold(Terms::Net30, Money::from_cents(100000), &p, NONE), None, "at the limit");
        let h = hold(Terms::Net30, Money::from_cents(99999), &p, NONE).expect("one cent over");
        assert_eq!(h.over_limit.map(|o| o.excess), Some(Money::from_cents(1)));
        assert_eq!(h.collections, None);
        assert!(h.reason().starts_with("over the credit limit by 0.01 (balance 1,000.00, limit 999.99)"));
        assert_eq!(hold(Terms::Prepay, Money::from_cents(99999), &p, NONE), None, "PREPAY: no credit line");
    }

    #[test]
    fn a_disputed_charge_does_not_count_toward_the_limit() {
        let charges = [open("INV-1", "2026-03-01", 60000), open("INV-2", "2026-03-02", 60000)];
        let p = at(&charges, "2026-03-10");
        assert!(hold(Terms::Net30, Money::from_cents(100000), &p, NONE).is_some());
        assert_eq!(hold(Terms::Net30, Money::from_cents(100000), &p, |doc| doc == "INV-2"), None);
    }

    #[test]
    fn accrued_interest_and_credit_move_the_balance_against_the_limit() {
        let charges = [open("INV-1", "2026-03-01", 100000)];
        let mut p = at(&charges, "2026-03-10");
        p.accrued_interest = Money::from_cents(1);
        assert!(hold(Terms::Net30, Money::from_cents(100000), &p, NONE).is_some());
        p.unapplied_credit = Money::from_cents(1);
        assert_eq!(hold(Terms::Net30, Money::from_cents(100000), &p, NONE), None);
    }

    #[test]
    fn both_reasons_are_given_when_both_hold() {
        let charges = [open("INV-1", "2026-01-01", 200000)];
        let h = hold(Terms::Net30, Money::from_cents(100000), &at(&charges, "2026-04-01"), NONE).unwrap();
        assert!(h.collections.is_some() && h.over_limit.is_some());
        assert!(h.reason().contains("; over the credit limit"), "{}", h.reason());
    }

    #[test]
    fn a_hold_begins_on_the_first_day_of_the_run_that_reaches_the_last_day() {
        let days = [d("2026-01-01"), d("2026-02-01"), d("2026-03-01"), d("2026-04-01")];
        assert_eq!(hold_since(&days, &[true, false, true, true]), Some(d("2026-03-01")));
        assert_eq!(hold_since(&days, &[true, true, true, true]), Some(d("2026-01-01")));
        assert_eq!(hold_since(&days, &[true, true, true, false]), None);
        assert_eq!(hold_since(&days, &[false, false, false, true]), Some(d("2026-04-01")));
        assert_eq!(hold_since(&[], &[]), None);
    }

    #[test]
    fn the_days_a_hold_can_change_include_each_61st_day_past_due_and_end_on_the_day() {
        let days = hold_days([d("2026-01-05"), d("2026-01-05"), d("2026-05-01")], [d("2026-01-05")], d("2026-04-10"));
        assert_eq!(days.first(), Some(&d("2026-01-05")));
        assert!(days.contains(&d("2026-03-07")), "due 01-05 + 61 days");
        assert!(days.contains(&d("2026-04-02")), "the January month end's interest, + 61 days");
        assert!(!days.contains(&d("2026-05-01")), "after the day");
        assert_eq!(days.last(), Some(&d("2026-04-10")));
        assert!(days.windows(2).all(|w| w[0] < w[1]), "ascending, once each: {days:?}");
    }
}
