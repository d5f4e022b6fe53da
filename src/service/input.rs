//! Turning what an operator typed (in a form or a command) into values: each failure
//! names its field (`Error::invalid`), so a form can show it next to that field. And the
//! few writes every operation shares.

use crate::domain::dates::parse_iso;
use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::store::{account_by_no, Account};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use std::str::FromStr;
use strum::VariantNames;

pub fn required<'a>(field: &str, value: &'a str) -> Result<&'a str> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(v)
}

/// Blank is `None`.
pub fn optional(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

pub fn date(field: &str, value: &str) -> Result<NaiveDate> {
    let v = required(field, value)?;
    parse_iso(v).ok_or_else(|| Error::invalid(field, format!("{v:?} is not a date: use YYYY-MM-DD, a day that exists")))
}

pub fn optional_date(field: &str, value: &str) -> Result<Option<NaiveDate>> {
    optional(value).map(|v| date(field, v)).transpose()
}

pub fn amount(field: &str, value: &str) -> Result<Money> {
    let v = required(field, value)?;
    Money::parse(v).map_err(|e| Error::invalid(field, format!("{v:?} {e}")))
}

pub fn positive_amount(field: &str, value: &str) -> Result<Money> {
    let m = amount(field, value)?;
    if !m.is_positive() {
        return Err(Error::invalid(field, "must be greater than 0.00"));
    }
    Ok(m)
}

/// Blank is zero.
pub fn amount_or_zero(field: &str, value: &str) -> Result<Money> {
    optional(value).map_or(Ok(Money::ZERO), |v| amount(field, v))
}

pub fn choice<T: FromStr + VariantNames>(field: &str, value: &str) -> Result<T> {
    let v = required(field, value)?;
    v.parse().map_err(|_| Error::invalid(field, format!("{v:?} is not one of {}", T::VARIANTS.join(", "))))
}

pub fn account(conn: &Connection, account_no: &str) -> Result<Account> {
    let no = required("account", account_no)?;
    account_by_no(conn, no)?.ok_or_else(|| Error::invalid("account", format!("no account {no}")))
}

/// The next number of a series: `RMA-000001`, `NC-000002`, ...
pub fn next_number(conn: &Connection, table: &str, prefix: &str) -> Result<String> {
    let n: i64 = conn.query_row(&format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"), [], |r| r.get(0))?;
    Ok(format!("{prefix}-{n:06}"))
}

pub fn doc_exists(conn: &Connection, doc_no: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM charges WHERE doc_no = ?1", [doc_no], |_| Ok(())).optional()?.is_some())
}

pub fn payment_exists(conn: &Connection, reference: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM payments WHERE payment_ref = ?1", [reference], |_| Ok(())).optional()?.is_some())
}

/// Writes a charge whose fields have been checked, due by the account's terms in force
/// today (RULES 2); returns its due date. Document numbers are unique.
pub fn insert_charge(
    conn: &Connection,
    account: &Account,
    doc_no: &str,
    kind: ChargeKind,
    date: NaiveDate,
    amount: Money,
    memo: Option<&str>,
) -> Result<NaiveDate> {
    if doc_exists(conn, doc_no)? {
        return Err(Error::invalid("doc_no", format!("document {doc_no} already exists")));
    }
    let due = crate::domain::charge::due_date(kind, date, account.terms, None);
    conn.prepare_cached(
        "INSERT INTO charges (doc_no, account_id, kind, date, due_date, amount_cents, memo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![doc_no, account.id, kind.as_str(), date.to_string(), due.to_string(), amount.cents(), memo])?;
    Ok(due)
}

/// A `CREDIT_MEMO` payment applied to a document (an RMA's or a claim's credit).
pub fn insert_credit_memo(
    conn: &Connection,
    account: &Account,
    reference: &str,
    date: NaiveDate,
    amount: Money,
    apply_to: &str,
) -> Result<()> {
    if payment_exists(conn, reference)? {
        return Err(Error::invalid("reference", format!("payment {reference} already exists")));
    }
    conn.prepare_cached(
        "INSERT INTO payments (payment_ref, account_id, date, method, amount_cents, apply_to) VALUES (?1, ?2, ?3, 'CREDIT_MEMO', ?4, ?5)",
    )?
    .execute(params![reference, account.id, date.to_string(), amount.cents(), apply_to])?;
    Ok(())
}

/// The account's balance as of a day: what the aging report's `total` shows.
pub fn balance(conn: &Connection, account: &Account, as_of: NaiveDate) -> Result<Money> {
    Ok(crate::report::account_position(conn, account, as_of)?.1.balance())
}
