//! `dunning_letters`: the letters sent to accounts (RULES 11).

use super::db::params;
use super::{date_at, Store, Tx};
use crate::domain::dunning::{Level, SentLetter};
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A letter as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LetterLine {
    pub account_no: String,
    pub level: Level,
    pub sent_on: NaiveDate,
    pub oldest_days_past_due: i64,
    pub amount_past_due: Money,
    pub file: Option<String>,
    pub sent_by: String,
}

fn level_at(r: &super::db::Row<'_>, i: usize) -> super::db::Result<Level> {
    let n: i64 = r.get(i)?;
    Level::from_number(n).ok_or_else(|| super::corrupt("dunning level", &n.to_string()))
}

fn letter_from_row(r: &super::db::Row<'_>) -> super::db::Result<LetterLine> {
    Ok(LetterLine {
        account_no: r.get(0)?,
        level: level_at(r, 1)?,
        sent_on: date_at(r, 2)?,
        oldest_days_past_due: r.get(3)?,
        amount_past_due: r.get(4)?,
        file: r.get(5)?,
        sent_by: r.get(6)?,
    })
}

// CROSS JOIN: the letters lead (not a walk of every account), as the notes do.
const LETTER_SELECT: &str = "SELECT a.account_no, l.level, l.sent_on, l.oldest_days_past_due, l.amount_past_due_cents,
     l.file, l.sent_by FROM dunning_letters l CROSS JOIN accounts a ON a.id = l.account_id";

/// Letters sent on or before `as_of`, by account number then date (one account's when asked).
pub fn list(store: &Store, account_no: Option<&str>, as_of: NaiveDate) -> Result<Vec<LetterLine>> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "{LETTER_SELECT} WHERE (?1 IS NULL OR a.account_no = ?1) AND l.sent_on <= ?2
         ORDER BY a.account_no, l.sent_on, l.id"
    ))?;
    Ok(stmt.query_all(params![account_no, as_of.to_string()], letter_from_row)?)
}

/// Letters sent from `since` through `as_of`, by account id: what the 14-day rule reads.
pub fn sent_between(store: &Store, since: NaiveDate, as_of: NaiveDate) -> Result<HashMap<i64, Vec<SentLetter>>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT account_id, level, sent_on FROM dunning_letters WHERE sent_on BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let mut out: HashMap<i64, Vec<SentLetter>> = HashMap::new();
    let mut rows = stmt.query(params![since.to_string(), as_of.to_string()])?;
    while let Some(ref r) = rows.next()? {
        out.entry(r.get(0)?).or_default().push(SentLetter { level: level_at(r, 1)?, sent_on: date_at(r, 2)? });
    }
    Ok(out)
}

/// One account's letters sent from `since` through `as_of` (by the account's index).
pub fn sent_to_account(store: &Store, account_id: i64, since: NaiveDate, as_of: NaiveDate) -> Result<Vec<SentLetter>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT level, sent_on FROM dunning_letters WHERE account_id = ?1 AND sent_on BETWEEN ?2 AND ?3 ORDER BY id",
    )?;
    Ok(stmt.query_all(params![account_id, since.to_string(), as_of.to_string()], |r| {
        Ok(SentLetter { level: level_at(r, 0)?, sent_on: date_at(r, 1)? })
    })?)
}

/// A letter to record, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewLetter<'a> {
    pub account_id: i64,
    pub level: Level,
    pub sent_on: NaiveDate,
    pub oldest_days_past_due: i64,
    pub amount_past_due: Money,
    pub file: Option<&'a str>,
    pub sent_by: &'a str,
    pub recorded_at: &'a str,
}

pub fn insert(tx: &Tx<'_>, l: &NewLetter<'_>) -> Result<()> {
    tx.conn
        .prepare_cached(
            "INSERT INTO dunning_letters (account_id, level, sent_on, oldest_days_past_due, amount_past_due_cents,
                 file, sent_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            l.account_id,
            l.level.number(),
            l.sent_on.to_string(),
            l.oldest_days_past_due,
            l.amount_past_due.cents(),
            l.file,
            l.sent_by,
            l.recorded_at
        ])?;
    Ok(())
}
