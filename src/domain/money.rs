//! Money: an exact amount of US dollars, held as integer cents.
//!
//! Amounts enter and leave as `rust_decimal::Decimal` or as text with two decimals;
//! inside, whole cents make sums exact, `Copy` and cheap over a million charges, and
//! match how SQLite stores them (integer cents: its `sum()` over reals is a float).

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub, SubAssign};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// Why a text is not an amount under RULES.md section 7.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("is empty")]
    Empty,
    #[error("is not an amount: use digits with an optional point and at most two decimals (like 12, 12.5 or 12.50), with no sign, currency sign, separator or exponent")]
    Malformed,
    #[error("has more than two decimals")]
    TooManyDecimals,
    #[error("is too large")]
    TooLarge,
}

impl Money {
    pub const ZERO: Money = Money(0);
    /// The largest figure that can be held (92,233,720,368,547,758.07). A sum beyond it
    /// is an error, never a wrapped or saturated number (RULES.md section 9).
    pub const MAX: Money = Money(i64::MAX);

    /// `self + o`, or `None` when the sum cannot be held.
    pub fn checked_add(self, o: Money) -> Option<Money> {
        self.0.checked_add(o.0).map(Money)
    }

    /// `self - o`, or `None` when the difference cannot be held.
    pub fn checked_sub(self, o: Money) -> Option<Money> {
        self.0.checked_sub(o.0).map(Money)
    }

    /// The sum of `amounts`, or `None` when it (or a partial sum) cannot be held.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Option<Money> {
        amounts.into_iter().try_fold(Money::ZERO, Money::checked_add)
    }

    pub const fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_positive(self) -> bool {
        self.0 > 0
    }

    pub fn min(self, other: Money) -> Money {
        Money(self.0.min(other.0))
    }

    /// The amount as a decimal with exactly two places.
    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// A decimal rounded to cents, half away from zero (RULES.md: the only rounding).
    pub fn from_decimal_rounded(d: Decimal) -> Option<Money> {
        let r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let cents = r.checked_mul(Decimal::ONE_HUNDRED)?;
        i64::try_from(cents.mantissa() / 10i128.pow(cents.scale())).ok().map(Money)
    }

    /// `pct` percent of this amount, rounded to cents half away from zero.
    pub fn percent(self, pct: Decimal) -> Option<Money> {
        Money::from_decimal_rounded(self.to_decimal().checked_mul(pct)? / Decimal::ONE_HUNDRED)
    }

    /// Parses the strict amount syntax of RULES.md section 7: `12`, `12.5`, `12.50`.
    pub fn parse(text: &str) -> Result<Money, AmountError> {
        if text.is_empty() {
            return Err(AmountError::Empty);
        }
        let (whole, frac) = match text.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (text, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(whole) || frac.is_some_and(|f| !digits(f)) {
            return Err(AmountError::Malformed);
        }
        let frac = frac.unwrap_or("");
        if frac.len() > 2 {
            return Err(AmountError::TooManyDecimals);
        }
        let whole: i64 = whole.parse().map_err(|_| AmountError::TooLarge)?;
        let mut cents: i64 = frac.parse().unwrap_or(0);
        if frac.len() == 1 {
            cents *= 10;
        }
        whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(cents))
            .filter(|c| *c <= MAX_CENTS)
            .map(Money)
            .ok_or(AmountError::TooLarge)
    }

    /// For people: `-1,234,567.89`.
    pub fn grouped(self) -> String {
        let plain = self.to_string();
        let (sign, rest) = plain.strip_prefix('-').map_or(("", plain.as_str()), |r| ("-", r));
        let (whole, frac) = rest.split_once('.').unwrap_or((rest, "00"));
        let mut out = String::with_capacity(plain.len() + whole.len() / 3);
        out.push_str(sign);
        for (i, ch) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        out.push('.');
        out.push_str(frac);
        out
    }
}

/// A ceiling that keeps every sum of a ledger far from `i64` overflow:
/// one hundred billion dollars per amount.
pub const MAX_CENTS: i64 = 10_000_000_000_000;

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        if f.width().is_none() {
            // Written straight out: a report writes millions.
            return write!(f, "{sign}{}.{:02}", abs / 100, abs % 100);
        }
        f.pad(&format!("{sign}{}.{:02}", abs / 100, abs % 100))
    }
}

