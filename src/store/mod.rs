//! The SQLite file: opening, migrations, transactions, and — one file per table group —
//! every SQL statement of the program. Money is stored as integer cents, dates as ISO
//! text (readable, and they sort).
//!
//! Reads take a `&Store`; writes take a `&Tx`, a write transaction, which is also a
//! `Store` for the reads a change makes before it writes. Nothing outside this module
//! sees `rusqlite`.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod bulk;
pub mod busy;
pub mod claims;
pub mod copy;
pub mod credit;
pub mod db;
pub mod dealers;
pub mod disputes;
pub mod dunning;
pub mod exemptions;
pub mod health;
pub mod holds;
pub mod ledger;
pub mod migrations;
pub mod nonstock;
pub mod notes;
pub mod operators;
pub mod pg;
pub mod placements;
pub mod privacy;
pub mod promises;
pub mod rmas;
mod row;
pub mod settings;
pub mod tickets;

pub use accounts::Account;
pub use ledger::LedgerData;

use crate::error::{Error, Result};
use db::{Conn, DbError, ValueRef};
use row::{corrupt, date_at, next_number, opt_date, opt_decimal, parsed};
use rusqlite::{Connection, OptionalExtension as _, TransactionBehavior};
use std::path::Path;

/// What the SQLite library reported (shown as "database error: ...").
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        explain(e, "the database")
    }
}

/// What either engine reported.
impl From<DbError> for Error {
    fn from(e: DbError) -> Error {
        match e {
            DbError::Lite(e) => explain(e, "the database"),
            DbError::Pg(e) if e.code() == Some(&postgres::error::SqlState::LOCK_NOT_AVAILABLE) => {
                Error::Busy(busy::timeout())
            }
            e => Error::Db(crate::error::StoreError(Box::new(e))),
        }
    }
}

/// What SQLite reported, without the statement it was running (a failed statement's
/// error can carry its whole SQL).
fn short(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(f, Some(msg)) => format!("{msg} ({:?})", f.code),
        other => other.to_string(),
    }
}

/// A SQLite error in the words of what happened to the file `path`: busy, damaged,
/// read-only; else "database error: …" without the SQL.
fn explain(e: rusqlite::Error, path: &str) -> Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy(busy::timeout()),
        Some(ErrorCode::DatabaseCorrupt) => Error::Damaged(format!(
            "{path} is damaged ({}): it may have been cut short or overwritten; copy your latest backup (made by `creditdesk backup`) over it, and run `creditdesk check` on the result",
            short(&e)
        )),
        Some(ErrorCode::ReadOnly) => Error::Unreadable(format!(
            "{path} is read-only ({}): check the permissions of the file and its folder",
            short(&e)
        )),
        Some(ErrorCode::CannotOpen) => Error::Unreadable(format!(
            "cannot open {path} ({}): is its folder writable? creditdesk keeps a -wal and a -shm file beside it",
            short(&e)
        )),
        _ => match e {
            rusqlite::Error::SqlInputError { error, msg, .. } => {
                Error::Db(crate::error::StoreError(Box::new(rusqlite::Error::SqliteFailure(error, Some(msg)))))
            }
            e => Error::Db(crate::error::StoreError(Box::new(e))),
        },
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
    conn: Conn,
    /// The audit log's guards found missing or changed on opening: while any is, the
    /// file may have been edited by another tool and nothing is written.
    broken_guards: Vec<&'static str>,
}

/// A write transaction (`BEGIN IMMEDIATE`): the write functions of the table files take
/// one; it reads as a `Store`. Dropped without `commit`, it rolls back.
pub struct Tx<'s> {
    store: &'s Store,
    open: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.store.conn.execute_batch("COMMIT")?;
        self.open = false;
        Ok(())
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            self.store.end_transaction();
        }
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
}

impl Drop for ReadTx<'_> {
    fn drop(&mut self) {
        self.store.end_transaction();
    }
}

impl std::ops::Deref for ReadTx<'_> {
    type Target = Store;
    fn deref(&self) -> &Store {
        self.store
    }
}

