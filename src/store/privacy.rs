//! `privacy_requests`, and the personal columns of `accounts` they act on: the contact
//! fields, the marketing opt-out, corrections, erasure, retention.

use super::db::{params, OptionalExtension};
use super::{date_at, Store, Tx};
use crate::domain::privacy::{Contact, PrivacyRequest, RequestKind};
use crate::error::{Error, Result};
use chrono::NaiveDate;

const REQUEST_SELECT: &str =
    "SELECT r.id, r.kind, a.account_no, r.requester, r.agent, r.received_on, r.due_on, r.verified_how,
     r.verified_by, r.verified_on, r.extension_reason, r.status, r.details, r.outcome, r.closed_on, r.recorded_by
     FROM privacy_requests r JOIN accounts a ON a.id = r.account_id";

fn request_from_row(r: &super::db::Row<'_>) -> super::db::Result<PrivacyRequest> {
    let text = |i: usize| r.get::<_, String>(i);
    let bad = |i: usize, v: String| {
        rusqlite::Error::InvalidColumnType(i, format!("unexpected {v:?}"), rusqlite::types::Type::Text)
    };
    Ok(PrivacyRequest {
        id: r.get(0)?,
        kind: text(1)?.parse().map_err(|_| bad(1, text(1).unwrap_or_default()))?,
        account_no: text(2)?,
        requester: text(3)?,
        agent: r.get(4)?,
        received_on: date_at(r, 5)?,
        due_on: date_at(r, 6)?,
        verified_how: r.get(7)?,
        verified_by: r.get(8)?,
        verified_on: r.get(9)?,
        extension_reason: r.get(10)?,
        status: text(11)?.parse().map_err(|_| bad(11, text(11).unwrap_or_default()))?,
        details: r.get(12)?,
        outcome: r.get(13)?,
        closed_on: r.get(14)?,
        recorded_by: text(15)?,
    })
}

/// Every request, open ones first by due date.
pub fn requests(store: &Store) -> Result<Vec<PrivacyRequest>> {
    let sql = format!("{REQUEST_SELECT} ORDER BY r.status IN ('COMPLETED', 'REJECTED'), r.due_on, r.id");
    let mut stmt = store.conn.prepare(&sql)?;
    Ok(stmt.query_all((), request_from_row)?)
}

pub fn request(store: &Store, id: i64) -> Result<Option<PrivacyRequest>> {
    let sql = format!("{REQUEST_SELECT} WHERE r.id = ?1");
    Ok(store.conn.query_row(&sql, [id], request_from_row).optional()?)
}

/// The account a request is about.
pub fn account_of_request(store: &Store, id: i64) -> Result<i64> {
    Ok(store.conn.query_row("SELECT account_id FROM privacy_requests WHERE id = ?1", [id], |x| x.get(0))?)
}

/// A request as it arrives, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewRequest<'a> {
    pub kind: RequestKind,
    pub account_id: i64,
    pub requester: &'a str,
    pub agent: Option<&'a str>,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub details: Option<&'a str>,
    pub recorded_by: &'a str,
}

/// Writes an `OPEN` request; returns its id.
pub fn insert(tx: &Tx<'_>, n: &NewRequest<'_>) -> Result<i64> {
    Ok(tx.conn.query_row(
        "INSERT INTO privacy_requests (kind, account_id, requester, agent, received_on, due_on, details, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         RETURNING id",
        params![
            n.kind.as_str(),
            n.account_id,
            n.requester,
            n.agent,
            n.received_on.to_string(),
            n.due_on.to_string(),
            n.details,
            n.recorded_by
        ],
        |r| r.get(0),
    )?)
}

pub fn verify(tx: &Tx<'_>, id: i64, how: &str, by: &str, on: NaiveDate) -> Result<()> {
    tx.conn.execute(
        "UPDATE privacy_requests SET status = 'VERIFIED', verified_how = ?2, verified_by = ?3, verified_on = ?4 WHERE id = ?1",
        params![id, how, by, on.to_string()],
    )?;
    Ok(())
}

pub fn extend(tx: &Tx<'_>, id: i64, to: NaiveDate, reason: &str) -> Result<()> {
    tx.conn.execute(
        "UPDATE privacy_requests SET due_on = ?2, extension_reason = ?3 WHERE id = ?1",
        params![id, to.to_string(), reason],
    )?;
    Ok(())
}

pub fn reject(tx: &Tx<'_>, id: i64, reason: &str, on: NaiveDate) -> Result<()> {
    tx.conn.execute(
        "UPDATE privacy_requests SET status = 'REJECTED', outcome = ?2, closed_on = ?3 WHERE id = ?1",
        params![id, reason, on.to_string()],
    )?;
    Ok(())
}

pub fn complete(tx: &Tx<'_>, id: i64, outcome: &str, on: NaiveDate) -> Result<()> {
    tx.conn.execute(
        "UPDATE privacy_requests SET status = 'COMPLETED', outcome = ?2, closed_on = ?3 WHERE id = ?1",
        params![id, outcome, on.to_string()],
    )?;
    Ok(())
}

// The personal columns of `accounts`.

/// The account's contact fields (`account_no` and `name` too).
pub fn contact(store: &Store, account_id: i64) -> Result<Contact> {
    Ok(store.conn.query_row(&format!("{CONTACT_SELECT} WHERE id = ?1"), [account_id], contact_from_row)?)
}

/// What `contact_from_row` reads.
const CONTACT_SELECT: &str = "SELECT account_no, name, contact_name, phone, email, address FROM accounts";

