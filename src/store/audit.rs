//! `audit_log`: append-only; every change writes one entry in its own transaction.

use super::{Store, Tx};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params;

/// One entry to append. `before`/`after` are JSON.
pub struct AuditEntry<'a> {
    pub at: &'a str,
    pub operator: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_key: Option<&'a str>,
    pub account_no: Option<&'a str>,
    pub before: Option<String>,
    pub after: Option<String>,
}

pub fn append(tx: &Tx<'_>, e: &AuditEntry<'_>) -> Result<()> {
    tx.conn
        .prepare_cached(
            "INSERT INTO audit_log (at, operator, action, entity, entity_key, account_no, before, after)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![e.at, e.operator, e.action, e.entity, e.entity_key, e.account_no, e.before, e.after])?;
    Ok(())
}

/// One entry of the audit log as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub entity: String,
    pub entity_key: Option<String>,
    pub account_no: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

const AUDIT_COLUMNS: &str = "id, at, operator, action, entity, entity_key, account_no, before, after";

fn audit_line(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditLine> {
    Ok(AuditLine {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_key: r.get(5)?,
        account_no: r.get(6)?,
        before: r.get(7)?,
        after: r.get(8)?,
    })
}

/// The audit log, oldest first, for one account and/or from a day on.
pub fn trail(store: &Store, account_no: Option<&str>, since: Option<NaiveDate>) -> Result<Vec<AuditLine>> {
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log
         WHERE (?1 IS NULL OR account_no = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![account_no, since.map(|d| d.to_string())], audit_line)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The change feed: the entries written after entry `after`, oldest first, at most
/// `limit`. Every change writes one entry naming its entity and, when it has one, its
/// account: what a reader must read again follows from them.
pub fn since(store: &Store, after: i64, limit: usize) -> Result<Vec<AuditLine>> {
    let mut stmt = store
        .conn
        .prepare_cached(&format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2"))?;
    let rows = stmt.query_map(params![after, limit as i64], audit_line)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where a page of the audit log starts, by key (an entry's id), never by offset: a page
/// is found in the same time whatever its depth in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPage {
    Newest,
    Oldest,
    /// This entry and the older ones after it.
    AtOrBefore(i64),
    /// This entry and the newer ones before it.
    AtOrAfter(i64),
}

/// The text filter of the Audit pane as SQL: any shown field contains the (lower-case)
/// needle, ASCII letters matched in either case.
const AUDIT_FILTER: &str = "(?1 = '' OR instr(lower(at), ?1) OR instr(lower(operator), ?1) OR instr(lower(action), ?1)
    OR instr(lower(entity), ?1) OR instr(lower(coalesce(entity_key, '')), ?1)
    OR instr(lower(coalesce(account_no, '')), ?1) OR instr(lower(coalesce(before, '')), ?1)
    OR instr(lower(coalesce(after, '')), ?1))";

/// One page of at most `limit` entries matching `filter` (lower case; empty = all),
/// newest first, found by key.
pub fn page(store: &Store, at: AuditPage, filter: &str, limit: usize) -> Result<Vec<AuditLine>> {
    let (bound, order, key) = match at {
        AuditPage::Newest => ("1", "DESC", 0),
        AuditPage::Oldest => ("1", "ASC", 0),
        AuditPage::AtOrBefore(id) => ("id <= ?2", "DESC", id),
        AuditPage::AtOrAfter(id) => ("id >= ?2", "ASC", id),
    };
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE {bound} AND {AUDIT_FILTER} ORDER BY id {order} LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![filter, key, limit as i64], audit_line)?;
    let mut lines: Vec<AuditLine> = rows.collect::<rusqlite::Result<_>>()?;
    if order == "ASC" {
        lines.reverse();
    }
    Ok(lines)
}

/// Whether an entry matching `filter` lies beyond `id`: older (`older`) or newer.
pub fn more_beyond(store: &Store, id: i64, older: bool, filter: &str) -> Result<bool> {
    let bound = if older { "id < ?2" } else { "id > ?2" };
    Ok(store
        .conn
        .prepare_cached(&format!("SELECT 1 FROM audit_log WHERE {bound} AND {AUDIT_FILTER} LIMIT 1"))?
        .exists(params![filter, id])?)
}

/// The newest `cap` entries about one account, newest first by time.
pub fn newest_of_account(store: &Store, account_no: &str, cap: usize) -> Result<Vec<AuditLine>> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE account_no = ?1 ORDER BY at DESC, id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![account_no, cap as i64], audit_line)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Entries in the whole log.
pub fn count(store: &Store) -> Result<usize> {
    Ok(store.conn.query_row("SELECT count(*) FROM audit_log", [], |r| r.get::<_, i64>(0))? as usize)
}

/// The newest audit entry: every change writes one, so two read transactions that see
/// the same newest entry see the same data.
pub fn last_change(store: &Store) -> Result<i64> {
    Ok(store.conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?)
}
