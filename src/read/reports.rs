//! Reports: every account evaluated as of a day (aging, open charges), one account's
//! position, the returned-check fee log and the audit trail.

use crate::domain::{evaluate, AccountPosition, AgingRow, Bucket, ChargeStatus, Money};
use crate::error::Result;
use crate::store::{self, Account, LedgerData, Store};
use chrono::NaiveDate;
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::Arc;

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

/// Accounts in a run: the book is read and evaluated a run at a time.
const RUN: usize = 2048;
/// Runs evaluated ahead of the one being handed over, per thread: memory holds at most
/// this many runs' results, whatever the size of the book.
const AHEAD: usize = 2;

/// How many threads read and evaluate the book.
///
/// A printed report (aging, invoices) takes one: it is a batch, its cost is counted in
/// CPU seconds, and on this kind of machine two threads at once cost 8–20% more CPU
/// seconds than the same work on one (BENCHMARKS.md). What a clerk waits for at the
/// console (its start, a new as-of date, Today, the collections list) takes two, for
/// the wall time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    One,
    Two,
}

/// Evaluates every account as of `as_of`, in account number order, maps each with `f`
/// and hands the result to `sink` as it comes, so memory stays flat whatever the size
/// of the book: a printed report's read, on one thread. Returns the newest audit entry
/// the read saw (every change writes one: the figures are current up to it).
pub fn evaluate_each<R: Send>(
    store: &Store,
    as_of: NaiveDate,
    f: impl Fn(&LedgerData, AccountPosition) -> R + Sync,
    sink: impl FnMut(R) -> Result<()>,
) -> Result<i64> {
    // A figure too large to be held stops the whole, naming the account.
    map_each(store, as_of, Threads::One, |data| Ok(f(data, evaluate(&data.ledger(), as_of)?)), sink)
}

