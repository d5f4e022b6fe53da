//! Promises to pay (RULES.md section 11): an amount promised by a day, recorded on a
//! day. As of D a promise is **kept** when the account's payments dated from the day it
//! was recorded through the promised day add up to at least the amount; **broken**
//! when D is after the promised day and it was not kept; else **pending**.

use super::{Money, PaymentMethod};
use chrono::NaiveDate;

super::spelled! {
    lowercase:
    pub enum PromiseStatus {
        Pending,
        Kept,
        Broken,
    }
}

impl PromiseStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A promise to pay as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    pub amount: Money,
    pub promised_on: NaiveDate,
    pub recorded_on: NaiveDate,
}

/// A payment of the account as the promise rule sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    pub date: NaiveDate,
    pub amount: Money,
    pub method: PaymentMethod,
    /// The day the bank returned it, for a returned check: from then on it never counted.
    pub returned_on: Option<NaiveDate>,
}

/// Money the customer sent keeps a promise; a credit memo (goods returned, a claim) and
/// a write-off are the distributor's own doing, not a payment the customer promised.
pub fn keeps_promises(method: PaymentMethod) -> bool {
    match method {
        PaymentMethod::Wire
        | PaymentMethod::Cash
        | PaymentMethod::Check
        | PaymentMethod::CertifiedCheck
        | PaymentMethod::MoneyOrder
        | PaymentMethod::Card => true,
        PaymentMethod::CreditMemo | PaymentMethod::WriteOff => false,
    }
}

impl Promise {
    /// Whether the promise had been made by `as_of` (before that it does not exist).
    pub fn exists_on(&self, as_of: NaiveDate) -> bool {
        self.recorded_on <= as_of
    }

    /// What the account paid toward it as of `as_of`: payments dated from the day it was
    /// recorded through the promised day (and not after `as_of`), a check returned by
    /// `as_of` left out. None when the sum cannot be held (RULES 9).
    pub fn paid(&self, payments: &[Received], as_of: NaiveDate) -> Option<Money> {
        let last = self.promised_on.min(as_of);
        Money::checked_sum(
            payments
                .iter()
                .filter(|p| keeps_promises(p.method))
                .filter(|p| p.date >= self.recorded_on && p.date <= last)
                .filter(|p| p.returned_on.is_none_or(|r| r > as_of))
                .map(|p| p.amount),
        )
    }

    pub fn status(&self, payments: &[Received], as_of: NaiveDate) -> PromiseStatus {
        // A sum too large to hold is more than any amount promised.
        if self.paid(payments, as_of).is_none_or(|paid| paid >= self.amount) {
            PromiseStatus::Kept
        } else if as_of > self.promised_on {
            PromiseStatus::Broken
        } else {
            PromiseStatus::Pending
        }
    }

