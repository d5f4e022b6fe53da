//! Dealers' accounts: terms of sale and lifecycle status (RULES.md section 1).

use strum::{Display, EnumString, IntoStaticStr, VariantNames};

/// Payment terms. `PREPAY` (pay upon placing the order) is the default.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Terms {
    #[default]
    Prepay,
    Net30,
}

impl Terms {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// `APPLICANT` → `VERIFIED` → `ACTIVE`; also `SUSPENDED` and `CLOSED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountStatus {
    Applicant,
    Verified,
    Active,
    Suspended,
    Closed,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Only an active account receives new invoices from the console's forms.
    pub fn can_be_invoiced(self) -> bool {
        self == AccountStatus::Active
    }
}
