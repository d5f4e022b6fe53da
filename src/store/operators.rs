//! `operators`: who may sign in, with which role (stored as `CLERK`/`MANAGER`).

use super::db::{params, OptionalExtension};
use super::{Store, Tx};
use crate::error::Result;

/// An operator as stored; the role as its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorRow {
    pub name: String,
    pub role: String,
    pub active: bool,
    pub created_at: String,
}

fn operator_from_row(r: &super::db::Row<'_>) -> super::db::Result<OperatorRow> {
    Ok(OperatorRow { name: r.get(0)?, role: r.get(1)?, active: r.get(2)?, created_at: r.get(3)? })
}

/// Every operator, by name.
pub fn all(store: &Store) -> Result<Vec<OperatorRow>> {
    let mut stmt = store.conn.prepare("SELECT name, role, active, created_at FROM operators ORDER BY name")?;
    Ok(stmt.query_all((), operator_from_row)?)
}

pub fn by_name(store: &Store, name: &str) -> Result<Option<OperatorRow>> {
    Ok(store
        .conn
        .query_row("SELECT name, role, active, created_at FROM operators WHERE name = ?1", [name], operator_from_row)
        .optional()?)
}

/// Adds `name` with `role`, or gives an operator of that name `role` and enables it.
pub fn upsert(tx: &Tx<'_>, name: &str, role: &str, now: &str) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO operators (name, role, active, created_at) VALUES (?1, ?2, 1, ?3)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, active = 1",
        params![name, role, now],
    )?;
    Ok(())
}

pub fn exists(store: &Store, name: &str) -> Result<bool> {
    Ok(store.conn.prepare_cached("SELECT 1 FROM operators WHERE name = ?1")?.exists([name])?)
}

pub fn count(store: &Store) -> Result<i64> {
    Ok(store.conn.query_row("SELECT count(*) FROM operators", (), |r| r.get(0))?)
}

/// Active managers other than `name`.
pub fn other_active_managers(store: &Store, name: &str) -> Result<i64> {
    Ok(store.conn.query_row(
        "SELECT count(*) FROM operators WHERE role = 'MANAGER' AND active = 1 AND name <> ?1",
        [name],
        |r| r.get(0),
    )?)
}

/// Writes an active operator.
pub fn insert(tx: &Tx<'_>, name: &str, role: &str, created_at: &str) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO operators (name, role, active, created_at) VALUES (?1, ?2, 1, ?3)",
        params![name, role, created_at],
    )?;
    Ok(())
}

pub fn update(tx: &Tx<'_>, name: &str, role: &str, active: bool) -> Result<()> {
    tx.conn.execute("UPDATE operators SET role = ?2, active = ?3 WHERE name = ?1", params![name, role, active])?;
    Ok(())
}
