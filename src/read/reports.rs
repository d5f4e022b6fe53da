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

/// Ledgers handed from the reading thread to the evaluating one at a time.
const BATCH: usize = 256;
/// Batches in flight between the two: memory holds at most this many plus two.
const IN_FLIGHT: usize = 4;

/// Evaluates every account as of `as_of`, in account number order, maps each with `f`
/// and hands the result to `sink` as it comes, so memory stays flat whatever the size
/// of the book. Returns the newest audit entry the read saw (every change writes one:
/// the figures are current up to it).
///
/// Two cores work as a pipeline: a second connection reads the ledgers (SQLite and
/// the rows turned into values) on its own thread, in one read transaction, while
/// this thread evaluates and sinks; a bounded channel between them keeps the order.
pub fn evaluate_each<R>(
    store: &Store,
    as_of: NaiveDate,
    mut f: impl FnMut(&LedgerData, AccountPosition) -> R,
    mut sink: impl FnMut(R) -> Result<()>,
) -> Result<i64> {
    let mut one = |data: LedgerData| {
        let position = evaluate(&data.ledger(), as_of);
        sink(f(&data, position))
    };
    let Some(second) = store.reader() else {
        let tx = store.read()?;
        let seen = store::audit::last_change(&tx)?;
        store::ledger::for_each(&tx, as_of, one)?;
        return Ok(seen);
    };
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<LedgerData>>(IN_FLIGHT);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || -> Result<i64> {
            let tx = second.read()?;
            let seen = store::audit::last_change(&tx)?;
            let mut batch = Vec::with_capacity(BATCH);
            store::ledger::for_each(&tx, as_of, |data| {
                batch.push(data);
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    // The evaluating side has stopped (its error is the one reported).
                    send.send(full).map_err(|_| crate::Error::Refused("stopped".into()))?;
                }
                Ok(())
            })?;
            if !batch.is_empty() {
                let _ = send.send(batch);
            }
            Ok(seen)
        });
        let evaluated = receive.iter().flatten().try_for_each(&mut one);
        // Dropping the receiver stops the reader at its next hand-over.
        drop(receive);
        let seen = reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        evaluated.and(seen)
    })
}

/// Every account evaluated as of `as_of` and mapped with `f`, in account number order.
pub fn evaluate_all<R>(
    store: &Store,
    as_of: NaiveDate,
    f: impl FnMut(&LedgerData, AccountPosition) -> R,
) -> Result<Vec<R>> {
    let mut out = Vec::new();
    evaluate_each(store, as_of, f, |r| {
        out.push(r);
        Ok(())
    })?;
    Ok(out)
}

/// One account's ledger and its position as of a day.
pub fn account_position(store: &Store, account: &Account, as_of: NaiveDate) -> Result<(LedgerData, AccountPosition)> {
    let data = store::ledger::load(store, account.clone())?;
    let position = evaluate(&data.ledger(), as_of);
    Ok((data, position))
}

/// The account's balance as of a day: what the aging report's `total` shows.
pub fn balance(store: &Store, account: &Account, as_of: NaiveDate) -> Result<Money> {
    Ok(account_position(store, account, as_of)?.1.balance())
}

/// Every account's aging line, in account number order (zero lines included).
pub fn aging(store: &Store, as_of: NaiveDate) -> Result<Vec<AgingRow>> {
    evaluate_all(store, as_of, |data, position| AgingRow::of(data.ledger().account_no, &position, as_of))
}

/// Every account's aging line handed to `sink` as it is computed, in account number order.
pub fn aging_each(store: &Store, as_of: NaiveDate, sink: impl FnMut(AgingRow) -> Result<()>) -> Result<()> {
    evaluate_each(store, as_of, |data, position| AgingRow::of(data.ledger().account_no, &position, as_of), sink)?;
    Ok(())
}

/// An account's charges with an outstanding amount, by due date, date, document number.
pub fn open_charges_of(account_no: &str, position: AccountPosition, as_of: NaiveDate) -> Vec<OpenCharge> {
    let mut open: Vec<OpenCharge> = position
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
        .collect();
    open.sort_unstable_by(|a, b| {
        (a.charge.due, a.charge.date, &a.charge.doc_no).cmp(&(b.charge.due, b.charge.date, &b.charge.doc_no))
    });
    open
}

/// Every charge with an outstanding amount handed to `sink` as it is computed, ordered
/// by account number, due date, date, document number.
pub fn open_charges_each(
    store: &Store,
    as_of: NaiveDate,
    mut sink: impl FnMut(OpenCharge) -> Result<()>,
) -> Result<()> {
    evaluate_each(
        store,
        as_of,
        |data, position| open_charges_of(data.ledger().account_no, position, as_of),
        |charges| charges.into_iter().try_for_each(&mut sink),
    )?;
    Ok(())
}

/// Every charge with an outstanding amount, ordered by account number, due date, date,
/// document number.
pub fn open_charges(store: &Store, as_of: NaiveDate) -> Result<Vec<OpenCharge>> {
    let mut rows = Vec::new();
    open_charges_each(store, as_of, |c| {
        rows.push(c);
        Ok(())
    })?;
    Ok(rows)
}
