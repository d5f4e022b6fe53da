//! The trend (RULES.md section 11): as of each month end, the book's total receivables
//! (the sum of the `aging` totals), the part more than 60 days past due, and DSO.

use super::dates::is_month_end;
use super::{ChargeKind, Money};
use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

/// Days of sales DSO looks back over, the month end included.
pub const DSO_DAYS: i64 = 90;

/// The book as of one month end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct TrendPoint {
    pub month_end: NaiveDate,
    pub total: Money,
    pub past_60: Money,
    /// The `INVOICE` and `REPAIR` amounts dated in the 90 days ending on the month end.
    #[serde(skip)]
    pub sales_90: Money,
    /// Days sales outstanding, one decimal; none without sales in the 90 days.
    pub dso: Option<Decimal>,
}

impl TrendPoint {
    pub fn new(month_end: NaiveDate, total: Money, past_60: Money, sales_90: Money) -> TrendPoint {
        TrendPoint { month_end, total, past_60, sales_90, dso: dso(total, sales_90) }
    }
}

/// Sales are what DSO divides by: invoices and repairs.
pub fn is_sale(kind: ChargeKind) -> bool {
    matches!(kind, ChargeKind::Invoice | ChargeKind::Repair)
}

/// Whether a charge dated `date` falls in the 90 days ending on `day` (both ends counted).
pub fn in_dso_window(date: NaiveDate, day: NaiveDate) -> bool {
    date <= day && (day - date).num_days() < DSO_DAYS
}

/// `total ÷ sales × 90`, to one decimal, half away from zero; none without sales.
pub fn dso(total: Money, sales_90: Money) -> Option<Decimal> {
    if !sales_90.is_positive() {
        return None;
    }
    let days = total.to_decimal().checked_mul(Decimal::from(DSO_DAYS))? / sales_90.to_decimal();
    let mut days = days.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    // Always one decimal as written: 90.0, not 90.
    days.rescale(1);
    Some(days)
}

/// The last `months` month ends on or before `as_of`, oldest first.
pub fn month_ends(as_of: NaiveDate, months: usize) -> Vec<NaiveDate> {
    // The month end before the month of `d`.
    let before = |d: NaiveDate| d.with_day(1).and_then(|first| first.pred_opt());
    let mut next = if is_month_end(as_of) { Some(as_of) } else { before(as_of) };
    let mut out = Vec::with_capacity(months);
    while let Some(m) = next.filter(|_| out.len() < months) {
        out.push(m);
        next = before(m);
    }
    out.reverse();
    out
}

/// One account's part of the trend, in cents, at each month end: its aging total, the
/// part more than 60 days past due, and its sales in the 90 days ending then. The
/// console keeps one per account so that a change to an account moves the trend by the
/// difference alone. Held compactly (most accounts change little from one month end to
/// the next, many not at all): each series as its steps from the month end before, each
/// step zigzag-encoded in 7-bit groups; an account with no part holds nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrendShare(Box<[u8]>);

/// What a share holds at one month end: total, past 60 days, sales of 90 days (cents).
pub type SharePart = [i64; 3];

impl TrendShare {
    pub fn new(parts: &[SharePart]) -> TrendShare {
        if parts.iter().all(|p| *p == [0; 3]) {
            return TrendShare::default();
        }
        let mut out = Vec::new();
        for k in 0..3 {
            let mut before = 0i64;
            for p in parts {
                let step = p[k].wrapping_sub(before);
                before = p[k];
                let mut z = ((step << 1) ^ (step >> 63)) as u64;
                loop {
                    let low = (z & 0x7f) as u8;
                    z >>= 7;
                    if z == 0 {
                        out.push(low);
                        break;
                    }
                    out.push(low | 0x80);
                }
            }
        }
        TrendShare(out.into_boxed_slice())
    }

