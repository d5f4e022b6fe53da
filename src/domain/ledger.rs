//! The ledger engine (RULES.md sections 2.1–2.3): one account's charges, payments and
//! returned checks, evaluated as of a day.
//!
//! Days are processed in order, but only the days on which something happens (a charge,
//! a payment, a month end with something open) are visited. Between them every balance
//! is constant, so a charge's interest over a run of days is one multiplication:
//! `outstanding × overdue days`, kept exactly in cent-days and turned into money once.

use super::charge::{interest_doc_no, returned_check_fee_doc_no};
use super::dates::{is_month_end, month_end, next_day};
use super::interest::interest_on;
use super::{Charge, ChargeKind, Money, Payment, ReturnedCheck};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// Everything the rules need about one account.
#[derive(Debug, Clone, Copy)]
pub struct AccountLedger<'a> {
    pub account_no: &'a str,
    /// Annual rate as a fraction (see `interest::annual_rate`).
    pub annual_rate: Decimal,
    /// Recorded charges (never the derived interest or returned-check fees).
    pub charges: &'a [Charge],
    pub payments: &'a [Payment],
    pub returns: &'a [ReturnedCheck],
}

/// A charge as of the evaluation day: recorded, or derived by the rules.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChargeStatus {
    pub doc_no: String,
    pub kind: ChargeKind,
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub amount: Money,
    pub outstanding: Money,
    /// Exact `outstanding × overdue days` over the charge's life, in cent-days.
    #[serde(skip)]
    pub interest_cent_days: i128,
    /// The interest this charge has generated over its life, rounded (informational).
    pub interest: Money,
}

impl ChargeStatus {
    pub fn days_past_due(&self, as_of: NaiveDate) -> i64 {
        (as_of - self.due).num_days()
    }

    fn order(&self, other: &ChargeStatus) -> Ordering {
        (self.due, self.date, self.doc_no.as_str()).cmp(&(other.due, other.date, other.doc_no.as_str()))
    }
}

/// An account's position as of a day.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct AccountPosition {
    /// Every charge dated on or before the day, derived ones included, in the order
    /// they were charged.
    pub charges: Vec<ChargeStatus>,
    /// The current month's accruals so far, rounded; zero on a month end (just posted).
    pub accrued_interest: Money,
    pub unapplied_credit: Money,
    /// The payments that count as of the day (returned checks excluded), summed.
    pub payments_received: Money,
}

impl AccountPosition {
    pub fn open_charges(&self) -> impl Iterator<Item = &ChargeStatus> {
        self.charges.iter().filter(|c| c.outstanding.is_positive())
    }

    /// What the account owes: open charges + accrued interest − unapplied credit.
    pub fn balance(&self) -> Money {
        self.open_charges().map(|c| c.outstanding).sum::<Money>() + self.accrued_interest - self.unapplied_credit
    }
}

/// An open charge in the engine: where its interest has been counted up to.
struct Open {
    idx: usize,
    outstanding: Money,
    /// First day whose accrual has not yet been counted.
    since: NaiveDate,
}

struct Engine<'a> {
    account_no: &'a str,
    rate: Decimal,
    docs: Vec<ChargeStatus>,
    /// Open charges, oldest first: by due date, then charge date, then document number.
    open: Vec<Open>,
    credit: Money,
    /// This month's accruals so far, in cent-days.
    month_cent_days: i128,
}

/// Overdue days of a charge due `due` among the days `from..=to`: day t counts when due < t.
fn overdue_days(from: NaiveDate, to: NaiveDate, due: NaiveDate) -> i64 {
    let start = from.max(next_day(due));
    ((to - start).num_days() + 1).max(0)
}

