//! Late-payment interest (RULES.md section 2.3): "the lesser of 1.5% per month or the
//! highest rate permissible under applicable law, calculated daily and compounded monthly".

use super::Money;
use rust_decimal::Decimal;

/// 1.5% a month, as an annual fraction.
pub const MAX_ANNUAL_RATE: Decimal = Decimal::from_parts(18, 0, 0, false, 2);

/// The account's annual rate as a fraction: `min(18%, cap)`, where the cap is the
/// account's own if set, else its state's, else none. Caps are percent per year.
pub fn annual_rate(account_cap_pct: Option<Decimal>, state_cap_pct: Option<Decimal>) -> Decimal {
    match account_cap_pct.or(state_cap_pct) {
        Some(cap) => (cap.max(Decimal::ZERO) / Decimal::ONE_HUNDRED).min(MAX_ANNUAL_RATE),
        None => MAX_ANNUAL_RATE,
    }
}

/// Interest on an exact sum of `outstanding × days` (in cent-days) at an annual rate:
/// the sum is multiplied by the rate and divided by 365 once, then rounded to cents
/// half away from zero. Accruals are never rounded on their own.
///
/// The arithmetic is exact rational arithmetic on integers (the rate's decimal mantissa
/// over 365 × 10^scale), so no digit is ever dropped before the one rounding, ties
/// included; it agrees with a 28-digit `Decimal` wherever that is exact (tested below).
/// `None` when the interest cannot be held as `Money` (never a saturated figure).
pub fn interest_on(cent_days: i128, annual_rate: Decimal) -> Option<Money> {
    // A shortcut only: the exact arithmetic below gives 0.00 for either (so `||` planted
    // as `&&` changes nothing; docs/testing.md lists that mutant as equivalent).
    if cent_days == 0 || annual_rate.is_zero() {
        return Some(Money::ZERO);
    }
    // The same arithmetic in 64 bits when it fits (nearly always: a month of a ledger's
    // cent-days at a two-digit rate), as i128 division costs several times as much.
    if let Some(cents) = interest_in_i64(cent_days, annual_rate) {
        return Some(Money::from_cents(cents));
    }
    let exact = 10i128
        .checked_pow(annual_rate.scale())
        .and_then(|p| p.checked_mul(365))
        .and_then(|den| cent_days.checked_mul(annual_rate.mantissa()).map(|num| (num, den)));
    match exact {
        Some((num, den)) => {
            let (q, r) = (num / den, num % den);
            // Half away from zero: |r| ≥ den/2 moves one cent away from zero.
            // |r| < den ≤ 365 × 10^28 and q fits: neither step can overflow.
            let cents = if 2 * r.abs() >= den { q + num.signum() } else { q };
            i64::try_from(cents).ok().map(Money::from_cents)
        }
        // Beyond i128 (no real ledger gets here): 28-digit decimals, or none.
        None => Decimal::try_from_i128_with_scale(cent_days, 2)
            .ok()
            .and_then(|cd| cd.checked_mul(annual_rate))
            .and_then(|x| x.checked_div(Decimal::from(365)))
            .and_then(Money::from_decimal_rounded),
    }
}