    /// The parts at `n` month ends (zeros for an account with no part).
    pub fn parts(&self, n: usize) -> Vec<SharePart> {
        let mut parts = vec![[0i64; 3]; n];
        let mut bytes = self.0.iter();
        if self.0.is_empty() {
            return parts;
        }
        for k in 0..3 {
            let mut before = 0i64;
            for p in parts.iter_mut() {
                let (mut z, mut shift) = (0u64, 0u32);
                for b in bytes.by_ref() {
                    z |= u64::from(b & 0x7f) << shift;
                    shift += 7;
                    if b & 0x80 == 0 {
                        break;
                    }
                }
                let step = ((z >> 1) as i64) ^ -((z & 1) as i64);
                before = before.wrapping_add(step);
                p[k] = before;
            }
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn dso_is_receivables_over_90_days_of_sales_times_90_to_one_decimal() {
        assert_eq!(dso(Money::from_cents(5_000_000), Money::from_cents(9_000_000)), Some(dec("50.0")));
        assert_eq!(dso(Money::from_cents(90_00), Money::from_cents(90_00)).unwrap().to_string(), "90.0");
        // 100 / 300 × 90 = 30 exactly; 1 / 3 × 90 = 30; 1.00 / 7.00 × 90 = 12.857… → 12.9
        assert_eq!(dso(Money::from_cents(100), Money::from_cents(700)), Some(dec("12.9")));
        // 0.01 / 18.00 × 90 = 0.05 exactly: half away from zero
        assert_eq!(dso(Money::from_cents(1), Money::from_cents(18_00)), Some(dec("0.1")));
        assert_eq!(dso(Money::from_cents(-1), Money::from_cents(18_00)), Some(dec("-0.1")));
        // 0.01 / 18.01 × 90 = 0.04997… → 0.0
        assert_eq!(dso(Money::from_cents(1), Money::from_cents(18_01)), Some(dec("0.0")));
    }

    #[test]
    fn dso_is_blank_without_sales() {
        assert_eq!(dso(Money::from_cents(100), Money::ZERO), None);
        assert_eq!(dso(Money::ZERO, Money::from_cents(1)), Some(dec("0.0")));
    }

    #[test]
    fn the_dso_window_is_the_90_days_ending_on_the_day() {
        let day = d("2026-03-31");
        assert!(in_dso_window(day, day));
        assert!(in_dso_window(d("2026-01-01"), day), "the 90th day back");
        assert!(!in_dso_window(d("2025-12-31"), day), "the 91st");
        assert!(!in_dso_window(d("2026-04-01"), day), "after the day");
    }

    #[test]
    fn only_invoices_and_repairs_are_sales() {
        assert!(is_sale(ChargeKind::Invoice) && is_sale(ChargeKind::Repair));
        for k in [ChargeKind::Fee, ChargeKind::CollectionCost, ChargeKind::ReturnedCheckFee, ChargeKind::Interest] {
            assert!(!is_sale(k), "{k}");
        }
    }

    #[test]
    fn the_month_ends_are_the_last_ones_on_or_before_the_day() {
        assert_eq!(month_ends(d("2026-03-31"), 3), vec![d("2026-01-31"), d("2026-02-28"), d("2026-03-31")]);
        assert_eq!(month_ends(d("2026-03-30"), 2), vec![d("2026-01-31"), d("2026-02-28")]);
        assert_eq!(month_ends(d("2026-01-15"), 2), vec![d("2025-11-30"), d("2025-12-31")]);
        assert_eq!(month_ends(d("2028-03-01"), 1), vec![d("2028-02-29")]);
        assert_eq!(month_ends(d("2026-03-31"), 0), Vec::<NaiveDate>::new());
        assert_eq!(month_ends(d("2026-12-31"), 12).first(), Some(&d("2026-01-31")));
    }

    #[test]
    fn a_share_gives_back_exactly_the_parts_it_was_made_of() {
        let cases: Vec<Vec<SharePart>> = vec![
            vec![[0, 0, 0]; 12],
            vec![[123_456, 0, 98_000], [123_456, 0, 98_000], [-5, 1, 0]],
            vec![[i64::MAX, i64::MIN, 0], [i64::MIN, i64::MAX, -1], [0, 63, 64], [-64, -65, 8191]],
            vec![[1, 2, 3]],
            vec![],
        ];
        for parts in cases {
            let share = TrendShare::new(&parts);
            assert_eq!(share.parts(parts.len()), parts);
        }
    }

    #[test]
    fn a_share_of_nothing_holds_nothing_and_reads_as_zeros() {
        assert_eq!(TrendShare::new(&[[0; 3]; 12]), TrendShare::default());
        assert_eq!(TrendShare::default().parts(3), vec![[0; 3]; 3]);
        // A steady balance costs a byte a month end after the first.
        let steady = TrendShare::new(&[[1_000_000, 0, 0]; 12]);
        assert!(steady.0.len() <= 3 + 11 + 12 + 12, "{}", steady.0.len());
    }

    #[test]
    fn a_point_carries_its_dso() {
        let p = TrendPoint::new(d("2026-03-31"), Money::from_cents(300), Money::ZERO, Money::from_cents(900));
        assert_eq!(p.dso, Some(dec("30.0")));
    }
}
