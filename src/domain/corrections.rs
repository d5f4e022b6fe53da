//! Corrections (RULES.md section 10): what may be voided, the payoff amount, a
//! write-off and a refund of unapplied credit.
//!
//! A void document counts nowhere, at any as-of date, as if it had never been recorded.
//! The store leaves void rows out of every ledger it loads, so the engine
//! (`ledger::evaluate`) never sees them: the rule holds for every report at once, and a
//! payment whose `apply_to` names a void charge takes nothing there by the engine's own
//! rule for a document that was never charged.

use super::account::AccountStatus;
use super::charge::returned_check_fee_doc_no;
use super::ledger::{evaluate, AccountLedger, FigureTooLarge};
use super::{Money, Payment, PaymentMethod};
use chrono::NaiveDate;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

/// Why a charge may not be voided (`None`: it may). Derived charges are not rows: the
/// month's interest is never voided, a returned-check fee is waived instead.
pub fn charge_void_refused(doc_no: &str) -> Option<String> {
    if doc_no.starts_with("FC-") {
        return Some(format!("{doc_no} is interest posted by the rules; it cannot be voided"));
    }
    if let Some(reference) = doc_no.strip_prefix("RCF-") {
        return Some(format!(
            "{doc_no} is a returned-check fee: a manager waives it instead (check waive {reference})"
        ));
    }
    None
}

/// Why a payment may not be voided (`None`: it may).
pub fn payment_void_refused(reference: &str, returned_on: Option<NaiveDate>) -> Option<String> {
    returned_on.map(|on| {
        format!("{reference} was returned by the bank on {on}: its return already voids it, so it is not voided")
    })
}

/// The fee document a `check waive REF` voids.
pub fn waived_fee_doc_no(payment_ref: &str) -> String {
    returned_check_fee_doc_no(payment_ref)
}

/// The payoff amount of an account as of `on`: what a payment on that day without
/// `apply_to` must be to leave the account's total at exactly 0.00 as of that day and
/// every later day while nothing else happens. It is the total as of `on` less that
/// day's own accrual, because a payment is applied before the day accrues; it is found
/// by letting the engine apply a payment large enough to pay everything, so the month's
/// interest, the oldest-first order and the rounding are the engine's own. Zero when
/// the account owes nothing (its credit covers what it owes).
pub fn payoff(l: &AccountLedger<'_>, on: NaiveDate) -> Result<Money, FigureTooLarge> {
    let before = evaluate(l, on)?;
    // As much as can be open that day: every charge up to then, in full.
    let enough = before.charges.iter().map(|c| c.amount).sum::<Money>();
    let mut payments = l.payments.to_vec();
    // An empty reference sorts before every real one: it is applied first that day.
    payments.push(Payment {
        reference: String::new(),
        date: on,
        method: PaymentMethod::WriteOff,
        amount: enough,
        apply_to: None,
    });
    let after = evaluate(&AccountLedger { payments: &payments, ..*l }, on)?;
    // After it the total is linear in the amount paid: `enough` too much is −balance.
    let owed = enough + after.balance();
    Ok(if owed.is_positive() { owed } else { Money::ZERO })
}

/// A write-off suspends the account; one already suspended or closed stays as it is.
pub fn status_after_write_off(from: AccountStatus) -> AccountStatus {
    match from {
        AccountStatus::Closed => AccountStatus::Closed,
        _ => AccountStatus::Suspended,
    }
}

/// `WO-<account_no>-<YYYY-MM-DD>`: the reference of a write-off payment.
pub fn write_off_ref(account_no: &str, on: NaiveDate) -> String {
    format!("WO-{account_no}-{on}")
}

/// How unapplied credit is paid back to the dealer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RefundMethod {
    Check,
    Wire,
}

