//! Dealer registration and tax exemption (RULES.md section 1): register an applicant,
//! record the verification phone screen, activate, suspend, close; record an exemption.

use super::{audit, Change, Service};
use crate::domain::dealer::{transition, DealerAction, Verification, VerificationOutcome};
use crate::domain::exemption::Exemption;
use crate::domain::AccountStatus;
use crate::error::{Error, Result};
use crate::input::{self, identifier as required, optional_text};
use crate::read;
use crate::store::{self, Account};
use chrono::NaiveDate;
use serde_json::json;

/// A company applying to become a dealer, as typed (blank = none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewDealer {
    pub account_no: String,
    pub name: String,
    pub state: String,
    pub contact_name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// The verification phone screen with an account representative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVerification {
    pub account_no: String,
    pub representative: String,
    pub screened_on: NaiveDate,
    pub outcome: VerificationOutcome,
    pub notes: Option<String>,
}

/// A status move: from, to, and the screen that caused it, if any.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DealerChange {
    pub account_no: String,
    pub from: AccountStatus,
    pub to: AccountStatus,
    pub verification: Option<Verification>,
    pub reason: Option<String>,
    /// The day of the change.
    pub on: NaiveDate,
}

/// A tax exemption as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewExemption {
    pub account_no: String,
    pub exemption_no: String,
    pub certificate_on_file: bool,
    /// None only without a certificate on file.
    pub certificate_expires: Option<NaiveDate>,
}

fn account_json(a: &Account) -> serde_json::Value {
    serde_json::to_value(a).unwrap_or_default()
}

impl Service {
    /// Registers a company as an `APPLICANT` dealer (any operator).
    pub fn register_dealer(&mut self, d: &NewDealer) -> Result<Account> {
        self.transact(|tx, op| {
            let no = required("account", &d.account_no)?;
            if no.len() > 32 || no.chars().any(|c| c.is_whitespace() || c == ',') {
                return Err(Error::invalid("account", "use up to 32 characters without spaces or commas"));
            }
            let name = input::text("name", &d.name)?;
            if store::accounts::by_no(tx, no)?.is_some() {
                return Err(Error::invalid("account", format!("account {no} already exists")));
            }
            store::accounts::insert_applicant(
                tx,
                &store::accounts::NewApplicant {
                    account_no: no,
                    name,
                    state: optional_text("state", &d.state)?,
                    contact_name: optional_text("contact_name", &d.contact_name)?,
                    phone: optional_text("phone", &d.phone)?,
                    email: optional_text("email", &d.email)?,
                    address: optional_text("address", &d.address)?,
                },
            )?;
            let account = read::account(tx, no)?;
            audit(tx, op, &Change::of_account("register", no).after(account_json(&account)))?;
            Ok(account)
        })
    }

    /// Records the verification phone screen; a passed screen makes the applicant `VERIFIED`.
    pub fn verify_dealer(&mut self, v: &NewVerification) -> Result<DealerChange> {
        self.transact(|tx, op| {
            let account = read::account(tx, &v.account_no)?;
            let representative = input::text("representative", &v.representative)?;
            let screened_on = input::within_limits("date", v.screened_on)?;
            let outcome = v.outcome;
            let notes = input::note("notes", v.notes.as_deref().unwrap_or(""))?;
            let to = outcome.status_after(account.status).map_err(|e| Error::Refused(e.to_string()))?;
            store::dealers::insert(tx, account.id, representative, screened_on, outcome, notes, &op.name)?;
            store::accounts::set_status(tx, account.id, to)?;
            let verification = Verification {
                representative: representative.to_string(),
                screened_on,
                outcome,
                notes: notes.map(str::to_string),
                recorded_by: op.name.clone(),
            };
            let change = DealerChange {
                account_no: account.account_no.clone(),
                from: account.status,
                to,
                verification: Some(verification),
                reason: None,
                on: screened_on,
            };
            audit(
                tx,
                op,
                &Change::of_account("verify", &account.account_no)
                    .before(json!({"status": account.status}))
                    .after(serde_json::to_value(&change).unwrap_or_default()),
            )?;
            Ok(change)
        })
    }

    /// Activates, suspends or closes an account on the day `on` (not after today).
    /// Suspending, closing and reinstating a suspended account are a manager's; each
    /// needs a reason except activation.
    pub fn change_dealer_status(
        &mut self,
        account_no: &str,
        action: DealerAction,
        reason: &str,
        on: NaiveDate,
    ) -> Result<DealerChange> {
        let today = self.today();
        if action == DealerAction::Verify {
            return Err(Error::invalid("action", "a verification is recorded with its phone screen (verify_dealer)"));
        }
        let account = read::account(self.store(), account_no)?;
        if action.needs_manager(account.status) {
            self.require_manager(action.act(account.status))?;
        }
        self.transact(|tx, op| {
            let account = read::account(tx, account_no)?;
            let to = transition(account.status, action).map_err(|e| Error::Refused(e.to_string()))?;
            let reason = optional_text("reason", reason)?;
            if matches!(action, DealerAction::Suspend | DealerAction::Close) && reason.is_none() {
                return Err(Error::invalid("reason", format!("say why the account is to be {}d", action.as_str())));
            }
            let on = input::not_after_today("date", on, today)?;
            // Retention of personal data counts from the day an account is closed.
            store::accounts::set_status_on(tx, account.id, to, on)?;
            let change = DealerChange {
                account_no: account.account_no.clone(),
                from: account.status,
                to,
                verification: None,
                reason: reason.map(str::to_string),
                on,
            };
            audit(
                tx,
                op,
                &Change::of_account(action.as_str(), &account.account_no)
                    .before(json!({"status": account.status}))
                    .after(json!({"status": to, "reason": reason, "on": on.to_string()})),
            )?;
            Ok(change)
        })
    }

    /// Records (or replaces) an account's tax exemption.
    pub fn set_exemption(&mut self, e: &NewExemption) -> Result<Exemption> {
        self.transact(|tx, op| {
            let account = read::account(tx, &e.account_no)?;
            let exemption_no = required("exemption_no", &e.exemption_no)?;
            let expires = e.certificate_expires.map(|d| input::within_limits("expires", d)).transpose()?;
            if e.certificate_on_file && expires.is_none() {
                return Err(Error::invalid("expires", "a certificate on file needs its expiry date"));
            }
            let before = store::exemptions::of_account(tx, account.id)?;
            let after = Exemption {
                exemption_no: exemption_no.to_string(),
                certificate_on_file: e.certificate_on_file,
                certificate_expires: expires,
            };
            store::exemptions::upsert(tx, account.id, &after, &op.name)?;
            audit(
                tx,
                op,
                &Change {
                    action: "set",
                    entity: "tax_exemption",
                    entity_key: Some(&account.account_no),
                    account_no: Some(&account.account_no),
                    before: before.map(|b| serde_json::to_value(b).unwrap_or_default()),
                    after: Some(serde_json::to_value(&after).unwrap_or_default()),
                },
            )?;
            Ok(after)
        })
    }
}
