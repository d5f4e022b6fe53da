//! Credit applications and credit limits (RULES.md sections 1 and 5): a clerk records
//! the application, a manager approves (the account moves to `NET30` with a limit) or
//! declines it with a reason. Government identifiers (SSN/EIN) are shown masked to
//! their last four digits everywhere.

use super::{Money, Terms};
use chrono::NaiveDate;
use std::fmt;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

/// A government identifier as given on a credit application: nine digits, an SSN
/// (`123-45-6789`) or an EIN (`12-3456789`). Its `Debug` and `Display` are masked, so
/// it cannot leak through a log line, an error message or a JSON document by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct GovId {
    as_given: String,
    digits: String,
    kind: GovIdKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum GovIdKind {
    Ssn,
    Ein,
    /// Nine digits written without dashes: SSN or EIN cannot be told apart.
    Tin,
}

impl GovIdKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Why a text is not a government identifier. The reason never repeats the text.
pub const GOV_ID_FORMAT: &str =
    "must be nine digits: an SSN written NNN-NN-NNNN, an EIN written NN-NNNNNNN, or the nine digits alone";

impl GovId {
    pub fn parse(text: &str) -> Result<GovId, &'static str> {
        let t = text.trim();
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 9 || t.chars().any(|c| !c.is_ascii_digit() && c != '-') {
            return Err(GOV_ID_FORMAT);
        }
        let dashes: Vec<usize> = t.char_indices().filter(|(_, c)| *c == '-').map(|(i, _)| i).collect();
        let kind = match dashes.as_slice() {
            [] => GovIdKind::Tin,
            [3, 6] => GovIdKind::Ssn,
            [2] => GovIdKind::Ein,
            _ => return Err(GOV_ID_FORMAT),
        };
        Ok(GovId { as_given: t.to_string(), digits, kind })
    }

    pub fn kind(&self) -> GovIdKind {
        self.kind
    }

    pub fn last4(&self) -> &str {
        &self.digits[5..]
    }

    pub fn masked(&self) -> String {
        mask_last4(self.last4())
    }

    /// The identifier as given, for storing it. Every read path shows `masked`.
    pub fn as_given(&self) -> &str {
        &self.as_given
    }
}

/// `*****6789`: how an identifier is shown, from its last four digits.
pub fn mask_last4(last4: &str) -> String {
    format!("*****{last4}")
}

impl fmt::Debug for GovId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GovId({} {})", self.kind.as_str(), self.masked())
    }
}

impl fmt::Display for GovId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.masked())
    }
}

/// Where a credit application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ApplicationStatus {
    Pending,
    Approved,
    Declined,
}

impl ApplicationStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A manager's decision on a pending application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditDecision {
    Approve { limit: Money },
    Decline { reason: String },
}

/// What an approval does to the account: `NET30` with the approved limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approved {
    pub terms: Terms,
    pub credit_limit: Money,
}

/// Checks a decision against the application's status; an approval yields the new terms.
pub fn decide(status: ApplicationStatus, decision: &CreditDecision) -> Result<Option<Approved>, String> {
    if status != ApplicationStatus::Pending {
        return Err(format!("the application is already {status}; record a new application to decide again"));
    }
    match decision {
        CreditDecision::Approve { limit } if !limit.is_positive() => {
            Err("an approved credit limit must be greater than 0.00".to_string())
        }
        CreditDecision::Approve { limit } => Ok(Some(Approved { terms: Terms::Net30, credit_limit: *limit })),
        CreditDecision::Decline { reason } if reason.trim().is_empty() => {
            Err("a declined application needs a reason".to_string())
        }
        CreditDecision::Decline { .. } => Ok(None),
    }
}

/// An account over its credit limit: by how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct OverLimit {
    pub credit_limit: Money,
    pub balance: Money,
    pub excess: Money,
}

/// Whether a balance is over the account's credit limit. Only an account on credit
/// (`NET30`) has a limit to go over: a `PREPAY` account has no credit line at all.
pub fn over_limit(terms: Terms, credit_limit: Money, balance: Money) -> Option<OverLimit> {
    (terms == Terms::Net30 && balance > credit_limit).then(|| OverLimit {
        credit_limit,
        balance,
        excess: balance - credit_limit,
    })
}

/// A new charge of `amount` that would take the account over its limit: the console
/// asks the operator to confirm it, showing this.
pub fn charge_needs_confirmation(
    terms: Terms,
    credit_limit: Money,
    balance: Money,
    amount: Money,
) -> Option<OverLimit> {
    over_limit(terms, credit_limit, balance + amount)
}