/// Why a refund of `amount` is refused when the account holds `credit` of unapplied
/// credit that day (`None`: it is within the credit).
pub fn refund_refused(amount: Money, credit: Money) -> Option<String> {
    if !amount.is_positive() {
        return Some("a refund is greater than zero".into());
    }
    (amount > credit)
        .then(|| format!("{} is more than the unapplied credit of {} that day", amount.grouped(), credit.grouped()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;
    use crate::domain::{Charge, ChargeKind, ReturnedCheck};
    use rust_decimal::Decimal;

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn invoice(doc: &str, date: &str, due: &str, cents: i64) -> Charge {
        Charge { doc_no: doc.into(), kind: ChargeKind::Invoice, date: d(date), due: d(due), amount: m(cents) }
    }

    fn paid(reference: &str, date: &str, cents: i64) -> Payment {
        Payment {
            reference: reference.into(),
            date: d(date),
            method: PaymentMethod::Wire,
            amount: m(cents),
            apply_to: None,
        }
    }

    const RATE: Decimal = Decimal::from_parts(18, 0, 0, false, 2);

    fn ledger<'a>(charges: &'a [Charge], payments: &'a [Payment], returns: &'a [ReturnedCheck]) -> AccountLedger<'a> {
        AccountLedger { account_no: "A1", annual_rate: RATE, charges, payments, returns }
    }

    /// Paying `payoff` on `on` leaves the total at 0.00 that day, the next, and at the
    /// following month ends.
    fn settles(charges: &[Charge], payments: &[Payment], on: NaiveDate) -> Money {
        let l = ledger(charges, payments, &[]);
        let amount = payoff(&l, on).unwrap();
        let mut with = payments.to_vec();
        with.push(Payment { reference: "PAYOFF".into(), date: on, ..paid("x", "2026-01-01", amount.cents()) });
        let after = ledger(charges, &with, &[]);
        for day in [on, on.succ_opt().unwrap(), crate::domain::dates::month_end(on), d("2026-12-31")] {
            assert_eq!(evaluate(&after, day).unwrap().balance(), Money::ZERO, "paying {amount} on {on}, as of {day}");
        }
        amount
    }

    #[test]
    fn payoff_is_the_total_less_the_days_own_accrual() {
        // 1,000.00 due 2026-01-31, overdue from 02-01: as of 02-10 ten days accrue
        // (1000 × 0.18 × 10 / 365 = 4.93…); a payment on 02-10 stops day 10's, so nine
        // days count: 1000 × 0.18 × 9 / 365 = 4.438… → 4.44.
        let charges = [invoice("INV-1", "2026-01-01", "2026-01-31", 100_000)];
        let l = ledger(&charges, &[], &[]);
        assert_eq!(evaluate(&l, d("2026-02-10")).unwrap().balance(), m(100_493));
        assert_eq!(payoff(&l, d("2026-02-10")).unwrap(), m(100_444));
        assert_eq!(settles(&charges, &[], d("2026-02-10")), m(100_444));
    }

    #[test]
    fn payoff_on_the_first_overdue_day_is_the_amount_and_before_it_too() {
        let charges = [invoice("INV-1", "2026-01-01", "2026-01-31", 100_000)];
        let l = ledger(&charges, &[], &[]);
        // Due on 01-31: not overdue that day; 02-01 is the first overdue day, and a
        // payment that day comes before its accrual.
        assert_eq!(payoff(&l, d("2026-01-31")).unwrap(), m(100_000));
        assert_eq!(payoff(&l, d("2026-02-01")).unwrap(), m(100_000));
        // As of 02-01 itself that day has accrued: 1000 × 0.18 / 365 = 0.493… → 0.49.
        assert_eq!(evaluate(&l, d("2026-02-01")).unwrap().balance(), m(100_049));
    }

    #[test]
    fn payoff_on_a_month_end_counts_the_months_interest_without_that_day() {
        // Overdue 02-01..02-27 before the payment on 02-28: 27 days → 13.315… → 13.32
        // posted as FC-A1-2026-02 and paid by the payment's rest.
        let charges = [invoice("INV-1", "2026-01-01", "2026-01-31", 100_000)];
        let l = ledger(&charges, &[], &[]);
        assert_eq!(payoff(&l, d("2026-02-28")).unwrap(), m(101_332));
        assert_eq!(settles(&charges, &[], d("2026-02-28")), m(101_332));
        // The day after a month end: the month is posted, the new month has one day less.
        assert_eq!(settles(&charges, &[], d("2026-03-01")), m(101_381));
    }

    #[test]
    fn payoff_takes_the_days_charges_and_payments_as_they_are() {
        let charges = [
            invoice("INV-1", "2026-01-01", "2026-01-31", 100_000),
            invoice("INV-2", "2026-02-10", "2026-02-10", 5_000),
        ];
        let payments = [paid("P-1", "2026-02-10", 30_000)];
        let amount = settles(&charges, &payments, d("2026-02-10"));
        assert_eq!(amount, m(75_444), "1,000.00 + 50.00 + 4.44 − 300.00");
    }

    #[test]
    fn payoff_is_zero_when_nothing_is_owed_or_the_credit_covers_it() {
        assert_eq!(payoff(&ledger(&[], &[], &[]), d("2026-02-10")).unwrap(), Money::ZERO);
        let charges = [invoice("INV-1", "2026-01-01", "2026-01-01", 10_000)];
        let payments = [paid("P-1", "2026-01-01", 25_000)];
        assert_eq!(payoff(&ledger(&charges, &payments, &[]), d("2026-02-10")).unwrap(), Money::ZERO);
        let exact = [paid("P-1", "2026-01-01", 10_000)];
        assert_eq!(payoff(&ledger(&charges, &exact, &[]), d("2026-02-10")).unwrap(), Money::ZERO);
    }

    #[test]
    fn payoff_nets_credit_against_interest_still_accruing() {
        // Paid on 02-11 after ten overdue days: 4.93 of interest accrues, 4.00 of credit.
        let charges = [invoice("INV-1", "2026-01-01", "2026-01-31", 100_000)];
        let payments = [paid("P-1", "2026-02-11", 100_400)];
        let l = ledger(&charges, &payments, &[]);
        let on = d("2026-02-20");
        assert_eq!(evaluate(&l, on).unwrap().accrued_interest, m(493));
        assert_eq!(evaluate(&l, on).unwrap().unapplied_credit, m(400));
        assert_eq!(payoff(&l, on).unwrap(), m(93));
        assert_eq!(settles(&charges, &payments, on), m(93));
    }

    #[test]
    fn payoff_counts_a_returned_checks_fee() {
        let charges = [invoice("INV-1", "2026-01-01", "2026-01-01", 10_000)];
        let payments = [Payment { method: PaymentMethod::Check, ..paid("P-1", "2026-01-01", 10_000) }];
        let returns = [ReturnedCheck {
            payment_ref: "P-1".into(),
            returned_date: d("2026-01-05"),
            fee: m(2500),
            fee_waived: false,
        }];
        let l = ledger(&charges, &payments, &returns);
        // 100.00 due 01-01, overdue 01-02..01-04 before 01-05: 3 days of 0.0493… = 0.15.
        assert_eq!(payoff(&l, d("2026-01-05")).unwrap(), m(12_515));
    }

    #[test]
    fn derived_charges_are_not_voided_and_a_returned_check_is_not_either() {
        assert!(charge_void_refused("FC-A100-2026-02").unwrap().contains("interest"));
        assert!(charge_void_refused("RCF-P-3").unwrap().contains("check waive P-3"));
        assert_eq!(charge_void_refused("INV-1001"), None);
        assert_eq!(charge_void_refused("XFC-1"), None);
        assert!(payment_void_refused("P-3", Some(d("2026-02-27"))).unwrap().contains("2026-02-27"));
        assert_eq!(payment_void_refused("P-1", None), None);
        assert_eq!(waived_fee_doc_no("P-3"), "RCF-P-3");
    }

    #[test]
    fn a_write_off_suspends_the_account_unless_it_is_closed() {
        use AccountStatus::*;
        assert_eq!(status_after_write_off(Active), Suspended);
        assert_eq!(status_after_write_off(Suspended), Suspended);
        assert_eq!(status_after_write_off(Closed), Closed);
        assert_eq!(write_off_ref("A100", d("2026-04-30")), "WO-A100-2026-04-30");
    }

    #[test]
    fn a_refund_is_refused_above_the_credit_and_allowed_up_to_it() {
        assert_eq!(refund_refused(m(500), m(500)), None);
        assert_eq!(refund_refused(m(499), m(500)), None);
        assert!(refund_refused(m(501), m(500)).unwrap().contains("more than the unapplied credit of 5.00"));
        assert!(refund_refused(m(100), Money::ZERO).is_some());
        assert!(refund_refused(Money::ZERO, m(500)).is_some());
    }
}
