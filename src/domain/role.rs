//! Who may do what: an operator is a clerk or a manager, and some acts are a manager's
//! alone. `requires_manager` is the one answer; the service's check, the console's
//! footer, help and forms all ask it.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    Clerk,
    Manager,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clerk => "CLERK",
            Role::Manager => "MANAGER",
        }
    }

    /// Whether an operator of this role may do `act`.
    pub fn may(self, act: Act) -> bool {
        self == Role::Manager || !requires_manager(act)
    }
}

impl FromStr for Role {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "CLERK" => Ok(Role::Clerk),
            "MANAGER" => Ok(Role::Manager),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// The acts whose answer depends on the role: a manager's, and the clerk's acts that
/// sit next to one (completing a request is a clerk's; completing a deletion erases
/// personal data and is a manager's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Act {
    ApproveCredit,
    DeclineCredit,
    ChangeCardSurcharge,
    WaiveCardSurcharge,
    RevealIdentifiers,
    WaiveReturnedCheckFee,
    WaiveHandlingFee,
    PlaceWithAgency,
    ErasePersonalData,
    ManageOperators,
    DecideNonstock,
    ReinstateAccount,
    SuspendAccount,
    CloseAccount,
    // Corrections and upkeep (RULES 10):
    VoidPayment,
    VoidCharge,
    WriteOff,
    RefundCredit,
    ChangeCreditLimit,
    RevokeCredit,
    SetRateCap,
    ChangeSettings,
    SetStateCap,
    RecallPlacement,
    OverrideCreditHold,
    RestoreBackup,
    // Any operator's:
    VerifyDealer,
    ActivateAccount,
    CompletePrivacyRequest,
    SendDunningLetters,
}

impl Act {
    pub const ALL: [Act; 30] = [
        Act::ApproveCredit,
        Act::DeclineCredit,
        Act::ChangeCardSurcharge,
        Act::WaiveCardSurcharge,
        Act::RevealIdentifiers,
        Act::WaiveReturnedCheckFee,
        Act::WaiveHandlingFee,
        Act::PlaceWithAgency,
        Act::ErasePersonalData,
        Act::ManageOperators,
        Act::DecideNonstock,
        Act::ReinstateAccount,
        Act::SuspendAccount,
        Act::CloseAccount,
        Act::VoidPayment,
        Act::VoidCharge,
        Act::WriteOff,
        Act::RefundCredit,
        Act::ChangeCreditLimit,
        Act::RevokeCredit,
        Act::SetRateCap,
        Act::ChangeSettings,
        Act::SetStateCap,
        Act::RecallPlacement,
        Act::OverrideCreditHold,
        Act::RestoreBackup,
        Act::VerifyDealer,
        Act::ActivateAccount,
        Act::CompletePrivacyRequest,
        Act::SendDunningLetters,
    ];

    /// The act in words, as a refusal says it ("only a manager may …").
    pub fn words(self) -> &'static str {
        match self {
            Act::ApproveCredit => "approve credit",
            Act::DeclineCredit => "decline credit",
            Act::ChangeCardSurcharge => "change the card surcharge",
            Act::WaiveCardSurcharge => "waive the card surcharge",
            Act::RevealIdentifiers => "reveal identifiers",
            Act::WaiveReturnedCheckFee => "waive a returned-check fee",
            Act::WaiveHandlingFee => "waive a repair handling fee",
            Act::PlaceWithAgency => "place an account with a collection agency",
            Act::ErasePersonalData => "erase personal data",
            Act::ManageOperators => "manage operators",
            Act::DecideNonstock => "decide on unclaimed special-order nonstock",
            Act::ReinstateAccount => "reinstate a suspended account",
            Act::SuspendAccount => "suspend an account",
            Act::CloseAccount => "close an account",
            Act::OverrideCreditHold => "override a credit hold",
            Act::VoidPayment => "void a payment",
            Act::VoidCharge => "void a charge",
            Act::WriteOff => "write off an account",
            Act::RefundCredit => "refund a credit",
            Act::ChangeCreditLimit => "change a credit limit",
            Act::RevokeCredit => "take NET30 terms back",
            Act::SetRateCap => "set an account's rate cap",
            Act::ChangeSettings => "change the settings",
            Act::SetStateCap => "change the state rate caps",
            Act::RecallPlacement => "recall an agency placement",
            Act::RestoreBackup => "restore the book from a backup",
            Act::VerifyDealer => "verify a dealer",
            Act::ActivateAccount => "activate an account",
            Act::CompletePrivacyRequest => "complete a privacy request",
            Act::SendDunningLetters => "send dunning letters",
        }
    }
}

