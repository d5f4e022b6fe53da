//! The card surcharge (RULES.md section 1): a configurable percentage of a `CARD`
//! payment (3.00% unless the settings say otherwise), rounded to cents half away from
//! zero, posted as a `FEE` charge on the payment's date unless a manager waives it.

use super::{Money, PaymentMethod};
use rust_decimal::Decimal;

/// 3.00%.
pub const DEFAULT_SURCHARGE_PCT: Decimal = Decimal::from_parts(300, 0, 0, false, 2);

/// The highest percentage the settings accept (card networks cap surcharges well below).
pub const MAX_SURCHARGE_PCT: Decimal = Decimal::from_parts(10, 0, 0, false, 0);

/// The `settings` key that holds the percentage.
pub const SURCHARGE_SETTING: &str = "card_surcharge_pct";

/// `SUR-<payment_ref>`: the surcharge document of a card payment (posted with it, and
/// voided with it).
pub fn surcharge_doc_no(payment_ref: &str) -> String {
    format!("SUR-{payment_ref}")
}

/// `pct` percent of a card payment; other methods carry none.
pub fn card_surcharge(method: PaymentMethod, amount: Money, pct: Decimal) -> Money {
    if method != PaymentMethod::Card {
        return Money::ZERO;
    }
    amount.percent(pct).unwrap_or(Money::ZERO)
}

/// Checks a percentage for the setting: 0 to 10, at most two decimals.
pub fn check_surcharge_pct(pct: Decimal) -> Result<Decimal, String> {
    if pct.is_sign_negative() && !pct.is_zero() {
        return Err(format!("{pct}% is below zero"));
    }
    if pct > MAX_SURCHARGE_PCT {
        return Err(format!("{pct}% is above the {MAX_SURCHARGE_PCT}% this setting accepts"));
    }
    let mut two = pct.normalize();
    if two.scale() > 2 {
        return Err(format!("{pct}% has more than two decimals"));
    }
    two.rescale(2);
    Ok(two)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn card_payments_carry_three_percent_by_default_rounded_half_away_from_zero() {
        assert_eq!(
            card_surcharge(PaymentMethod::Card, Money::from_cents(48_000), DEFAULT_SURCHARGE_PCT),
            Money::from_cents(1440)
        );
        // 10.50 × 3% = 0.315 → 0.32
        assert_eq!(
            card_surcharge(PaymentMethod::Card, Money::from_cents(1050), DEFAULT_SURCHARGE_PCT),
            Money::from_cents(32)
        );
    }

    #[test]
    fn only_card_payments_carry_a_surcharge() {
        for m in PaymentMethod::ALL.into_iter().filter(|m| *m != PaymentMethod::Card) {
            assert_eq!(card_surcharge(m, Money::from_cents(10_000), DEFAULT_SURCHARGE_PCT), Money::ZERO);
        }
    }

    #[test]
    fn the_percentage_is_configurable_within_bounds() {
        let pct = |s: &str| check_surcharge_pct(Decimal::from_str(s).unwrap());
        assert_eq!(pct("2.5").map(|p| p.to_string()), Ok("2.50".to_string()), "kept with two decimals");
        assert_eq!(pct("0"), Ok(Decimal::ZERO));
        assert_eq!(pct("10"), Ok(MAX_SURCHARGE_PCT), "10% is the most");
        assert_eq!(pct("1.230"), Ok(Decimal::from_str("1.23").unwrap()), "trailing zeros are not decimals");
        assert_eq!(
            card_surcharge(PaymentMethod::Card, Money::from_cents(10_000), Decimal::from_str("2.5").unwrap()),
            Money::from_cents(250)
        );
        assert!(pct("12").is_err());
        assert!(pct("10.01").is_err());
        assert!(pct("-1").is_err());
        assert!(pct("1.234").is_err());
    }
}
