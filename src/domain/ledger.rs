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
use std::collections::HashSet;

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

    fn receive(&mut self, p: &Payment, t: NaiveDate, charged: &Charged<'_>) {
        let mut left = p.amount;
        if let Some(target) = p.apply_to.as_deref() {
            let idx = charged
                .find(target)
                .or_else(|| self.docs.iter().position(|d| d.kind == ChargeKind::Interest && d.doc_no == target));
            if let Some(pos) = idx.and_then(|i| self.open.iter().position(|o| o.idx == i)) {
                left -= self.settle(pos, left, t);
                self.open.retain(|o| o.outstanding.is_positive());
            }
        }
        left = self.pay_oldest_first(left, t);
        self.credit += left;
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

/// The documents of the period by number, and where each sits in the engine's list
/// once charged: what a payment's `apply_to` finds (a sorted list searched, not a
/// hash: an account has few documents).
struct Charged<'a> {
    /// (document number, position among the charges of the period), by number.
    by_doc: Vec<(&'a str, usize)>,
    /// The engine's position of each charge of the period; `usize::MAX` until charged.
    at: Vec<usize>,
}

impl<'a> Charged<'a> {
    fn new(charges: &[(NaiveDate, &'a str, ToCharge<'_>)], wanted: bool) -> Charged<'a> {
        let mut by_doc: Vec<(&str, usize)> =
            if wanted { charges.iter().enumerate().map(|(i, c)| (c.1, i)).collect() } else { Vec::new() };
        by_doc.sort_unstable();
        Charged { by_doc, at: vec![usize::MAX; charges.len()] }
    }

    /// The engine's position of the document numbered `doc_no`, once charged.
    fn find(&self, doc_no: &str) -> Option<usize> {
        let k = self.by_doc.binary_search_by(|(d, _)| (*d).cmp(doc_no)).ok()?;
        Some(self.at[self.by_doc[k].1]).filter(|&i| i != usize::MAX)
    }
}

/// A charge of the period not yet charged: recorded, or a returned check's fee.
#[derive(Clone, Copy)]
enum ToCharge<'a> {
    Recorded(&'a Charge),
    Fee(&'a ReturnedCheck),
}

impl ToCharge<'_> {
    fn status(self, doc_no: &str) -> ChargeStatus {
        let (kind, date, due, amount) = match self {
            ToCharge::Recorded(c) => (c.kind, c.date, c.due, c.amount),
            ToCharge::Fee(r) => (ChargeKind::ReturnedCheckFee, r.returned_date, r.returned_date, r.fee),
        };
        ChargeStatus {
            doc_no: doc_no.to_string(),
            kind,
            date,
            due,
            amount,
            outstanding: amount,
            interest_cent_days: 0,
            interest: Money::ZERO,
        }
    }
}

/// The account as of `as_of`: every balance, all interest, derived charges included.
/// Events dated after `as_of` are ignored; a check returned on or before `as_of` is
/// void as if it had never been received, and its fee (unless waived) is charged on
/// the returned date.
pub fn evaluate(l: &AccountLedger<'_>, as_of: NaiveDate) -> AccountPosition {
    let returned: HashSet<&str> =
        l.returns.iter().filter(|r| r.returned_date <= as_of).map(|r| r.payment_ref.as_str()).collect();

    // The returned-check fees, named once.
    let fees: Vec<(&ReturnedCheck, String)> = l
        .returns
        .iter()
        .filter(|r| r.returned_date <= as_of && !r.fee_waived && r.fee.is_positive())
        .map(|r| (r, returned_check_fee_doc_no(&r.payment_ref)))
        .collect();
    // Every charge of the period in the order charged, by reference: each becomes a
    // `ChargeStatus` (its document number copied) only when it is charged.
    let mut charges: Vec<(NaiveDate, &str, ToCharge<'_>)> = l
        .charges
        .iter()
        .filter(|c| c.date <= as_of)
        .map(|c| (c.date, c.doc_no.as_str(), ToCharge::Recorded(c)))
        .chain(fees.iter().map(|(r, doc)| (r.returned_date, doc.as_str(), ToCharge::Fee(r))))
        .collect();
    charges.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

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
    // Where each recorded document sits in the engine's list once charged, for `apply_to`.
    let mut placed = Charged::new(&charges, payments.iter().any(|p| p.apply_to.is_some()));
    let (mut ci, mut pi) = (0usize, 0usize);
    let mut last: Option<NaiveDate> = None;
    loop {
        let next_event = match (charges.get(ci), payments.get(pi)) {
            (Some(c), Some(p)) => Some(c.0.min(p.date)),
            (Some(c), None) => Some(c.0),
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
        // 1. the day's charges, then any unapplied credit pays them.
        let mut charged = false;
        while let Some((_, doc_no, c)) = charges.get(ci).filter(|c| c.0 == t) {
            placed.at[ci] = e.docs.len();
            e.add_charge(c.status(doc_no));
            ci += 1;
            charged = true;
        }
        if charged {
            e.apply_credit(t);
        }
        // 2. the day's payments, in reference order.
        while let Some(p) = payments.get(pi).filter(|p| p.date == t) {
            e.receive(p, t, &placed);
            pi += 1;
        }
        // 3. the day's accrual is counted lazily; 4. a month end posts the month.
        if is_month_end(t) {
            e.post_interest(t);
        }
        last = Some(t);
    }
    e.accrue_all(as_of);
    let accrued_interest = interest_on(e.month_cent_days, e.rate);
    for d in &mut e.docs {
        d.interest = interest_on(d.interest_cent_days, e.rate);
    }
    AccountPosition { charges: e.docs, accrued_interest, unapplied_credit: e.credit, payments_received }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charge(doc: &str, day: u32) -> Charge {
        let date = NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
        Charge { doc_no: doc.into(), kind: ChargeKind::Invoice, date, due: date, amount: Money::from_cents(100) }
    }

    #[test]
    fn apply_to_finds_a_document_by_number_only_once_it_is_charged() {
        let (b, a) = (charge("INV-B", 1), charge("INV-A", 2));
        let charges: Vec<(NaiveDate, &str, ToCharge<'_>)> =
            [&b, &a].iter().map(|c| (c.date, c.doc_no.as_str(), ToCharge::Recorded(c))).collect();
        let mut placed = Charged::new(&charges, true);
        assert_eq!(placed.find("INV-A"), None, "not charged yet");
        placed.at[0] = 0;
        placed.at[1] = 7;
        assert_eq!((placed.find("INV-B"), placed.find("INV-A")), (Some(0), Some(7)));
        assert_eq!(placed.find("INV-C"), None);
        assert_eq!(Charged::new(&charges, false).find("INV-B"), None, "not wanted: nothing is looked up");
    }
}
