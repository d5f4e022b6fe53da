//! Operators and their roles (RULES.md section 6): managed by managers only.

use super::{audit, timestamp, Change, Role, Service};
use crate::error::{Error, Result};
use crate::store;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OperatorRecord {
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub created_at: String,
}

impl Service {
    pub fn operators(&self) -> Result<Vec<OperatorRecord>> {
        store::operators::all(self.store())?
            .into_iter()
            .map(|o| {
                let role = o
                    .role
                    .parse()
                    .map_err(|_| Error::Incompatible(format!("operator {} has unknown role {}", o.name, o.role)))?;
                Ok(OperatorRecord { name: o.name, role, active: o.active, created_at: o.created_at })
            })
            .collect()
    }

    pub fn add_operator(&mut self, name: &str, role: Role) -> Result<()> {
        self.require_manager(super::Act::ManageOperators)?;
        self.refuse_on_server(name, role)?;
        let name = name.trim();
        if name.is_empty() || name.len() > 64 || name.chars().any(char::is_control) {
            return Err(Error::invalid("name", "an operator name is 1 to 64 printable characters"));
        }
        self.transact(|tx, op| {
            if store::operators::exists(tx, name)? {
                return Err(Error::invalid("name", format!("operator {name} already exists")));
            }
            store::operators::insert(tx, name, role.as_str(), &timestamp())?;
            audit(
                tx,
                op,
                &Change::of("create", "operator")
                    .key(name)
                    .after(serde_json::json!({ "name": name, "role": role, "active": true })),
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
            let found = store::operators::by_name(tx, name)?
                .ok_or_else(|| Error::NotFound(format!("no operator named {name}")))?;
            let (name, role, active, created_at) = (found.name, found.role, found.active, found.created_at);
            let before = OperatorRecord { role: role.parse().unwrap_or(Role::Clerk), name, active, created_at };
            let after = set(&before);
            if after.name == op.name && (after.role != Role::Manager || !after.active) {
                return Err(Error::Refused(format!("{} cannot {what} their own operator", op.name)));
            }
            let managers_left = store::operators::other_active_managers(tx, &after.name)?;
            if managers_left == 0 && (after.role != Role::Manager || !after.active) {
                return Err(Error::Refused("the database must keep at least one active manager".into()));
            }
            store::operators::update(tx, &after.name, after.role.as_str(), after.active)?;
            audit(
                tx,
                op,
                &Change::of(what, "operator")
                    .key(&after.name)
                    .before(serde_json::to_value(&before).unwrap_or_default())
                    .after(serde_json::to_value(&after).unwrap_or_default()),
            )
        })
    }

    pub fn set_operator_role(&mut self, name: &str, role: Role) -> Result<()> {
        self.refuse_on_server(name, role)?;
        self.change_operator(name, "set-role", |o| OperatorRecord { role, ..o.clone() })
    }

    /// On PostgreSQL an operator's rights are the server's: its administrator gives
    /// them (`server grant`), not a manager's row in the table.
    fn refuse_on_server(&self, name: &str, role: Role) -> Result<()> {
        match self.store.is_postgres() {
            true => Err(Error::Refused(format!(
                "on PostgreSQL the server's administrator makes logins operators: `creditdesk server grant {name} {}`",
                role.as_str().to_ascii_lowercase()
            ))),
            false => Ok(()),
        }
    }

    pub fn disable_operator(&mut self, name: &str) -> Result<()> {
        self.change_operator(name, "disable", |o| OperatorRecord { active: false, ..o.clone() })
    }
}