/// Maps every account's ledger as of `as_of` (rows dated after it are not read) with
/// `evaluated`, in account number order, handing each result to `sink` as it comes;
/// the first error stops it. Returns the newest audit entry the read saw.
///
/// On two threads, the book is cut into runs of accounts by account number, and two
/// threads, each on its own connection, read and evaluate every other run while this
/// one hands the results over in order. Each reads in a read transaction; the two must
/// see the same newest audit entry, or the whole is read on one thread.
pub fn map_each<R: Send>(
    store: &Store,
    as_of: NaiveDate,
    threads: Threads,
    evaluated: impl Fn(&LedgerData) -> Result<R> + Sync,
    mut sink: impl FnMut(R) -> Result<()>,
) -> Result<i64> {
    if let (Threads::Two, Some(first), Some(second)) = (threads, store.reader(), store.reader()) {
        let bounds = store::accounts::bounds(store, RUN)?;
        let runs = bounds.len() + 1;
        let run = |i: usize| -> (&str, Option<&str>) {
            (if i == 0 { "" } else { bounds[i - 1].as_str() }, bounds.get(i).map(String::as_str))
        };
        // A thread: opens its read transaction, says what it sees, and works on its
        // runs only when told both see the same. The first reads the returned checks
        // and hands them to the second (the same state of the file: one map for both).
        type Returns = Arc<store::ledger::Returns>;
        let work = |conn: Store,
                    parity: usize,
                    seen: Sender<Result<i64>>,
                    go: Receiver<bool>,
                    returns: Result<Sender<Returns>, Receiver<Returns>>,
                    out: SyncSender<Vec<R>>| {
            let tx = match conn.read() {
                Ok(tx) => tx,
                Err(e) => return seen.send(Err(e)).map_err(|_| stopped()),
            };
            seen.send(store::audit::last_change(&tx)).map_err(|_| stopped())?;
            if go.recv() != Ok(true) {
                return Ok(());
            }
            let returns = match returns {
                Ok(share) => {
                    let read = Arc::new(store::ledger::returns_as_of(&tx, as_of)?);
                    share.send(read.clone()).map_err(|_| stopped())?;
                    read
                }
                Err(shared) => shared.recv().map_err(|_| stopped())?,
            };
            let mut reader = store::ledger::LedgerReader::new(&tx, as_of, returns)?;
            for i in (parity..runs).step_by(2) {
                let (from, to) = run(i);
                let mut rows = Vec::with_capacity(RUN);
                reader.read(from, to, |data| {
                    rows.push(evaluated(data)?);
                    Ok(())
                })?;
                out.send(rows).map_err(|_| stopped())?;
            }
            Ok(())
        };
        let both = std::thread::scope(|scope| -> Result<Option<i64>> {
            let (seen_one, saw_one) = channel();
            let (seen_two, saw_two) = channel();
            let (go_one, wait_one) = channel();
            let (go_two, wait_two) = channel();
            let (send_one, from_one) = sync_channel(AHEAD);
            let (send_two, from_two) = sync_channel(AHEAD);
            let (share, shared) = channel();
            let threads = [
                scope.spawn(|| work(first, 0, seen_one, wait_one, Ok(share), send_one)),
                scope.spawn(|| work(second, 1, seen_two, wait_two, Err(shared), send_two)),
            ];
            let seen = match (saw_one.recv(), saw_two.recv()) {
                (Ok(Ok(a)), Ok(Ok(b))) if a == b => Some(a),
                _ => None,
            };
            let _ = (go_one.send(seen.is_some()), go_two.send(seen.is_some()));
            let handed = match seen {
                Some(_) => (0..runs).try_for_each(|i| {
                    let from = if i % 2 == 0 { &from_one } else { &from_two };
                    // A thread that failed closes its channel; its error is reported below.
                    from.recv().map_or(Ok(()), |rows| rows.into_iter().try_for_each(&mut sink))
                }),
                None => Ok(()),
            };
            // Dropping the receivers stops the threads at their next hand-over.
            drop((from_one, from_two));
            let read = threads.into_iter().try_for_each(|t| t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            handed.and(read).map(|()| seen)
        })?;
        if let Some(seen) = both {
            return Ok(seen);
        }
    }
    let tx = store.read()?;
    let seen = store::audit::last_change(&tx)?;
    store::ledger::for_each(&tx, as_of, |data| sink(evaluated(data)?))?;
    Ok(seen)
}

/// What a thread says when the side that receives its work has stopped (that side's
/// error is the one reported).
fn stopped() -> crate::Error {
    crate::Error::Refused("stopped".into())
}

/// Every account evaluated as of `as_of` and mapped with `f`, in account number order.
pub fn evaluate_all<R: Send>(
    store: &Store,
    as_of: NaiveDate,
    f: impl Fn(&LedgerData, AccountPosition) -> R + Sync,
) -> Result<Vec<R>> {
    for_all(store, as_of, |data| Ok(f(data, evaluate(&data.ledger(), as_of)?)))
}

/// Every account's ledger as of `as_of` mapped with `f`, in account number order; the
/// first error stops it (`map_each` on two threads, collected).
pub fn for_all<R: Send>(
    store: &Store,
    as_of: NaiveDate,
    f: impl Fn(&LedgerData) -> Result<R> + Sync,
) -> Result<Vec<R>> {
    let mut out = Vec::new();
    map_each(store, as_of, Threads::Two, f, |r| {
        out.push(r);
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
    evaluate_all(store, as_of, |data, position| AgingRow::of(data.ledger().account_no, &position, as_of))
}

/// Every account's aging line handed to `sink` as it is computed, in account number order.
pub fn aging_each(store: &Store, as_of: NaiveDate, sink: impl FnMut(AgingRow) -> Result<()>) -> Result<()> {
    evaluate_each(store, as_of, |data, position| AgingRow::of(data.ledger().account_no, &position, as_of), sink)?;
    Ok(())
}

/// An account's charges with an outstanding amount, by due date, date, document number.
fn open_in(account_no: &str, position: AccountPosition, as_of: NaiveDate) -> Vec<OpenCharge> {
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
        |data, position| open_in(data.ledger().account_no, position, as_of),
        |charges| charges.into_iter().try_for_each(&mut sink),
    )?;
    Ok(())
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
    let mut rows = Vec::new();
    open_charges_each(store, as_of, |c| {
        rows.push(c);
        Ok(())
    })?;
    Ok(rows)
}

/// One account's open charges, ordered as in the full report.
pub fn open_charges_of(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Vec<OpenCharge>> {
    let account = super::account(store, account_no)?;
    let (_, position) = account_position(store, &account, as_of)?;
    Ok(open_in(&account.account_no, position, as_of))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    /// A book of several runs: the two threads hand their runs over in account number
    /// order and give, line for line, what one thread gives.
    #[test]
    fn two_threads_give_what_one_gives() {
        let dir = tempfile::tempdir().unwrap();
        let mut service = crate::service::Service::open(&dir.path().join("book.db"), "clerk").unwrap();
        let end = d("2026-11-23");
        // Three runs of accounts.
        service.generate_demo(&crate::demo::DemoSpec { accounts: 6_144, invoices: 18_000, seed: 7, end }).unwrap();
        let store = service.store();
        assert!(store.reader().is_some(), "a file: two threads can read it");
        for as_of in [end, d("2026-03-31")] {
            let two = aging(store, as_of).unwrap();
            let mut one = Vec::new();
            aging_each(store, as_of, |r| {
                one.push(r);
                Ok(())
            })
            .unwrap();
            assert_eq!(two.len(), 3 * RUN);
            assert!(two.windows(2).all(|w| w[0].account_no < w[1].account_no));
            assert_eq!(one, two);
            assert!(two.iter().any(|r| r.total.is_positive()));
        }
    }
}