// The operators are for sums of a few bounded amounts (each at most `MAX_CENTS`); an
// overflow there panics (overflow checks are on in release builds too) rather than
// wrap. Sums over a ledger or a book use `checked_add`/`checked_sum`.
impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}
impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}
impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}
impl SubAssign for Money {
    fn sub_assign(&mut self, o: Money) {
        self.0 -= o.0;
    }
}
impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money(iter.map(|m| m.0).sum())
    }
}
impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl serde::Serialize for Money {
    /// JSON carries amounts as strings with two decimals: no reader turns them into floats.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn parses_the_three_written_forms() {
        assert_eq!(Money::parse("12"), Ok(Money(1200)));
        assert_eq!(Money::parse("12.5"), Ok(Money(1250)));
        assert_eq!(Money::parse("12.50"), Ok(Money(1250)));
        assert_eq!(Money::parse("0.07"), Ok(Money(7)));
    }

    #[test]
    fn rejects_what_the_contract_forbids() {
        for bad in ["-5", "+5", "1e3", "$5", "1,000", "12.", ".5", "12.345", "abc", " 5", "5 "] {
            assert!(Money::parse(bad).is_err(), "{bad} accepted");
        }
        assert_eq!(Money::parse("12.345"), Err(AmountError::TooManyDecimals));
        assert_eq!(Money::parse("99999999999999999999"), Err(AmountError::TooLarge));
    }

    #[test]
    fn displays_two_decimals_and_groups_thousands() {
        assert_eq!(Money(-5).to_string(), "-0.05");
        assert_eq!(Money(123456789).grouped(), "1,234,567.89");
        assert_eq!(Money(-100000).grouped(), "-1,000.00");
        assert_eq!(Money(99).grouped(), "0.99");
        assert_eq!(Money(12_345).grouped(), "123.45", "three digits: no separator in front");
        assert_eq!(Money(12_345_678).grouped(), "123,456.78");
        assert_eq!(Money::ZERO.to_string(), "0.00", "zero has no sign");
        assert_eq!(Money(-1).to_string(), "-0.01");
    }

    #[test]
    fn the_lesser_amount_and_a_subtraction_in_place() {
        assert_eq!(Money(500).min(Money(300)), Money(300));
        assert_eq!(Money(300).min(Money(500)), Money(300));
        let mut m = Money(1000);
        m -= Money(250);
        assert_eq!(m, Money(750));
    }

    #[test]
    fn displays_the_same_padded_or_not() {
        assert_eq!(format!("{}", Money(123456)), "1234.56");
        assert_eq!(format!("{:>9}|{:<8}|", Money(-5), Money(7)), "    -0.05|0.07    |");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(Money::from_decimal_rounded(d("0.005")), Some(Money(1)));
        assert_eq!(Money::from_decimal_rounded(d("0.015")), Some(Money(2)));
        assert_eq!(Money::from_decimal_rounded(d("-0.005")), Some(Money(-1)));
        assert_eq!(Money::from_decimal_rounded(d("0.0049999")), Some(Money(0)));
        assert_eq!(Money(1050).percent(d("3")), Some(Money(32)));
    }

    #[test]
    fn checked_arithmetic_refuses_what_cannot_be_held() {
        assert_eq!(Money::MAX.checked_add(Money(1)), None);
        assert_eq!(Money(i64::MIN).checked_sub(Money(1)), None);
        assert_eq!(Money(5).checked_add(Money(7)), Some(Money(12)));
        assert_eq!(Money(5).checked_sub(Money(7)), Some(Money(-2)));
        assert_eq!(Money::checked_sum([Money(1), Money(2), Money(3)]), Some(Money(6)));
        assert_eq!(Money::checked_sum([Money::MAX, Money(1), Money(-5)]), None, "a partial sum overflows");
        assert_eq!(Money::checked_sum([]), Some(Money::ZERO));
        assert_eq!(Money::MAX.grouped(), "92,233,720,368,547,758.07");
    }
}
