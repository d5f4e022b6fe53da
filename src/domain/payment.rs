//! Payments and returned checks (RULES.md sections 2 and 2.2).

use super::Money;
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
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
        match self {
            PaymentMethod::Wire => "WIRE",
            PaymentMethod::Cash => "CASH",
            PaymentMethod::Check => "CHECK",
            PaymentMethod::CertifiedCheck => "CERTIFIED_CHECK",
            PaymentMethod::MoneyOrder => "MONEY_ORDER",
            PaymentMethod::Card => "CARD",
            PaymentMethod::CreditMemo => "CREDIT_MEMO",
        }
    }

    /// Only checks can come back unpaid from the bank.
    pub fn can_be_returned(self) -> bool {
        matches!(self, PaymentMethod::Check | PaymentMethod::CertifiedCheck)
    }
}

impl FromStr for PaymentMethod {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        PaymentMethod::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

impl fmt::Display for PaymentMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
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
