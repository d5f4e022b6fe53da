//! The administrator's commands for a book on a PostgreSQL server: creating its schema
//! and rights, and making logins operators.

use super::{audit, timestamp, Change, Operator};
use crate::domain::role::Role;
use crate::error::{Error, Result};
use crate::store::{self, Store};
use std::path::Path;

/// `server init`: the schema (created, or brought up to date) and the group roles with
/// their rights; returns the schema version.
pub fn init(url: &str) -> Result<i64> {
    store::pg::init(url)
}

/// `server grant LOGIN clerk|manager`: the login becomes an operator of that role, in
/// the server's rights and among the operators; recorded in the audit log under the
/// administrator's login.
pub fn grant(url: &str, login: &str, role: Role) -> Result<()> {
    let mut store = Store::open_existing(Path::new(url))?;
    if !store.is_postgres() {
        return Err(Error::Refused(
            "server grant is for a book on PostgreSQL; in a SQLite file a manager runs `operator add`".into(),
        ));
    }
    if !store::pg::login_exists(&store, login)? {
        return Err(Error::NotFound(format!(
            "the server has no login {login:?}: create it first (CREATE ROLE {login} LOGIN …)"
        )));
    }
    let admin = Operator { name: store::pg::login(&store)?, role: Role::Manager };
    let before = store::operators::by_name(&store, login)?;
    let tx = store.write()?;
    store::pg::grant_group(&tx, login, role)?;
    store::operators::upsert(&tx, login, role.as_str(), &timestamp())?;
    let mut change = Change::of("grant", "operator")
        .key(login)
        .after(serde_json::json!({"name": login, "role": role.as_str(), "group": store::pg::group(role)}));
    if let Some(b) = before {
        change = change.before(serde_json::json!({"name": b.name, "role": b.role, "active": b.active}));
    }
    audit(&tx, &admin, &change)?;
    tx.commit()
}

/// `migrate`: copies the SQLite book `from` into the empty PostgreSQL book `to_url`
/// (made by `server init`), in one transaction, and records it in the audit log under the
/// login; returns the rows copied per table. Run by the administrator (it sets the
/// tables' id sequences).
pub fn migrate(from: &Path, to_url: &str) -> Result<Vec<(&'static str, i64)>> {
    if store::server_url(from).is_some() {
        return Err(Error::invalid("from", "migrate copies from a SQLite file"));
    }
    let source = Store::open_existing(from)?;
    let mut target = Store::open_existing(Path::new(to_url))?;
    if !target.is_postgres() {
        return Err(Error::invalid("to", "migrate copies into a PostgreSQL book: postgresql://LOGIN@HOST/DATABASE"));
    }
    for table in store::copy::TABLES {
        if store::copy::count(&target, table)? > 0 {
            return Err(Error::Refused(format!(
                "{} already holds a book (its {table} has rows); migrate copies into an empty one, made by `server init`",
                target.name()
            )));
        }
    }
    let admin = Operator { name: store::pg::login(&target)?, role: Role::Manager };
    let from_name = from.display().to_string();
    let tx = target.write()?;
    let copied = store::copy::copy_book(&source, &tx)?;
    let counts: serde_json::Map<String, serde_json::Value> =
        copied.iter().map(|(t, n)| (t.to_string(), serde_json::json!(n))).collect();
    audit(&tx, &admin, &Change::of("migrate", "book").key(&from_name).after(serde_json::Value::Object(counts)))?;
    tx.commit()?;
    Ok(copied)
}
