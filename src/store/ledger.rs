//! The ledger tables: `charges`, `payments`, `returned_checks`; one account's ledger
//! loaded for `domain::evaluate`, or every account's streamed in account number order.
//!
//! A void charge or payment (RULES 10) stays in its table, marked, and is left out of
//! every ledger loaded here: it counts nowhere, at any as-of date, as if it had never
//! been recorded. The account view lists void documents on their own (`voided_*`).

mod reader;

pub use reader::{for_each, returns_as_of, LedgerReader, Returns};

use super::db::{params, OptionalExtension, Row};
use super::{date_at, parsed, settings, Account, Store, Tx};
use crate::domain::interest::annual_rate;
use crate::domain::{Charge, ChargeKind, Money, Payment, PaymentMethod, ReturnedCheck};
use crate::error::Result;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// One account's whole ledger, ready for `domain::evaluate`.
#[derive(Debug, Default)]
pub struct LedgerData {
    pub account: Option<Account>,
    pub annual_rate: Decimal,
    pub charges: Vec<Charge>,
    pub payments: Vec<Payment>,
    pub returns: Vec<ReturnedCheck>,
}

impl LedgerData {
    pub fn ledger(&self) -> crate::domain::AccountLedger<'_> {
        crate::domain::AccountLedger {
            account_no: self.account.as_ref().map_or("", |a| a.account_no.as_str()),
            annual_rate: self.annual_rate,
            charges: &self.charges,
            payments: &self.payments,
            returns: &self.returns,
        }
    }
}

/// A text column, into `reuse`'s buffer when there is one (a report reads millions).
fn text_into(row: &Row<'_>, i: usize, reuse: Option<String>) -> super::db::Result<String> {
    text_value_into(row.get_ref(i)?, reuse)
}

fn text_value_into(value: super::db::ValueRef<'_>, reuse: Option<String>) -> super::db::Result<String> {
    let text = value.as_str()?;
    Ok(match reuse {
        Some(mut s) => {
            s.clear();
            s.push_str(text);
            s
        }
        None => text.to_string(),
    })
}

/// A column holding one of `values` as `name` spells it, found by its bytes (a report
/// reads millions); anything else is read by `parsed`, which says what is wrong with it.
fn spelled<T: Copy + std::str::FromStr>(
    row: &Row<'_>,
    i: usize,
    what: &str,
    values: &[T],
    name: fn(T) -> &'static str,
) -> super::db::Result<T> {
    let bytes = row.get_ref(i)?.as_bytes().ok();
    match bytes.and_then(|b| values.iter().find(|v| name(**v).as_bytes() == b)) {
        Some(v) => Ok(*v),
        None => parsed(row, i, what),
    }
}

fn charge_from_row(row: &Row<'_>, at: usize) -> super::db::Result<Charge> {
    charge_into(row, at, None)
}

/// A charge read from `row`, into the buffers of `reuse`.
fn charge_into(row: &Row<'_>, at: usize, reuse: Option<Charge>) -> super::db::Result<Charge> {
    Ok(Charge {
        doc_no: text_into(row, at, reuse.map(|c| c.doc_no))?,
        kind: spelled(row, at + 1, "kind", &ChargeKind::IMPORTED, ChargeKind::as_str)?,
        date: date_at(row, at + 2)?,
        due: date_at(row, at + 3)?,
        amount: row.get(at + 4)?,
    })
}

fn payment_from_row(row: &Row<'_>, at: usize) -> super::db::Result<Payment> {
    payment_into(row, at, None)
}

/// A payment read from `row`, into the buffers of `reuse`.
fn payment_into(row: &Row<'_>, at: usize, reuse: Option<Payment>) -> super::db::Result<Payment> {
    let (reference, apply_to) = reuse.map_or((None, None), |p| (Some(p.reference), p.apply_to));
    Ok(Payment {
        reference: text_into(row, at, reference)?,
        date: date_at(row, at + 1)?,
        method: spelled(row, at + 2, "method", &PaymentMethod::ALL, PaymentMethod::as_str)?,
        amount: row.get(at + 3)?,
        apply_to: match row.get_ref(at + 4)? {
            super::db::ValueRef::Null => None,
            value => Some(text_value_into(value, apply_to)?),
        },
    })
}

