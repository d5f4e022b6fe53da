//! Every account's ledger streamed as of a day, in account number order, one account at
//! a time: memory holds one account, not the database.

use super::{charge_into, payment_into, rate_for, return_from_row, LedgerData};
use super::{CHARGE_COLUMNS_OF_C, PAYMENT_COLUMNS_OF_P, RETURN_COLUMNS};
use crate::domain::{Charge, Payment, ReturnedCheck};
use crate::error::Result;
use crate::store::accounts::{account_from_row, ACCOUNT_COLUMNS_OF_A};
use crate::store::db::{self, params, Row, ToParam};
use crate::store::{settings, Store};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

/// Reads the ledgers of the book as of a day, in account number order, one range of
/// account numbers at a time, one account at a time: cursors walk the accounts, their
/// charges and their payments side by side (each joined to its account and ordered by
/// account number, so no sort is needed), and rows dated after the day are never read.
/// Returned checks, a small fraction of the payments, are read once into a map. Void
/// documents are left out.
pub struct LedgerReader<'s> {
    store: &'s Store,
    day: String,
    caps: HashMap<String, Decimal>,
    returns: Arc<Returns>,
    /// Rows read before, kept for their buffers.
    spare_charges: Vec<Charge>,
    spare_payments: Vec<Payment>,
}

/// The checks returned on or before a day, by the id of their account: a small part of
/// the payments (one map serves every reader of the same state of the file).
pub type Returns = HashMap<i64, Vec<ReturnedCheck>>;

/// The checks returned on or before `as_of`, by account id.
pub fn returns_as_of(store: &Store, as_of: NaiveDate) -> Result<Returns> {
    let mut returns = Returns::new();
    let mut stmt = store.conn.prepare(&format!(
        "SELECT p.account_id, {RETURN_COLUMNS} FROM returned_checks r JOIN payments p ON p.id = r.payment_id
         WHERE r.returned_date <= ?1 AND p.voided_on IS NULL"
    ))?;
    let mut rows = stmt.query([as_of.to_string()])?;
    while let Some(ref row) = rows.next()? {
        returns.entry(row.get(0)?).or_default().push(return_from_row(row, 1)?);
    }
    Ok(returns)
}

