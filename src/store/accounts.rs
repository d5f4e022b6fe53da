//! `accounts`: a dealer's account, its status, terms and limit.

use super::{opt_decimal, parsed, Store, Tx};
use crate::domain::{AccountStatus, Money, Terms};
use crate::error::Result;
use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;

/// A dealer's account as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Account {
    #[serde(skip)]
    pub id: i64,
    pub account_no: String,
    pub name: String,
    pub state: Option<String>,
    pub status: AccountStatus,
    pub terms: Terms,
    pub credit_limit: Money,
    /// Annual rate cap in percent per year, if the account has its own.
    pub rate_cap_pct: Option<Decimal>,
}

pub(super) const ACCOUNT_COLUMNS: &str = "id, account_no, name, state, status, terms, credit_limit_cents, rate_cap_pct";
pub(super) const ACCOUNT_COLUMNS_OF_A: &str =
    "a.id, a.account_no, a.name, a.state, a.status, a.terms, a.credit_limit_cents, a.rate_cap_pct";

pub(super) fn account_from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: row.get(0)?,
        account_no: row.get(1)?,
        name: row.get(2)?,
        state: row.get(3)?,
        status: parsed(row, 4, "status")?,
        terms: parsed(row, 5, "terms")?,
        credit_limit: Money::from_cents(row.get(6)?),
        rate_cap_pct: opt_decimal(row, 7)?,
    })
}

pub fn by_no(store: &Store, account_no: &str) -> Result<Option<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE account_no = ?1");
    Ok(store.conn.prepare_cached(&sql)?.query_row([account_no], account_from_row).optional()?)
}

/// Every account, by account number.
pub fn all(store: &Store) -> Result<Vec<Account>> {
    let mut stmt = store.conn.prepare(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY account_no"))?;
    let rows = stmt.query_map([], account_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn count(store: &Store) -> Result<i64> {
    Ok(store.conn.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?)
}

pub fn exists(store: &Store, account_no: &str) -> Result<bool> {
    Ok(store.conn.prepare_cached("SELECT 1 FROM accounts WHERE account_no = ?1")?.exists([account_no])?)
}

/// An account's number, by id.
pub fn account_no_of(store: &Store, account_id: i64) -> Result<String> {
    Ok(store.conn.query_row("SELECT account_no FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))?)
}

/// Account numbers that cut the book, in account number order, into runs of `size`
/// accounts: the first number of every run but the first.
pub fn bounds(store: &Store, size: usize) -> Result<Vec<String>> {
    let mut stmt = store.conn.prepare("SELECT account_no FROM accounts ORDER BY account_no")?;
    let mut rows = stmt.query([])?;
    let (mut out, mut i) = (Vec::new(), 0usize);
    while let Some(r) = rows.next()? {
        if i > 0 && i % size.max(1) == 0 {
            out.push(r.get(0)?);
        }
        i += 1;
    }
    Ok(out)
}

/// A company registering as a dealer (blank fields as `None`).
#[derive(Debug, Clone, Copy)]
pub struct NewApplicant<'a> {
    pub account_no: &'a str,
    pub name: &'a str,
    pub state: Option<&'a str>,
    pub contact_name: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub address: Option<&'a str>,
}

/// Writes an `APPLICANT` account on `PREPAY` terms without a limit.
pub fn insert_applicant(tx: &Tx<'_>, a: &NewApplicant<'_>) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO accounts (account_no, name, state, status, terms, credit_limit_cents, contact_name, phone, email, address)
         VALUES (?1, ?2, ?3, 'APPLICANT', 'PREPAY', 0, ?4, ?5, ?6, ?7)",
        params![a.account_no, a.name, a.state, a.contact_name, a.phone, a.email, a.address],
    )?;
    Ok(())
}

/// Writes an `ACTIVE` account from imported history.
pub fn insert_imported(
    tx: &Tx<'_>,
    account_no: &str,
    name: &str,
    state: Option<&str>,
    terms: Terms,
    credit_limit: Money,
    rate_cap_pct: Option<Decimal>,
) -> Result<()> {
    tx.conn
        .prepare_cached(
            "INSERT INTO accounts (account_no, name, state, status, terms, credit_limit_cents, rate_cap_pct)
             VALUES (?1, ?2, ?3, 'ACTIVE', ?4, ?5, ?6)",
        )?
        .execute(params![
            account_no,
            name,
            state,
            terms.as_str(),
            credit_limit.cents(),
            rate_cap_pct.map(|c| c.to_string())
        ])?;
    Ok(())
}

pub fn set_status(tx: &Tx<'_>, account_id: i64, to: AccountStatus) -> Result<()> {
    tx.conn.execute("UPDATE accounts SET status = ?1 WHERE id = ?2", params![to.as_str(), account_id])?;
    Ok(())
}

/// Records today (the machine's local day) as the day the account was closed:
/// retention of personal data counts from it.
pub fn set_closed_today(tx: &Tx<'_>, account_id: i64) -> Result<()> {
    tx.conn.execute("UPDATE accounts SET closed_on = date('now', 'localtime') WHERE id = ?1", [account_id])?;
    Ok(())
}

pub fn set_terms(tx: &Tx<'_>, account_id: i64, terms: Terms, credit_limit: Money) -> Result<()> {
    tx.conn.execute(
        "UPDATE accounts SET terms = ?1, credit_limit_cents = ?2 WHERE id = ?3",
        params![terms.as_str(), credit_limit.cents(), account_id],
    )?;
    Ok(())
}
