//! The demo loader: an empty database filled in one transaction with prepared,
//! many-row statements (a bulk load spends its time in per-statement overhead
//! otherwise), and the demo's extras written by set-based statements.

use super::{Store, Tx};
use crate::demo::DemoAccount;
use crate::domain::payment::RETURNED_CHECK_FEE;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, Statement};

/// Readies the connection for a bulk load; returns whether the journal mode changed
/// (give that to `end_bulk_load`).
pub fn begin_bulk_load(store: &Store) -> Result<bool> {
    let conn = store.lite()?;
    // A large page cache keeps a million-row transaction from spilling to disk midway.
    conn.pragma_update(None, "cache_size", -262_144)?;
    // Room for every batch size a flush can take.
    conn.set_prepared_statement_cache_capacity(256);
    // Filling an empty file, a rollback journal holds almost nothing (new pages need no
    // undo), while WAL would write every page twice. Only a hint: with another
    // connection open (the console's) the mode cannot change, and WAL stays.
    Ok(conn.pragma_update(None, "journal_mode", "DELETE").is_ok())
}

pub fn end_bulk_load(store: &Store, switched: bool) -> Result<()> {
    if switched {
        store.lite()?.pragma_update(None, "journal_mode", "WAL")?;
    }
    Ok(())
}

/// Writes generated accounts with their ledgers. `finish` writes what is still
/// batched and builds the indexes dropped by `start`.
pub struct DemoLoader<'t> {
    conn: &'t Connection,
    operator: String,
    accounts: Statement<'t>,
    charges: BatchInsert,
    payments: BatchInsert,
    returns: BatchInsert,
    /// The ledger's two indexes as the migrations made them, built again at the end.
    indexes: Vec<String>,
}