fn return_from_row(row: &Row<'_>, at: usize) -> super::db::Result<ReturnedCheck> {
    Ok(ReturnedCheck {
        payment_ref: row.get(at)?,
        returned_date: date_at(row, at + 1)?,
        fee: row.get(at + 2)?,
        fee_waived: row.get(at + 3)?,
    })
}

const CHARGE_COLUMNS: &str = "doc_no, kind, date, due_date, amount_cents";
const CHARGE_COLUMNS_OF_C: &str = "c.doc_no, c.kind, c.date, c.due_date, c.amount_cents";
const PAYMENT_COLUMNS: &str = "payment_ref, date, method, amount_cents, apply_to";
const PAYMENT_COLUMNS_OF_P: &str = "p.payment_ref, p.date, p.method, p.amount_cents, p.apply_to";
const RETURN_COLUMNS: &str = "p.payment_ref, r.returned_date, r.fee_cents, r.fee_waived";

fn rate_for(account: &Account, caps: &HashMap<String, Decimal>) -> Decimal {
    annual_rate(account.rate_cap_pct, account.state.as_ref().and_then(|s| caps.get(s)).copied())
}

/// One account's ledger.
pub fn load(store: &Store, account: Account) -> Result<LedgerData> {
    let conn = &store.conn;
    let caps = settings::state_caps(store)?;
    let id = account.id;
    let mut data = LedgerData { annual_rate: rate_for(&account, &caps), account: Some(account), ..Default::default() };
    let mut stmt = conn
        .prepare_cached(&format!("SELECT {CHARGE_COLUMNS} FROM charges WHERE account_id = ?1 AND voided_on IS NULL"))?;
    data.charges = stmt.query_all([id], |r| charge_from_row(r, 0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PAYMENT_COLUMNS} FROM payments WHERE account_id = ?1 AND voided_on IS NULL"
    ))?;
    data.payments = stmt.query_all([id], |r| payment_from_row(r, 0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RETURN_COLUMNS} FROM returned_checks r JOIN payments p ON p.id = r.payment_id
         WHERE p.account_id = ?1 AND p.voided_on IS NULL"
    ))?;
    data.returns = stmt.query_all([id], |r| return_from_row(r, 0))?;
    Ok(data)
}

// Charges.

pub fn doc_exists(store: &Store, doc_no: &str) -> Result<bool> {
    Ok(store.conn.prepare_cached("SELECT 1 FROM charges WHERE doc_no = ?1")?.exists([doc_no])?)
}

/// Whether `doc_no` is a recorded charge of the account, not void.
pub fn is_charge_of(store: &Store, account_id: i64, doc_no: &str) -> Result<bool> {
    Ok(store
        .conn
        .prepare_cached("SELECT 1 FROM charges WHERE doc_no = ?1 AND account_id = ?2 AND voided_on IS NULL")?
        .exists(params![doc_no, account_id])?)
}

/// A recorded charge's row id.
pub fn charge_id(store: &Store, doc_no: &str) -> Result<Option<i64>> {
    Ok(store
        .conn
        .prepare_cached("SELECT id FROM charges WHERE doc_no = ?1")?
        .query_row([doc_no], |r| r.get(0))
        .optional()?)
}

/// Who voided a document, on which day, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct VoidMark {
    pub on: NaiveDate,
    pub by: String,
    pub reason: String,
}

fn void_mark(row: &Row<'_>, at: usize) -> super::db::Result<Option<VoidMark>> {
    Ok(match super::opt_date(row, at)? {
        Some(on) => Some(VoidMark { on, by: row.get(at + 1)?, reason: row.get(at + 2)? }),
        None => None,
    })
}