/// `interest_on`'s exact rounding in i64, or None when a step does not fit in it (the
/// i128 arithmetic then decides).
fn interest_in_i64(cent_days: i128, annual_rate: Decimal) -> Option<i64> {
    let cent_days = i64::try_from(cent_days).ok()?;
    let mantissa = i64::try_from(annual_rate.mantissa()).ok()?;
    let den = 10i64.checked_pow(annual_rate.scale())?.checked_mul(365)?;
    let num = cent_days.checked_mul(mantissa)?;
    let (q, r) = (num / den, num % den);
    // |r| < den, so 2|r| fits when den does (checked all the same); q ± 1 fits as |q| < |num|.
    Some(if r.unsigned_abs().checked_mul(2)? >= den.unsigned_abs() { q + num.signum() } else { q })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn rate_is_the_lesser_of_18_percent_and_the_cap() {
        assert_eq!(annual_rate(None, None), d("0.18"));
        assert_eq!(annual_rate(Some(d("12")), None), d("0.12"));
        assert_eq!(annual_rate(Some(d("25")), None), d("0.18"));
        assert_eq!(annual_rate(Some(d("0")), Some(d("10"))), d("0"));
        assert_eq!(annual_rate(None, Some(d("10"))), d("0.10"));
    }

    #[test]
    fn worked_example_february_interest_on_inv_1001() {
        // 1000.00 × 0.18 × 28 / 365 = 13.808… → 13.81
        assert_eq!(interest_on(100_000 * 28, d("0.18")), Some(Money::from_cents(1381)));
    }

    #[test]
    fn exact_ties_round_away_from_zero() {
        // 365 cent-days at 0.10 is exactly 0.1 cent... scale up to an exact half cent:
        // 1825 cent-days × 0.10 / 365 = 0.5 cent → 1 cent.
        assert_eq!(interest_on(1825, d("0.10")), Some(Money::from_cents(1)));
        assert_eq!(interest_on(1824, d("0.10")), Some(Money::from_cents(0)));
        assert_eq!(interest_on(-1825, d("0.10")), Some(Money::from_cents(-1)));
    }

    #[test]
    fn integer_arithmetic_agrees_with_decimal_division() {
        for rate in ["0.18", "0.12", "0.105", "0.0999", "0.18"] {
            let rate = d(rate);
            for cd in (0..200_000i128).step_by(997).chain([1, 364, 365, 366, 1_000_000_007, 98_765_432_101]) {
                let reference = Decimal::from_i128_with_scale(cd, 2) * rate / Decimal::from(365);
                assert_eq!(interest_on(cd, rate), Money::from_decimal_rounded(reference), "{cd} at {rate}");
            }
        }
    }

    /// The i128 arithmetic alone, as `interest_on` did before its 64-bit shortcut.
    fn in_i128(cent_days: i128, rate: Decimal) -> Option<i64> {
        let den = 10i128.checked_pow(rate.scale())? * 365;
        let num = cent_days.checked_mul(rate.mantissa())?;
        let (q, r) = (num / den, num % den);
        i64::try_from(if 2 * r.abs() >= den { q + num.signum() } else { q }).ok()
    }

    #[test]
    fn the_64_bit_shortcut_rounds_exactly_as_the_128_bit_arithmetic() {
        let edges = [0, 1, 182, 183, 364, 365, 1824, 1825, 1826, 36_499, 36_500, 18_250, 18_249, 18_251];
        for rate in ["0.18", "0.12", "0.105", "0.0999", "0.07", "0.0000001", "0.18000000000000000"] {
            let rate = d(rate);
            let large = i128::from(i64::MAX) / rate.mantissa();
            for cd in edges.into_iter().chain([large - 1, large, large + 1, i128::from(i64::MAX), 98_765_432_101]) {
                for cd in [cd, -cd] {
                    let shortcut = interest_in_i64(cd, rate);
                    assert!(shortcut.is_none() || shortcut == in_i128(cd, rate), "{cd} at {rate}");
                    assert_eq!(interest_on(cd, rate).map(Money::cents), in_i128(cd, rate), "{cd} at {rate}");
                }
            }
        }
        // Ties go away from zero on both sides, and just under a tie stays.
        assert_eq!(interest_in_i64(1825, d("0.10")), Some(1));
        assert_eq!(interest_in_i64(-1825, d("0.10")), Some(-1));
        assert_eq!(interest_in_i64(1824, d("0.10")), Some(0));
        assert_eq!(interest_in_i64(-1824, d("0.10")), Some(0));
        // Beyond 64 bits: no shortcut, the i128 arithmetic answers.
        assert_eq!(interest_in_i64(i128::from(i64::MAX) + 1, d("0.18")), None);
        assert_eq!(interest_in_i64(i128::from(i64::MAX), d("0.18")), None);
    }

    #[test]
    fn interest_that_cannot_be_held_is_none_never_a_saturated_or_zero_figure() {
        // i64::MAX cents for six years at 18%: 1.08 × i64::MAX cents, beyond i64.
        let six_years_of_max = i128::from(i64::MAX) * 365 * 6;
        assert_eq!(interest_on(six_years_of_max, d("0.18")), None);
        // Just inside: the largest cent-days whose interest rounds to i64::MAX cents.
        let inside = i128::from(i64::MAX) * 365 * 100 / 18;
        assert!(interest_on(inside, d("0.18")).is_some_and(|m| m.cents() > i64::MAX - 10));
        // Beyond i128 in the exact product: the decimal fallback, then none.
        assert_eq!(interest_on(i128::MAX / 2, d("0.1234567890123456789")), None);
        // A zero rate or no cent-days is exactly zero, however large the other.
        assert_eq!(interest_on(i128::MAX, Decimal::ZERO), Some(Money::ZERO));
    }
}