impl Store {
    /// Opens (creating the file and its folder if needed) and brings the schema up to
    /// date: for `init`, `demo` and the console's `--demo`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(url) = server_url(path) {
            return pg::open(url);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::File { path: dir.to_path_buf(), source })?;
        }
        Store::open_file(path, Connection::open(path)?)
    }

    /// Opens a database that exists; a path that names no file is refused and nothing
    /// is created (a mistyped `--db` must not start an empty book).
    pub fn open_existing(path: &Path) -> Result<Store> {
        use rusqlite::OpenFlags;
        if let Some(url) = server_url(path) {
            return pg::open(url);
        }
        if !path.exists() {
            return Err(Error::NoDatabase(path.to_path_buf()));
        }
        // Without SQLITE_OPEN_CREATE: should the file vanish meanwhile, SQLite creates nothing.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| match path.exists() {
            false => Error::NoDatabase(path.to_path_buf()),
            true => Error::from(e),
        })?;
        Store::open_file(path, conn)
    }

    fn open_file(path: &Path, conn: Connection) -> Result<Store> {
        let key = std::env::var(KEY_VAR).ok().filter(|k| !k.is_empty());
        apply_key(&conn, key.as_deref())?;
        if conn.is_readonly(rusqlite::DatabaseName::Main).unwrap_or(false) {
            return Err(Error::Unreadable(format!(
                "{} is read-only: creditdesk writes to its database (the audit log, schema upgrades); check the permissions of the file and its folder",
                path.display()
            )));
        }
        Store::setup(conn, &path.display().to_string(), key.is_some())
    }

    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, ":memory:", false)
    }

    /// Reads the header, checks the file is ours and of a version this build knows, and
    /// brings the schema up to date. Each way a file can be wrong has its own message:
    /// not SQLite (or the wrong key), damaged, another program's, newer, impossible.
    fn setup(mut conn: Connection, path: &str, keyed: bool) -> Result<Store> {
        use migrations::MIGRATIONS;
        conn.busy_handler(Some(busy::handler))?;
        // Reading the header and the schema is the first thing that fails on a file
        // that is not SQLite, or is damaged.
        let header = conn.query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)",
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        );
        let (version, objects) = header.map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) if keyed => {
                Error::Unreadable(format!("cannot open {path}: wrong key, or not an encrypted creditdesk database"))
            }
            Some(rusqlite::ErrorCode::NotADatabase) => Error::Unreadable(format!(
                "{path} is not a creditdesk database: it is not a SQLite file at all (if it is an encrypted creditdesk database, set {KEY_VAR} or pass --key-prompt)"
            )),
            _ => explain(e, path),
        })?;
        let known = MIGRATIONS.len() as i64;
        if version < 0 {
            return Err(Error::Incompatible(format!(
                "{path} has schema version {version}, which no creditdesk writes: it is not a creditdesk database, or it was damaged"
            )));
        }
        if version > known {
            return Err(Error::Incompatible(format!(
                "{path} has schema version {version}, made by a newer creditdesk (this one knows {known}); upgrade creditdesk"
            )));
        }
        if version == 0 && objects > 0 {
            return Err(Error::Incompatible(format!(
                "{path} is not a creditdesk database: it is a SQLite database of another program (it holds {objects} tables, indexes or triggers and no creditdesk schema version); creditdesk will not add its tables to it"
            )));
        }
        let version = version as usize;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| explain(e, path))?;
        // FULL: each commit is on disk before it is acknowledged, power cut included
        // (NORMAL can lose the last commits then); BENCHMARKS.md has what it costs.
        conn.pragma_update(None, "synchronous", "FULL")?;
        // A migration may rebuild a table (SQLite's way to change a constraint): foreign
        // keys are off while it runs and checked, all of them, before it commits.
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let upgrade = |conn: &mut Connection| -> rusqlite::Result<Option<String>> {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                match sql.split_once(migrations::STEP) {
                    Some((before, after)) => {
                        tx.execute_batch(before)?;
                        migrations::step(i + 1, &tx)?;
                        tx.execute_batch(after)?;
                    }
                    None => tx.execute_batch(sql)?,
                }
                let broken: Option<String> = tx.query_row("PRAGMA foreign_key_check", [], |r| r.get(0)).optional()?;
                if broken.is_some() {
                    return Ok(broken);
                }
                tx.pragma_update(None, "user_version", (i + 1) as i64)?;
                tx.commit()?;
                Ok(None)
            };
            let broken = upgrade(&mut conn).map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseCorrupt) => explain(e, path),
                _ => Error::Incompatible(format!(
                    "{path} says it has schema version {version}, but bringing it to version {} failed ({}): the file is not as a creditdesk of version {version} left it (partly upgraded, or edited by another tool); it stays at version {i}: restore a backup",
                    i + 1,
                    short(&e)
                )),
            })?;
            if let Some(table) = broken {
                return Err(Error::Incompatible(format!(
                    "migration {} would leave a row of {table} pointing at nothing; the database was not changed",
                    i + 1
                )));
            }
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn: Conn::Lite(conn), broken_guards: Vec::new() };
        store.broken_guards = audit::broken_guards(&store)?;
        Ok(store)
    }

    /// The SQLite connection itself: for tests that look at the file directly. The
    /// program's own SQL stays in this module's table files.
    pub fn conn(&self) -> &Connection {
        self.lite().expect("a SQLite database")
    }

    /// The SQLite connection, for what only a SQLite file has (backup, the demo's bulk
    /// load, the file's own checks).
    fn lite(&self) -> Result<&Connection> {
        match &self.conn {
            Conn::Lite(c) => Ok(c),
            Conn::Pg(_) => Err(Error::Refused(
                "this works on a SQLite file only; on PostgreSQL the server does it (pg_dump for backups, migrate for the demo)".into(),
            )),
        }
    }

    fn lite_mut(&mut self) -> Result<&mut Connection> {
        self.lite()?;
        match &mut self.conn {
            Conn::Lite(c) => Ok(c),
            Conn::Pg(_) => unreachable!("refused above"),
        }
    }

    /// The file's path, or the server's URL without its password: the book as messages
    /// name it.
    pub fn name(&self) -> String {
        match &self.conn {
            Conn::Lite(c) => c.path().unwrap_or_default().to_string(),
            Conn::Pg(c) => pg::shown(&c.url),
        }
    }

    /// Whether the book is on a PostgreSQL server.
    pub fn is_postgres(&self) -> bool {
        self.conn.is_postgres()
    }

    /// Ends the open transaction without its changes (a failed or dropped one).
    fn end_transaction(&self) {
        let open = match &self.conn {
            Conn::Lite(c) => !c.is_autocommit(),
            Conn::Pg(_) => true,
        };
        if open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }

    /// A write transaction that takes the write lock at once (`BEGIN IMMEDIATE`; on
    /// PostgreSQL, the book's write lock); refused while the audit log's guards are
    /// missing (see `audit::broken_guards`).
    pub fn write(&mut self) -> Result<Tx<'_>> {
        self.guarded()?;
        self.begin_write(true)?;
        Ok(Tx { store: self, open: true })
    }

    /// Opens a write transaction; on PostgreSQL writers take one lock in turn, as they
    /// do on a SQLite file, so no change is made on figures another desk is changing
    /// (and the audit log's hash chain stays one chain). Without `wait`, a lock held
    /// elsewhere is `Error::Busy` at once.
    fn begin_write(&self, wait: bool) -> Result<()> {
        match &self.conn {
            Conn::Lite(c) => {
                if !wait {
                    c.busy_handler(None)?;
                }
                let begun = c.execute_batch("BEGIN IMMEDIATE");
                if !wait {
                    c.busy_handler(Some(busy::handler))?;
                }
                Ok(begun?)
            }
            Conn::Pg(c) => {
                c.batch("BEGIN")?;
                let sql =
                    if wait { "SELECT pg_advisory_xact_lock(7262)" } else { "SELECT pg_try_advisory_xact_lock(7262)" };
                let got = self.conn.query_row(sql, (), |r| r.get_ref(0).map(|v| v != ValueRef::Integer(0)));
                match got {
                    Ok(true) => Ok(()),
                    Ok(false) => {
                        self.end_transaction();
                        Err(Error::Busy(busy::timeout()))
                    }
                    Err(e) => {
                        self.end_transaction();
                        Err(e.into())
                    }
                }
            }
        }
    }

    /// Refused while the audit log's guards are missing.
    fn guarded(&self) -> Result<()> {
        match self.broken_guards.first() {
            Some(name) => {
                let db = self.name();
                Err(Error::Refused(format!(
                    "the audit log of {db} is not protected (its trigger {name} is missing or changed): the file may have been edited by another tool, so nothing is written; run `creditdesk --db {db} check`"
                )))
            }
            None => Ok(()),
        }
    }

    /// `write`, but without waiting: a database busy with another program's write is
    /// `Error::Busy` at once (a rehearsal is not worth a wait; the write itself waits).
    pub fn write_without_waiting(&mut self) -> Result<Tx<'_>> {
        self.guarded()?;
        self.begin_write(false)?;
        Ok(Tx { store: self, open: true })
    }

    /// A read transaction, for reads that must agree with each other.
    pub fn read(&self) -> Result<ReadTx<'_>> {
        self.conn.execute_batch(match self.conn {
            Conn::Lite(_) => "BEGIN DEFERRED",
            Conn::Pg(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        })?;
        Ok(ReadTx { store: self })
    }

    /// A second, read-only connection to the same file, for reading in parallel
    /// (none for an in-memory database).
    pub fn reader(&self) -> Option<Store> {
        if let Conn::Pg(c) = &self.conn {
            return pg::open(&c.url).ok();
        }
        let path = self.lite().ok()?.path().filter(|p| !p.is_empty())?;
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let second = Connection::open_with_flags(path, flags).ok()?;
        apply_key(&second, std::env::var(KEY_VAR).ok().filter(|k| !k.is_empty()).as_deref()).ok()?;
        second.busy_handler(Some(busy::handler)).ok()?;
        Some(Store { conn: Conn::Lite(second), broken_guards: self.broken_guards.clone() })
    }
}

