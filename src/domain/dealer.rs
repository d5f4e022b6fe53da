//! Dealer registration (RULES.md section 1): an application, a verification phone
//! screen with an account representative, then an active account; also suspension
//! and closing. Which moves are allowed from which status, and why not.

use super::role::{requires_manager, Act};
use super::AccountStatus;
use chrono::NaiveDate;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

/// What happens to a dealer's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, IntoStaticStr)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "lowercase")]
pub enum DealerAction {
    /// A passed verification phone screen: `APPLICANT` → `VERIFIED`.
    Verify,
    /// `VERIFIED` → `ACTIVE`, or a suspended account reinstated.
    Activate,
    /// `ACTIVE` → `SUSPENDED` (delivery stops).
    Suspend,
    /// Any open status → `CLOSED`, for good.
    Close,
}

impl DealerAction {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// Suspending, closing and reinstating are credit decisions: a manager's.
    /// Verifying and activating a verified applicant are the account
    /// representative's work (a clerk's).
    pub fn needs_manager(self, from: AccountStatus) -> bool {
        requires_manager(self.act(from))
    }

    /// The act this move is from `from`: activating a suspended account reinstates it.
    pub fn act(self, from: AccountStatus) -> Act {
        match self {
            DealerAction::Verify => Act::VerifyDealer,
            DealerAction::Activate if from == AccountStatus::Suspended => Act::ReinstateAccount,
            DealerAction::Activate => Act::ActivateAccount,
            DealerAction::Suspend => Act::SuspendAccount,
            DealerAction::Close => Act::CloseAccount,
        }
    }
}

/// Why a move is not allowed from the account's current status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} an account that is {from}: {reason}", action.as_str())]
pub struct TransitionRefused {
    pub action: DealerAction,
    pub from: AccountStatus,
    pub reason: &'static str,
}

/// The status an action leads to from `from`, or why it cannot.
pub fn transition(from: AccountStatus, action: DealerAction) -> Result<AccountStatus, TransitionRefused> {
    use AccountStatus::*;
    let refuse = |reason| Err(TransitionRefused { action, from, reason });
    match (action, from) {
        (_, Closed) => refuse("a closed account stays closed; register a new one"),
        (DealerAction::Verify, Applicant) => Ok(Verified),
        (DealerAction::Verify, _) => refuse("only an applicant is verified"),
        (DealerAction::Activate, Verified | Suspended) => Ok(Active),
        (DealerAction::Activate, Applicant) => {
            refuse("an applicant must first pass the verification phone screen (account verify)")
        }
        (DealerAction::Activate, Active) => refuse("it is already active"),
        (DealerAction::Suspend, Active) => Ok(Suspended),
        (DealerAction::Suspend, Suspended) => refuse("it is already suspended"),
        (DealerAction::Suspend, _) => refuse("only an active account can be suspended"),
        (DealerAction::Close, _) => Ok(Closed),
    }
}

/// The outcome of the verification phone screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum VerificationOutcome {
    Passed,
    Failed,
}

impl VerificationOutcome {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// A passed screen verifies the applicant; a failed one is recorded and the
    /// company stays an applicant (it may be screened again).
    pub fn status_after(self, from: AccountStatus) -> Result<AccountStatus, TransitionRefused> {
        let next = transition(from, DealerAction::Verify)?;
        Ok(match self {
            VerificationOutcome::Passed => next,
            VerificationOutcome::Failed => from,
        })
    }
}

/// A verification phone screen as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verification {
    pub representative: String,
    pub screened_on: NaiveDate,
    pub outcome: VerificationOutcome,
    pub notes: Option<String>,
    pub recorded_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use AccountStatus::*;

    #[test]
    fn applicant_is_verified_then_activated() {
        assert_eq!(transition(Applicant, DealerAction::Verify), Ok(Verified));
        assert_eq!(transition(Verified, DealerAction::Activate), Ok(Active));
    }

    #[test]
    fn an_applicant_cannot_skip_the_verification_screen() {
        let refused = transition(Applicant, DealerAction::Activate).unwrap_err();
        assert!(refused.to_string().contains("verification phone screen"), "{refused}");
    }

    #[test]
    fn a_failed_screen_leaves_the_company_an_applicant() {
        assert_eq!(VerificationOutcome::Failed.status_after(Applicant), Ok(Applicant));
        assert_eq!(VerificationOutcome::Passed.status_after(Applicant), Ok(Verified));
        assert!(VerificationOutcome::Passed.status_after(Active).is_err());
    }

    #[test]
    fn only_an_active_account_is_suspended_and_a_suspended_one_reinstated() {
        assert_eq!(transition(Active, DealerAction::Suspend), Ok(Suspended));
        assert!(transition(Verified, DealerAction::Suspend).is_err());
        assert_eq!(transition(Suspended, DealerAction::Activate), Ok(Active));
    }

    #[test]
    fn a_closed_account_stays_closed() {
        for status in [Applicant, Verified, Active, Suspended] {
            assert_eq!(transition(status, DealerAction::Close), Ok(Closed));
        }
        for action in [DealerAction::Verify, DealerAction::Activate, DealerAction::Suspend, DealerAction::Close] {
            assert!(transition(Closed, action).is_err());
        }
    }

    #[test]
    fn suspending_closing_and_reinstating_are_for_managers() {
        assert!(DealerAction::Suspend.needs_manager(Active));
        assert!(DealerAction::Close.needs_manager(Applicant));
        assert!(DealerAction::Activate.needs_manager(Suspended));
        assert!(!DealerAction::Activate.needs_manager(Verified));
        assert!(!DealerAction::Verify.needs_manager(Applicant));
    }

    #[test]
    fn only_active_accounts_receive_invoices_from_the_forms() {
        assert!(Active.can_be_invoiced());
        for status in [Applicant, Verified, Suspended, Closed] {
            assert!(!status.can_be_invoiced());
        }
    }
}
