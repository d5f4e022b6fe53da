//! Dealer registration and tax exemption (RULES.md section 1): register an applicant,
//! record the verification phone screen, activate, suspend, close; an account's
//! overview with its flags (over the credit limit, exemption certificate warnings).

use super::input::{self as input, optional, required};
use super::{audit, Change, Service};
use crate::domain::credit::{over_limit, OverLimit};
use crate::domain::dealer::{transition, DealerAction, VerificationOutcome};
use crate::domain::exemption::{Exemption, ExemptionWarning};
use crate::domain::{AccountStatus, Money, Terms};
use crate::error::{Error, Result};
use crate::store::{account_by_no, Account};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewVerification {
    pub account_no: String,
    pub representative: String,
    pub screened_on: String,
    /// `PASSED` or `FAILED`.
    pub outcome: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Verification {
    pub representative: String,
    pub screened_on: NaiveDate,
    pub outcome: VerificationOutcome,
    pub notes: Option<String>,
    pub recorded_by: String,
}

/// A status move: from, to, and the screen that caused it, if any.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DealerChange {
    pub account_no: String,
    pub from: AccountStatus,
    pub to: AccountStatus,
    pub verification: Option<Verification>,
    pub reason: Option<String>,
}

/// A tax exemption as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewExemption {
    pub account_no: String,
    pub exemption_no: String,
    pub certificate_on_file: bool,
    /// Blank = none (only without a certificate on file).
    pub certificate_expires: String,
}

