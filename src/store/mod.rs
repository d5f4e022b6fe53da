//! The SQLite file: opening, migrations, transactions, and — one file per table group —
//! every SQL statement of the program. Money is stored as integer cents, dates as ISO
//! text (readable, and they sort).
//!
//! Reads take a `&Store`; writes take a `&Tx`, a write transaction, which is also a
//! `Store` for the reads a change makes before it writes. Nothing outside this module
//! sees `rusqlite`.

pub mod accounts;
pub mod audit;
pub mod bulk;
pub mod claims;
pub mod credit;
pub mod dealers;
pub mod exemptions;
pub mod ledger;
pub mod migrations;
pub mod nonstock;
pub mod operators;
pub mod placements;
pub mod privacy;
pub mod rmas;
pub mod settings;
pub mod tickets;

pub use accounts::Account;
pub use ledger::LedgerData;

use crate::domain::dates::parse_iso;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row, Transaction, TransactionBehavior};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

/// What the SQLite library reported (shown as "database error: ...").
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct StoreError(#[from] rusqlite::Error);

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::Db(StoreError(e))
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

/// One connection to the database file.
pub struct Store {
    conn: Connection,
}

/// A write transaction (`BEGIN IMMEDIATE`): the write functions of the table files take
/// one; it reads as a `Store`. Dropped without `commit`, it rolls back.
pub struct Tx<'s> {
    store: &'s Store,
    tx: Transaction<'s>,
}

impl Tx<'_> {
    pub fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store
    }
}

/// A read transaction: every read made through it sees the same state of the file.
pub struct ReadTx<'s> {
    store: &'s Store,
    _tx: Transaction<'s>,
}

impl std::ops::Deref for ReadTx<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store
    }
}

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
        use migrations::MIGRATIONS;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // Reading the header is the first thing that fails on a file that is not SQLite.
        let version: usize =
            conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
                .map_err(|e| Error::Unreadable(format!("not a creditdesk database ({e})")))? as usize;
        if version > MIGRATIONS.len() {
            return Err(Error::Incompatible(format!(
                "this database has schema version {version}, made by a newer creditdesk (this one knows {}); upgrade creditdesk",
                MIGRATIONS.len()
            )));
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()?;
        }
        Ok(Store { conn })
    }

    /// The SQLite connection itself: for tests that look at the file directly. The
    /// program's own SQL stays in this module's table files.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`).
    pub fn write(&mut self) -> Result<Tx<'_>> {
        let store: &Store = self;
        Ok(Tx { tx: Transaction::new_unchecked(&store.conn, TransactionBehavior::Immediate)?, store })
    }

    /// A read transaction, for reads that must agree with each other.
    pub fn read(&self) -> Result<ReadTx<'_>> {
        Ok(ReadTx { _tx: self.conn.unchecked_transaction()?, store: self })
    }

    /// A second, read-only connection to the same file, for reading in parallel
    /// (none for an in-memory database).
    pub fn reader(&self) -> Option<Store> {
        let path = self.conn.path().filter(|p| !p.is_empty())?;
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let second = Connection::open_with_flags(path, flags).ok()?;
        apply_key(&second, std::env::var(KEY_VAR).ok().filter(|k| !k.is_empty()).as_deref()).ok()?;
        second.busy_timeout(std::time::Duration::from_secs(5)).ok()?;
        Some(Store { conn: second })
    }
}

/// A number that changes whenever another connection commits a change to the file
/// (SQLite's `PRAGMA data_version`): cheap enough to ask several times a second.
pub fn data_version(store: &Store) -> Result<i64> {
    Ok(store.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
}

// Row helpers shared by the table files.

fn corrupt(what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::InvalidColumnType(0, format!("{what} {value:?}"), rusqlite::types::Type::Text)
}

fn date_at(row: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let b = row.get_ref(i)?.as_bytes()?;
    cached_date(b).ok_or_else(|| corrupt("date", &String::from_utf8_lossy(b)))
}

/// Slots of the table of days already read.
const DAY_SLOTS: usize = 4096;

std::thread_local! {
    /// Days already read, by their digits (`yyyymmdd`; 0: empty): a report reads a few
    /// million dates of a few thousand days.
    static DAYS: [std::cell::Cell<(u32, NaiveDate)>; DAY_SLOTS] =
        const { [const { std::cell::Cell::new((0, NaiveDate::MIN)) }; DAY_SLOTS] };
}

/// `parse_iso` of the bytes of a date column, remembered.
fn cached_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let mut key = 0u32;
    for i in [0, 1, 2, 3, 5, 6, 8, 9] {
        let digit = b[i].wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        key = key * 10 + u32::from(digit);
    }
    DAYS.with(|days| {
        let slot = &days[key as usize % DAY_SLOTS];
        match slot.get() {
            (k, d) if k == key && key != 0 => Some(d),
            _ => {
                let d = NaiveDate::from_ymd_opt((key / 10_000) as i32, key / 100 % 100, key % 100)?;
                slot.set((key, d));
                Some(d)
            }
        }
    })
}

/// A date column that may be NULL; text that is not a date reads as none.
fn opt_date(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    Ok(row.get::<_, Option<String>>(i)?.and_then(|s| parse_iso(&s)))
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

/// The next number of a series: `RMA-000001`, `NC-000002`, ... (`table` is one of ours,
/// never typed text).
fn next_number(store: &Store, table: &str, prefix: &str) -> Result<String> {
    let n: i64 = store.conn.query_row(&format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"), [], |r| r.get(0))?;
    Ok(format!("{prefix}-{n:06}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_date_reads_as_parse_iso_reads_it() {
        for text in [
            "2026-11-23",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "0000-00-00",
            "0026-03-01",
            "2026-1-23",
            "2026/11/23",
            "2026-11-2x",
            "2026-11-233",
            "",
            "9999-12-31",
        ] {
            for _ in 0..2 {
                assert_eq!(cached_date(text.as_bytes()), parse_iso(text), "{text:?}");
            }
        }
    }

    #[test]
    fn two_days_in_one_slot_each_read_right() {
        // 20260101 and 20350213 are 36 × 4096 apart: the same slot of the table.
        let (a, b) = ("2026-01-01", "2035-02-13");
        for _ in 0..2 {
            assert_eq!(cached_date(a.as_bytes()), parse_iso(a));
            assert_eq!(cached_date(b.as_bytes()), parse_iso(b));
        }
        assert_ne!(parse_iso(a), parse_iso(b));
    }
}
