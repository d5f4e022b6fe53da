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

    /// Collection costs (attorney fees and the like) are charged to active accounts and
    /// to the suspended and closed ones, which are the accounts that incur them (RULES 10).
    pub fn takes_collection_costs(self) -> bool {
        matches!(self, AccountStatus::Active | AccountStatus::Suspended | AccountStatus::Closed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_costs_go_to_suspended_and_closed_accounts_too() {
        for s in [AccountStatus::Active, AccountStatus::Suspended, AccountStatus::Closed] {
            assert!(s.takes_collection_costs(), "{s}");
        }
        for s in [AccountStatus::Applicant, AccountStatus::Verified] {
            assert!(!s.takes_collection_costs(), "{s}");
        }
    }
}
