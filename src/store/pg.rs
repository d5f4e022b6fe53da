//! A book on a PostgreSQL server: connecting, the schema (numbered migrations under
//! `pg/`, as for SQLite), the two group roles and their rights (`pg/grants.sql`), and
//! the notifications that tell a console of other desks' work.
//!
//! The tables belong to the login that ran `server init` (an administrator); operators
//! are logins made members of `creditdesk_clerk` or `creditdesk_manager` by `server
//! grant`, and the server enforces what each may write, whatever a program asks.

use super::db::{Conn, DbError, PgConn};
use super::{Store, Tx};
use crate::domain::role::Role;
use crate::error::{Error, Result};

/// Migration N (1-based) is `MIGRATIONS[N - 1]`; `creditdesk_schema` records how many
/// have run. Never edit one that has shipped.
pub const MIGRATIONS: &[&str] = &[include_str!("pg/0001_schema.sql")];

const GRANTS: &str = include_str!("pg/grants.sql");

/// The group roles, by the role of the operators they hold.
pub fn group(role: Role) -> &'static str {
    match role {
        Role::Clerk => "creditdesk_clerk",
        Role::Manager => "creditdesk_manager",
    }
}

/// Whether `--db` names a PostgreSQL server (`postgresql://…`) rather than a file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgresql://") || db.starts_with("postgres://")
}

/// The URL as messages show it: without a password.
pub fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let user = &url[scheme + 3..at];
            let user = user.split_once(':').map_or(user, |(name, _)| name);
            format!("{}{user}@{}", &url[..scheme + 3], &url[at + 1..])
        }
        _ => url.to_string(),
    }
}

fn connect(url: &str) -> Result<postgres::Client> {
    postgres::Client::connect(url, postgres::NoTls)
        .map_err(|e| Error::Unreadable(format!("cannot connect to {}: {}", shown(url), DbError::Pg(e))))
}

/// The schema version of the book, or none when the database holds no book.
fn version(conn: &Conn) -> Result<Option<i64>> {
    let exists: bool = conn.query_row("SELECT to_regclass('creditdesk_schema') IS NOT NULL", (), |r| r.get(0))?;
    if !exists {
        return Ok(None);
    }
    Ok(Some(conn.query_row("SELECT coalesce(max(version), 0) FROM creditdesk_schema", (), |r| r.get(0))?))
}

/// Opens the book at `url`: refused when the database holds none, or one of another
/// version (an administrator upgrades it with `server init`).
pub fn open(url: &str) -> Result<Store> {
    let conn = Conn::Pg(Box::new(PgConn::new(connect(url)?, url)));
    // A write waits for another desk's as long as on a SQLite file, then gives up.
    conn.execute_batch(&format!("SET lock_timeout = {}", super::busy::timeout().as_millis()))?;
    let known = MIGRATIONS.len() as i64;
    match version(&conn)? {
        None => Err(Error::Incompatible(format!(
            "{} holds no creditdesk book; an administrator creates it with `creditdesk server init --db URL`",
            shown(url)
        ))),
        Some(v) if v > known => Err(Error::Incompatible(format!(
            "{} has schema version {v}, made by a newer creditdesk (this one knows {known}); upgrade creditdesk",
            shown(url)
        ))),
        Some(v) if v < known => Err(Error::Incompatible(format!(
            "{} has schema version {v}; an administrator brings it to version {known} with `creditdesk server init --db URL`",
            shown(url)
        ))),
        Some(_) => {
            let mut store = Store { conn, broken_guards: Vec::new() };
            store.broken_guards = super::audit::broken_guards(&store)?;
            Ok(store)
        }
    }
}

/// `server init`: creates (or brings up to date) the schema and the two group roles,
/// and grants their rights; run by the login that is to own the tables.
pub fn init(url: &str) -> Result<i64> {
    let conn = Conn::Pg(Box::new(PgConn::new(connect(url)?, url)));
    conn.execute_batch("BEGIN")?;
    // One administrator at a time.
    conn.execute_batch("SELECT pg_advisory_xact_lock(7263)")?;
    conn.execute_batch("CREATE TABLE IF NOT EXISTS creditdesk_schema (version BIGINT NOT NULL)")?;
    let from = version(&conn)?.unwrap_or(0);
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        conn.execute_batch(sql)
            .map_err(|e| Error::Incompatible(format!("{}: migration {} failed: {e}", shown(url), i + 1)))?;
    }
    conn.execute("DELETE FROM creditdesk_schema", ())?;
    let to = MIGRATIONS.len() as i64;
    conn.execute("INSERT INTO creditdesk_schema (version) VALUES (?1)", [to])?;
    for role in [Role::Clerk, Role::Manager] {
        let name = group(role);
        let exists: bool =
            conn.query_row("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)", [name], |r| r.get(0))?;
        if !exists {
            conn.execute_batch(&format!("CREATE ROLE {name} NOLOGIN"))?;
        }
    }
    conn.execute_batch(GRANTS)?;
    conn.execute_batch("COMMIT")?;
    Ok(to)
}

/// Whether the server has the login `login`.
pub fn login_exists(store: &Store, login: &str) -> Result<bool> {
    Ok(store.conn.query_row("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)", [login], |r| r.get(0))?)
}

/// Makes `login` a member of `role`'s group role, and of no other of ours.
pub fn grant_group(tx: &Tx<'_>, login: &str, role: Role) -> Result<()> {
    let quoted: String = tx.conn.query_row("SELECT quote_ident(?1)", [login], |r| r.get(0))?;
    let other = group(match role {
        Role::Clerk => Role::Manager,
        Role::Manager => Role::Clerk,
    });
    tx.conn.execute_batch(&format!("REVOKE {other} FROM {quoted}; GRANT {} TO {quoted}", group(role)))?;
    Ok(())
}

/// The login this session works as: on PostgreSQL, the operator.
pub fn login(store: &Store) -> Result<String> {
    Ok(store.conn.query_row("SELECT session_user::text", (), |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_shown_without_its_password() {
        assert_eq!(shown("postgresql://tom:s3cret@db.example/credit"), "postgresql://tom@db.example/credit");
        assert_eq!(shown("postgresql://tom@%2Ftmp%2Fpg/credit"), "postgresql://tom@%2Ftmp%2Fpg/credit");
        assert_eq!(shown("postgresql://db.example/credit"), "postgresql://db.example/credit");
    }

    #[test]
    fn only_postgresql_urls_name_a_server() {
        assert!(is_url("postgresql://x@h/d") && is_url("postgres://h/d"));
        assert!(!is_url("data/creditdesk.db") && !is_url("/tmp/postgresql://x"));
    }
}
