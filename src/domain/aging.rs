//! Aging buckets and the collections flag (RULES.md section 2.4).

use super::ledger::PositionAt;
use super::{AccountPosition, ChargeStatus, Money};
use chrono::NaiveDate;
use strum::{Display, IntoStaticStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Display, IntoStaticStr)]
pub enum Bucket {
    #[serde(rename = "current")]
    #[strum(serialize = "current")]
    Current,
    #[serde(rename = "1-30")]
    #[strum(serialize = "1-30")]
    Days1To30,
    #[serde(rename = "31-60")]
    #[strum(serialize = "31-60")]
    Days31To60,
    #[serde(rename = "61-90")]
    #[strum(serialize = "61-90")]
    Days61To90,
    #[serde(rename = "90+")]
    #[strum(serialize = "90+")]
    Over90,
}

impl Bucket {
    pub const ALL: [Bucket; 5] =
        [Bucket::Current, Bucket::Days1To30, Bucket::Days31To60, Bucket::Days61To90, Bucket::Over90];

    pub fn of_days_past_due(days: i64) -> Bucket {
        match days {
            ..=0 => Bucket::Current,
            1..=30 => Bucket::Days1To30,
            31..=60 => Bucket::Days31To60,
            61..=90 => Bucket::Days61To90,
            _ => Bucket::Over90,
        }
    }

    pub fn label(self) -> &'static str {
        self.into()
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Days past due beyond which an open charge puts its account in collections.
pub const COLLECTIONS_AFTER_DAYS: i64 = 60;

/// An open charge more than 60 days past due suspends delivery to its account.
pub fn is_collections_item(c: &ChargeStatus, as_of: NaiveDate) -> bool {
    c.outstanding.is_positive() && c.days_past_due(as_of) > COLLECTIONS_AFTER_DAYS
}

/// One account's line of the aging report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AgingRow {
    pub account_no: String,
    pub buckets: [Money; 5],
    pub accrued_interest: Money,
    pub unapplied_credit: Money,
    pub total: Money,
    pub collections_flag: bool,
    /// Days past due of the oldest open charge (none when nothing is open).
    pub oldest_days_past_due: Option<i64>,
}

impl AgingRow {
    pub fn of(account_no: &str, p: &AccountPosition, as_of: NaiveDate) -> AgingRow {
        AgingRow::at(account_no, &p.at(as_of))
    }

    /// The line of an account as of the day of `p`.
    pub fn at(account_no: &str, p: &PositionAt<'_>) -> AgingRow {
        let as_of = p.as_of;
        let mut buckets = [Money::ZERO; 5];
        let mut flag = false;
        let mut oldest: Option<i64> = None;
        for c in p.open_charges() {
            let days = c.days_past_due(as_of);
            buckets[Bucket::of_days_past_due(days).index()] += c.outstanding;
            flag |= is_collections_item(c, as_of);
            oldest = Some(oldest.map_or(days, |o| o.max(days)));
        }
        let total = buckets.iter().sum::<Money>() + p.accrued_interest - p.unapplied_credit;
        AgingRow {
            account_no: account_no.to_string(),
            buckets,
            accrued_interest: p.accrued_interest,
            unapplied_credit: p.unapplied_credit,
            total,
            collections_flag: flag,
            oldest_days_past_due: oldest,
        }
    }

    /// The report lists an account only when some figure is not 0.00. The total is
    /// buckets + interest − credit, none of them negative, so it can only be non-zero
    /// when one of them is.
    pub fn has_any_figure(&self) -> bool {
        self.buckets.iter().any(|b| !b.is_zero())
            || !self.accrued_interest.is_zero()
            || !self.unapplied_credit.is_zero()
    }

