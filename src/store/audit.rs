//! `audit_log`: append-only; every change writes one entry in its own transaction.
//!
//! Two triggers make the database refuse an update or a delete; a hash chain makes a
//! change made around them visible: each entry stores the hash of the entry before it
//! (`prev_hash`) and `hash`, SHA-256 over its id, its content and that link. Deleting,
//! changing or inserting an entry anywhere before the newest breaks a link or a hash,
//! which `creditdesk check` finds.

use super::db::params;
use super::{Store, Tx};
use crate::error::Result;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The triggers that keep the log append-only, by name.
pub const GUARDS: [&str; 2] = ["audit_log_no_update", "audit_log_no_delete"];

/// The hash of entry `id`: SHA-256, in hex, over a version tag, the id, the eight
/// fields and the link, each field length-prefixed (so a NULL differs from an empty
/// text and no two contents run together the same way).
pub fn entry_hash(id: i64, fields: [Option<&str>; 8], prev_hash: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"creditdesk audit v1\n");
    h.update(id.to_string().as_bytes());
    for field in fields.into_iter().chain([Some(prev_hash)]) {
        match field {
            None => h.update(b"|N"),
            Some(text) => {
                h.update(format!("|S{}:", text.len()).as_bytes());
                h.update(text.as_bytes());
            }
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The id the next entry takes and the link it carries: the newest entry's hash (an
/// empty link after an entry without one, which `check` reports), or `GENESIS`.
fn next_link(conn: &super::db::Conn) -> super::db::Result<(i64, String)> {
    conn.prepare_cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")?
        .query_row((), |r| Ok((r.get::<_, i64>(0)? + 1, r.get::<_, Option<String>>(1)?.unwrap_or_default())))
        .or_else(|e| match e {
            super::db::DbError::NoRows => Ok((1, GENESIS.to_string())),
            e => Err(e),
        })
}

/// One entry to append. `before`/`after` are JSON.
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

pub fn append(tx: &Tx<'_>, e: &AuditEntry<'_>) -> Result<()> {
    let (id, prev) = next_link(&tx.conn)?;
    let fields = [
        Some(e.at),
        Some(e.operator),
        Some(e.action),
        Some(e.entity),
        e.entity_key,
        e.account_no,
        e.before.as_deref(),
        e.after.as_deref(),
    ];
    let hash = entry_hash(id, fields, &prev);
    tx.conn
        .prepare_cached(
            "INSERT INTO audit_log (id, at, operator, action, entity, entity_key, account_no, before, after, prev_hash, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            id,
            e.at,
            e.operator,
            e.action,
            e.entity,
            e.entity_key,
            e.account_no,
            e.before,
            e.after,
            prev,
            hash
        ])?;
    Ok(())
}

/// An entry with its link and hash as stored, for checking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub id: i64,
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
    /// The hash its content and stored link should have.
    pub computed: String,
}

const CHAIN_COLUMNS: &str = "id, at, operator, action, entity, entity_key, account_no, before, after, prev_hash, hash";

fn link(r: &super::db::Row<'_>) -> super::db::Result<Link> {
    let id: i64 = r.get(0)?;
    let text = |i: usize| r.get_ref(i).map(|v| v.as_str_or_null().ok().flatten().map(str::to_string));
    let fields: Vec<Option<String>> = (1..=8).map(text).collect::<super::db::Result<_>>()?;
    let prev_hash: Option<String> = text(9)?;
    let f = |i: usize| fields[i].as_deref();
    let computed =
        entry_hash(id, [f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7)], prev_hash.as_deref().unwrap_or_default());
    Ok(Link { id, prev_hash, hash: text(10)?, computed })
}

/// Visits every entry of the log, oldest first, with its link and hash.
pub fn for_each_link(store: &Store, mut visit: impl FnMut(Link)) -> Result<()> {
    let mut stmt = store.conn.prepare(&format!("SELECT {CHAIN_COLUMNS} FROM audit_log ORDER BY id"))?;
    let mut rows = stmt.query(())?;
    while let Some(ref row) = rows.next()? {
        visit(link(row)?);
    }
    Ok(())
}

