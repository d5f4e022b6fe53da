//! The SQLite file: opening, migrations, and the queries that map rows to domain types.
//! Money is stored as integer cents, dates as ISO text (readable, and they sort).

pub mod migrations;

use crate::domain::dates::parse_iso;
use crate::domain::interest::annual_rate;
use crate::domain::{AccountStatus, Charge, ChargeKind, Money, Payment, PaymentMethod, ReturnedCheck, Terms};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

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

/// One account's whole ledger, ready for `domain::evaluate`.
#[derive(Debug, Default)]
pub struct LedgerData {
    pub account: Option<Account>,
    pub annual_rate: Decimal,
    pub charges: Vec<Charge>,
    pub payments: Vec<Payment>,
    pub returns: Vec<ReturnedCheck>,
}

impl LedgerData {
    pub fn ledger(&self) -> crate::domain::AccountLedger<'_> {
        crate::domain::AccountLedger {
            account_no: self.account.as_ref().map_or("", |a| a.account_no.as_str()),
            annual_rate: self.annual_rate,
            charges: &self.charges,
            payments: &self.payments,
            returns: &self.returns,
        }
    }
}

/// The environment variable that holds the key of an encrypted database.
pub const KEY_VAR: &str = "CREDITDESK_KEY";

/// Hands the key to SQLCipher before anything is read (a build without the
/// `encryption` feature refuses a key rather than ignore it).
fn apply_key(conn: &Connection, key: Option<&str>) -> Result<()> {
    match key {
        None => Ok(()),
        Some(key) if cfg!(feature = "encryption") => Ok(conn.pragma_update(None, "key", key)?),
        Some(_) => Err(Error::Incompatible(format!(
            "{KEY_VAR} is set but this creditdesk was built without encryption; rebuild with --features encryption"
        ))),
    }
}

pub struct Store {
    conn: Connection,
}

fn corrupt(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, format!("{what} {value:?}"), rusqlite::types::Type::Text)
}

pub fn date_at(row: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let s = row.get_ref(i)?.as_str()?;
    parse_iso(s).ok_or_else(|| corrupt("date", s))
}

fn parsed<T: FromStr>(row: &Row<'_>, i: usize, what: &str) -> rusqlite::Result<T> {
    let s = row.get_ref(i)?.as_str()?;
    s.parse().map_err(|_| corrupt(what, s))
}

