//! The collector's reads (RULES.md section 11): what is on credit hold and since when,
//! which accounts were newly flagged, the disputes open on a day, promises with their
//! state, and the trend of the book over the last month ends.

use super::dunning::LettersDue;
use super::reports::for_all;
use crate::domain::aging::is_collections_item;
use crate::domain::credit::{over_limit, OverLimit};
use crate::domain::dispute::Dispute;
use crate::domain::dunning::Letter;
use crate::domain::hold::{hold, hold_days, hold_since as first_day_of_run, Hold};
use crate::domain::ledger::{evaluate, evaluate_each, AccountPosition, PositionAt};
use crate::domain::promise::{PromiseStatus, Received};
use crate::domain::trend::{in_dso_window, is_sale, month_ends, TrendPoint};
use crate::domain::{AgingRow, Money};
use crate::error::{Error, Result};
use crate::store::LedgerData;
use crate::store::{self, Account, Store};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};

/// Month ends the console's Overview shows.
pub const TREND_MONTHS: usize = 12;

/// Days back within which a collections flag counts as new on Today.
pub const NEWLY_FLAGGED_DAYS: u64 = 7;

/// Every dispute by account number, to see which documents are disputed on any day.
#[derive(Debug, Default)]
pub struct Disputes {
    by_account: HashMap<String, Vec<Dispute>>,
}

impl Disputes {
    pub fn load(store: &Store) -> Result<Disputes> {
        let mut by_account: HashMap<String, Vec<Dispute>> = HashMap::new();
        for d in store::disputes::list(store, None)? {
            by_account.entry(d.account_no.clone()).or_default().push(d);
        }
        Ok(Disputes { by_account })
    }

    pub fn of(&self, account_no: &str) -> &[Dispute] {
        self.by_account.get(account_no).map_or(&[], Vec::as_slice)
    }
}

/// Whether `doc_no` is disputed on `as_of` among an account's disputes.
pub fn disputed_on(disputes: &[Dispute], doc_no: &str, as_of: NaiveDate) -> bool {
    disputes.iter().any(|d| d.doc_no == doc_no && d.is_open_on(as_of))
}

/// What the collector watches on one account as of a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Watch {
    pub hold: Option<Hold>,
    /// The first day of the hold in force (`domain::hold::hold_days` are the days looked at).
    pub hold_since: Option<NaiveDate>,
    /// Flagged for collections (RULES 2.4) within the last 7 days: the day the flag came.
    pub newly_flagged: Option<NaiveDate>,
    /// A `NET30` account over its credit limit (every charge counted).
    pub over_limit: Option<OverLimit>,
    /// Outstanding more than 60 days past due (the aging figure).
    pub past_60: Money,
    /// The dunning letter due (RULES 11), when asked.
    pub letter_due: Option<Letter>,
}

/// The collector's view of one account, from its ledger and its position as of `as_of`;
/// its letter due too when `letters` are given.
pub fn watch(
    data: &LedgerData,
    position: &AccountPosition,
    disputes: &[Dispute],
    letters: Option<&LettersDue>,
    as_of: NaiveDate,
) -> Result<Watch> {
    let Some(account) = data.account.as_ref() else { return Ok(Watch::default()) };
    let ledger = data.ledger();
    let at = position.at(as_of);
    let held =
        |p: &PositionAt<'_>| hold(account.terms, account.credit_limit, p, |doc| disputed_on(disputes, doc, p.as_of));
    let on_hold = held(&at);
    let hold_since = if on_hold.is_some() {
        let dated = data.charges.iter().map(|c| c.date).chain(data.payments.iter().map(|p| p.date));
        let dated = dated.chain(data.returns.iter().map(|r| r.returned_date));
        let dated = dated.chain(disputes.iter().flat_map(|d| [Some(d.opened_on), d.resolved_on]).flatten());
        let dues = data.charges.iter().map(|c| c.due).chain(data.returns.iter().map(|r| r.returned_date));
        let days = hold_days(dated, dues, as_of);
        let mut flags = Vec::with_capacity(days.len());
        evaluate_each(&ledger, &days, |p| flags.push(held(&p).is_some()))?;
        first_day_of_run(&days, &flags)
    } else {
        None
    };
    let flagged = |p: &PositionAt<'_>| p.open_charges().any(|c| is_collections_item(c, p.as_of));
    let newly_flagged = if flagged(&at) {
        let days: Vec<NaiveDate> =
            (0..=NEWLY_FLAGGED_DAYS).rev().filter_map(|n| as_of.checked_sub_days(Days::new(n))).collect();
        let mut flags = Vec::with_capacity(days.len());
        evaluate_each(&ledger, &days, |p| flags.push(flagged(&p)))?;
        // New when not flagged a week ago: from the first day of the run that reaches today.
        if flags.first() == Some(&false) {
            first_day_of_run(&days, &flags)
        } else {
            None
        }
    } else {
        None
    };
    Ok(Watch {
        hold: on_hold,
        hold_since,
        newly_flagged,
        over_limit: over_limit(account.terms, account.credit_limit, at.balance()),
        past_60: AgingRow::at(ledger.account_no, &at).past_60(),
        letter_due: letters.and_then(|l| l.letter(data, position, |doc| disputed_on(disputes, doc, as_of))),
    })
}

/// One line of the hold list: what the warehouse needs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HoldLine {
    pub account_no: String,
    pub name: String,
    pub reason: String,
    pub since: Option<NaiveDate>,
    /// Outstanding more than 60 days past due (the aging figure, disputed charges included).
    pub past_60: Money,
}