impl Engine<'_> {
    /// Counts the accrual of open charge `pos` for the days `since..=to`.
    fn accrue(&mut self, pos: usize, to: NaiveDate) {
        let o = &mut self.open[pos];
        let doc = &mut self.docs[o.idx];
        let cd = i128::from(o.outstanding.cents()) * i128::from(overdue_days(o.since, to, doc.due));
        doc.interest_cent_days += cd;
        self.month_cent_days += cd;
        o.since = next_day(to);
    }

    fn accrue_all(&mut self, to: NaiveDate) {
        for pos in 0..self.open.len() {
            self.accrue(pos, to);
        }
    }

    /// Pays up to `amount` of open charge `pos` on day `t`; returns what it took.
    fn settle(&mut self, pos: usize, amount: Money, t: NaiveDate) -> Money {
        if let Some(yesterday) = t.pred_opt() {
            self.accrue(pos, yesterday);
        }
        let o = &mut self.open[pos];
        o.since = t;
        let take = amount.min(o.outstanding);
        o.outstanding -= take;
        self.docs[o.idx].outstanding = o.outstanding;
        take
    }

    /// Pays open charges oldest first with `amount`; returns what is left.
    fn pay_oldest_first(&mut self, mut amount: Money, t: NaiveDate) -> Money {
        let mut pos = 0;
        while amount.is_positive() && pos < self.open.len() {
            amount -= self.settle(pos, amount, t);
            pos += 1;
        }
        self.open.retain(|o| o.outstanding.is_positive());
        amount
    }

    fn add_charge(&mut self, status: ChargeStatus) {
        let idx = self.docs.len();
        let since = status.date;
        let outstanding = status.outstanding;
        let docs = &self.docs;
        let pos = self.open.partition_point(|o| docs[o.idx].order(&status) == Ordering::Less);
        self.docs.push(status);
        self.open.insert(pos, Open { idx, outstanding, since });
    }

    fn apply_credit(&mut self, t: NaiveDate) {
        if self.credit.is_positive() {
            let credit = self.credit;
            self.credit = self.pay_oldest_first(credit, t);
        }
    }

    fn receive(&mut self, p: &Payment, t: NaiveDate, doc_index: &HashMap<&str, usize>) {
        let mut left = p.amount;
        if let Some(target) = p.apply_to.as_deref() {
            let idx = doc_index
                .get(target)
                .copied()
                .or_else(|| self.docs.iter().position(|d| d.kind == ChargeKind::Interest && d.doc_no == target));
            if let Some(pos) = idx.and_then(|i| self.open.iter().position(|o| o.idx == i)) {
                left -= self.settle(pos, left, t);
                self.open.retain(|o| o.outstanding.is_positive());
            }
        }
        left = self.pay_oldest_first(left, t);
        self.credit += left;
    }

    /// Hands `visit` the account as of day `c` (every event up to `c` processed).
    fn visit_at(&mut self, c: NaiveDate, visit: &mut dyn FnMut(PositionAt<'_>)) {
        self.accrue_all(c);
        visit(PositionAt {
            as_of: c,
            charges: &self.docs,
            accrued_interest: interest_on(self.month_cent_days, self.rate),
            unapplied_credit: self.credit,
        });
    }

    fn post_interest(&mut self, t: NaiveDate) {
        self.accrue_all(t);
        let amount = interest_on(self.month_cent_days, self.rate);
        self.month_cent_days = 0;
        if amount.is_positive() {
            self.add_charge(ChargeStatus {
                doc_no: interest_doc_no(self.account_no, t),
                kind: ChargeKind::Interest,
                date: t,
                due: t,
                amount,
                outstanding: amount,
                interest_cent_days: 0,
                interest: Money::ZERO,
            });
            self.apply_credit(t);
        }
    }
}

fn status_of(c: &Charge) -> ChargeStatus {
    ChargeStatus {
        doc_no: c.doc_no.clone(),
        kind: c.kind,
        date: c.date,
        due: c.due,
        amount: c.amount,
        outstanding: c.amount,
        interest_cent_days: 0,
        interest: Money::ZERO,
    }
}

/// The account as of `as_of`: every balance, all interest, derived charges included.
/// Events dated after `as_of` are ignored; a check returned on or before `as_of` is
/// void as if it had never been received, and its fee (unless waived) is charged on
/// the returned date.
pub fn evaluate(l: &AccountLedger<'_>, as_of: NaiveDate) -> AccountPosition {
    finish(run(l, as_of, &[], &mut |_| {}))
}