/// Migration 5's step: chains the entries written before the log had hashes, oldest
/// first (the append-only trigger is lifted around this step by the migration).
pub fn chain_existing(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let mut links = Vec::new();
    {
        let mut stmt = conn.prepare(&format!("SELECT {CHAIN_COLUMNS} FROM audit_log ORDER BY id"))?;
        let mut rows = stmt.query([])?;
        let mut prev = GENESIS.to_string();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let text = |i: usize| row.get::<_, Option<String>>(i);
            let fields: Vec<Option<String>> = (1..=8).map(text).collect::<rusqlite::Result<_>>()?;
            let f = |i: usize| fields[i].as_deref();
            let hash = entry_hash(id, [f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7)], &prev);
            links.push((id, std::mem::replace(&mut prev, hash.clone()), hash));
        }
    }
    let mut update = conn.prepare("UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE id = ?1")?;
    for (id, prev, hash) in links {
        update.execute(rusqlite::params![id, prev, hash])?;
    }
    Ok(())
}

/// The guards (`GUARDS`) that are missing, or whose SQL is not what the migrations
/// created (a trigger replaced by one that does nothing), by name. On PostgreSQL: those
/// missing or disabled (the rights of the roles guard the log there too).
pub fn broken_guards(store: &Store) -> Result<Vec<&'static str>> {
    if store.is_postgres() {
        let mut stmt = store.conn.prepare_cached(
            "SELECT 1 FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass AND tgname = ?1 AND tgenabled <> 'D'",
        )?;
        let mut broken = Vec::new();
        for name in GUARDS {
            if !stmt.exists([name])? {
                broken.push(name);
            }
        }
        return Ok(broken);
    }
    let mut stmt = store.conn.prepare_cached("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1")?;
    let mut broken = Vec::new();
    for name in GUARDS {
        let found: Option<String> = stmt.query_row([name], |r| r.get(0)).map(Some).or_else(|e| match e {
            super::db::DbError::NoRows => Ok(None),
            e => Err(e),
        })?;
        let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        if found.map(|sql| words(&sql)) != guard_sql(name).map(|sql| words(&sql)) {
            broken.push(name);
        }
    }
    Ok(broken)
}

/// The SQL that created trigger `name`, as the (newest) migration that creates it wrote it.
fn guard_sql(name: &str) -> Option<String> {
    let create = format!("CREATE TRIGGER {name} ");
    super::migrations::MIGRATIONS.iter().rev().find_map(|m| {
        let start = m.find(&create)?;
        let end = m[start..].find("END;")? + start + "END".len();
        Some(m[start..end].to_string())
    })
}

/// One entry of the audit log as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditLine {
    pub id: i64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub entity: String,
    pub entity_key: Option<String>,
    pub account_no: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

const AUDIT_COLUMNS: &str = "id, at, operator, action, entity, entity_key, account_no, before, after";

fn audit_line(r: &super::db::Row<'_>) -> super::db::Result<AuditLine> {
    Ok(AuditLine {
        id: r.get(0)?,
        at: r.get(1)?,
        operator: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_key: r.get(5)?,
        account_no: r.get(6)?,
        before: r.get(7)?,
        after: r.get(8)?,
    })
}

/// The audit log, oldest first, for one account and/or from a day on.
pub fn trail(store: &Store, account_no: Option<&str>, since: Option<NaiveDate>) -> Result<Vec<AuditLine>> {
    let mut stmt = store.conn.prepare(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log
         WHERE (?1 IS NULL OR account_no = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY id"
    ))?;
    Ok(stmt.query_all(params![account_no, since.map(|d| d.to_string())], audit_line)?)
}

/// The change feed: the entries written after entry `after`, oldest first, at most
/// `limit`. Every change writes one entry naming its entity and, when it has one, its
/// account: what a reader must read again follows from them.
pub fn since(store: &Store, after: i64, limit: usize) -> Result<Vec<AuditLine>> {
    let mut stmt = store
        .conn
        .prepare_cached(&format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE id > ?1 ORDER BY id LIMIT ?2"))?;
    Ok(stmt.query_all(params![after, limit as i64], audit_line)?)
}

/// Where a page of the audit log starts, by key (an entry's id), never by offset: a page
/// is found in the same time whatever its depth in the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPage {
    Newest,
    Oldest,
    /// This entry and the older ones after it.
    AtOrBefore(i64),
    /// This entry and the newer ones before it.
    AtOrAfter(i64),
}

