//! The only door for changes: it checks the operator's role, runs each change in one
//! SQLite transaction and writes the audit log in that same transaction.

pub mod backup;
pub mod bounded_text;
pub mod collections;
pub mod corrections;
pub mod credit;
pub mod dealers;
pub mod documents;
pub mod dunning;
pub mod import;
pub mod operations;
pub mod operators;
pub mod privacy;
pub mod repairs;
pub mod returns;
pub mod server;
pub mod upkeep;

use crate::error::{Error, Result};
use crate::store::audit::AuditEntry;
use crate::store::{self, Store, Tx};
use chrono::NaiveDate;
use std::path::Path;

pub use crate::domain::role::{Act, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub name: String,
    pub role: Role,
}

/// The operating-system user, the default operator of a session: `$USER`, else
/// `$USERNAME`, else `$LOGNAME`. With none set there is no default: every change is
/// audited under its operator's name, so a made-up one is never used.
pub fn os_user() -> Option<String> {
    ["USER", "USERNAME", "LOGNAME"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
}

/// The operator given, else the operating-system user, else a refusal saying what to do.
pub fn operator_or_os_user(given: Option<&str>) -> Result<String> {
    given.map(str::to_string).or_else(os_user).ok_or_else(|| {
        Error::invalid(
            "operator",
            "no operator: $USER (or $USERNAME, $LOGNAME) is not set, and the audit log needs a name; pass --operator NAME",
        )
    })
}

/// A moment for the audit log, read at the edge of the system.
pub fn timestamp() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

/// What one change writes to the audit log.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_key: Option<&'a str>,
    pub account_no: Option<&'a str>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Change<'a> {
    /// A change of an entity; what it is about and what it was and became follow.
    pub fn of(action: &'a str, entity: &'a str) -> Change<'a> {
        Change { action, entity, entity_key: None, account_no: None, before: None, after: None }
    }

    /// A change of an account itself: keyed by its number, the account it is about.
    pub fn of_account(action: &'a str, account_no: &'a str) -> Change<'a> {
        Change::of(action, "account").key(account_no).account(account_no)
    }

    pub fn key(self, key: &'a str) -> Change<'a> {
        Change { entity_key: Some(key), ..self }
    }

    pub fn account(self, account_no: &'a str) -> Change<'a> {
        Change { account_no: Some(account_no), ..self }
    }

    pub fn before(self, before: serde_json::Value) -> Change<'a> {
        Change { before: Some(before), ..self }
    }

    pub fn after(self, after: serde_json::Value) -> Change<'a> {
        Change { after: Some(after), ..self }
    }
}

pub struct Service {
    store: Store,
    operator: Operator,
    /// Rehearsing: every change runs its checks and is rolled back (`rehearse`).
    rehearsing: bool,
    /// The audit entries this service wrote since last asked (`take_written`).
    written: Vec<std::ops::RangeInclusive<i64>>,
    /// The calendar day, read once when the service opens: nothing that has happened
    /// (a payment, a charge, a returned check) is recorded after it.
    today: NaiveDate,
}

impl Service {
    /// Opens the database as `operator_name`. The first operator of a new database
    /// becomes its manager; after that an unknown or disabled operator is refused.
    pub fn open(path: &Path, operator_name: &str) -> Result<Service> {
        Service::with_store(Store::open(path)?, operator_name)
    }

    /// Opens a database that exists (every command but `init` and `demo`); a path that
    /// names no file is refused and nothing is created.
    pub fn open_existing(path: &Path, operator_name: &str) -> Result<Service> {
        Service::with_store(Store::open_existing(path)?, operator_name)
    }