impl<'t> DemoLoader<'t> {
    /// `operator` records the returned checks (and waives the waived fees).
    pub fn start(tx: &'t Tx<'_>, operator: &str) -> Result<DemoLoader<'t>> {
        let conn: &'t Connection = tx.store.lite()?;
        // Indexes are built once at the end (a sort) rather than row by row, as the
        // migrations define them.
        let indexes = conn
            .prepare("SELECT sql FROM sqlite_master WHERE name IN ('charges_by_account', 'payments_by_account')")?
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        conn.execute_batch("DROP INDEX charges_by_account; DROP INDEX payments_by_account;")?;
        let accounts = conn.prepare(
            "INSERT INTO accounts (account_no, name, state, status, terms, credit_limit_cents, rate_cap_pct,
                                   contact_name, phone, email, address)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        Ok(DemoLoader {
            conn,
            indexes,
            operator: operator.to_string(),
            accounts,
            charges: BatchInsert::new("INSERT INTO charges (doc_no, account_id, kind, date, due_date, amount_cents)", 6),
            payments: BatchInsert::new(
                "INSERT INTO payments (payment_ref, account_id, date, method, amount_cents, apply_to)",
                6,
            ),
            returns: BatchInsert::new(
                "INSERT INTO returned_checks (payment_id, returned_date, fee_cents, fee_waived, waived_by, waiver_reason, recorded_by)",
                7,
            ),
        })
    }

    pub fn push(&mut self, a: &DemoAccount) -> Result<()> {
        let waiver_reason = "long-standing customer, first return";
        let conn = self.conn;
        self.accounts.execute(params![
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
        let account_id = conn.last_insert_rowid();
        for c in &a.charges {
            self.charges.push(
                conn,
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
            self.payments.push(
                conn,
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
            self.payments.flush(conn)?;
        }
        for (reference, date, waived) in &a.returns {
            let id: i64 = conn
                .prepare_cached("SELECT id FROM payments WHERE payment_ref = ?1")?
                .query_row([reference], |r| r.get(0))?;
            let by = |v: &str| if *waived { Value::Text(v.to_string()) } else { Value::Null };
            self.returns.push(
                conn,
                [
                    Value::Integer(id),
                    Value::Text(date.to_string()),
                    Value::Integer(RETURNED_CHECK_FEE.cents()),
                    Value::Integer(i64::from(*waived)),
                    by(&self.operator),
                    by(waiver_reason),
                    Value::Text(self.operator.clone()),
                ],
            )?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> Result<()> {
        let conn = self.conn;
        self.charges.flush(conn)?;
        self.payments.flush(conn)?;
        self.returns.flush(conn)?;
        drop(self.accounts);
        conn.execute_batch(&self.indexes.join(";\n"))?;
        Ok(())
    }
}

/// Rows written many to a statement.
struct BatchInsert {
    head: &'static str,
    width: usize,
    values: Vec<Value>,
}

impl BatchInsert {
    const ROWS: usize = 64;

    fn new(head: &'static str, width: usize) -> BatchInsert {
        BatchInsert { head, width, values: Vec::with_capacity(width * Self::ROWS) }
    }

    fn push<const N: usize>(&mut self, conn: &Connection, row: [Value; N]) -> Result<()> {
        debug_assert_eq!(N, self.width);
        self.values.extend(row);
        if self.values.len() >= self.width * Self::ROWS {
            self.flush(conn)?;
        }
        Ok(())
    }

    fn flush(&mut self, conn: &Connection) -> Result<()> {
        if self.values.is_empty() {
            return Ok(());
        }
        let rows = self.values.len() / self.width;
        let one = format!("({})", vec!["?"; self.width].join(","));
        let sql = format!("{} VALUES {}", self.head, vec![one; rows].join(","));
        conn.prepare_cached(&sql)?.execute(rusqlite::params_from_iter(self.values.drain(..)))?;
        Ok(())
    }
}

/// What the demo adds beside the ledger: a clerk to sign in as (created at `now`),
/// closing dates of closed accounts (some past the retention period), tax exemptions,
/// credit applications, verifications, nonstock items, RMAs, and privacy requests in
/// every state of urgency.
pub fn demo_extras(tx: &Tx<'_>, end: NaiveDate, now: &str) -> Result<()> {
    let conn = tx.lite()?;
    let days_ago = |n: u64| end.checked_sub_days(chrono::Days::new(n)).unwrap_or(end).to_string();
    conn.execute(
        "INSERT OR IGNORE INTO operators (name, role, active, created_at) VALUES ('pat', 'CLERK', 1, ?1)",
        [now],
    )?;
    // Closed accounts closed between one and ten years ago, spread by id.
    conn.execute(
        "UPDATE accounts SET closed_on = date(?1, '-' || (365 + (id * 97) % 3300) || ' days') WHERE status = 'CLOSED'",
        [end.to_string()],
    )?;
    let end_text = end.to_string();
    // Tax exemptions on about one account in nine: most valid, some expiring within 30
    // days, some expired, a few without the certificate on file.
    conn.execute(
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
    conn.execute(
        &format!("{application} terms = 'NET30'"),
        params![&end_text, "-560 days", "APPROVED", "manager", days_ago(555)],
    )?;
    conn.execute(
        &format!("{application} status IN ('APPLICANT', 'VERIFIED')"),
        params![&end_text, "-12 days", "PENDING", None::<String>, None::<String>],
    )?;
    conn.execute(
        "INSERT INTO dealer_verifications (account_id, representative, screened_on, outcome, notes, recorded_by)
         SELECT id, 'Pat Reyes', date(?1, '-9 days'), 'PASSED', 'owner confirmed trade references', 'pat'
         FROM accounts WHERE status = 'VERIFIED'",
        [&end_text],
    )?;
    // Nonstock items awaiting pickup, some past the 30 days.
    conn.execute(
        "INSERT INTO nonstock_items (item_no, account_id, description, vendor, special_order, received_on, recorded_by)
         SELECT 'NS-D' || printf('%06d', id), id, 'Custom-keyed lock cylinders (12)', 'Medeco', id % 3 = 0,
                date(?1, '-' || ((id * 7) % 45) || ' days'), 'pat'
         FROM accounts WHERE id % 11 = 5 AND status = 'ACTIVE'",
        [&end_text],
    )?;
    // RMAs issued for the newest invoices, awaiting the goods.
    conn.execute(
        "INSERT INTO rmas (rma_no, account_id, invoice_doc_no, invoice_date, issued_on, restocking_pct, value_cents, issued_by)
         SELECT 'RMA-D' || printf('%05d', c.id), c.account_id, c.doc_no, c.date, ?1, '15', min(c.amount_cents, 25000), 'pat'
         FROM charges c WHERE c.kind = 'INVOICE' AND c.date >= date(?1, '-20 days') ORDER BY c.id LIMIT 12",
        [&end_text],
    )?;
    conn.execute(
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
        conn.execute(
            "INSERT INTO privacy_requests (kind, account_id, requester, received_on, due_on, status, details, recorded_by)
             SELECT ?1, id, contact_name, ?2, date(?2, '+30 days'), ?3, ?4, 'pat'
             FROM accounts WHERE status = 'ACTIVE' AND contact_name IS NOT NULL ORDER BY id LIMIT 1 OFFSET ?5",
            params![
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
