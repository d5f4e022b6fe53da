//! The only door for changes: it checks the operator's role, runs each change in one
//! SQLite transaction and writes the audit log in that same transaction.

pub mod credit;
pub mod dealers;
pub mod import;
pub mod input;
pub mod operations;
pub mod operators;
pub mod privacy;
pub mod repairs;
pub mod returns;

use crate::error::{Error, Result};
use crate::store::{self, AuditEntry, Store};
use rusqlite::{OptionalExtension, Transaction};
use std::path::Path;

pub use crate::domain::role::{Act, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub name: String,
    pub role: Role,
}

/// The operating-system user, the default operator of a session.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "operator".to_string())
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

pub struct Service {
    store: Store,
    operator: Operator,
}

impl Service {
    /// Opens the database as `operator_name`. The first operator of a new database
    /// becomes its manager; after that an unknown or disabled operator is refused.
    pub fn open(path: &Path, operator_name: &str) -> Result<Service> {
        Service::with_store(Store::open(path)?, operator_name)
    }

    pub fn with_store(mut store: Store, operator_name: &str) -> Result<Service> {
        let name = operator_name.trim();
        if name.is_empty() {
            return Err(Error::invalid("operator", "an operator name is required"));
        }
        let found: Option<(String, bool)> = store
            .conn()
            .query_row("SELECT role, active FROM operators WHERE name = ?1", [name], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let operator = match found {
            Some((_, false)) => return Err(Error::Refused(format!("operator {name} is disabled; ask a manager"))),
            Some((role, true)) => Operator {
                name: name.to_string(),
                role: role
                    .parse()
                    .map_err(|_| Error::Incompatible(format!("operator {name} has an unknown role {role}")))?,
            },
            None => {
                let any: i64 = store.conn().query_row("SELECT count(*) FROM operators", [], |r| r.get(0))?;
                if any > 0 {
                    return Err(Error::Refused(format!(
                        "operator {name} is not known to this database; a manager can add it with `creditdesk operator add {name} --role CLERK`, or pass --operator NAME"
                    )));
                }
                let operator = Operator { name: name.to_string(), role: Role::Manager };
                let tx = store.write()?;
                tx.execute(
                    "INSERT INTO operators (name, role, active, created_at) VALUES (?1, 'MANAGER', 1, ?2)",
                    rusqlite::params![name, timestamp()],
                )?;
                audit(
                    &tx,
                    &operator,
                    &Change {
                        action: "create",
                        entity: "operator",
                        entity_key: Some(name),
                        account_no: None,
                        before: None,
                        after: Some(serde_json::json!({"name": name, "role": "MANAGER", "first_operator": true})),
                    },
                )?;
                tx.commit()?;
                operator
            }
        };
        Ok(Service { store, operator })
    }

    pub fn operator(&self) -> &Operator {
        &self.operator
    }

    /// Read access for reports and panes.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Refuses a manager's act, naming it, unless the operator is a manager.
    pub fn require_manager(&self, act: Act) -> Result<()> {
        if self.operator.role.may(act) {
            return Ok(());
        }
        Err(Error::Refused(format!("only a manager may {}; {} is a clerk", act.words(), self.operator.name)))
    }

    /// Runs `work` in one `BEGIN IMMEDIATE` transaction; it commits only if `work`
    /// succeeds, so a failure leaves the database as it was.
    pub fn transact<T>(&mut self, work: impl FnOnce(&Transaction<'_>, &Operator) -> Result<T>) -> Result<T> {
        let operator = self.operator.clone();
        let tx = self.store.write()?;
        let out = work(&tx, &operator)?;
        tx.commit()?;
        Ok(out)
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
pub fn audit(tx: &Transaction<'_>, operator: &Operator, c: &Change<'_>) -> Result<()> {
    store::append_audit(
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
        // A large page cache keeps a million-row transaction from spilling to disk midway.
        self.store.conn().pragma_update(None, "cache_size", -262_144)?;
        // Room for every batch size a flush can take.
        self.store.conn().set_prepared_statement_cache_capacity(256);
        // Filling an empty file, a rollback journal holds almost nothing (new pages need no
        // undo), while WAL would write every page twice. Only a hint: with another
        // connection open (the console's) the mode cannot change, and WAL stays.
        let switched = self.store.conn().pragma_update(None, "journal_mode", "DELETE").is_ok();
        let filled = self.fill_demo(spec);
        if switched {
            self.store.conn().pragma_update(None, "journal_mode", "WAL")?;
        }
        filled
    }

    fn fill_demo(&mut self, spec: &crate::demo::DemoSpec) -> Result<crate::demo::DemoCounts> {
        self.transact(|tx, op| {
            let existing: i64 = tx.query_row("SELECT count(*) FROM accounts", [], |r| r.get(0))?;
            if existing > 0 {
                return Err(Error::Refused(format!(
                    "this database already holds {existing} accounts; demo fills only an empty database"
                )));
            }
            // Indexes are built once at the end (a sort) rather than row by row.
            tx.execute_batch("DROP INDEX charges_by_account; DROP INDEX payments_by_account;")?;
            let mut account_stmt = tx.prepare(
                "INSERT INTO accounts (account_no, name, state, status, terms, credit_limit_cents, rate_cap_pct,
                                       contact_name, phone, email, address)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut charges = BatchInsert::new(
                "INSERT INTO charges (doc_no, account_id, kind, date, due_date, amount_cents)",
                6,
            );
            let mut payments = BatchInsert::new(
                "INSERT INTO payments (payment_ref, account_id, date, method, amount_cents, apply_to)",
                6,
            );
            let mut returns = BatchInsert::new(
                "INSERT INTO returned_checks (payment_id, returned_date, fee_cents, fee_waived, waived_by, waiver_reason, recorded_by)",
                7,
            );
            let waiver_reason = "long-standing customer, first return";
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
                let written = receive.iter().flatten().try_for_each(|a| -> Result<()> {
                account_stmt.execute(rusqlite::params![
                    a.account_no,
                    a.name,
                    a.state,
                    a.status.as_str(),
                    a.terms.as_str(),
                    a.credit_limit.cents(),
                    a.rate_cap_pct.map(|c| c.to_string()),
                    a.contact_name,
                    a.phone,
                    a.email,
                    a.address
                ])?;
                let account_id = tx.last_insert_rowid();
                use rusqlite::types::Value;
                for c in &a.charges {
                    charges.push(
                        tx,
                        [
                            Value::Text(c.doc_no.clone()),
                            Value::Integer(account_id),
                            Value::Text(c.kind.as_str().into()),
                            Value::Text(c.date.to_string()),
                            Value::Text(c.due.to_string()),
                            Value::Integer(c.amount.cents()),
                        ],
                    )?;
                }
                for p in &a.payments {
                    payments.push(
                        tx,
                        [
                            Value::Text(p.reference.clone()),
                            Value::Integer(account_id),
                            Value::Text(p.date.to_string()),
                            Value::Text(p.method.as_str().into()),
                            Value::Integer(p.amount.cents()),
                            p.apply_to.clone().map_or(Value::Null, Value::Text),
                        ],
                    )?;
                }
                if !a.returns.is_empty() {
                    // The returns name payments by id: write the payments first.
                    payments.flush(tx)?;
                }
                for (reference, date, waived) in &a.returns {
                    let id: i64 =
                        tx.prepare_cached("SELECT id FROM payments WHERE payment_ref = ?1")?.query_row([reference], |r| r.get(0))?;
                    let by = |v: &str| if *waived { Value::Text(v.to_string()) } else { Value::Null };
                    returns.push(
                        tx,
                        [
                            Value::Integer(id),
                            Value::Text(date.to_string()),
                            Value::Integer(crate::domain::payment::RETURNED_CHECK_FEE.cents()),
                            Value::Integer(i64::from(*waived)),
                            by(&op.name),
                            by(waiver_reason),
                            Value::Text(op.name.clone()),
                        ],
                    )?;
                }
                Ok(())
            });
                // Dropping the receiver (on error) stops the generator at its next send.
                drop(receive);
                (generator.join().unwrap_or_else(|p| std::panic::resume_unwind(p)), written)
            });
            written?;
            drop(account_stmt);
            charges.flush(tx)?;
            payments.flush(tx)?;
            returns.flush(tx)?;
            tx.execute_batch(
                "CREATE INDEX charges_by_account ON charges (account_id);
                 CREATE INDEX payments_by_account ON payments (account_id);",
            )?;
            demo_extras(tx, spec)?;
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

/// Rows written many to a statement: a bulk load spends its time in per-statement
/// overhead otherwise.
struct BatchInsert {
    head: &'static str,
    width: usize,
    values: Vec<rusqlite::types::Value>,
}

impl BatchInsert {
    const ROWS: usize = 64;

    fn new(head: &'static str, width: usize) -> BatchInsert {
        BatchInsert { head, width, values: Vec::with_capacity(width * Self::ROWS) }
    }

    fn push<const N: usize>(&mut self, tx: &Transaction<'_>, row: [rusqlite::types::Value; N]) -> Result<()> {
        debug_assert_eq!(N, self.width);
        self.values.extend(row);
        if self.values.len() >= self.width * Self::ROWS {
            self.flush(tx)?;
        }
        Ok(())
    }

    fn flush(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if self.values.is_empty() {
            return Ok(());
        }
        let rows = self.values.len() / self.width;
        let one = format!("({})", vec!["?"; self.width].join(","));
        let sql = format!("{} VALUES {}", self.head, vec![one; rows].join(","));
        tx.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(self.values.drain(..)))?;
        Ok(())
    }
}

/// What the demo adds beside the ledger: a clerk to sign in as, closing dates of closed
/// accounts (some past the retention period), and privacy requests in every state of urgency.
fn demo_extras(tx: &Transaction<'_>, spec: &crate::demo::DemoSpec) -> Result<()> {
    let end = spec.end;
    let days_ago = |n: u64| end.checked_sub_days(chrono::Days::new(n)).unwrap_or(end).to_string();
    tx.execute(
        "INSERT OR IGNORE INTO operators (name, role, active, created_at) VALUES ('pat', 'CLERK', 1, ?1)",
        [timestamp()],
    )?;
    // Closed accounts closed between one and ten years ago, spread by id.
    tx.execute(
        "UPDATE accounts SET closed_on = date(?1, '-' || (365 + (id * 97) % 3300) || ' days') WHERE status = 'CLOSED'",
        [end.to_string()],
    )?;
    let end_text = end.to_string();
    // Tax exemptions on about one account in nine: most valid, some expiring within 30
    // days, some expired, a few without the certificate on file.
    tx.execute(
        "INSERT INTO tax_exemptions (account_id, exemption_no, certificate_on_file, certificate_expires, recorded_by)
         SELECT id, 'EX-' || account_no, (id % 27) <> 0, date(?1, ((id * 37) % 150 - 45) || ' days'), 'pat'
         FROM accounts WHERE id % 9 = 0 AND status = 'ACTIVE'",
        [&end_text],
    )?;
    // Credit applications: approved for every NET30 account, pending for applicants.
    // Identifiers are EINs made from the id; they only ever show masked.
    let application = "INSERT INTO credit_applications (account_id, applied_on, requested_limit_cents, trade_references,
                bank_reference, gov_id, gov_id_kind, gov_id_last4, status, decided_by, decided_on, approved_limit_cents, recorded_by)
         SELECT id, date(?1, ?2), max(credit_limit_cents, 250000), '[\"ADI Global, 4 years\",\"Anixter, 2 years\"]',
                printf('Commerce Bank, account %010d', (id * 104729) % 10000000000),
                printf('%02d-%07d', 10 + id % 89, (id * 7919) % 10000000), 'EIN',
                printf('%04d', ((id * 7919) % 10000000) % 10000), ?3, ?4, ?5,
                CASE WHEN ?3 = 'APPROVED' THEN max(credit_limit_cents, 250000) END, 'pat'
         FROM accounts WHERE ";
    tx.execute(
        &format!("{application} terms = 'NET30'"),
        rusqlite::params![&end_text, "-560 days", "APPROVED", "manager", days_ago(555)],
    )?;
    tx.execute(
        &format!("{application} status IN ('APPLICANT', 'VERIFIED')"),
        rusqlite::params![&end_text, "-12 days", "PENDING", None::<String>, None::<String>],
    )?;
    tx.execute(
        "INSERT INTO dealer_verifications (account_id, representative, screened_on, outcome, notes, recorded_by)
         SELECT id, 'Pat Reyes', date(?1, '-9 days'), 'PASSED', 'owner confirmed trade references', 'pat'
         FROM accounts WHERE status = 'VERIFIED'",
        [&end_text],
    )?;
    // Nonstock items awaiting pickup, some past the 30 days.
    tx.execute(
        "INSERT INTO nonstock_items (item_no, account_id, description, vendor, special_order, received_on, recorded_by)
         SELECT 'NS-D' || printf('%06d', id), id, 'Custom-keyed lock cylinders (12)', 'Medeco', id % 3 = 0,
                date(?1, '-' || ((id * 7) % 45) || ' days'), 'pat'
         FROM accounts WHERE id % 11 = 5 AND status = 'ACTIVE'",
        [&end_text],
    )?;
    // RMAs issued for the newest invoices, awaiting the goods.
    tx.execute(
        "INSERT INTO rmas (rma_no, account_id, invoice_doc_no, invoice_date, issued_on, restocking_pct, value_cents, issued_by)
         SELECT 'RMA-D' || printf('%05d', c.id), c.account_id, c.doc_no, c.date, ?1, '15', min(c.amount_cents, 25000), 'pat'
         FROM charges c WHERE c.kind = 'INVOICE' AND c.date >= date(?1, '-20 days') ORDER BY c.id LIMIT 12",
        [&end_text],
    )?;
    tx.execute(
        "INSERT INTO rma_lines (rma_id, line_no, item, value_cents, class)
         SELECT id, 1, 'Returned panel, unopened', value_cents, 'STOCK' FROM rmas",
        [],
    )?;
    let requests = [
        ("ACCESS", 40u64, "OPEN"),
        ("OPT_OUT_MARKETING", 26, "VERIFIED"),
        ("CORRECTION", 10, "OPEN"),
        ("DELETION", 3, "OPEN"),
    ];
    for (n, (kind, age, status)) in requests.into_iter().enumerate() {
        tx.execute(
            "INSERT INTO privacy_requests (kind, account_id, requester, received_on, due_on, status, details, recorded_by)
             SELECT ?1, id, contact_name, ?2, date(?2, '+30 days'), ?3, ?4, 'pat'
             FROM accounts WHERE status = 'ACTIVE' AND contact_name IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?5",
            rusqlite::params![
                kind,
                days_ago(age),
                status,
                (kind == "CORRECTION").then_some("phone=(816) 555-0100"),
                (n * 7 + 3) as i64
            ],
        )?;
    }
    Ok(())
}
