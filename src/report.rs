//! Read-side reports: load from the store, evaluate with the domain, as of a day.

use crate::domain::{evaluate, AccountPosition, AgingRow, Bucket, ChargeStatus, Money};
use crate::error::Result;
use crate::store::{self, date_at, Account, LedgerData};
use chrono::NaiveDate;
use rusqlite::Connection;

/// An open charge of the invoices report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCharge {
    pub account_no: String,
    pub charge: ChargeStatus,
    pub days_past_due: i64,
    pub bucket: Bucket,
}

/// Evaluates every account as of `as_of` and maps each with `f`, in account id order.
///
/// The accounts are split in two halves by id; this thread reads and evaluates the
/// first on its connection while a second thread does the other on a second
/// connection, so both cores work. Each half reads in a read transaction; the two must
/// see the same newest audit entry (every change writes one), or the whole is read
/// again on one connection.
pub fn evaluate_all<R: Send>(
    conn: &Connection,
    as_of: NaiveDate,
    f: impl Fn(&LedgerData, AccountPosition) -> R + Sync,
) -> Result<Vec<R>> {
    if let Some(second) = store::reader(conn) {
        let tx = conn.unchecked_transaction()?;
        let [first, rest] = store::split_accounts(&tx)?;
        let seen = store::last_change(&tx)?;
        let f = &f;
        let (mine, theirs) = std::thread::scope(|scope| {
            let other = scope.spawn(move || -> Result<(i64, Vec<R>)> {
                let tx = second.unchecked_transaction()?;
                Ok((store::last_change(&tx)?, evaluate_range(&tx, rest, as_of, f)?))
            });
            let mine = evaluate_range(&tx, first, as_of, f);
            (mine, other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        let (mut out, (seen_there, theirs)) = (mine?, theirs?);
        if seen_there == seen {
            out.extend(theirs);
            return Ok(out);
        }
    }
    let tx = conn.unchecked_transaction()?;
    evaluate_range(&tx, i64::MIN..i64::MAX, as_of, &f)
}

fn evaluate_range<R>(
    conn: &Connection,
    ids: std::ops::Range<i64>,
    as_of: NaiveDate,
    f: &impl Fn(&LedgerData, AccountPosition) -> R,
) -> Result<Vec<R>> {
    let mut out = Vec::new();
    store::for_each_ledger(conn, ids, |data| {
        out.push(f(&data, evaluate(&data.ledger(), as_of)));
        Ok(())
    })?;
    Ok(out)
}

/// One account's ledger and its position as of a day.
pub fn account_position(
    conn: &Connection,
    account: &Account,
    as_of: NaiveDate,
) -> Result<(LedgerData, AccountPosition)> {
    let data = store::load_ledger(conn, account.clone())?;
    let position = evaluate(&data.ledger(), as_of);
    Ok((data, position))
}

/// Every account's aging line, in account number order (zero lines included).
pub fn aging(conn: &Connection, as_of: NaiveDate) -> Result<Vec<AgingRow>> {
    let mut rows =
        evaluate_all(conn, as_of, |data, position| AgingRow::of(data.ledger().account_no, &position, as_of))?;
    rows.sort_unstable_by(|a, b| a.account_no.cmp(&b.account_no));
    Ok(rows)
}

/// Every charge with an outstanding amount, ordered by account number, due date, date,
/// document number.
pub fn open_charges(conn: &Connection, as_of: NaiveDate) -> Result<Vec<OpenCharge>> {
    let per_account = evaluate_all(conn, as_of, |data, position| {
        let account_no = data.ledger().account_no;
        position
            .charges
            .into_iter()
            .filter(|c| c.outstanding.is_positive())
            .map(|c| {
                let days = c.days_past_due(as_of);
                OpenCharge {
                    account_no: account_no.to_string(),
                    bucket: Bucket::of_days_past_due(days),
                    days_past_due: days,
                    charge: c,
                }
            })
            .collect::<Vec<_>>()
    })?;
    let mut rows: Vec<OpenCharge> = per_account.into_iter().flatten().collect();
    rows.sort_unstable_by(|a, b| {
        (&a.account_no, a.charge.due, a.charge.date, &a.charge.doc_no).cmp(&(
            &b.account_no,
            b.charge.due,
            b.charge.date,
            &b.charge.doc_no,
        ))
    });
    Ok(rows)
}

/// A line of the returned-check fee log (RULES.md section 2.2).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReturnedCheckLine {
    pub payment_ref: String,
    pub account_no: String,
    pub check_amount: Money,
    pub returned_date: NaiveDate,
    pub fee: Money,
    pub fee_waived: bool,
    pub waived_by: Option<String>,
    pub waiver_reason: Option<String>,
    pub recorded_by: String,
}

/// Every returned check, by returned date then payment reference.
pub fn returned_checks(conn: &Connection) -> Result<Vec<ReturnedCheckLine>> {
    let mut stmt = conn.prepare(
        "SELECT p.payment_ref, a.account_no, p.amount_cents, r.returned_date, r.fee_cents, r.fee_waived,
                r.waived_by, r.waiver_reason, r.recorded_by
         FROM returned_checks r JOIN payments p ON p.id = r.payment_id JOIN accounts a ON a.id = p.account_id
         ORDER BY r.returned_date, p.payment_ref",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ReturnedCheckLine {
            payment_ref: r.get(0)?,
            account_no: r.get(1)?,
            check_amount: Money::from_cents(r.get(2)?),
            returned_date: date_at(r, 3)?,
            fee: Money::from_cents(r.get(4)?),
            fee_waived: r.get(5)?,
            waived_by: r.get(6)?,
            waiver_reason: r.get(7)?,
            recorded_by: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One entry of the audit log.
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

fn audit_line(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditLine> {
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
pub fn audit_trail(conn: &Connection, account_no: Option<&str>, since: Option<NaiveDate>) -> Result<Vec<AuditLine>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {AUDIT_COLUMNS} FROM audit_log
         WHERE (?1 IS NULL OR account_no = ?1) AND (?2 IS NULL OR at >= ?2) ORDER BY id"
    ))?;
    let rows = stmt.query_map(rusqlite::params![account_no, since.map(|d| d.to_string())], audit_line)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The newest `cap` entries of the audit log, newest first (by id: the order written).
pub fn newest_audit(conn: &Connection, cap: usize) -> Result<Vec<AuditLine>> {
    let mut stmt = conn.prepare(&format!("SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?1"))?;
    let rows = stmt.query_map([cap as i64], audit_line)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