impl<'s> LedgerReader<'s> {
    /// A reader of `store` as of `as_of`; `returns` are the day's returned checks as
    /// `returns_as_of` reads them from the same state of the file.
    pub fn new(store: &'s Store, as_of: NaiveDate, returns: Arc<Returns>) -> Result<LedgerReader<'s>> {
        Ok(LedgerReader {
            store,
            caps: settings::state_caps(store)?,
            day: as_of.to_string(),
            returns,
            spare_charges: Vec::new(),
            spare_payments: Vec::new(),
        })
    }

    /// Hands `visit` the ledger of every account numbered from `from` (inclusive) up to
    /// `to` (exclusive; None: to the end), in account number order. The ledger is lent:
    /// its rows' buffers serve the next account.
    pub fn read(
        &mut self,
        from: &str,
        to: Option<&str>,
        mut visit: impl FnMut(&LedgerData) -> Result<()>,
    ) -> Result<()> {
        if !self.store.is_postgres() {
            return self.read_slice(from, to, &mut visit);
        }
        // PostgreSQL hands over a query's rows all at once: a slice of accounts at a
        // time keeps memory to one slice of the book.
        let starts = slice_starts(self.store, from, to)?;
        for (i, start) in starts.iter().enumerate() {
            self.read_slice(start, starts.get(i + 1).map(String::as_str).or(to), &mut visit)?;
        }
        Ok(())
    }

    fn read_slice(
        &mut self,
        from: &str,
        to: Option<&str>,
        visit: &mut impl FnMut(&LedgerData) -> Result<()>,
    ) -> Result<()> {
        let conn = &self.store.conn;
        let upto = if to.is_some() { "AND a.account_no < ?3" } else { "" };
        // (`?1 = ?1`: every statement takes the same parameters.)
        let mut accounts = conn.prepare_cached(&format!(
            "SELECT {ACCOUNT_COLUMNS_OF_A} FROM accounts a WHERE ?1 = ?1 AND a.account_no >= ?2 {upto}
             ORDER BY a.account_no"
        ))?;
        // CROSS JOIN keeps the accounts the outer loop: rows come in account number order.
        let mut charges = conn.prepare_cached(&format!(
            "SELECT c.account_id, {CHARGE_COLUMNS_OF_C} FROM accounts a CROSS JOIN charges c ON c.account_id = a.id
             WHERE c.date <= ?1 AND c.voided_on IS NULL AND a.account_no >= ?2 {upto} ORDER BY a.account_no"
        ))?;
        let mut payments = conn.prepare_cached(&format!(
            "SELECT p.account_id, {PAYMENT_COLUMNS_OF_P} FROM accounts a CROSS JOIN payments p ON p.account_id = a.id
             WHERE p.date <= ?1 AND p.voided_on IS NULL AND a.account_no >= ?2 {upto} ORDER BY a.account_no"
        ))?;
        let mut bounds = vec![self.day.to_param(), from.to_param()];
        bounds.extend(to.map(ToParam::to_param));
        let mut accounts = accounts.query(bounds.clone())?;
        let mut charges = Cursor::new(charges.query(bounds.clone())?, charge_into, &mut self.spare_charges)?;
        let mut payments = Cursor::new(payments.query(bounds)?, payment_into, &mut self.spare_payments)?;
        let mut data = LedgerData::default();
        while let Some(ref row) = accounts.next()? {
            let account = account_from_row(row)?;
            let id = account.id;
            data.annual_rate = rate_for(&account, &self.caps);
            data.account = Some(account);
            data.returns.clear();
            if let Some(returned) = self.returns.get(&id) {
                data.returns.extend_from_slice(returned);
            }
            charges.take(id, &mut data.charges, &mut self.spare_charges)?;
            payments.take(id, &mut data.payments, &mut self.spare_payments)?;
            visit(&data)?;
            self.spare_charges.append(&mut data.charges);
            self.spare_payments.append(&mut data.payments);
        }
        Ok(())
    }
}

/// Accounts in one slice of a read from PostgreSQL.
const SLICE: usize = 2_000;

/// The account numbers that start each slice of `SLICE` accounts numbered from `from`
/// up to `to` (exclusive).
fn slice_starts(store: &Store, from: &str, to: Option<&str>) -> Result<Vec<String>> {
    let mut stmt = store.conn.prepare(
        "SELECT account_no FROM accounts WHERE account_no >= ?1 AND (?2 IS NULL OR account_no < ?2)
         ORDER BY account_no",
    )?;
    let numbers = stmt.query_map(params![from, to], |r| r.get::<_, String>(0))?;
    numbers.step_by(SLICE).map(|n| Ok(n?)).collect()
}

/// Streams every account's ledger as of `as_of`, in account number order, one account
/// at a time (`LedgerReader`): memory holds one account, not the database.
pub fn for_each(store: &Store, as_of: NaiveDate, visit: impl FnMut(&LedgerData) -> Result<()>) -> Result<()> {
    LedgerReader::new(store, as_of, Arc::new(returns_as_of(store, as_of)?))?.read("", None, visit)
}

/// How a cursor reads a row into a value, reusing the buffers of a spare one.
type Fill<T> = fn(&Row<'_>, usize, Option<T>) -> db::Result<T>;

/// A cursor over rows in account order (the account's id in column 0), handing out one
/// account's rows.
struct Cursor<'s, T> {
    rows: db::Rows<'s>,
    fill: Fill<T>,
    pending: Option<(i64, T)>,
}

impl<'s, T> Cursor<'s, T> {
    fn new(rows: db::Rows<'s>, fill: Fill<T>, spare: &mut Vec<T>) -> Result<Cursor<'s, T>> {
        let mut c = Cursor { rows, fill, pending: None };
        c.advance(spare)?;
        Ok(c)
    }

    fn advance(&mut self, spare: &mut Vec<T>) -> Result<()> {
        self.pending = match self.rows.next()? {
            Some(r) => Some((r.get(0)?, (self.fill)(&r, 1, spare.pop())?)),
            None => None,
        };
        Ok(())
    }

    /// Moves account `id`'s rows into `out`: the rows of one account come together, in
    /// the same order as the accounts.
    fn take(&mut self, id: i64, out: &mut Vec<T>, spare: &mut Vec<T>) -> Result<()> {
        while self.pending.as_ref().is_some_and(|(at, _)| *at == id) {
            if let Some((_, item)) = self.pending.take() {
                out.push(item);
            }
            self.advance(spare)?;
        }
        Ok(())
    }
}
