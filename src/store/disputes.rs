//! `disputes`: charges the customer disputes (RULES 11). Issue 12 records and resolves
//! them; dunning and statements read which are open on a day.

use super::db::{params, OptionalExtension};
use super::{date_at, opt_date, Store, Tx};
use crate::domain::dispute::Dispute;
use crate::error::Result;
use chrono::NaiveDate;
use std::collections::HashSet;

/// The document numbers disputed on `as_of`: disputes opened on or before it and not
/// resolved by then, and the invoices of nonconforming-goods claims open that day (a
/// claim disputes its invoice).
pub fn open_docs(store: &Store, as_of: NaiveDate) -> Result<HashSet<String>> {
    Ok(list(store, None)?.into_iter().filter(|d| d.is_open_on(as_of)).map(|d| d.doc_no).collect())
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

/// What `dispute_from_row` reads of a dispute (no claim: `NULL`).
const DISPUTE_SELECT: &str =
    "SELECT d.doc_no, a.account_no, d.reason, d.opened_on, d.opened_by, d.resolved_on, d.outcome, d.resolved_by, NULL
     FROM disputes d JOIN accounts a ON a.id = d.account_id";

fn dispute_from_row(r: &super::db::Row<'_>) -> super::db::Result<Dispute> {
    Ok(Dispute {
        doc_no: r.get(0)?,
        account_no: r.get(1)?,
        reason: r.get(2)?,
        opened_on: date_at(r, 3)?,
        opened_by: r.get(4)?,
        resolved_on: opt_date(r, 5)?,
        outcome: r.get(6)?,
        resolved_by: r.get(7)?,
        claim: r.get(8)?,
    })
}

/// Every dispute (one account's when asked), the nonconforming-goods claims among them
/// (a claim disputes its invoice from the day it is reported until it is resolved), by
/// account number, opening day, document number.
pub fn list(store: &Store, account_no: Option<&str>) -> Result<Vec<Dispute>> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "{DISPUTE_SELECT} WHERE ?1 IS NULL OR a.account_no = ?1
         UNION ALL
         SELECT c.invoice_doc_no, a.account_no, 'nonconforming goods: ' || c.reason || ' (' || c.description || ')',
                c.reported_on, c.opened_by, c.resolved_on, c.remedy, c.resolved_by, c.claim_no
         FROM claims c JOIN accounts a ON a.id = c.account_id WHERE ?1 IS NULL OR a.account_no = ?1
         ORDER BY 2, 4, 1"
    ))?;
    Ok(stmt.query_all([account_no], dispute_from_row)?)
}

/// The open dispute of a document, if any (not a claim's).
pub fn open_of(store: &Store, doc_no: &str) -> Result<Option<Dispute>> {
    let mut stmt =
        store.conn.prepare_cached(&format!("{DISPUTE_SELECT} WHERE d.doc_no = ?1 AND d.resolved_on IS NULL"))?;
    Ok(stmt.query_row([doc_no], dispute_from_row).optional()?)
}

/// Every dispute of an account, open and resolved, for its access export.
pub fn of_account(store: &Store, account_id: i64) -> Result<Vec<serde_json::Value>> {
    let mut stmt =
        store.conn.prepare_cached(&format!("{DISPUTE_SELECT} WHERE d.account_id = ?1 ORDER BY d.opened_on, d.id"))?;
    Ok(stmt.query_all([account_id], |r| {
        let d = dispute_from_row(r)?;
        Ok(serde_json::json!({
            "doc_no": d.doc_no, "reason": d.reason,
            "opened_on": d.opened_on.to_string(), "opened_by": d.opened_by,
            "resolved_on": d.resolved_on.map(|r| r.to_string()), "outcome": d.outcome,
            "resolved_by": d.resolved_by,
        }))
    })?)
}
