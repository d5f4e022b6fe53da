//! `accounts`: a dealer's account, its status, terms and limit.

use super::db::{params, OptionalExtension, Row};
use super::{opt_decimal, parsed, Store, Tx};
use crate::domain::{AccountStatus, Money, Terms};
use crate::error::Result;
use chrono::NaiveDate;
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

pub(super) fn account_from_row(row: &Row<'_>) -> super::db::Result<Account> {
    Ok(Account {
        id: row.get(0)?,
        account_no: row.get(1)?,
        name: row.get(2)?,
        state: row.get(3)?,
        status: parsed(row, 4, "status")?,
        terms: parsed(row, 5, "terms")?,
        credit_limit: row.get(6)?,
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
    Ok(stmt.query_all((), account_from_row)?)
}

pub fn count(store: &Store) -> Result<i64> {
    Ok(store.conn.query_row("SELECT count(*) FROM accounts", (), |r| r.get(0))?)
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
    let mut rows = stmt.query(())?;
    let (mut out, mut i) = (Vec::new(), 0usize);
    while let Some(ref r) = rows.next()? {
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

/// A status taken on a given day (`status_since`); a closed account's day is also the
/// day retention of its personal data counts from (`closed_on`).
pub fn set_status_on(tx: &Tx<'_>, account_id: i64, to: AccountStatus, on: NaiveDate) -> Result<()> {
    tx.conn.execute(
        "UPDATE accounts SET status = ?1, status_since = ?2 WHERE id = ?3",
        params![to.as_str(), on.to_string(), account_id],
    )?;
    // Apart, so that activating (a clerk's act) writes no column closing alone may: on
    // PostgreSQL a clerk's login may not write `closed_on`.
    if to == AccountStatus::Closed {
        tx.conn.execute("UPDATE accounts SET closed_on = ?1 WHERE id = ?2", params![on.to_string(), account_id])?;
    }
    Ok(())
}

/// The day the account took its present status, when a change recorded it.
pub fn status_since(store: &Store, account_id: i64) -> Result<Option<NaiveDate>> {
    let since: Option<String> =
        store.conn.query_row("SELECT status_since FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))?;
    Ok(since.as_deref().and_then(crate::domain::dates::parse_iso))
}

/// The account fields a clerk keeps up to date (RULES 10), as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, strum::IntoStaticStr, strum::VariantNames)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DetailField {
    Name,
    ContactName,
    Phone,
    Email,
    Address,
    State,
}

impl DetailField {
    pub const ALL: [DetailField; 6] = [
        DetailField::Name,
        DetailField::ContactName,
        DetailField::Phone,
        DetailField::Email,
        DetailField::Address,
        DetailField::State,
    ];

    /// Its column (and its name in messages and the audit log).
    pub fn column(self) -> &'static str {
        self.into()
    }
}

/// The values of the detail fields, in `DetailField::ALL` order.
pub fn details(store: &Store, account_id: i64) -> Result<[Option<String>; 6]> {
    Ok(store.conn.query_row(
        "SELECT name, contact_name, phone, email, address, state FROM accounts WHERE id = ?1",
        [account_id],
        |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]),
    )?)
}

/// Sets one detail field (`None` clears it; the name is never cleared by the service).
pub fn set_detail(tx: &Tx<'_>, account_id: i64, field: DetailField, value: Option<&str>) -> Result<()> {
    // The column comes from the enum, never from typed text.
    tx.conn
        .execute(&format!("UPDATE accounts SET {} = ?2 WHERE id = ?1", field.column()), params![account_id, value])?;
    Ok(())
}

pub fn set_credit_limit(tx: &Tx<'_>, account_id: i64, limit: Money) -> Result<()> {
    tx.conn.execute("UPDATE accounts SET credit_limit_cents = ?2 WHERE id = ?1", params![account_id, limit.cents()])?;
    Ok(())
}

pub fn set_terms_only(tx: &Tx<'_>, account_id: i64, terms: Terms) -> Result<()> {
    tx.conn.execute("UPDATE accounts SET terms = ?2 WHERE id = ?1", params![account_id, terms.as_str()])?;
    Ok(())
}

/// The account's own annual rate cap, percent per year (`None`: none of its own).
pub fn set_rate_cap(tx: &Tx<'_>, account_id: i64, cap_pct: Option<Decimal>) -> Result<()> {
    tx.conn.execute(
        "UPDATE accounts SET rate_cap_pct = ?2 WHERE id = ?1",
        params![account_id, cap_pct.map(|c| c.to_string())],
    )?;
    Ok(())
}

pub fn set_terms(tx: &Tx<'_>, account_id: i64, terms: Terms, credit_limit: Money) -> Result<()> {
    tx.conn.execute(
        "UPDATE accounts SET terms = ?1, credit_limit_cents = ?2 WHERE id = ?3",
        params![terms.as_str(), credit_limit.cents(), account_id],
    )?;
    Ok(())
}
