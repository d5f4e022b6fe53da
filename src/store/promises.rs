//! `promises`: promises to pay, and the payments that keep them.

use super::db::params;
use super::{date_at, Store, Tx};
use crate::domain::promise::{Promise, Received};
use crate::domain::PaymentMethod;
use crate::error::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A promise as stored, with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseRow {
    pub id: i64,
    pub account_no: String,
    pub promise: Promise,
    pub recorded_by: String,
}

/// Promises recorded by `as_of` (one account's when asked), by account number, promised
/// day, then as recorded.
pub fn list(store: &Store, account_no: Option<&str>, as_of: NaiveDate) -> Result<Vec<PromiseRow>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT p.id, a.account_no, p.amount_cents, p.promised_on, p.recorded_on, p.recorded_by
         FROM promises p JOIN accounts a ON a.id = p.account_id
         WHERE (?1 IS NULL OR a.account_no = ?1) AND p.recorded_on <= ?2
         ORDER BY a.account_no, p.promised_on, p.id",
    )?;
    Ok(stmt.query_all(params![account_no, as_of.to_string()], |r| {
        Ok(PromiseRow {
            id: r.get(0)?,
            account_no: r.get(1)?,
            promise: Promise { amount: r.get(2)?, promised_on: date_at(r, 3)?, recorded_on: date_at(r, 4)? },
            recorded_by: r.get(5)?,
        })
    })?)
}

/// The payments of the accounts that have a promise (recorded by `as_of`), with the day
/// each returned check came back, by account number.
pub fn payments_of_promisers(store: &Store, as_of: NaiveDate) -> Result<HashMap<String, Vec<Received>>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT a.account_no, p.date, p.amount_cents, p.method, r.returned_date
         FROM payments p JOIN accounts a ON a.id = p.account_id
         LEFT JOIN returned_checks r ON r.payment_id = p.id
         WHERE p.account_id IN (SELECT account_id FROM promises WHERE recorded_on <= ?1) AND p.date <= ?1",
    )?;
    let mut out: HashMap<String, Vec<Received>> = HashMap::new();
    let mut rows = stmt.query([as_of.to_string()])?;
    while let Some(ref r) = rows.next()? {
        let received = Received {
            date: date_at(r, 1)?,
            amount: r.get(2)?,
            method: super::parsed::<PaymentMethod>(r, 3, "method")?,
            returned_on: super::opt_date(r, 4)?,
        };
        out.entry(r.get(0)?).or_default().push(received);
    }
    Ok(out)
}

/// A promise whose fields have been checked.
#[derive(Debug, Clone, Copy)]
pub struct NewPromise<'a> {
    pub account_id: i64,
    pub promise: Promise,
    pub recorded_by: &'a str,
}

pub fn insert(tx: &Tx<'_>, p: &NewPromise<'_>) -> Result<i64> {
    Ok(tx.conn.query_row(
        "INSERT INTO promises (account_id, amount_cents, promised_on, recorded_on, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         RETURNING id",
        params![
            p.account_id,
            p.promise.amount.cents(),
            p.promise.promised_on.to_string(),
            p.promise.recorded_on.to_string(),
            p.recorded_by
        ],
        |r| r.get(0),
    )?)
}