fn contact_from_row(r: &super::db::Row<'_>) -> super::db::Result<Contact> {
    Ok(Contact {
        account_no: r.get(0)?,
        name: r.get(1)?,
        contact_name: r.get(2)?,
        phone: r.get(3)?,
        email: r.get(4)?,
        address: r.get(5)?,
    })
}

/// The contact list for marketing: accounts that opted out, were erased or are
/// closed are left out.
pub fn marketing_contacts(store: &Store) -> Result<Vec<Contact>> {
    let mut stmt = store.conn.prepare(&format!(
        "{CONTACT_SELECT} WHERE marketing_opt_out = 0 AND erased_on IS NULL AND status <> 'CLOSED' ORDER BY account_no"
    ))?;
    Ok(stmt.query_all((), contact_from_row)?)
}

pub fn marketing_opt_out(store: &Store, account_id: i64) -> Result<bool> {
    Ok(store.conn.query_row("SELECT marketing_opt_out FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))?)
}

pub fn set_marketing_opt_out(tx: &Tx<'_>, account_id: i64) -> Result<()> {
    tx.conn.execute("UPDATE accounts SET marketing_opt_out = 1 WHERE id = ?1", [account_id])?;
    Ok(())
}

/// The account columns a correction request may change.
pub const CORRECTABLE_COLUMNS: [&str; 6] = ["name", "contact_name", "phone", "email", "address", "state"];

/// Sets one correctable column of an account.
pub fn correct(tx: &Tx<'_>, account_id: i64, column: &str, value: &str) -> Result<()> {
    // The column name goes into the statement: only one of ours, never typed text.
    let column = CORRECTABLE_COLUMNS
        .into_iter()
        .find(|c| *c == column)
        .ok_or_else(|| Error::invalid("details", format!("{column:?} cannot be corrected")))?;
    tx.conn.execute(&format!("UPDATE accounts SET {column} = ?2 WHERE id = ?1"), params![account_id, value])?;
    Ok(())
}

/// Erases an account's personal fields, the identifiers and references of its credit
/// applications, the notes of its screens, the names on its privacy requests and the
/// text of its notes (calls, e-mails, visits, letters);
/// every financial record stays. Freed pages are overwritten (`secure_delete`).
pub fn erase(tx: &Tx<'_>, account_id: i64, on: NaiveDate) -> Result<()> {
    if !tx.conn.is_postgres() {
        tx.conn.execute_batch("PRAGMA secure_delete = ON;")?;
    }
    let account_no: String =
        tx.conn.query_row("SELECT account_no FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))?;
    tx.conn.execute(
        "UPDATE accounts SET name = ?2, contact_name = NULL, phone = NULL, email = NULL, address = NULL,
                             marketing_opt_out = 1, erased_on = ?3
         WHERE id = ?1",
        params![account_id, format!("Erased account {account_no}"), on.to_string()],
    )?;
    // Credit applications keep their decision (limit, dates, who decided); the
    // identifiers and references that name people or their accounts go.
    tx.conn.execute(
        "UPDATE credit_applications SET gov_id = '(erased)', gov_id_last4 = '****', bank_reference = '(erased)',
                trade_references = '[\"(erased)\"]' WHERE account_id = ?1",
        [account_id],
    )?;
    tx.conn.execute("UPDATE dealer_verifications SET notes = NULL WHERE account_id = ?1", [account_id])?;
    // A correction request's details hold the personal values it set (`phone=...`).
    tx.conn.execute(
        "UPDATE privacy_requests SET requester = '(erased)', agent = NULL,
                verified_how = CASE WHEN verified_how IS NULL THEN NULL ELSE '(erased)' END,
                details = CASE WHEN details IS NULL THEN NULL ELSE '(erased)' END
         WHERE account_id = ?1",
        [account_id],
    )?;
    // What a call or a visit was about names people; the note's kind, day and next
    // action stay.
    tx.conn.execute("UPDATE notes SET text = '(erased)' WHERE account_id = ?1", [account_id])?;
    Ok(())
}

/// After an erasure: rebuilds the file and empties the WAL, so freed pages do not keep
/// what was erased. Outside any transaction. On PostgreSQL: vacuums the tables erasure
/// touches (the server skips, with a warning, those the login does not own: there the
/// old row versions go at the owner's or the autovacuum's next pass).
pub fn purge_freed_pages(store: &Store) -> Result<()> {
    if store.is_postgres() {
        store
            .conn
            .execute_batch("VACUUM accounts, credit_applications, dealer_verifications, privacy_requests, notes")?;
        return Ok(());
    }
    store.conn.execute_batch("VACUUM;")?;
    store.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", (), |_| Ok(()))?;
    Ok(())
}

/// An account closed on a day, personal data still held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedAccount {
    pub account_no: String,
    /// As stored (ISO).
    pub closed_on: String,
}

/// Closed accounts not yet erased, closed on or before `cutoff`, oldest first.
pub fn closed_not_erased(store: &Store, cutoff: NaiveDate) -> Result<Vec<ClosedAccount>> {
    let mut stmt = store.conn.prepare(
        "SELECT account_no, closed_on FROM accounts
         WHERE status = 'CLOSED' AND erased_on IS NULL AND closed_on IS NOT NULL AND closed_on <= ?1
         ORDER BY closed_on, account_no",
    )?;
    Ok(stmt.query_all([cutoff.to_string()], |r| Ok(ClosedAccount { account_no: r.get(0)?, closed_on: r.get(1)? }))?)
}

/// Every account's contact details, by account number (for statements and letters).
pub fn all_contacts(store: &Store) -> Result<std::collections::HashMap<String, Contact>> {
    let mut stmt = store.conn.prepare(CONTACT_SELECT)?;
    Ok(stmt.query_all((), |r| contact_from_row(r).map(|c| (c.account_no.clone(), c)))?)
}