    /// On PostgreSQL the operator is the login (`session_user`): an `operator_name`
    /// naming anyone else is refused, and an empty one means the login.
    pub fn with_store(mut store: Store, operator_name: &str) -> Result<Service> {
        let login = match store.is_postgres() {
            true => Some(store::pg::login(&store)?),
            false => None,
        };
        let name = match &login {
            Some(login) if operator_name.trim().is_empty() || operator_name.trim() == login => login.as_str(),
            Some(login) => {
                return Err(Error::Refused(format!(
                    "on PostgreSQL the operator is the login: this session is {login}, so --operator {} is refused",
                    operator_name.trim()
                )))
            }
            None => operator_name.trim(),
        };
        if name.is_empty() {
            return Err(Error::invalid("operator", "an operator name is required"));
        }
        let operator = match store::operators::by_name(&store, name)? {
            Some(found) if !found.active => {
                return Err(Error::Refused(format!("operator {name} is disabled; ask a manager")))
            }
            Some(found) => Operator {
                name: name.to_string(),
                role: found
                    .role
                    .parse()
                    .map_err(|_| Error::Incompatible(format!("operator {name} has an unknown role {}", found.role)))?,
            },
            None if login.is_some() => {
                return Err(Error::Refused(format!(
                    "login {name} is not an operator of this book; an administrator makes it one with `creditdesk server grant {name} clerk` (or manager)"
                )))
            }
            None => {
                let any = store::operators::count(&store)?;
                if any > 0 {
                    return Err(Error::Refused(format!(
                        "operator {name} is not known to this database; a manager can add it with `creditdesk operator add {name} --role CLERK`, or pass --operator NAME"
                    )));
                }
                let operator = Operator { name: name.to_string(), role: Role::Manager };
                let tx = store.write()?;
                store::operators::insert(&tx, name, Role::Manager.as_str(), &timestamp())?;
                audit(
                    &tx,
                    &operator,
                    &Change::of("create", "operator")
                        .key(name)
                        .after(serde_json::json!({"name": name, "role": "MANAGER", "first_operator": true})),
                )?;
                tx.commit()?;
                operator
            }
        };
        Ok(Service {
            store,
            operator,
            today: chrono::Local::now().date_naive(),
            rehearsing: false,
            written: Vec::new(),
        })
    }