/// Whether `act` is a manager's alone (RULES.md: credit decisions, waivers, agency
/// placements, identifiers, erasure, operators, nonstock decisions, suspending,
/// closing and reinstating accounts; and section 10's corrections: voids, write-offs,
/// refunds, limits, terms, rate caps, settings, recalls; overriding a credit hold; and
/// restoring the book from a backup).
pub fn requires_manager(act: Act) -> bool {
    match act {
        Act::ApproveCredit
        | Act::DeclineCredit
        | Act::ChangeCardSurcharge
        | Act::WaiveCardSurcharge
        | Act::RevealIdentifiers
        | Act::WaiveReturnedCheckFee
        | Act::WaiveHandlingFee
        | Act::PlaceWithAgency
        | Act::ErasePersonalData
        | Act::ManageOperators
        | Act::DecideNonstock
        | Act::ReinstateAccount
        | Act::SuspendAccount
        | Act::CloseAccount
        | Act::VoidPayment
        | Act::VoidCharge
        | Act::WriteOff
        | Act::RefundCredit
        | Act::ChangeCreditLimit
        | Act::RevokeCredit
        | Act::SetRateCap
        | Act::ChangeSettings
        | Act::SetStateCap
        | Act::RecallPlacement
        | Act::OverrideCreditHold
        | Act::RestoreBackup => true,
        // Letters follow the rules of RULES 11 to the letter: routine work of the desk.
        Act::VerifyDealer | Act::ActivateAccount | Act::CompletePrivacyRequest | Act::SendDunningLetters => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manager_may_do_every_act_and_a_clerk_only_those_that_are_not_a_managers() {
        for act in Act::ALL {
            assert!(Role::Manager.may(act), "{act:?}");
            assert_eq!(Role::Clerk.may(act), !requires_manager(act), "{act:?}");
        }
    }

    #[test]
    fn only_a_manager_may_override_a_credit_hold() {
        assert!(requires_manager(Act::OverrideCreditHold));
        assert!(!Role::Clerk.may(Act::OverrideCreditHold));
    }

    #[test]
    fn completing_a_request_is_a_clerks_but_erasing_personal_data_a_managers() {
        assert!(Role::Clerk.may(Act::CompletePrivacyRequest));
        assert!(!Role::Clerk.may(Act::ErasePersonalData));
    }

    #[test]
    fn a_clerk_may_send_dunning_letters() {
        assert!(!requires_manager(Act::SendDunningLetters));
        assert!(Role::Clerk.may(Act::SendDunningLetters));
    }

    #[test]
    fn every_correction_of_section_10_is_a_managers() {
        for act in [
            Act::VoidPayment,
            Act::VoidCharge,
            Act::WaiveReturnedCheckFee,
            Act::WriteOff,
            Act::RefundCredit,
            Act::SuspendAccount,
            Act::CloseAccount,
            Act::ReinstateAccount,
            Act::ChangeCreditLimit,
            Act::RevokeCredit,
            Act::SetRateCap,
            Act::ChangeSettings,
            Act::ChangeCardSurcharge,
            Act::SetStateCap,
            Act::RecallPlacement,
        ] {
            assert!(requires_manager(act), "{act:?}");
            assert!(!Role::Clerk.may(act), "{act:?}");
        }
    }

    #[test]
    fn roles_read_and_print_in_capitals() {
        for role in [Role::Clerk, Role::Manager] {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(role.to_string(), role.as_str());
        }
        assert!("manager".parse::<Role>().is_err());
    }
}