/// A charge as found by its document number, with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCharge {
    pub account_no: String,
    /// As stored (`INVOICE`, `REPAIR`, ...).
    pub kind: String,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
    pub memo: Option<String>,
    pub void: Option<VoidMark>,
}

pub fn charge_by_doc(store: &Store, doc_no: &str) -> Result<Option<FoundCharge>> {
    Ok(store
        .conn
        .query_row(
            "SELECT a.account_no, c.kind, c.date, c.due_date, c.amount_cents, c.memo, c.voided_on, c.voided_by,
                    c.void_reason
             FROM charges c JOIN accounts a ON a.id = c.account_id WHERE c.doc_no = ?1",
            [doc_no],
            |r| {
                Ok(FoundCharge {
                    account_no: r.get(0)?,
                    kind: r.get(1)?,
                    date: date_at(r, 2)?,
                    due: date_at(r, 3)?,
                    amount: r.get(4)?,
                    memo: r.get(5)?,
                    void: void_mark(r, 6)?,
                })
            },
        )
        .optional()?)
}

/// Marks a charge void: it stays, and counts nowhere from now on.
pub fn void_charge(tx: &Tx<'_>, doc_no: &str, mark: &VoidMark) -> Result<()> {
    tx.conn.execute(
        "UPDATE charges SET voided_on = ?2, voided_by = ?3, void_reason = ?4 WHERE doc_no = ?1 AND voided_on IS NULL",
        params![doc_no, mark.on.to_string(), mark.by, mark.reason],
    )?;
    Ok(())
}

/// The account's void rows of `table` (five `columns` read by `map`), by date then `key`.
fn voided<T>(
    store: &Store,
    account_id: i64,
    (table, columns, key): (&str, &str, &str),
    map: fn(&Row<'_>, usize) -> super::db::Result<T>,
) -> Result<Vec<(T, VoidMark)>> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "SELECT {columns}, voided_on, voided_by, void_reason FROM {table}
         WHERE account_id = ?1 AND voided_on IS NOT NULL ORDER BY date, {key}"
    ))?;
    Ok(stmt.query_all([account_id], |r| {
        let mark = void_mark(r, 5)?.ok_or_else(|| super::corrupt("void mark", ""))?;
        Ok((map(r, 0)?, mark))
    })?)
}

/// The account's void charges, by date then document number.
pub fn voided_charges(store: &Store, account_id: i64) -> Result<Vec<(Charge, VoidMark)>> {
    voided(store, account_id, ("charges", CHARGE_COLUMNS, "doc_no"), charge_from_row)
}

/// A charge whose fields have been checked, its due date set.
#[derive(Debug, Clone, Copy)]
pub struct NewCharge<'a> {
    pub doc_no: &'a str,
    pub account_id: i64,
    pub kind: ChargeKind,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
    pub memo: Option<&'a str>,
}

pub fn insert_charge(tx: &Tx<'_>, c: &NewCharge<'_>) -> Result<()> {
    tx.conn
        .prepare_cached(
            "INSERT INTO charges (doc_no, account_id, kind, date, due_date, amount_cents, memo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            c.doc_no,
            c.account_id,
            c.kind.as_str(),
            c.date.to_string(),
            c.due.to_string(),
            c.amount.cents(),
            c.memo
        ])?;
    Ok(())
}

// Payments.

pub fn payment_exists(store: &Store, reference: &str) -> Result<bool> {
    Ok(store.conn.prepare_cached("SELECT 1 FROM payments WHERE payment_ref = ?1")?.exists([reference])?)
}

/// Whether `reference` is a payment of the account, not void.
pub fn is_payment_of(store: &Store, account_id: i64, reference: &str) -> Result<bool> {
    Ok(store
        .conn
        .prepare_cached("SELECT 1 FROM payments WHERE payment_ref = ?1 AND account_id = ?2 AND voided_on IS NULL")?
        .exists(params![reference, account_id])?)
}