fn opt_decimal(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<Decimal>> {
    match row.get_ref(i)? {
        ValueRef::Null => Ok(None),
        v => {
            let s = v.as_str()?;
            Decimal::from_str(s).map(Some).map_err(|_| corrupt("percent", s))
        }
    }
}

pub const ACCOUNT_COLUMNS: &str = "id, account_no, name, state, status, terms, credit_limit_cents, rate_cap_pct";

pub fn account_from_row(row: &Row<'_>) -> rusqlite::Result<Account> {
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

fn charge_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Charge> {
    Ok(Charge {
        doc_no: row.get(at)?,
        kind: parsed::<ChargeKind>(row, at + 1, "kind")?,
        date: date_at(row, at + 2)?,
        due: date_at(row, at + 3)?,
        amount: Money::from_cents(row.get(at + 4)?),
    })
}

fn payment_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<Payment> {
    Ok(Payment {
        reference: row.get(at)?,
        date: date_at(row, at + 1)?,
        method: parsed::<PaymentMethod>(row, at + 2, "method")?,
        amount: Money::from_cents(row.get(at + 3)?),
        apply_to: row.get(at + 4)?,
    })
}

fn return_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<ReturnedCheck> {
    Ok(ReturnedCheck {
        payment_ref: row.get(at)?,
        returned_date: date_at(row, at + 1)?,
        fee: Money::from_cents(row.get(at + 2)?),
        fee_waived: row.get(at + 3)?,
    })
}

const CHARGE_COLUMNS: &str = "doc_no, kind, date, due_date, amount_cents";
const PAYMENT_COLUMNS: &str = "payment_ref, date, method, amount_cents, apply_to";
const RETURN_COLUMNS: &str = "p.payment_ref, r.returned_date, r.fee_cents, r.fee_waived";

impl Store {
    /// Opens (creating if needed) and brings the schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::File { path: dir.to_path_buf(), source })?;
        }
        let conn = Connection::open(path)?;
        let key = std::env::var(KEY_VAR).ok().filter(|k| !k.is_empty());
        apply_key(&conn, key.as_deref())?;
        Store::setup(conn).map_err(|e| match e {
            Error::Unreadable(_) if key.is_some() => Error::Unreadable(format!(
                "cannot open {}: wrong key, or not an encrypted creditdesk database",
                path.display()
            )),
            Error::Unreadable(_) => Error::Unreadable(format!(
                "{} is not a creditdesk database (if it is encrypted, set {KEY_VAR} or pass --key-prompt)",
                path.display()
            )),
            other => other,
        })
    }

    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Reading the header is the first thing that fails on a file that is not SQLite.
        let version: usize =
            conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
                .map_err(|e| Error::Unreadable(format!("not a creditdesk database ({e})")))? as usize;
        if version > migrations::MIGRATIONS.len() {
            return Err(Error::Incompatible(format!(
                "this database has schema version {version}, made by a newer creditdesk (this one knows {}); upgrade creditdesk",
                migrations::MIGRATIONS.len()
            )));
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        for (i, sql) in migrations::MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(Store { conn })
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`).
    pub fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// The per-state rate caps (percent per year).
pub fn state_caps(conn: &Connection) -> Result<HashMap<String, Decimal>> {
    let mut stmt = conn.prepare_cached("SELECT state, cap_pct FROM state_rate_caps")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, opt_decimal(r, 1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (state, cap) = row?;
        if let Some(cap) = cap {
            out.insert(state, cap);
        }
    }
    Ok(out)
}

fn rate_for(account: &Account, caps: &HashMap<String, Decimal>) -> Decimal {
    annual_rate(account.rate_cap_pct, account.state.as_ref().and_then(|s| caps.get(s)).copied())
}

pub fn account_by_no(conn: &Connection, account_no: &str) -> Result<Option<Account>> {
    let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE account_no = ?1");
    Ok(conn.prepare_cached(&sql)?.query_row([account_no], account_from_row).optional()?)
}

/// One account's ledger.
pub fn load_ledger(conn: &Connection, account: Account) -> Result<LedgerData> {
    let caps = state_caps(conn)?;
    let id = account.id;
    let mut data = LedgerData { annual_rate: rate_for(&account, &caps), account: Some(account), ..Default::default() };
    let mut stmt = conn.prepare_cached(&format!("SELECT {CHARGE_COLUMNS} FROM charges WHERE account_id = ?1"))?;
    data.charges = stmt.query_map([id], |r| charge_from_row(r, 0))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!("SELECT {PAYMENT_COLUMNS} FROM payments WHERE account_id = ?1"))?;
    data.payments = stmt.query_map([id], |r| payment_from_row(r, 0))?.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RETURN_COLUMNS} FROM returned_checks r JOIN payments p ON p.id = r.payment_id WHERE p.account_id = ?1"
    ))?;
    data.returns = stmt.query_map([id], |r| return_from_row(r, 0))?.collect::<rusqlite::Result<_>>()?;
    Ok(data)
}

/// Streams the ledgers of the accounts whose id lies in `ids`, one account at a time,
/// in id order. Cursors walk charges, payments and returns side by side, so memory
/// holds one account, not the database. `visit` owns each ledger it is handed.
pub fn for_each_ledger(
    conn: &Connection,
    ids: std::ops::Range<i64>,
    mut visit: impl FnMut(LedgerData) -> Result<()>,
) -> Result<()> {
    let caps = state_caps(conn)?;
    let range = "BETWEEN ?1 AND ?2 - 1";
    let mut accounts = conn.prepare(&format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id {range} ORDER BY id"))?;
    let mut charges = conn.prepare(&format!(
        "SELECT account_id, {CHARGE_COLUMNS} FROM charges WHERE account_id {range} ORDER BY account_id"
    ))?;
    let mut payments = conn.prepare(&format!(
        "SELECT account_id, {PAYMENT_COLUMNS} FROM payments WHERE account_id {range} ORDER BY account_id"
    ))?;
    let mut returns = conn.prepare(&format!(
        "SELECT p.account_id, {RETURN_COLUMNS} FROM returned_checks r JOIN payments p ON p.id = r.payment_id
         WHERE p.account_id {range} ORDER BY p.account_id"
    ))?;
    let bounds = [ids.start, ids.end];
    let mut accounts = accounts.query(bounds)?;
    let mut charges = Cursor::new(charges.query(bounds)?, charge_from_row)?;
    let mut payments = Cursor::new(payments.query(bounds)?, payment_from_row)?;
    let mut returns = Cursor::new(returns.query(bounds)?, return_from_row)?;
    while let Some(row) = accounts.next()? {
        let account = account_from_row(row)?;
        let id = account.id;
        let mut data =
            LedgerData { annual_rate: rate_for(&account, &caps), account: Some(account), ..Default::default() };
        charges.take(id, &mut data.charges)?;
        payments.take(id, &mut data.payments)?;
        returns.take(id, &mut data.returns)?;
        visit(data)?;
    }
    Ok(())
}

/// Account ids split into two ranges holding about as many accounts each (the
/// second empty when there are too few to split).
pub fn split_accounts(conn: &Connection) -> Result<[std::ops::Range<i64>; 2]> {
    let (count, last): (i64, i64) =
        conn.query_row("SELECT count(*), coalesce(max(id), 0) FROM accounts", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let end = last + 1;
    let middle: i64 = conn
        .query_row("SELECT id FROM accounts ORDER BY id LIMIT 1 OFFSET ?1", [count / 2], |r| r.get(0))
        .optional()?
        .unwrap_or(end);
    Ok([i64::MIN..middle, middle..end])
}

/// The newest audit entry: every change writes one, so two read transactions that see
/// the same newest entry see the same data.
pub fn last_change(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?)
}

/// A second, read-only connection to the same file, for reading in parallel
/// (none for an in-memory database).
pub fn reader(conn: &Connection) -> Option<Connection> {
    let path = conn.path().filter(|p| !p.is_empty())?;
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let second = Connection::open_with_flags(path, flags).ok()?;
    apply_key(&second, std::env::var(KEY_VAR).ok().filter(|k| !k.is_empty()).as_deref()).ok()?;
    second.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
    Some(second)
}

/// A cursor over rows ordered by account id (column 0), handing out one account's rows.
struct Cursor<'s, T> {
    rows: rusqlite::Rows<'s>,
    map: fn(&Row<'_>, usize) -> rusqlite::Result<T>,
    pending: Option<(i64, T)>,
}

impl<'s, T> Cursor<'s, T> {
    fn new(rows: rusqlite::Rows<'s>, map: fn(&Row<'_>, usize) -> rusqlite::Result<T>) -> Result<Cursor<'s, T>> {
        let mut c = Cursor { rows, map, pending: None };
        c.advance()?;
        Ok(c)
    }

    fn advance(&mut self) -> Result<()> {
        self.pending = match self.rows.next()? {
            Some(r) => Some((r.get(0)?, (self.map)(r, 1)?)),
            None => None,
        };
        Ok(())
    }

    /// Moves account `id`'s rows into `out`.
    fn take(&mut self, id: i64, out: &mut Vec<T>) -> Result<()> {
        // Rows of an unknown account cannot occur (foreign keys); skip rather than stall.
        while self.pending.as_ref().is_some_and(|(at, _)| *at <= id) {
            if let Some((at, item)) = self.pending.take() {
                if at == id {
                    out.push(item);
                }
            }
            self.advance()?;
        }
        Ok(())
    }
}

/// Appends one entry to the audit log. `before`/`after` are JSON.
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

pub fn append_audit(tx: &Transaction<'_>, e: &AuditEntry<'_>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO audit_log (at, operator, action, entity, entity_key, account_no, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![e.at, e.operator, e.action, e.entity, e.entity_key, e.account_no, e.before, e.after])?;
    Ok(())
}
