//! Dealers' accounts: terms of sale and lifecycle status (RULES.md section 1).

use std::fmt;
use std::str::FromStr;

/// Payment terms. `PREPAY` (pay upon placing the order) is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Terms {
    #[default]
    Prepay,
    Net30,
}

impl Terms {
    pub fn as_str(self) -> &'static str {
        match self {
            Terms::Prepay => "PREPAY",
            Terms::Net30 => "NET30",
        }
    }
}

impl FromStr for Terms {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "PREPAY" => Ok(Terms::Prepay),
            "NET30" => Ok(Terms::Net30),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Terms {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// `APPLICANT` → `VERIFIED` → `ACTIVE`; also `SUSPENDED` and `CLOSED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountStatus {
    Applicant,
    Verified,
    Active,
    Suspended,
    Closed,
}

impl AccountStatus {
    pub const ALL: [AccountStatus; 5] = [
        AccountStatus::Applicant,
        AccountStatus::Verified,
        AccountStatus::Active,
        AccountStatus::Suspended,
        AccountStatus::Closed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Applicant => "APPLICANT",
            AccountStatus::Verified => "VERIFIED",
            AccountStatus::Active => "ACTIVE",
            AccountStatus::Suspended => "SUSPENDED",
            AccountStatus::Closed => "CLOSED",
        }
    }

    /// Only an active account receives new invoices from the console's forms.
    pub fn can_be_invoiced(self) -> bool {
        self == AccountStatus::Active
    }
}

impl FromStr for AccountStatus {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        AccountStatus::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

impl fmt::Display for AccountStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}