/// A payment as found by its reference, with its account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPayment {
    pub id: i64,
    pub account_no: String,
    /// As stored (`CHECK`, `WIRE`, ...).
    pub method: String,
    /// As stored (ISO).
    pub date: String,
    pub amount: Money,
    pub apply_to: Option<String>,
    pub void: Option<VoidMark>,
}

pub fn payment_by_ref(store: &Store, reference: &str) -> Result<Option<FoundPayment>> {
    Ok(store
        .conn
        .prepare_cached(
            "SELECT p.id, a.account_no, p.method, p.date, p.amount_cents, p.apply_to, p.voided_on, p.voided_by,
                    p.void_reason
             FROM payments p JOIN accounts a ON a.id = p.account_id WHERE p.payment_ref = ?1",
        )?
        .query_row([reference], |r| {
            Ok(FoundPayment {
                id: r.get(0)?,
                account_no: r.get(1)?,
                method: r.get(2)?,
                date: r.get(3)?,
                amount: r.get(4)?,
                apply_to: r.get(5)?,
                void: void_mark(r, 6)?,
            })
        })
        .optional()?)
}

/// Marks a payment void: it stays, and counts nowhere from now on (the database
/// refuses it for a returned check).
pub fn void_payment(tx: &Tx<'_>, payment_id: i64, mark: &VoidMark) -> Result<()> {
    tx.conn.execute(
        "UPDATE payments SET voided_on = ?2, voided_by = ?3, void_reason = ?4 WHERE id = ?1 AND voided_on IS NULL",
        params![payment_id, mark.on.to_string(), mark.by, mark.reason],
    )?;
    Ok(())
}

/// The account's void payments, by date then reference.
pub fn voided_payments(store: &Store, account_id: i64) -> Result<Vec<(Payment, VoidMark)>> {
    voided(store, account_id, ("payments", PAYMENT_COLUMNS, "payment_ref"), payment_from_row)
}

/// A payment whose fields have been checked.
#[derive(Debug, Clone, Copy)]
pub struct NewPayment<'a> {
    pub reference: &'a str,
    pub account_id: i64,
    pub date: NaiveDate,
    pub method: PaymentMethod,
    pub amount: Money,
    pub apply_to: Option<&'a str>,
}

pub fn insert_payment(tx: &Tx<'_>, p: &NewPayment<'_>) -> Result<()> {
    tx.conn
        .prepare_cached(
            "INSERT INTO payments (payment_ref, account_id, date, method, amount_cents, apply_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            p.reference,
            p.account_id,
            p.date.to_string(),
            p.method.as_str(),
            p.amount.cents(),
            p.apply_to
        ])?;
    Ok(())
}

// Returned checks.

/// The day a payment was recorded as returned, if it was.
pub fn returned_on(store: &Store, payment_id: i64) -> Result<Option<String>> {
    Ok(store
        .conn
        .prepare_cached("SELECT returned_date FROM returned_checks WHERE payment_id = ?1")?
        .query_row([payment_id], |r| r.get(0))
        .optional()?)
}

/// A returned check's fee as recorded: when it was returned, and whether the fee was
/// waived (when, by whom, why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedFee {
    pub returned_date: NaiveDate,
    pub fee: Money,
    pub fee_waived: bool,
    pub waived_by: Option<String>,
}

pub fn returned_fee(store: &Store, payment_id: i64) -> Result<Option<ReturnedFee>> {
    Ok(store
        .conn
        .prepare_cached(
            "SELECT returned_date, fee_cents, fee_waived, waived_by FROM returned_checks WHERE payment_id = ?1",
        )?
        .query_row([payment_id], |r| {
            Ok(ReturnedFee {
                returned_date: date_at(r, 0)?,
                fee: r.get(1)?,
                fee_waived: r.get(2)?,
                waived_by: r.get(3)?,
            })
        })
        .optional()?)
}