    /// Due as of `as_of`: the promised day is that day and it is not kept yet.
    pub fn due_on(&self, payments: &[Received], as_of: NaiveDate) -> bool {
        self.promised_on == as_of && self.status(payments, as_of) == PromiseStatus::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    fn promise(cents: i64) -> Promise {
        Promise { amount: Money::from_cents(cents), promised_on: d("2026-03-15"), recorded_on: d("2026-03-01") }
    }

    fn paid(date: &str, cents: i64) -> Received {
        Received { date: d(date), amount: Money::from_cents(cents), method: PaymentMethod::Check, returned_on: None }
    }

    #[test]
    fn a_promise_kept_by_two_payments_is_kept_from_the_second_one_on() {
        let p = promise(50000);
        let pays = [paid("2026-03-05", 20000), paid("2026-03-12", 30000)];
        assert_eq!(p.status(&pays, d("2026-03-01")), PromiseStatus::Pending);
        assert_eq!(p.status(&pays, d("2026-03-05")), PromiseStatus::Pending, "200 of 500");
        assert_eq!(p.status(&pays, d("2026-03-11")), PromiseStatus::Pending);
        assert_eq!(p.status(&pays, d("2026-03-12")), PromiseStatus::Kept);
        assert_eq!(p.status(&pays, d("2026-03-16")), PromiseStatus::Kept, "kept stays kept");
        assert_eq!(p.status(&pays, d("2027-01-01")), PromiseStatus::Kept);
    }

    #[test]
    fn a_promise_is_broken_from_the_day_after_the_promised_day() {
        let p = promise(50000);
        assert_eq!(p.status(&[], d("2026-03-15")), PromiseStatus::Pending, "the promised day itself");
        assert_eq!(p.status(&[], d("2026-03-16")), PromiseStatus::Broken);
    }

    #[test]
    fn payments_count_from_the_recorded_day_through_the_promised_day_only() {
        let p = promise(10000);
        assert_eq!(p.status(&[paid("2026-03-01", 10000)], d("2026-03-20")), PromiseStatus::Kept, "recorded day");
        assert_eq!(p.status(&[paid("2026-02-28", 10000)], d("2026-03-20")), PromiseStatus::Broken, "day before");
        assert_eq!(p.status(&[paid("2026-03-15", 10000)], d("2026-03-20")), PromiseStatus::Kept, "promised day");
        assert_eq!(p.status(&[paid("2026-03-16", 10000)], d("2026-03-20")), PromiseStatus::Broken, "day after");
    }

    #[test]
    fn the_amount_paid_must_reach_the_promised_amount_to_the_cent() {
        let pays = [paid("2026-03-10", 60_00), paid("2026-03-11", 39_99)];
        assert_eq!(promise(99_99).status(&pays, d("2026-03-15")), PromiseStatus::Kept, "exactly");
        assert_eq!(promise(10000).status(&pays, d("2026-03-15")), PromiseStatus::Pending, "one cent short");
        assert_eq!(promise(10000).status(&pays, d("2026-03-16")), PromiseStatus::Broken);
        assert_eq!(promise(10000).paid(&pays, d("2026-03-15")), Some(Money::from_cents(99_99)));
    }

    #[test]
    fn a_payment_after_the_as_of_day_does_not_count_yet() {
        let p = promise(10000);
        let pays = [paid("2026-03-10", 10000)];
        assert_eq!(p.status(&pays, d("2026-03-09")), PromiseStatus::Pending);
        assert_eq!(p.paid(&pays, d("2026-03-09")), Some(Money::ZERO));
        assert_eq!(p.status(&pays, d("2026-03-10")), PromiseStatus::Kept);
    }

    #[test]
    fn a_returned_check_stops_counting_from_its_returned_day() {
        let p = promise(10000);
        let mut check = paid("2026-03-10", 10000);
        check.returned_on = Some(d("2026-03-20"));
        assert_eq!(p.status(&[check], d("2026-03-19")), PromiseStatus::Kept, "before the bank returned it");
        assert_eq!(p.status(&[check], d("2026-03-20")), PromiseStatus::Broken, "returned: as if never paid");
        check.returned_on = Some(d("2026-03-12"));
        assert_eq!(p.status(&[check], d("2026-03-12")), PromiseStatus::Pending);
    }

    #[test]
    fn a_credit_memo_or_a_write_off_does_not_keep_a_promise_but_every_kind_of_money_does() {
        let p = promise(10000);
        for credit in [PaymentMethod::CreditMemo, PaymentMethod::WriteOff] {
            let memo = Received { method: credit, ..paid("2026-03-10", 10000) };
            assert_eq!(p.status(&[memo], d("2026-03-16")), PromiseStatus::Broken, "{credit}");
        }
        let money = |m: &PaymentMethod| !matches!(m, PaymentMethod::CreditMemo | PaymentMethod::WriteOff);
        for method in PaymentMethod::ALL.into_iter().filter(money) {
            let money = Received { method, ..paid("2026-03-10", 10000) };
            assert_eq!(p.status(&[money], d("2026-03-16")), PromiseStatus::Kept, "{method}");
        }
    }

    #[test]
    fn payments_whose_sum_cannot_be_held_keep_the_promise_and_have_no_sum() {
        let p = promise(10000);
        let pays = [paid("2026-03-10", i64::MAX), paid("2026-03-11", 1)];
        assert_eq!(p.paid(&pays, d("2026-03-15")), None);
        assert_eq!(p.status(&pays, d("2026-03-15")), PromiseStatus::Kept);
        assert_eq!(p.paid(&pays[..1], d("2026-03-15")), Some(Money::MAX));
    }

    #[test]
    fn a_promise_exists_from_the_day_it_was_recorded() {
        let p = promise(1);
        assert!(!p.exists_on(d("2026-02-28")));
        assert!(p.exists_on(d("2026-03-01")));
    }

    #[test]
    fn a_promise_is_due_on_its_day_while_not_kept() {
        let p = promise(10000);
        assert!(p.due_on(&[], d("2026-03-15")));
        assert!(!p.due_on(&[], d("2026-03-14")));
        assert!(!p.due_on(&[], d("2026-03-16")), "broken, not due");
        assert!(!p.due_on(&[paid("2026-03-15", 10000)], d("2026-03-15")), "kept");
    }

    #[test]
    fn statuses_are_spelled_in_lower_case() {
        assert_eq!(PromiseStatus::Broken.to_string(), "broken");
        assert_eq!("kept".parse::<PromiseStatus>(), Ok(PromiseStatus::Kept));
    }
}
