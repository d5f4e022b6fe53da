//! Operators and their roles (RULES.md section 6): managed by managers only.

use super::{audit, timestamp, Change, Role, Service};
use crate::error::{Error, Result};
use rusqlite::OptionalExtension;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OperatorRecord {
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub created_at: String,
}

impl Service {
    pub fn operators(&self) -> Result<Vec<OperatorRecord>> {
        let mut stmt =
            self.store().conn().prepare("SELECT name, role, active, created_at FROM operators ORDER BY name")?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, String>(3)?))
        })?;
        rows.map(|row| {
            let (name, role, active, created_at) = row?;
            let role =
                role.parse().map_err(|_| Error::Incompatible(format!("operator {name} has unknown role {role}")))?;
            Ok(OperatorRecord { name, role, active, created_at })
        })
        .collect()
    }

    pub fn add_operator(&mut self, name: &str, role: Role) -> Result<()> {
        self.require_manager(super::Act::ManageOperators)?;
        let name = name.trim();
        if name.is_empty() || name.len() > 64 || name.chars().any(char::is_control) {
            return Err(Error::invalid("name", "an operator name is 1 to 64 printable characters"));
        }
        self.transact(|tx, op| {
            if tx.prepare_cached("SELECT 1 FROM operators WHERE name = ?1")?.exists([name])? {
                return Err(Error::invalid("name", format!("operator {name} already exists")));
            }
            tx.execute(
                "INSERT INTO operators (name, role, active, created_at) VALUES (?1, ?2, 1, ?3)",
                rusqlite::params![name, role.as_str(), timestamp()],
            )?;
            audit(
                tx,
                op,
                &Change {
                    action: "create",
                    entity: "operator",
                    entity_key: Some(name),
                    account_no: None,
                    before: None,
                    after: Some(serde_json::json!({ "name": name, "role": role, "active": true })),
                },
            )
        })
    }

    fn change_operator(
        &mut self,
        name: &str,
        what: &str,
        set: impl Fn(&OperatorRecord) -> OperatorRecord,
    ) -> Result<()> {
        self.require_manager(super::Act::ManageOperators)?;
        self.transact(|tx, op| {
            let found = tx
                .query_row("SELECT name, role, active, created_at FROM operators WHERE name = ?1", [name], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?, r.get::<_, String>(3)?))
                })
                .optional()?;
            let (name, role, active, created_at) =
                found.ok_or_else(|| Error::NotFound(format!("no operator named {name}")))?;
            let before = OperatorRecord { role: role.parse().unwrap_or(Role::Clerk), name, active, created_at };
            let after = set(&before);
            if after.name == op.name && (after.role != Role::Manager || !after.active) {
                return Err(Error::Refused(format!("{} cannot {what} their own operator", op.name)));
            }
            let managers_left: i64 = tx.query_row(
                "SELECT count(*) FROM operators WHERE role = 'MANAGER' AND active = 1 AND name <> ?1",
                [&after.name],
                |r| r.get(0),
            )?;
            if managers_left == 0 && (after.role != Role::Manager || !after.active) {
                return Err(Error::Refused("the database must keep at least one active manager".into()));
            }
            tx.execute(
                "UPDATE operators SET role = ?2, active = ?3 WHERE name = ?1",
                rusqlite::params![after.name, after.role.as_str(), after.active],
            )?;
            audit(
                tx,
                op,
                &Change {
                    action: what,
                    entity: "operator",
                    entity_key: Some(&after.name),
                    account_no: None,
                    before: Some(serde_json::to_value(&before).unwrap_or_default()),
                    after: Some(serde_json::to_value(&after).unwrap_or_default()),
                },
            )
        })
    }

    pub fn set_operator_role(&mut self, name: &str, role: Role) -> Result<()> {
        self.change_operator(name, "set-role", |o| OperatorRecord { role, ..o.clone() })
    }

    pub fn disable_operator(&mut self, name: &str) -> Result<()> {
        self.change_operator(name, "disable", |o| OperatorRecord { active: false, ..o.clone() })
    }
}
