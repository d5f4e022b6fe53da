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
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 7] = [
        PaymentMethod::Wire,
        PaymentMethod::Cash,
        PaymentMethod::Check,
        PaymentMethod::CertifiedCheck,
        PaymentMethod::MoneyOrder,
        PaymentMethod::Card,
        PaymentMethod::CreditMemo,
    ];

    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Only checks can come back unpaid from the bank.
    pub fn can_be_returned(self) -> bool {
        matches!(self, PaymentMethod::Check | PaymentMethod::CertifiedCheck)
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