/// The text filter of the Audit pane as SQL: any shown field contains the (lower-case)
/// needle, ASCII letters matched in either case.
const AUDIT_FILTER: &str =
    "(?1 = '' OR instr(lower(at), ?1) > 0 OR instr(lower(operator), ?1) > 0 OR instr(lower(action), ?1) > 0
    OR instr(lower(entity), ?1) > 0 OR instr(lower(coalesce(entity_key, '')), ?1) > 0
    OR instr(lower(coalesce(account_no, '')), ?1) > 0 OR instr(lower(coalesce(before, '')), ?1) > 0
    OR instr(lower(coalesce(after, '')), ?1) > 0)";

/// One page of at most `limit` entries matching `filter` (lower case; empty = all),
/// newest first, found by key.
pub fn page(store: &Store, at: AuditPage, filter: &str, limit: usize) -> Result<Vec<AuditLine>> {
    let (bound, order, key) = match at {
        AuditPage::Newest => ("1 = 1", "DESC", 0),
        AuditPage::Oldest => ("1 = 1", "ASC", 0),
        AuditPage::AtOrBefore(id) => ("id <= ?2", "DESC", id),
        AuditPage::AtOrAfter(id) => ("id >= ?2", "ASC", id),
    };
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE {bound} AND {AUDIT_FILTER} ORDER BY id {order} LIMIT ?3"
    ))?;
    let mut lines: Vec<AuditLine> = stmt.query_all(params![filter, key, limit as i64], audit_line)?;
    if order == "ASC" {
        lines.reverse();
    }
    Ok(lines)
}

/// Whether an entry matching `filter` lies beyond `id`: older (`older`) or newer.
pub fn more_beyond(store: &Store, id: i64, older: bool, filter: &str) -> Result<bool> {
    let bound = if older { "id < ?2" } else { "id > ?2" };
    Ok(store
        .conn
        .prepare_cached(&format!("SELECT 1 FROM audit_log WHERE {bound} AND {AUDIT_FILTER} LIMIT 1"))?
        .exists(params![filter, id])?)
}

/// The newest `cap` entries about one account, newest first by time.
pub fn newest_of_account(store: &Store, account_no: &str, cap: usize) -> Result<Vec<AuditLine>> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log WHERE account_no = ?1 ORDER BY at DESC, id DESC LIMIT ?2"
    ))?;
    Ok(stmt.query_all(params![account_no, cap as i64], audit_line)?)
}

/// The newest entry of the log, as a restore compares it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Newest {
    pub id: i64,
    pub hash: Option<String>,
    pub at: String,
    pub operator: String,
}

/// The newest entry (none in an empty log).
pub fn newest_link(store: &Store) -> Result<Option<Newest>> {
    use super::db::OptionalExtension;
    Ok(store
        .conn
        .query_row("SELECT id, hash, at, operator FROM audit_log ORDER BY id DESC LIMIT 1", (), |r| {
            Ok(Newest { id: r.get(0)?, hash: r.get(1)?, at: r.get(2)?, operator: r.get(3)? })
        })
        .optional()?)
}

/// The hash stored with entry `id`, if there is such an entry.
pub fn hash_of(store: &Store, id: i64) -> Result<Option<Option<String>>> {
    use super::db::OptionalExtension;
    Ok(store.conn.query_row("SELECT hash FROM audit_log WHERE id = ?1", [id], |r| r.get(0)).optional()?)
}

/// Entries in the whole log.
pub fn count(store: &Store) -> Result<usize> {
    Ok(store.conn.query_row("SELECT count(*) FROM audit_log", (), |r| r.get::<_, i64>(0))? as usize)
}

/// The newest audit entry: every change writes one, so two read transactions that see
/// the same newest entry see the same data.
pub fn last_change(store: &Store) -> Result<i64> {
    Ok(store.conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", (), |r| r.get(0))?)
}