/// A number that changes whenever another connection commits a change to the file
/// (SQLite's `PRAGMA data_version`): cheap enough to ask several times a second.
/// On PostgreSQL: the count of the notifications other sessions' changes sent.
pub fn data_version(store: &Store) -> Result<i64> {
    match &store.conn {
        Conn::Lite(c) => Ok(c.query_row("PRAGMA data_version", [], |r| r.get(0))?),
        Conn::Pg(c) => Ok(c.changes_heard()?),
    }
}

/// The server's URL when `--db` names one (`postgresql://…`), rather than a file.
pub fn server_url(db: &Path) -> Option<&str> {
    db.to_str().filter(|s| pg::is_url(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn failure(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some("what SQLite said".into()))
    }

    #[test]
    fn sqlite_errors_are_told_in_the_words_of_what_happened_to_the_file() {
        assert!(matches!(explain(failure(ffi::SQLITE_BUSY), "b.db"), Error::Busy(_)));
        assert!(matches!(explain(failure(ffi::SQLITE_LOCKED), "b.db"), Error::Busy(_)));
        let damaged = explain(failure(ffi::SQLITE_CORRUPT), "b.db").to_string();
        assert!(damaged.starts_with("b.db is damaged") && damaged.contains("backup"), "{damaged}");
        assert!(explain(failure(ffi::SQLITE_READONLY), "b.db").to_string().contains("b.db is read-only"));
        assert!(explain(failure(ffi::SQLITE_CANTOPEN), "b.db").to_string().contains("cannot open b.db"));
        assert!(matches!(explain(failure(ffi::SQLITE_CONSTRAINT), "b.db"), Error::Db(_)));
    }

    #[test]
    fn a_failed_statement_is_reported_without_its_sql() {
        let conn = Connection::open_in_memory().unwrap();
        let e = conn.execute_batch("CREATE TABLE t (x); CREATE TABLE t (y);").unwrap_err();
        let told = Error::from(e).to_string();
        assert!(told.contains("already exists") && !told.contains("CREATE"), "{told}");
    }

    #[test]
    fn a_file_opened_read_only_is_refused_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ro.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
        let err = Store::open_file(&path, conn).err().expect("refused").to_string();
        assert!(err.contains("ro.db is read-only"), "{err}");
    }
}
