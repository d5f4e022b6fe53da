//! Aging buckets and the collections flag (RULES.md section 2.4).

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

    /// The report lists an account only when some figure is not 0.00.
    pub fn has_any_figure(&self) -> bool {
        self.buckets.iter().any(|b| !b.is_zero())
            || !self.accrued_interest.is_zero()
            || !self.unapplied_credit.is_zero()
            || !self.total.is_zero()
    }

    /// Outstanding more than 60 days past due.
    pub fn past_60(&self) -> Money {
        self.buckets[Bucket::Days61To90.index()] + self.buckets[Bucket::Over90.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
