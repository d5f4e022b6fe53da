//! `claims`: nonconforming goods (wrong product, mislabeled) reported against an invoice.

use super::db::{params, OptionalExtension};
use super::{date_at, next_number, opt_date, parsed, Store, Tx};
use crate::domain::returns::{business_days_between, Claim, ClaimReason, ClaimRemedy, ClaimStatus};
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;
use std::str::FromStr;

const CLAIM_SELECT: &str = "SELECT c.claim_no, a.account_no, c.invoice_doc_no, c.received_on, c.reported_on, c.reason,
    c.description, c.value_cents, c.status, c.remedy, c.resolved_on, c.credit_ref, c.opened_by, c.resolved_by
    FROM claims c JOIN accounts a ON a.id = c.account_id";

fn claim_from_row(r: &super::db::Row<'_>) -> super::db::Result<Claim> {
    let received_on = date_at(r, 3)?;
    let reported_on = date_at(r, 4)?;
    let remedy: Option<String> = r.get(9)?;
    let value: Money = r.get(7)?;
    Ok(Claim {
        claim_no: r.get(0)?,
        account_no: r.get(1)?,
        invoice: r.get(2)?,
        received_on,
        reported_on,
        business_days: business_days_between(received_on, reported_on),
        reason: r.get(5)?,
        description: r.get(6)?,
        value,
        status: parsed::<ClaimStatus>(r, 8, "status")?,
        credit: remedy.as_deref().and_then(|m| ClaimRemedy::from_str(m).ok()).map(|m| m.credit(value)),
        remedy,
        resolved_on: opt_date(r, 10)?,
        credit_ref: r.get(11)?,
        opened_by: r.get(12)?,
        resolved_by: r.get(13)?,
    })
}

/// Claims by number; only open ones when asked.
pub fn list(store: &Store, open_only: bool) -> Result<Vec<Claim>> {
    let sql = format!("{CLAIM_SELECT} WHERE (?1 = 0 OR c.status = 'OPEN') ORDER BY c.claim_no");
    let mut stmt = store.conn.prepare(&sql)?;
    Ok(stmt.query_all([open_only], claim_from_row)?)
}

pub fn by_no(store: &Store, claim_no: &str) -> Result<Option<Claim>> {
    let sql = format!("{CLAIM_SELECT} WHERE c.claim_no = ?1");
    Ok(store.conn.query_row(&sql, [claim_no], claim_from_row).optional()?)
}

/// The number the next claim gets: `NC-000001`, ...
pub fn next_no(store: &Store) -> Result<String> {
    next_number(store, "claims", "NC")
}

/// A claim being opened, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewClaim<'a> {
    pub claim_no: &'a str,
    pub account_id: i64,
    pub invoice_doc_no: &'a str,
    pub received_on: NaiveDate,
    pub reported_on: NaiveDate,
    pub reason: ClaimReason,
    pub description: &'a str,
    pub value: Money,
    pub opened_by: &'a str,
}

/// Writes an `OPEN` claim.
pub fn insert(tx: &Tx<'_>, c: &NewClaim<'_>) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO claims (claim_no, account_id, invoice_doc_no, received_on, reported_on, reason, description,
             value_cents, opened_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            c.claim_no,
            c.account_id,
            c.invoice_doc_no,
            c.received_on.to_string(),
            c.reported_on.to_string(),
            c.reason.as_str(),
            c.description,
            c.value.cents(),
            c.opened_by
        ],
    )?;
    Ok(())
}

/// Marks a claim `RESOLVED` with its remedy and the credit memo, if any.
pub fn resolve(
    tx: &Tx<'_>,
    claim_no: &str,
    remedy: ClaimRemedy,
    resolved_on: NaiveDate,
    credit_ref: Option<&str>,
    resolved_by: &str,
) -> Result<()> {
    tx.conn.execute(
        "UPDATE claims SET status = 'RESOLVED', remedy = ?1, resolved_on = ?2, credit_ref = ?3, resolved_by = ?4
         WHERE claim_no = ?5",
        params![remedy.as_str(), resolved_on.to_string(), credit_ref, resolved_by, claim_no],
    )?;
    Ok(())
}
