//! Reports: every account evaluated as of a day (aging, open charges), one account's
//! position, the returned-check fee log and the audit trail.

use crate::domain::{evaluate, AccountPosition, AgingRow, Bucket, ChargeStatus, Money};
use crate::error::Result;
use crate::store::{self, Account, LedgerData, Store};
use chrono::NaiveDate;

pub use crate::store::audit::{trail as audit_trail, AuditLine};
pub use crate::store::ledger::{returned_checks, ReturnedCheckLine};

/// An open charge of the invoices report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCharge {
    pub account_no: String,
    pub charge: ChargeStatus,
    pub days_past_due: i64,
    pub bucket: Bucket,
}

/// Evaluates every account as of `as_of` and maps each with `f`, in account id order
/// (on two threads: `for_all`).
pub fn evaluate_all<R: Send>(
    store: &Store,
    as_of: NaiveDate,
    f: impl Fn(&LedgerData, AccountPosition) -> R + Sync,
) -> Result<Vec<R>> {
    for_all(store, |data| Ok(f(data, evaluate(&data.ledger(), as_of)?)))
}

/// Maps every account's ledger with `f`, in account id order; the first error stops it.
///
/// The accounts are split in two halves by id; this thread reads and maps the first on
/// its connection while a second thread does the other on a second connection, so both
/// cores work. Each half reads in a read transaction; the two must see the same newest
/// audit entry (every change writes one), or the whole is read again on one connection.
pub fn for_all<R: Send>(store: &Store, f: impl Fn(&LedgerData) -> Result<R> + Sync) -> Result<Vec<R>> {
    if let Some(second) = store.reader() {
        let tx = store.read()?;
        let [first, rest] = store::accounts::split(&tx)?;
        let seen = store::audit::last_change(&tx)?;
        let f = &f;
        let (mine, theirs) = std::thread::scope(|scope| {
            let other = scope.spawn(move || -> Result<(i64, Vec<R>)> {
                let tx = second.read()?;
                Ok((store::audit::last_change(&tx)?, map_range(&tx, rest, f)?))
            });
            let mine = map_range(&tx, first, f);
            (mine, other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        });
        let (mut out, (seen_there, theirs)) = (mine?, theirs?);
        if seen_there == seen {
            out.extend(theirs);
            return Ok(out);
        }
    }
    let tx = store.read()?;
    map_range(&tx, i64::MIN..i64::MAX, &f)
}

fn map_range<R>(store: &Store, ids: std::ops::Range<i64>, f: &impl Fn(&LedgerData) -> Result<R>) -> Result<Vec<R>> {
    let mut out = Vec::new();
    store::ledger::for_each(store, ids, |data| {
        out.push(f(&data)?);
        Ok(())
    })?;
    Ok(out)
}

/// One account's ledger and its position as of a day.
pub fn account_position(store: &Store, account: &Account, as_of: NaiveDate) -> Result<(LedgerData, AccountPosition)> {
    let data = store::ledger::load(store, account.clone())?;
    let position = evaluate(&data.ledger(), as_of)?;
    Ok((data, position))
}

/// An account's payoff amount as of a day (RULES 10).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Payoff {
    pub account_no: String,
    pub as_of: NaiveDate,
    pub payoff: Money,
}

/// What a payment on `as_of` without `apply_to` must be to leave the account at 0.00.
pub fn payoff(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Payoff> {
    let account = super::account(store, account_no)?;
    let data = store::ledger::load(store, account)?;
    let payoff = crate::domain::corrections::payoff(&data.ledger(), as_of)?;
    Ok(Payoff { account_no: data.ledger().account_no.to_string(), as_of, payoff })
}

/// The account's balance as of a day: what the aging report's `total` shows.
pub fn balance(store: &Store, account: &Account, as_of: NaiveDate) -> Result<Money> {
    Ok(account_position(store, account, as_of)?.1.balance())
}

/// Every account's aging line, in account number order (zero lines included).
pub fn aging(store: &Store, as_of: NaiveDate) -> Result<Vec<AgingRow>> {
    let mut rows =
        evaluate_all(store, as_of, |data, position| AgingRow::of(data.ledger().account_no, &position, as_of))?;
    rows.sort_unstable_by(|a, b| a.account_no.cmp(&b.account_no));
    Ok(rows)
}

/// One account's aging line (the line the full report has for it).
pub fn aging_of(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<AgingRow> {
    let account = super::account(store, account_no)?;
    let (_, position) = account_position(store, &account, as_of)?;
    Ok(AgingRow::of(&account.account_no, &position, as_of))
}

/// Every charge with an outstanding amount, ordered by account number, due date, date,
/// document number.
pub fn open_charges(store: &Store, as_of: NaiveDate) -> Result<Vec<OpenCharge>> {
    let per_account = evaluate_all(store, as_of, |data, position| open_in(data.ledger().account_no, position, as_of))?;
    let mut rows: Vec<OpenCharge> = per_account.into_iter().flatten().collect();
    rows.sort_unstable_by(report_order);
    Ok(rows)
}

/// One account's open charges, ordered as in the full report.
pub fn open_charges_of(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Vec<OpenCharge>> {
    let account = super::account(store, account_no)?;
    let (_, position) = account_position(store, &account, as_of)?;
    let mut rows = open_in(&account.account_no, position, as_of);
    rows.sort_unstable_by(report_order);
    Ok(rows)
}

/// Account number, due date, date, document number.
fn report_order(a: &OpenCharge, b: &OpenCharge) -> std::cmp::Ordering {
    (&a.account_no, a.charge.due, a.charge.date, &a.charge.doc_no).cmp(&(
        &b.account_no,
        b.charge.due,
        b.charge.date,
        &b.charge.doc_no,
    ))
}

fn open_in(account_no: &str, position: AccountPosition, as_of: NaiveDate) -> Vec<OpenCharge> {
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
        .collect()
}