    pub fn operator(&self) -> &Operator {
        &self.operator
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Another day as "today" (tests, and a console left open past midnight).
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    /// Read access for reports and panes.
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// Refuses a manager's act, naming it, unless the operator is a manager.
    pub fn require_manager(&self, act: Act) -> Result<()> {
        if self.operator.role.may(act) {
            return Ok(());
        }
        Err(Error::Refused(format!("only a manager may {}; {} is a clerk", act.words(), self.operator.name)))
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction; it commits only if `work`
    /// succeeds, so a failure leaves the database as it was. The audit entries it wrote
    /// are remembered (`take_written`): no other connection writes while it holds the lock.
    pub fn transact<T>(&mut self, work: impl FnOnce(&Tx<'_>, &Operator) -> Result<T>) -> Result<T> {
        let operator = self.operator.clone();
        let tx = if self.rehearsing { self.store.write_without_waiting()? } else { self.store.write()? };
        let before = store::audit::last_change(&tx)?;
        let out = work(&tx, &operator)?;
        if self.rehearsing {
            // Dropped: rolled back. What follows the transaction does not run either.
            return Err(Error::Rehearsed);
        }
        let after = store::audit::last_change(&tx)?;
        tx.commit()?;
        if after > before {
            self.written.push(before + 1..=after);
        }
        Ok(out)
    }

    /// Runs `change` as a rehearsal: every check it makes, and its writes, inside its
    /// transaction, which is then rolled back. Ok means the change would be made as it
    /// stands now; nothing is written. A database busy with another program's write is
    /// not waited for: the checks inside the transaction are then made by the write
    /// itself (which waits), and Ok says only that the checks before it passed.
    pub fn rehearse<T>(&mut self, change: impl FnOnce(&mut Service) -> Result<T>) -> Result<()> {
        self.rehearsing = true;
        let result = change(self);
        self.rehearsing = false;
        match result {
            Ok(_) | Err(Error::Rehearsed | Error::Busy(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The ids of the audit entries this service wrote since last asked: what came
    /// from this session rather than another desk.
    pub fn take_written(&mut self) -> Vec<std::ops::RangeInclusive<i64>> {
        std::mem::take(&mut self.written)
    }
}

/// Keys whose values are personal information or identifiers. The audit log is
/// append-only, so it could never be erased on a deletion request: it records that such
/// a field changed, never its value.
pub const REDACTED_KEYS: [&str; 11] = [
    "contact_name",
    "phone",
    "email",
    "address",
    "requester",
    "agent",
    "verified_how",
    "gov_id",
    "bank_reference",
    "bank_account",
    "trade_references",
];

/// Replaces the values of `REDACTED_KEYS` (at any depth) with a marker; on an account,
/// whose name may be a sole proprietor's own, the name too.
pub fn redact(entity: &str, value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let personal = |k: &str| REDACTED_KEYS.contains(&k) || (entity == "account" && k == "name");
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    if personal(&k) && !v.is_null() {
                        (k, Value::String("<personal data>".into()))
                    } else {
                        (k, redact(entity, v))
                    }
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| redact(entity, v)).collect()),
        other => other,
    }
}

/// Writes one audit entry inside the change's transaction.
pub fn audit(tx: &Tx<'_>, operator: &Operator, c: &Change<'_>) -> Result<()> {
    store::audit::append(
        tx,
        &AuditEntry {
            at: &timestamp(),
            operator: &operator.name,
            action: c.action,
            entity: c.entity,
            entity_key: c.entity_key,
            account_no: c.account_no,
            before: c.before.as_ref().map(|v| redact(c.entity, v.clone()).to_string()),
            after: c.after.as_ref().map(|v| redact(c.entity, v.clone()).to_string()),
        },
    )
}

impl Service {
    /// Fills an empty database with demo data in one transaction, with prepared statements.
    pub fn generate_demo(&mut self, spec: &crate::demo::DemoSpec) -> Result<crate::demo::DemoCounts> {
        let switched = store::bulk::begin_bulk_load(&self.store)?;
        let filled = self.fill_demo(spec);
        store::bulk::end_bulk_load(&self.store, switched)?;
        filled
    }

    fn fill_demo(&mut self, spec: &crate::demo::DemoSpec) -> Result<crate::demo::DemoCounts> {
        self.transact(|tx, op| {
            let existing = store::accounts::count(tx)?;
            if existing > 0 {
                return Err(Error::Refused(format!(
                    "this database already holds {existing} accounts; demo fills only an empty database"
                )));
            }
            let mut loader = store::bulk::DemoLoader::start(tx, &op.name)?;
            // The generator runs on its own thread, so making rows and writing them overlap.
            // Accounts travel in batches: one hand-over per account would cost a wake-up each.
            const BATCH: usize = 256;
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<crate::demo::DemoAccount>>(8);
            let (counts, written) = std::thread::scope(|scope| {
                let generator = scope.spawn(move || {
                    let mut batch = Vec::with_capacity(BATCH);
                    let counts = crate::demo::generate(spec, |a| -> std::result::Result<(), ()> {
                        batch.push(a);
                        if batch.len() == BATCH {
                            send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).map_err(|_| ())?;
                        }
                        Ok(())
                    });
                    if !batch.is_empty() {
                        let _ = send.send(batch);
                    }
                    counts.unwrap_or_default()
                });
                let written = receive.iter().flatten().try_for_each(|a| loader.push(&a));
                // Dropping the receiver (on error) stops the generator at its next send.
                drop(receive);
                (generator.join().unwrap_or_else(|p| std::panic::resume_unwind(p)), written)
            });
            written?;
            loader.finish()?;
            store::bulk::demo_extras(tx, spec.end, &timestamp())?;
            audit(tx, op, &Change {
                action: "demo",
                entity: "database",
                entity_key: None,
                account_no: None,
                before: None,
                after: Some(serde_json::json!({
                    "seed": spec.seed, "end": spec.end.to_string(), "accounts": counts.accounts,
                    "charges": counts.charges, "payments": counts.payments, "returned_checks": counts.returned_checks
                })),
            })?;
            Ok(counts)
        })
    }
}