    /// Outstanding more than 60 days past due.
    pub fn past_60(&self) -> Money {
        self.buckets[Bucket::Days61To90.index()] + self.buckets[Bucket::Over90.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    #[test]
    fn bucket_edges() {
        assert_eq!(Bucket::of_days_past_due(-17), Bucket::Current);
        assert_eq!(Bucket::of_days_past_due(0), Bucket::Current);
        assert_eq!(Bucket::of_days_past_due(1), Bucket::Days1To30);
        assert_eq!(Bucket::of_days_past_due(30), Bucket::Days1To30);
        assert_eq!(Bucket::of_days_past_due(31), Bucket::Days31To60);
        assert_eq!(Bucket::of_days_past_due(60), Bucket::Days31To60);
        assert_eq!(Bucket::of_days_past_due(61), Bucket::Days61To90);
        assert_eq!(Bucket::of_days_past_due(90), Bucket::Days61To90);
        assert_eq!(Bucket::of_days_past_due(91), Bucket::Over90);
    }

    fn open(doc_no: &str, due: &str, cents: i64) -> ChargeStatus {
        ChargeStatus::unpaid_invoice(doc_no, due, cents)
    }

    #[test]
    fn a_charge_exactly_60_days_past_due_does_not_stop_deliveries_but_61_days_does() {
        let c = open("INV-1", "2026-01-01", 100);
        assert_eq!(c.days_past_due(d("2026-03-02")), 60);
        assert!(!is_collections_item(&c, d("2026-03-02")), "60 days: not yet");
        assert!(is_collections_item(&c, d("2026-03-03")), "61 days: collections");
    }

    #[test]
    fn a_paid_charge_never_puts_its_account_in_collections() {
        let mut c = open("INV-1", "2026-01-01", 100);
        c.outstanding = Money::ZERO;
        assert!(!is_collections_item(&c, d("2026-12-31")));
    }

    fn position(charges: Vec<ChargeStatus>, accrued: i64, credit: i64) -> AccountPosition {
        AccountPosition {
            charges,
            accrued_interest: Money::from_cents(accrued),
            unapplied_credit: Money::from_cents(credit),
            payments_received: Money::ZERO,
        }
    }

    #[test]
    fn an_aging_row_puts_each_charge_in_its_bucket_and_totals_with_interest_less_credit() {
        let as_of = d("2026-06-30");
        let p = position(
            vec![
                open("A", "2026-07-10", 1_00),  // current
                open("B", "2026-06-01", 2_00),  // 29 days
                open("C", "2026-05-10", 4_00),  // 51 days
                open("D", "2026-04-15", 8_00),  // 76 days
                open("E", "2026-03-01", 16_00), // 121 days
            ],
            7,
            0,
        );
        let row = AgingRow::of("A100", &p, as_of);
        let cents: Vec<i64> = row.buckets.iter().map(|m| m.cents()).collect();
        assert_eq!(cents, [100, 200, 400, 800, 1600]);
        assert_eq!(row.total, Money::from_cents(3107));
        assert_eq!(row.total, p.balance(), "the aging total is the position's balance");
        assert!(row.collections_flag);
        assert_eq!(row.oldest_days_past_due, Some(121));
        assert_eq!(row.past_60(), Money::from_cents(2400), "61-90 plus 90+");
    }

    #[test]
    fn past_60_counts_only_the_two_oldest_buckets() {
        let p = position(vec![open("C", "2026-05-01", 4_00), open("D", "2026-04-30", 8_00)], 0, 0);
        let row = AgingRow::of("A100", &p, d("2026-06-30"));
        assert_eq!((row.buckets[2], row.buckets[3]), (Money::from_cents(400), Money::from_cents(800)));
        assert_eq!(row.past_60(), Money::from_cents(800));
    }

    #[test]
    fn an_account_whose_interest_equals_its_credit_is_still_listed_with_a_zero_total() {
        let row = AgingRow::of("A100", &position(vec![], 12, 12), d("2026-06-30"));
        assert!(row.total.is_zero());
        assert!(row.has_any_figure());
        // Each figure alone lists the account.
        assert!(AgingRow::of("A100", &position(vec![], 0, 5), d("2026-06-30")).has_any_figure());
        assert!(AgingRow::of("A100", &position(vec![], 5, 0), d("2026-06-30")).has_any_figure());
        assert!(
            AgingRow::of("A100", &position(vec![open("A", "2026-07-10", 1)], 0, 0), d("2026-06-30")).has_any_figure()
        );
        assert!(!AgingRow::of("A100", &position(vec![], 0, 0), d("2026-06-30")).has_any_figure());
    }

    #[test]
    fn a_balance_is_open_charges_plus_accrued_interest_less_unapplied_credit() {
        let mut paid = open("P", "2026-01-01", 5_00);
        paid.outstanding = Money::ZERO;
        let p = position(vec![open("A", "2026-06-01", 10_00), paid, open("B", "2026-06-02", 3_00)], 25, 0);
        assert_eq!(p.balance(), Money::from_cents(13_25));
        assert_eq!(position(vec![], 0, 40).balance(), Money::from_cents(-40));
    }
}