/// `evaluate` as of `as_of`, handing `visit` the account as of each of the `earlier`
/// days (ascending, all before `as_of`) on the way, as `evaluate_each` does.
pub fn evaluate_after(
    l: &AccountLedger<'_>,
    earlier: &[NaiveDate],
    as_of: NaiveDate,
    mut visit: impl FnMut(PositionAt<'_>),
) -> AccountPosition {
    debug_assert!(earlier.iter().all(|d| *d < as_of), "earlier days");
    let effective = returns_by(l);
    let last = effective(as_of);
    let split = earlier.partition_point(|d| effective(*d) < last);
    evaluate_each(l, &earlier[..split], &mut visit);
    finish(run(l, as_of, &earlier[split..], &mut visit))
}

/// How many of the account's checks had come back by a day: days with the same count
/// can be seen in one pass.
fn returns_by(l: &AccountLedger<'_>) -> impl Fn(NaiveDate) -> usize {
    let mut returned: Vec<NaiveDate> = l.returns.iter().map(|r| r.returned_date).collect();
    returned.sort_unstable();
    move |d| returned.partition_point(|r| *r <= d)
}

fn finish((mut e, payments_received): (Engine<'_>, Money)) -> AccountPosition {
    let accrued_interest = interest_on(e.month_cent_days, e.rate);
    for d in &mut e.docs {
        d.interest = interest_on(d.interest_cent_days, e.rate);
    }
    AccountPosition { charges: e.docs, accrued_interest, unapplied_credit: e.credit, payments_received }
}

/// An account as of one of the days of `evaluate_each`: what `evaluate` gives for that
/// day, without the lifetime interest of each charge (`ChargeStatus::interest` is left
/// at zero) and without the payments received.
#[derive(Debug, Clone, Copy)]
pub struct PositionAt<'a> {
    pub as_of: NaiveDate,
    /// Every charge dated on or before the day, derived ones included.
    pub charges: &'a [ChargeStatus],
    pub accrued_interest: Money,
    pub unapplied_credit: Money,
}

impl<'a> PositionAt<'a> {
    pub fn open_charges(&self) -> impl Iterator<Item = &'a ChargeStatus> {
        self.charges.iter().filter(|c| c.outstanding.is_positive())
    }

    /// What the account owes: open charges + accrued interest − unapplied credit.
    pub fn balance(&self) -> Money {
        self.open_charges().map(|c| c.outstanding).sum::<Money>() + self.accrued_interest - self.unapplied_credit
    }
}

impl AccountPosition {
    /// This position as `evaluate_each` hands it over.
    pub fn at(&self, as_of: NaiveDate) -> PositionAt<'_> {
        PositionAt {
            as_of,
            charges: &self.charges,
            accrued_interest: self.accrued_interest,
            unapplied_credit: self.unapplied_credit,
        }
    }
}

/// The account as of each of `days` (ascending), handed to `visit` in that order: the
/// same figures as `evaluate` on each day, in one pass over the ledger. Only a check
/// returned between two of the days makes another pass (as of the later day the
/// payment never counted; as of the earlier one it did).
pub fn evaluate_each(l: &AccountLedger<'_>, days: &[NaiveDate], mut visit: impl FnMut(PositionAt<'_>)) {
    debug_assert!(days.windows(2).all(|w| w[0] < w[1]), "days ascending");
    let effective = returns_by(l);
    let mut rest = days;
    while let Some(first) = rest.first() {
        let key = effective(*first);
        let n = rest.iter().take_while(|d| effective(**d) == key).count();
        let (group, later) = rest.split_at(n);
        run(l, group[n - 1], group, &mut visit);
        rest = later;
    }
}

