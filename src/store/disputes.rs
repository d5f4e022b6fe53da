//! `disputes`: charges the customer disputes (RULES 11). Issue 12 records and resolves
//! them; dunning and statements read which are open on a day.

use super::{Store, Tx};
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params;
use std::collections::HashSet;

/// The document numbers disputed on `as_of`: disputes opened on or before it and not
/// resolved by then, and the invoices of nonconforming-goods claims open that day (a
/// claim disputes its invoice).
pub fn open_docs(store: &Store, as_of: NaiveDate) -> Result<HashSet<String>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT doc_no FROM disputes WHERE opened_on <= ?1 AND (resolved_on IS NULL OR resolved_on > ?1)",
    )?;
    let mut docs: HashSet<String> =
        stmt.query_map([as_of.to_string()], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    docs.extend(super::claims::open_invoices(store, as_of)?);
    Ok(docs)
}

/// A dispute being opened, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewDispute<'a> {
    pub account_id: i64,
    pub doc_no: &'a str,
    pub charge_id: Option<i64>,
    pub reason: &'a str,
    pub opened_on: NaiveDate,
    pub opened_by: &'a str,
}

pub fn insert(tx: &Tx<'_>, d: &NewDispute<'_>) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO disputes (account_id, doc_no, charge_id, reason, opened_on, opened_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![d.account_id, d.doc_no, d.charge_id, d.reason, d.opened_on.to_string(), d.opened_by],
    )?;
    Ok(())
}

/// Resolves the open dispute of `doc_no` (returns whether there was one).
pub fn resolve(tx: &Tx<'_>, doc_no: &str, on: NaiveDate, outcome: &str, by: &str) -> Result<bool> {
    let n = tx.conn.execute(
        "UPDATE disputes SET resolved_on = ?1, outcome = ?2, resolved_by = ?3 WHERE doc_no = ?4 AND resolved_on IS NULL",
        params![on.to_string(), outcome, by, doc_no],
    )?;
    Ok(n > 0)
}

/// Every dispute of an account, open and resolved, for its access export.
pub fn of_account(store: &Store, account_id: i64) -> Result<Vec<serde_json::Value>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT doc_no, reason, opened_on, opened_by, resolved_on, outcome, resolved_by
         FROM disputes WHERE account_id = ?1 ORDER BY opened_on, id",
    )?;
    let rows = stmt.query_map([account_id], |r| {
        Ok(serde_json::json!({
            "doc_no": r.get::<_, String>(0)?, "reason": r.get::<_, String>(1)?,
            "opened_on": r.get::<_, String>(2)?, "opened_by": r.get::<_, String>(3)?,
            "resolved_on": r.get::<_, Option<String>>(4)?, "outcome": r.get::<_, Option<String>>(5)?,
            "resolved_by": r.get::<_, Option<String>>(6)?,
        }))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