impl HoldLine {
    /// The account's line, when what was watched says it is on hold.
    fn of(account: &Account, w: &Watch) -> Option<HoldLine> {
        w.hold.as_ref().map(|h| HoldLine {
            account_no: account.account_no.clone(),
            name: account.name.clone(),
            reason: h.reason(),
            since: w.hold_since,
            past_60: w.past_60,
        })
    }
}

/// Every account on credit hold as of `as_of`, by account number.
pub fn hold_list(store: &Store, as_of: NaiveDate) -> Result<Vec<HoldLine>> {
    let disputes = Disputes::load(store)?;
    let lines = for_all(store, as_of, |data| {
        let Some(account) = data.account.as_ref() else { return Ok(None) };
        let position = evaluate(&data.ledger(), as_of)?;
        let w = watch(data, &position, disputes.of(&account.account_no), None, as_of)?;
        Ok(HoldLine::of(account, &w))
    })?;
    let mut lines: Vec<HoldLine> = lines.into_iter().flatten().collect();
    lines.sort_unstable_by(|a, b| a.account_no.cmp(&b.account_no));
    Ok(lines)
}

/// The hold of one account as of a day (None when it is not on hold).
pub fn hold_of(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Option<HoldLine>> {
    let account = super::account(store, account_no)?;
    let (data, position) = super::reports::account_position(store, &account, as_of)?;
    let disputes = store::disputes::list(store, Some(&account.account_no))?;
    let w = watch(&data, &position, &disputes, None, as_of)?;
    Ok(HoldLine::of(&account, &w))
}

/// A promise with its state as of a day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PromiseLine {
    pub account_no: String,
    pub amount: Money,
    pub promised_date: NaiveDate,
    pub recorded_on: NaiveDate,
    pub status: PromiseStatus,
    /// What the account paid toward it so far.
    pub paid: Money,
    pub recorded_by: String,
}

/// Promises recorded by `as_of` (one account's when asked) with their state that day,
/// by account number and promised day.
pub fn promises(store: &Store, account_no: Option<&str>, as_of: NaiveDate) -> Result<Vec<PromiseLine>> {
    if let Some(no) = account_no {
        super::account(store, no)?;
    }
    let rows = store::promises::list(store, account_no, as_of)?;
    let payments = store::promises::payments_of_promisers(store, as_of)?;
    rows.into_iter()
        .map(|r| {
            let paid: &[Received] = payments.get(&r.account_no).map_or(&[], Vec::as_slice);
            Ok(PromiseLine {
                amount: r.promise.amount,
                promised_date: r.promise.promised_on,
                recorded_on: r.promise.recorded_on,
                status: r.promise.status(paid, as_of),
                paid: r
                    .promise
                    .paid(paid, as_of)
                    .ok_or_else(|| Error::TooLarge { what: format!("account {}", r.account_no) })?,
                account_no: r.account_no,
                recorded_by: r.recorded_by,
            })
        })
        .collect()
}

/// Sums of the book as of each month end, added to from both threads. A sum that
/// cannot be held is remembered, and `points` is then an error, never a wrapped figure.
struct Sums {
    total: Vec<AtomicI64>,
    past_60: Vec<AtomicI64>,
    sales: Vec<AtomicI64>,
    too_large: AtomicBool,
}

impl Sums {
    fn new(n: usize) -> Sums {
        let zeros = || (0..n).map(|_| AtomicI64::new(0)).collect();
        Sums { total: zeros(), past_60: zeros(), sales: zeros(), too_large: AtomicBool::new(false) }
    }

    fn add_to(&self, sum: &AtomicI64, amount: Money) {
        if sum.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |s| s.checked_add(amount.cents())).is_err() {
            self.too_large.store(true, Ordering::Relaxed);
        }
    }

    fn add(&self, i: usize, row: &AgingRow) {
        self.add_to(&self.total[i], row.total);
        self.add_to(&self.past_60[i], row.past_60());
    }

    /// An account's sales in the 90 days ending on each month end.
    fn add_sales(&self, data: &LedgerData, ends: &[NaiveDate]) {
        for c in data.charges.iter().filter(|c| is_sale(c.kind)) {
            for (i, m) in ends.iter().enumerate() {
                if in_dso_window(c.date, *m) {
                    self.add_to(&self.sales[i], c.amount);
                }
            }
        }
    }

    fn points(&self, ends: &[NaiveDate]) -> Result<Vec<TrendPoint>> {
        if self.too_large.load(Ordering::Relaxed) {
            return Err(Error::TooLarge { what: "the book's totals over the month ends".into() });
        }
        let get = |v: &[AtomicI64], i: usize| Money::from_cents(v[i].load(Ordering::Relaxed));
        Ok(ends
            .iter()
            .enumerate()
            .map(|(i, m)| TrendPoint::new(*m, get(&self.total, i), get(&self.past_60, i), get(&self.sales, i)))
            .collect())
    }
}

/// The book as of each of the last `months` month ends on or before `as_of`: every
/// account's ledger is read once and seen as of every month end in one pass
/// (`evaluate_each`), the accounts split over two threads. `done` counts accounts.
pub fn trend(store: &Store, as_of: NaiveDate, months: usize, done: &AtomicUsize) -> Result<Vec<TrendPoint>> {
    let ends = month_ends(as_of, months);
    let sums = Sums::new(ends.len());
    for_all(store, as_of, |data| {
        let no = data.ledger().account_no;
        let mut i = 0;
        evaluate_each(&data.ledger(), &ends, |p| {
            sums.add(i, &AgingRow::at(no, &p));
            i += 1;
        })?;
        sums.add_sales(data, &ends);
        done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    })?;
    sums.points(&ends)
}