/// A credit application as every read path shows it: the identifier masked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CreditApplication {
    pub id: i64,
    pub account_no: String,
    pub applied_on: NaiveDate,
    pub requested_limit: Money,
    pub trade_references: Vec<String>,
    pub bank_reference: String,
    pub gov_id_kind: GovIdKind,
    /// `*****6789`
    pub gov_id: String,
    pub status: ApplicationStatus,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub approved_limit: Option<Money>,
    pub decline_reason: Option<String>,
    pub recorded_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_masked_to_the_last_four_digits() {
        let ssn = GovId::parse("123-45-6789").unwrap();
        assert_eq!(ssn.kind(), GovIdKind::Ssn);
        assert_eq!(ssn.masked(), "*****6789");
        assert_eq!(ssn.to_string(), "*****6789");
        assert!(!format!("{ssn:?}").contains("12345"), "Debug leaks: {ssn:?}");
        assert_eq!(format!("{ssn:?}"), "GovId(SSN *****6789)", "Debug shows the kind and the masked digits");
        let ein = GovId::parse("12-3456789").unwrap();
        assert_eq!(ein.kind(), GovIdKind::Ein);
        assert_eq!(ein.last4(), "6789");
        assert_eq!(GovId::parse("123456789").unwrap().kind(), GovIdKind::Tin);
    }

    #[test]
    fn an_identifier_is_stored_exactly_as_given_and_only_shown_masked() {
        let id = GovId::parse("123-45-6789").unwrap();
        assert_eq!(id.as_given(), "123-45-6789");
        assert_eq!(GovId::parse(" 12-3456789 ").unwrap().as_given(), "12-3456789", "trimmed, dashes kept");
    }

    #[test]
    fn a_bad_identifier_is_refused_without_repeating_it() {
        for bad in ["12345678", "1234567890", "123-456-789", "12a456789", ""] {
            let reason = GovId::parse(bad).unwrap_err();
            assert!(bad.is_empty() || !reason.contains(bad), "{reason}");
        }
    }

    #[test]
    fn approval_sets_net30_and_the_limit() {
        let d = decide(ApplicationStatus::Pending, &CreditDecision::Approve { limit: Money::from_cents(500_000) });
        assert_eq!(d, Ok(Some(Approved { terms: Terms::Net30, credit_limit: Money::from_cents(500_000) })));
    }

    #[test]
    fn approval_needs_a_positive_limit_and_a_decline_a_reason() {
        assert!(decide(ApplicationStatus::Pending, &CreditDecision::Approve { limit: Money::ZERO }).is_err());
        assert!(decide(ApplicationStatus::Pending, &CreditDecision::Decline { reason: " ".into() }).is_err());
        assert_eq!(
            decide(ApplicationStatus::Pending, &CreditDecision::Decline { reason: "no trade refs".into() }),
            Ok(None)
        );
    }

    #[test]
    fn application_statuses_are_spelled_as_stored() {
        assert_eq!(ApplicationStatus::Pending.as_str(), "PENDING");
        assert_eq!(ApplicationStatus::Approved.as_str(), "APPROVED");
        assert_eq!(ApplicationStatus::Declined.as_str(), "DECLINED");
    }

    #[test]
    fn an_application_is_decided_once() {
        let approve = CreditDecision::Approve { limit: Money::from_cents(100) };
        assert!(decide(ApplicationStatus::Approved, &approve).is_err());
        assert!(decide(ApplicationStatus::Declined, &approve).is_err());
    }

    #[test]
    fn an_account_over_its_limit_is_flagged() {
        let limit = Money::from_cents(500_000);
        assert_eq!(over_limit(Terms::Net30, limit, limit), None);
        let over = over_limit(Terms::Net30, limit, Money::from_cents(500_001)).unwrap();
        assert_eq!(over.excess, Money::from_cents(1));
        assert_eq!(over_limit(Terms::Prepay, Money::ZERO, Money::from_cents(48_000)), None);
    }

    #[test]
    fn a_charge_that_takes_the_account_over_its_limit_asks_for_confirmation() {
        let limit = Money::from_cents(100_000);
        let balance = Money::from_cents(90_000);
        assert_eq!(charge_needs_confirmation(Terms::Net30, limit, balance, Money::from_cents(10_000)), None);
        let ask = charge_needs_confirmation(Terms::Net30, limit, balance, Money::from_cents(10_001)).unwrap();
        assert_eq!(ask.balance, Money::from_cents(100_001));
    }
}