/// Runs the rules through `as_of`, handing `visit` the position as of each of
/// `checkpoints` (ascending, none after `as_of`) on the way. Returns the engine as of
/// `as_of` (every accrual counted) and the payments received.
fn run<'l>(
    l: &AccountLedger<'l>,
    as_of: NaiveDate,
    checkpoints: &[NaiveDate],
    visit: &mut dyn FnMut(PositionAt<'_>),
) -> (Engine<'l>, Money) {
    let returned: HashSet<&str> =
        l.returns.iter().filter(|r| r.returned_date <= as_of).map(|r| r.payment_ref.as_str()).collect();

    let mut charges: Vec<ChargeStatus> = l.charges.iter().filter(|c| c.date <= as_of).map(status_of).collect();
    charges.extend(l.returns.iter().filter(|r| r.returned_date <= as_of && !r.fee_waived && r.fee.is_positive()).map(
        |r| ChargeStatus {
            doc_no: returned_check_fee_doc_no(&r.payment_ref),
            kind: ChargeKind::ReturnedCheckFee,
            date: r.returned_date,
            due: r.returned_date,
            amount: r.fee,
            outstanding: r.fee,
            interest_cent_days: 0,
            interest: Money::ZERO,
        },
    ));
    charges.sort_by(|a, b| (a.date, a.doc_no.as_str()).cmp(&(b.date, b.doc_no.as_str())));

    let mut payments: Vec<&Payment> =
        l.payments.iter().filter(|p| p.date <= as_of && !returned.contains(p.reference.as_str())).collect();
    payments.sort_by(|a, b| (a.date, a.reference.as_str()).cmp(&(b.date, b.reference.as_str())));
    let payments_received = payments.iter().map(|p| p.amount).sum();

    let mut e = Engine {
        account_no: l.account_no,
        rate: l.annual_rate,
        docs: Vec::with_capacity(charges.len() + 4),
        open: Vec::new(),
        credit: Money::ZERO,
        month_cent_days: 0,
    };
    // Where each recorded document sits in the engine's list, for `apply_to`.
    let mut doc_index: HashMap<&str, usize> = HashMap::new();
    let want_index = payments.iter().any(|p| p.apply_to.is_some());
    let (mut ci, mut pi, mut next_checkpoint) = (0usize, 0usize, 0usize);
    let mut last: Option<NaiveDate> = None;
    loop {
        let next_event = match (charges.get(ci), payments.get(pi)) {
            (Some(c), Some(p)) => Some(c.date.min(p.date)),
            (Some(c), None) => Some(c.date),
            (None, Some(p)) => Some(p.date),
            (None, None) => None,
        };
        let pending_month_end = match last {
            Some(d) if !e.open.is_empty() || e.month_cent_days != 0 => Some(month_end(next_day(d))),
            _ => None,
        };
        let t = match (next_event, pending_month_end) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => match a.or(b) {
                Some(t) => t,
                None => break,
            },
        };
        if t > as_of {
            break;
        }
        // Days before `t` are done: the checkpoints among them see the account as it is.
        while let Some(c) = checkpoints.get(next_checkpoint).filter(|c| **c < t) {
            e.visit_at(*c, visit);
            next_checkpoint += 1;
        }
        // 1. the day's charges, then any unapplied credit pays them.
        let mut charged = false;
        while let Some(c) = charges.get(ci).filter(|c| c.date == t) {
            if want_index {
                doc_index.insert(c.doc_no.as_str(), e.docs.len());
            }
            e.add_charge(c.clone());
            ci += 1;
            charged = true;
        }
        if charged {
            e.apply_credit(t);
        }
        // 2. the day's payments, in reference order.
        while let Some(p) = payments.get(pi).filter(|p| p.date == t) {
            e.receive(p, t, &doc_index);
            pi += 1;
        }
        // 3. the day's accrual is counted lazily; 4. a month end posts the month.
        if is_month_end(t) {
            e.post_interest(t);
        }
        last = Some(t);
    }
    for c in &checkpoints[next_checkpoint..] {
        e.visit_at(*c, visit);
    }
    e.accrue_all(as_of);
    (e, payments_received)
}