/// Waives a returned-check fee already posted: from now on it counts nowhere.
pub fn waive_posted_fee(tx: &Tx<'_>, payment_id: i64, mark: &VoidMark) -> Result<()> {
    tx.conn.execute(
        "UPDATE returned_checks SET fee_waived = 1, waived_by = ?2, waiver_reason = ?3, waived_on = ?4
         WHERE payment_id = ?1 AND fee_waived = 0",
        params![payment_id, mark.by, mark.reason, mark.on.to_string()],
    )?;
    Ok(())
}

/// A returned check whose fields have been checked.
#[derive(Debug, Clone, Copy)]
pub struct NewReturnedCheck<'a> {
    pub payment_id: i64,
    pub returned_date: NaiveDate,
    pub fee: Money,
    pub fee_waived: bool,
    pub waived_by: Option<&'a str>,
    pub waiver_reason: Option<&'a str>,
    pub recorded_by: &'a str,
}

pub fn insert_returned_check(tx: &Tx<'_>, r: &NewReturnedCheck<'_>) -> Result<()> {
    tx.conn
        .prepare_cached(
            "INSERT INTO returned_checks (payment_id, returned_date, fee_cents, fee_waived, waived_by, waiver_reason, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            r.payment_id,
            r.returned_date.to_string(),
            r.fee.cents(),
            r.fee_waived,
            r.waived_by,
            r.waiver_reason,
            r.recorded_by
        ])?;
    Ok(())
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

/// Every check returned on or before `as_of`, by returned date then payment reference.
pub fn returned_checks(store: &Store, as_of: NaiveDate) -> Result<Vec<ReturnedCheckLine>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT p.payment_ref, a.account_no, p.amount_cents, r.returned_date, r.fee_cents, r.fee_waived,
                r.waived_by, r.waiver_reason, r.recorded_by
         FROM returned_checks r JOIN payments p ON p.id = r.payment_id JOIN accounts a ON a.id = p.account_id
         WHERE r.returned_date <= ?1
         ORDER BY r.returned_date, p.payment_ref",
    )?;
    Ok(stmt.query_all([as_of.to_string()], |r| {
        Ok(ReturnedCheckLine {
            payment_ref: r.get(0)?,
            account_no: r.get(1)?,
            check_amount: r.get(2)?,
            returned_date: date_at(r, 3)?,
            fee: r.get(4)?,
            fee_waived: r.get(5)?,
            waived_by: r.get(6)?,
            waiver_reason: r.get(7)?,
            recorded_by: r.get(8)?,
        })
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `spelled` over a one-column row holding `value`.
    fn read<T: Copy + std::str::FromStr>(
        value: &str,
        values: &[T],
        name: fn(T) -> &'static str,
    ) -> super::super::db::Result<T> {
        let store = Store::open_in_memory().expect("in memory");
        store.conn.query_row("SELECT ?1", [value], |row| spelled(row, 0, "kind", values, name))
    }

    #[test]
    fn kinds_and_methods_read_by_their_bytes_are_what_parsing_gives() {
        for kind in ChargeKind::IMPORTED {
            assert_eq!(read(kind.as_str(), &ChargeKind::IMPORTED, ChargeKind::as_str).ok(), Some(kind));
        }
        for method in PaymentMethod::ALL {
            assert_eq!(read(method.as_str(), &PaymentMethod::ALL, PaymentMethod::as_str).ok(), Some(method));
        }
        // Anything else is refused as parsing refuses it, naming the column.
        for bad in ["invoice", "INVOICE ", "", "INTEREST_X"] {
            let e = read(bad, &ChargeKind::IMPORTED, ChargeKind::as_str).expect_err(bad);
            assert!(e.to_string().contains("kind"), "{bad}: {e}");
        }
        // A spelling outside the list given, though a kind, is left to parsing.
        assert_eq!(read("INTEREST", &ChargeKind::IMPORTED, ChargeKind::as_str).ok(), Some(ChargeKind::Interest));
    }
}
