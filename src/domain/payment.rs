//! Payments and returned checks (RULES.md sections 2 and 2.2).

use super::Money;
use chrono::NaiveDate;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PaymentMethod {
    Wire,
    Cash,
    Check,
    CertifiedCheck,
    MoneyOrder,
    Card,
    CreditMemo,
    /// A balance written off as uncollectable (RULES 10): non-cash, like a credit memo.
    WriteOff,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 8] = [
        PaymentMethod::Wire,
        PaymentMethod::Cash,
        PaymentMethod::Check,
        PaymentMethod::CertifiedCheck,
        PaymentMethod::MoneyOrder,
        PaymentMethod::Card,
        PaymentMethod::CreditMemo,
        PaymentMethod::WriteOff,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Only checks can come back unpaid from the bank.
    pub fn can_be_returned(self) -> bool {
        matches!(self, PaymentMethod::Check | PaymentMethod::CertifiedCheck)
    }

    /// Whether the payment form and `payment record` take it: a write-off is its own act.
    pub fn is_recorded_by_hand(self) -> bool {
        self != PaymentMethod::WriteOff
    }

    /// Money received: every method but a credit memo and a write-off, which settle
    /// charges without any money changing hands.
    pub fn is_cash(self) -> bool {
        !matches!(self, PaymentMethod::CreditMemo | PaymentMethod::WriteOff)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub reference: String,
    pub date: NaiveDate,
    pub method: PaymentMethod,
    pub amount: Money,
    /// The document the payer meant it for, if any.
    pub apply_to: Option<String>,
}

/// The fee for a check the bank returned unpaid.
pub const RETURNED_CHECK_FEE: Money = Money::from_cents(2500);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedCheck {
    pub payment_ref: String,
    pub returned_date: NaiveDate,
    pub fee: Money,
    pub fee_waived: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_off_is_non_cash_like_a_credit_memo_and_never_comes_back_from_the_bank() {
        assert!(!PaymentMethod::WriteOff.is_cash());
        assert!(!PaymentMethod::CreditMemo.is_cash());
        assert!(PaymentMethod::ALL.iter().filter(|m| m.is_cash()).all(|m| m.is_recorded_by_hand()));
        assert!(PaymentMethod::Check.is_cash() && PaymentMethod::Wire.is_cash());
        assert!(!PaymentMethod::WriteOff.can_be_returned());
        assert!(!PaymentMethod::WriteOff.is_recorded_by_hand());
        assert!(PaymentMethod::CreditMemo.is_recorded_by_hand());
    }

    #[test]
    fn only_checks_and_certified_checks_come_back_from_the_bank() {
        let returnable: Vec<PaymentMethod> = PaymentMethod::ALL.into_iter().filter(|m| m.can_be_returned()).collect();
        assert_eq!(returnable, [PaymentMethod::Check, PaymentMethod::CertifiedCheck]);
    }
}