/// Everything the credit department sees on one account, with its flags.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AccountOverview {
    pub account_no: String,
    pub name: String,
    pub status: AccountStatus,
    pub terms: Terms,
    pub credit_limit: Money,
    pub balance: Money,
    pub over_limit: Option<OverLimit>,
    pub exemption: Option<Exemption>,
    pub exemption_warning: Option<ExemptionWarning>,
    pub can_be_invoiced: bool,
    pub last_verification: Option<Verification>,
    pub credit_application: Option<super::credit::CreditApplication>,
    /// Short texts for every flag, for a status line.
    pub flags: Vec<String>,
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
            let name = required("name", &d.name)?;
            if account_by_no(tx, no)?.is_some() {
                return Err(Error::invalid("account", format!("account {no} already exists")));
            }
            tx.execute(
                "INSERT INTO accounts (account_no, name, state, status, terms, credit_limit_cents, contact_name, phone, email, address)
                 VALUES (?1, ?2, ?3, 'APPLICANT', 'PREPAY', 0, ?4, ?5, ?6, ?7)",
                params![
                    no,
                    name,
                    optional(&d.state),
                    optional(&d.contact_name),
                    optional(&d.phone),
                    optional(&d.email),
                    optional(&d.address)
                ],
            )?;
            let account = input::account(tx, no)?;
            audit(
                tx,
                op,
                &Change {
                    action: "register",
                    entity: "account",
                    entity_key: Some(no),
                    account_no: Some(no),
                    before: None,
                    after: Some(account_json(&account)),
                },
            )?;
            Ok(account)
        })
    }

    /// Records the verification phone screen; a passed screen makes the applicant `VERIFIED`.
    pub fn verify_dealer(&mut self, v: &NewVerification) -> Result<DealerChange> {
        self.transact(|tx, op| {
            let account = input::account(tx, &v.account_no)?;
            let representative = required("representative", &v.representative)?;
            let screened_on = input::date("date", &v.screened_on)?;
            let outcome: VerificationOutcome = input::choice("outcome", &v.outcome)?;
            let to = outcome.status_after(account.status).map_err(|e| Error::Refused(e.to_string()))?;
            tx.execute(
                "INSERT INTO dealer_verifications (account_id, representative, screened_on, outcome, notes, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![account.id, representative, screened_on.to_string(), outcome.as_str(), optional(&v.notes), op.name],
            )?;
            set_status(tx, &account, to)?;
            let verification = Verification {
                representative: representative.to_string(),
                screened_on,
                outcome,
                notes: optional(&v.notes).map(str::to_string),
                recorded_by: op.name.clone(),
            };
            let change = DealerChange {
                account_no: account.account_no.clone(),
                from: account.status,
                to,
                verification: Some(verification),
                reason: None,
            };
            audit(
                tx,
                op,
                &Change {
                    action: "verify",
                    entity: "account",
                    entity_key: Some(&account.account_no),
                    account_no: Some(&account.account_no),
                    before: Some(json!({"status": account.status})),
                    after: Some(serde_json::to_value(&change).unwrap_or_default()),
                },
            )?;
            Ok(change)
        })
    }

    /// Activates, suspends or closes an account. Suspending, closing and reinstating a
    /// suspended account are a manager's; each needs a reason except activation.
    pub fn change_dealer_status(
        &mut self,
        account_no: &str,
        action: DealerAction,
        reason: &str,
    ) -> Result<DealerChange> {
        if action == DealerAction::Verify {
            return Err(Error::invalid("action", "a verification is recorded with its phone screen (verify_dealer)"));
        }
        let account = input::account(self.store().conn(), account_no)?;
        if action.needs_manager(account.status) {
            self.require_manager(action.act(account.status))?;
        }
        self.transact(|tx, op| {
            let account = input::account(tx, account_no)?;
            let to = transition(account.status, action).map_err(|e| Error::Refused(e.to_string()))?;
            let reason = optional(reason);
            if matches!(action, DealerAction::Suspend | DealerAction::Close) && reason.is_none() {
                return Err(Error::invalid("reason", format!("say why the account is to be {}d", action.as_str())));
            }
            set_status(tx, &account, to)?;
            // Retention of personal data counts from the day an account is closed.
            if to == crate::domain::AccountStatus::Closed {
                tx.execute("UPDATE accounts SET closed_on = date('now', 'localtime') WHERE id = ?1", [account.id])?;
            }
            let change = DealerChange {
                account_no: account.account_no.clone(),
                from: account.status,
                to,
                verification: None,
                reason: reason.map(str::to_string),
            };
            audit(
                tx,
                op,
                &Change {
                    action: action.as_str(),
                    entity: "account",
                    entity_key: Some(&account.account_no),
                    account_no: Some(&account.account_no),
                    before: Some(json!({"status": account.status})),
                    after: Some(json!({"status": to, "reason": reason})),
                },
            )?;
            Ok(change)
        })
    }

    /// Records (or replaces) an account's tax exemption.
    pub fn set_exemption(&mut self, e: &NewExemption) -> Result<Exemption> {
        self.transact(|tx, op| {
            let account = input::account(tx, &e.account_no)?;
            let exemption_no = required("exemption_no", &e.exemption_no)?;
            let expires = input::optional_date("expires", &e.certificate_expires)?;
            if e.certificate_on_file && expires.is_none() {
                return Err(Error::invalid("expires", "a certificate on file needs its expiry date"));
            }
            let before = exemption_of(tx, account.id)?;
            tx.execute(
                "INSERT INTO tax_exemptions (account_id, exemption_no, certificate_on_file, certificate_expires, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (account_id) DO UPDATE SET exemption_no = excluded.exemption_no,
                     certificate_on_file = excluded.certificate_on_file,
                     certificate_expires = excluded.certificate_expires, recorded_by = excluded.recorded_by",
                params![account.id, exemption_no, e.certificate_on_file, expires.map(|d| d.to_string()), op.name],
            )?;
            let after = Exemption {
                exemption_no: exemption_no.to_string(),
                certificate_on_file: e.certificate_on_file,
                certificate_expires: expires,
            };
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

fn set_status(conn: &Connection, account: &Account, to: AccountStatus) -> Result<()> {
    conn.execute("UPDATE accounts SET status = ?1 WHERE id = ?2", params![to.as_str(), account.id])?;
    Ok(())
}

pub fn exemption_of(conn: &Connection, account_id: i64) -> Result<Option<Exemption>> {
    Ok(conn
        .query_row(
            "SELECT exemption_no, certificate_on_file, certificate_expires FROM tax_exemptions WHERE account_id = ?1",
            [account_id],
            exemption_from_row,
        )
        .optional()?)
}

fn exemption_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Exemption> {
    let expires: Option<String> = r.get(2)?;
    Ok(Exemption {
        exemption_no: r.get(0)?,
        certificate_on_file: r.get(1)?,
        certificate_expires: expires.and_then(|s| crate::domain::dates::parse_iso(&s)),
    })
}

pub fn last_verification(conn: &Connection, account_id: i64) -> Result<Option<Verification>> {
    Ok(conn
        .query_row(
            "SELECT representative, screened_on, outcome, notes, recorded_by FROM dealer_verifications
             WHERE account_id = ?1 ORDER BY id DESC LIMIT 1",
            [account_id],
            |r| {
                let outcome: String = r.get(2)?;
                Ok(Verification {
                    representative: r.get(0)?,
                    screened_on: crate::store::date_at(r, 1)?,
                    outcome: outcome.parse().unwrap_or(VerificationOutcome::Failed),
                    notes: r.get(3)?,
                    recorded_by: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// An exemption line of the `exemption list`/`expiring` reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExemptionLine {
    pub account_no: String,
    pub name: String,
    pub exemption: Exemption,
    pub warning: Option<ExemptionWarning>,
    pub expiring_soon: bool,
}

/// Every exempt account, by account number, with its warning as of a day.
pub fn exemptions(conn: &Connection, as_of: NaiveDate) -> Result<Vec<ExemptionLine>> {
    let mut stmt = conn.prepare(
        "SELECT a.account_no, a.name, e.exemption_no, e.certificate_on_file, e.certificate_expires
         FROM tax_exemptions e JOIN accounts a ON a.id = e.account_id ORDER BY a.account_no",
    )?;
    let rows = stmt.query_map([], |r| {
        let exemption = Exemption {
            exemption_no: r.get(2)?,
            certificate_on_file: r.get(3)?,
            certificate_expires: r.get::<_, Option<String>>(4)?.and_then(|s| crate::domain::dates::parse_iso(&s)),
        };
        Ok(ExemptionLine {
            account_no: r.get(0)?,
            name: r.get(1)?,
            warning: exemption.warning(as_of),
            expiring_soon: exemption.expiring_soon(as_of),
            exemption,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One account's overview as of a day.
pub fn account_overview(conn: &Connection, account_no: &str, as_of: NaiveDate) -> Result<AccountOverview> {
    let account =
        account_by_no(conn, account_no)?.ok_or_else(|| Error::NotFound(format!("no account {account_no}")))?;
    let balance = input::balance(conn, &account, as_of)?;
    overview(conn, account, balance, as_of)
}

/// Every account's overview, by account number (balances from one evaluation of the ledger).
pub fn account_overviews(conn: &Connection, as_of: NaiveDate) -> Result<Vec<AccountOverview>> {
    let totals: std::collections::HashMap<String, Money> =
        crate::report::aging(conn, as_of)?.into_iter().map(|r| (r.account_no, r.total)).collect();
    let mut stmt =
        conn.prepare(&format!("SELECT {} FROM accounts ORDER BY account_no", crate::store::ACCOUNT_COLUMNS))?;
    let accounts: Vec<Account> =
        stmt.query_map([], crate::store::account_from_row)?.collect::<rusqlite::Result<_>>()?;
    accounts
        .into_iter()
        .map(|a| {
            let balance = totals.get(&a.account_no).copied().unwrap_or_default();
            overview(conn, a, balance, as_of)
        })
        .collect()
}

fn overview(conn: &Connection, account: Account, balance: Money, as_of: NaiveDate) -> Result<AccountOverview> {
    let over = over_limit(account.terms, account.credit_limit, balance);
    let exemption = exemption_of(conn, account.id)?;
    let warning = exemption.as_ref().and_then(|e| e.warning(as_of));
    let application = super::credit::latest_application(conn, account.id)?;
    let mut flags = Vec::new();
    if let Some(o) = &over {
        flags.push(format!("OVER CREDIT LIMIT by {} (limit {})", o.excess.grouped(), o.credit_limit.grouped()));
    }
    if let Some(w) = &warning {
        flags.push(w.message().to_uppercase());
    }
    if !account.status.can_be_invoiced() {
        flags.push(format!("{}: no new invoices", account.status));
    }
    if application.as_ref().is_some_and(|a| a.status == crate::domain::credit::ApplicationStatus::Pending) {
        flags.push("credit application pending".to_string());
    }
    Ok(AccountOverview {
        last_verification: last_verification(conn, account.id)?,
        account_no: account.account_no,
        name: account.name,
        can_be_invoiced: account.status.can_be_invoiced(),
        status: account.status,
        terms: account.terms,
        credit_limit: account.credit_limit,
        balance,
        over_limit: over,
        exemption,
        exemption_warning: warning,
        credit_application: application,
        flags,
    })
}
