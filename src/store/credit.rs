//! `credit_applications`. The government identifier is written as given and read back
//! only by `revealed` (a manager's audited act): every other read takes its last four
//! digits, masked, and masks the digit runs of the bank reference.

use super::db::{params, OptionalExtension};
use super::{date_at, opt_date, Store, Tx};
use crate::domain::credit::{mask_last4, ApplicationStatus, CreditApplication, GovId, GovIdKind};
use crate::domain::privacy::mask_digit_runs;
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;

/// The columns every read of `credit_applications` uses: `gov_id` itself is never among them.
// CROSS JOIN: the applications lead, each finding its account by id (not a walk of every
// account in number order to find its applications), as the notes do.
const APPLICATION_SELECT: &str = "SELECT c.id, a.account_no, c.applied_on, c.requested_limit_cents, c.trade_references,
    c.bank_reference, c.gov_id_kind, c.gov_id_last4, c.status, c.decided_by, c.decided_on, c.approved_limit_cents,
    c.decline_reason, c.recorded_by
    FROM credit_applications c CROSS JOIN accounts a ON a.id = c.account_id";

fn application_from_row(r: &super::db::Row<'_>) -> super::db::Result<CreditApplication> {
    let refs: String = r.get(4)?;
    let kind: String = r.get(6)?;
    let last4: String = r.get(7)?;
    let status: String = r.get(8)?;
    Ok(CreditApplication {
        id: r.get(0)?,
        account_no: r.get(1)?,
        applied_on: date_at(r, 2)?,
        requested_limit: r.get(3)?,
        trade_references: serde_json::from_str(&refs).unwrap_or_else(|_| vec![refs.clone()]),
        // A bank reference often carries an account number: shown masked, like identifiers.
        bank_reference: mask_digit_runs(&r.get::<_, String>(5)?),
        gov_id_kind: kind.parse().unwrap_or(GovIdKind::Tin),
        gov_id: mask_last4(&last4),
        status: status.parse().unwrap_or(ApplicationStatus::Pending),
        decided_by: r.get(9)?,
        decided_on: opt_date(r, 10)?,
        approved_limit: r.get(11)?,
        decline_reason: r.get(12)?,
        recorded_by: r.get(13)?,
    })
}

/// The newest application of an account.
pub fn latest(store: &Store, account_id: i64) -> Result<Option<CreditApplication>> {
    let sql = format!("{APPLICATION_SELECT} WHERE c.account_id = ?1 ORDER BY c.id DESC LIMIT 1");
    Ok(store.conn.query_row(&sql, [account_id], application_from_row).optional()?)
}

/// Applications, newest first within each account; `status` filters.
pub fn list(
    store: &Store,
    account_no: Option<&str>,
    status: Option<ApplicationStatus>,
) -> Result<Vec<CreditApplication>> {
    let sql = format!(
        "{APPLICATION_SELECT} WHERE (?1 IS NULL OR a.account_no = ?1) AND (?2 IS NULL OR c.status = ?2)
         ORDER BY a.account_no, c.id DESC"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    Ok(stmt.query_all(params![account_no, status.map(|s| s.as_str())], application_from_row)?)
}

/// A `PENDING` application being recorded, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewApplication<'a> {
    pub account_id: i64,
    pub applied_on: NaiveDate,
    pub requested_limit: Money,
    pub trade_references: &'a [&'a str],
    pub bank_reference: &'a str,
    pub gov_id: &'a GovId,
    pub recorded_by: &'a str,
}

pub fn insert(tx: &Tx<'_>, a: &NewApplication<'_>) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO credit_applications (account_id, applied_on, requested_limit_cents, trade_references,
             bank_reference, gov_id, gov_id_kind, gov_id_last4, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.account_id,
            a.applied_on.to_string(),
            a.requested_limit.cents(),
            serde_json::to_string(a.trade_references).unwrap_or_default(),
            a.bank_reference,
            a.gov_id.as_given(),
            a.gov_id.kind().as_str(),
            a.gov_id.last4(),
            a.recorded_by
        ],
    )?;
    Ok(())
}

pub fn approve(tx: &Tx<'_>, id: i64, decided_by: &str, decided_on: NaiveDate, limit: Money) -> Result<()> {
    tx.conn.execute(
        "UPDATE credit_applications SET status = 'APPROVED', decided_by = ?1, decided_on = ?2,
             approved_limit_cents = ?3 WHERE id = ?4",
        params![decided_by, decided_on.to_string(), limit.cents(), id],
    )?;
    Ok(())
}

pub fn decline(tx: &Tx<'_>, id: i64, decided_by: &str, decided_on: NaiveDate, reason: &str) -> Result<()> {
    tx.conn.execute(
        "UPDATE credit_applications SET status = 'DECLINED', decided_by = ?1, decided_on = ?2,
             decline_reason = ?3 WHERE id = ?4",
        params![decided_by, decided_on.to_string(), reason, id],
    )?;
    Ok(())
}

/// What a manager may reveal of the latest application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Revealable {
    GovId,
    BankReference,
}

impl Revealable {
    /// The column, also the name the audit log records.
    pub fn column(self) -> &'static str {
        match self {
            Revealable::GovId => "gov_id",
            Revealable::BankReference => "bank_reference",
        }
    }
}

/// The value itself, unmasked, from the account's latest application.
pub fn revealed(store: &Store, account_id: i64, what: Revealable) -> Result<Option<String>> {
    Ok(store
        .conn
        .query_row(
            &format!(
                "SELECT {} FROM credit_applications WHERE account_id = ?1 ORDER BY id DESC LIMIT 1",
                what.column()
            ),
            [account_id],
            |r| r.get(0),
        )
        .optional()?)
}
