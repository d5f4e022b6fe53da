//! Statements of account (RULES.md section 11): what an account owes as of a day, and
//! what happened on it over a period.

use super::aging::AgingRow;
use super::{AccountLedger, AccountPosition, Bucket, ChargeKind, ChargeStatus, Money, PaymentMethod};
use chrono::NaiveDate;
use std::collections::HashMap;

/// An open charge on a statement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatementItem {
    pub doc_no: String,
    pub kind: ChargeKind,
    pub date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount: Money,
    pub outstanding: Money,
    pub days_past_due: i64,
    pub bucket: Bucket,
    /// Under dispute: it still ages and counts, and is marked so.
    pub disputed: bool,
}

/// A statement as of a day: every open charge, the buckets, accrued interest,
/// unapplied credit, and a total that is the `aging` report's total.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Statement {
    pub account_no: String,
    pub as_of: NaiveDate,
    /// Ordered by due date, date, document number (as the invoices report).
    pub items: Vec<StatementItem>,
    /// current, 1-30, 31-60, 61-90, 90+.
    pub buckets: [Money; 5],
    pub accrued_interest: Money,
    pub unapplied_credit: Money,
    pub total: Money,
}

impl Statement {
    pub fn of(account_no: &str, p: &AccountPosition, as_of: NaiveDate, disputed: impl Fn(&str) -> bool) -> Statement {
        // The figures are the aging row's: one computation, so they cannot disagree.
        let row = AgingRow::of(account_no, p, as_of);
        let mut items: Vec<StatementItem> =
            p.open_charges().map(|c| StatementItem::of(c, as_of, disputed(&c.doc_no))).collect();
        items.sort_by(|a, b| (a.due_date, a.date, &a.doc_no).cmp(&(b.due_date, b.date, &b.doc_no)));
        Statement {
            account_no: account_no.to_string(),
            as_of,
            items,
            buckets: row.buckets,
            accrued_interest: row.accrued_interest,
            unapplied_credit: row.unapplied_credit,
            total: row.total,
        }
    }

    /// The open charges' outstanding amounts, summed.
    pub fn open_total(&self) -> Money {
        self.buckets.iter().sum()
    }
}

impl StatementItem {
    pub fn of(c: &ChargeStatus, as_of: NaiveDate, disputed: bool) -> StatementItem {
        let days = c.days_past_due(as_of);
        StatementItem {
            doc_no: c.doc_no.to_string(),
            kind: c.kind,
            date: c.date,
            due_date: c.due,
            amount: c.amount,
            outstanding: c.outstanding,
            days_past_due: days,
            bucket: Bucket::of_days_past_due(days),
            disputed,
        }
    }
}

/// What a line of an activity statement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Movement {
    /// A charge, recorded or derived (posted interest, a returned-check fee).
    Charge(ChargeKind),
    Payment(PaymentMethod),
    /// A check the bank returned: its payment no longer counts.
    ReturnedCheck,
    /// The change in interest accrued but not yet posted (posted at month end).
    AccruedInterest,
}

impl Movement {
    /// In words, as printed.
    pub fn describe(self) -> String {
        match self {
            Movement::Charge(k) => k.to_string(),
            Movement::Payment(m) => format!("PAYMENT {m}"),
            Movement::ReturnedCheck => "RETURNED CHECK".into(),
            Movement::AccruedInterest => "ACCRUED INTEREST".into(),
        }
    }
}

/// One movement of the period: a charge adds, a payment takes off.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ActivityLine {
    pub date: NaiveDate,
    /// The document number or payment reference.
    pub document: String,
    pub movement: Movement,
    /// Signed: positive adds to what the account owes.
    pub amount: Money,
    /// The running balance after this line.
    pub balance: Money,
}

/// An activity statement: the balance brought forward (as of the day before `from`),
/// every document of the period in date order, the closing balance (as of `to`).
/// Brought forward plus the movements is the closing balance.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Activity {
    pub account_no: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub brought_forward: Money,
    pub lines: Vec<ActivityLine>,
    pub closing: Money,
}

impl Activity {
    /// Movements summed.
    pub fn movements(&self) -> Money {
        self.lines.iter().map(|l| l.amount).sum()
    }
}

/// The activity from `from` to `to`, given the position as of the day before `from`
/// (`before`) and as of `to` (`after`). A balance is every charge less every payment
/// that counts, plus the interest accrued and not yet posted; so the movements are the
/// period's charges (derived ones included), its payments, the checks returned in it
/// (their payments stop counting) and the change in accrued interest.
pub fn activity(
    l: &AccountLedger<'_>,
    before: &AccountPosition,
    after: &AccountPosition,
    from: NaiveDate,
    to: NaiveDate,
) -> Activity {
    let in_period = |d: NaiveDate| from <= d && d <= to;
    // (date, order within the day, key, line)
    let mut lines: Vec<(NaiveDate, u8, String, Movement, Money)> = Vec::new();
    for c in after.charges.iter().filter(|c| in_period(c.date)) {
        lines.push((c.date, 0, c.doc_no.to_string(), Movement::Charge(c.kind), c.amount));
    }
    for p in l.payments.iter().filter(|p| in_period(p.date)) {
        lines.push((p.date, 1, p.reference.clone(), Movement::Payment(p.method), Money::ZERO - p.amount));
    }
    let amounts: HashMap<&str, Money> = l.payments.iter().map(|p| (p.reference.as_str(), p.amount)).collect();
    for r in l.returns.iter().filter(|r| in_period(r.returned_date)) {
        if let Some(amount) = amounts.get(r.payment_ref.as_str()) {
            lines.push((r.returned_date, 2, r.payment_ref.clone(), Movement::ReturnedCheck, *amount));
        }
    }
    lines.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
    let change = after.accrued_interest - before.accrued_interest;
    if !change.is_zero() {
        lines.push((to, 3, String::new(), Movement::AccruedInterest, change));
    }
    let brought_forward = before.balance();
    let mut balance = brought_forward;
    let lines = lines
        .into_iter()
        .map(|(date, _, document, movement, amount)| {
            balance += amount;
            ActivityLine { date, document, movement, amount, balance }
        })
        .collect();
    Activity { account_no: l.account_no.to_string(), from, to, brought_forward, lines, closing: after.balance() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;
    use crate::domain::{evaluate, Charge, Payment, ReturnedCheck};

    #[test]
    fn each_movement_is_described_in_words_as_printed() {
        assert_eq!(Movement::Charge(ChargeKind::Invoice).describe(), "INVOICE");
        assert_eq!(Movement::Charge(ChargeKind::ReturnedCheckFee).describe(), "RETURNED_CHECK_FEE");
        assert_eq!(Movement::Payment(PaymentMethod::Check).describe(), "PAYMENT CHECK");
        assert_eq!(Movement::ReturnedCheck.describe(), "RETURNED CHECK");
        assert_eq!(Movement::AccruedInterest.describe(), "ACCRUED INTEREST");
    }

    fn m(cents: i64) -> Money {
        Money::from_cents(cents)
    }

    fn inv(doc: &str, date: &str, due: &str, cents: i64) -> Charge {
        Charge { doc_no: doc.into(), kind: ChargeKind::Invoice, date: d(date), due: d(due), amount: m(cents) }
    }

    fn pay(reference: &str, date: &str, method: PaymentMethod, cents: i64) -> Payment {
        Payment { reference: reference.into(), date: d(date), method, amount: m(cents), apply_to: None }
    }

    fn ledger<'a>(charges: &'a [Charge], payments: &'a [Payment], returns: &'a [ReturnedCheck]) -> AccountLedger<'a> {
        AccountLedger { account_no: "A100", annual_rate: "0.18".parse().unwrap(), charges, payments, returns }
    }

    #[test]
    fn a_statement_lists_open_charges_by_due_date_with_the_aging_total() {
        let charges = [inv("INV-2", "2026-01-10", "2026-02-09", 5000), inv("INV-1", "2026-01-01", "2026-01-31", 10000)];
        let payments = [pay("P-1", "2026-02-01", PaymentMethod::Wire, 3000)];
        let l = ledger(&charges, &payments, &[]);
        let as_of = d("2026-03-15");
        let p = evaluate(&l, as_of).unwrap();
        let s = Statement::of("A100", &p, as_of, |doc| doc == "INV-2");
        let docs: Vec<&str> = s.items.iter().map(|i| i.doc_no.as_str()).collect();
        assert_eq!(docs, ["INV-1", "INV-2", "FC-A100-2026-02"], "by due date: the February interest falls due 02-28");
        assert_eq!(s.total, AgingRow::of("A100", &p, as_of).total);
        assert_eq!(s.total, p.balance());
        assert_eq!(s.open_total() + s.accrued_interest - s.unapplied_credit, s.total);
        assert!(s.items[1].disputed && !s.items[0].disputed && !s.items[2].disputed);
        assert_eq!(s.items[0].days_past_due, 43);
        assert_eq!(s.items[0].bucket, Bucket::Days31To60);
    }

    #[test]
    fn brought_forward_plus_movements_is_the_closing_balance() {
        let charges = [
            inv("INV-1", "2026-01-01", "2026-01-31", 100000),
            inv("INV-2", "2026-02-10", "2026-03-12", 25000),
            inv("INV-3", "2026-03-05", "2026-04-04", 7500),
        ];
        let payments = [
            pay("P-1", "2026-01-20", PaymentMethod::Check, 20000), // before the period, returned in it
            pay("P-2", "2026-02-15", PaymentMethod::Wire, 50000),
            pay("P-3", "2026-02-20", PaymentMethod::Check, 10000), // in the period, returned in it
            pay("P-4", "2026-03-01", PaymentMethod::Check, 6000),  // in the period, returned after it
        ];
        let returns = [
            ReturnedCheck {
                payment_ref: "P-1".into(),
                returned_date: d("2026-02-05"),
                fee: m(2500),
                fee_waived: false,
            },
            ReturnedCheck { payment_ref: "P-3".into(), returned_date: d("2026-02-25"), fee: m(2500), fee_waived: true },
            ReturnedCheck {
                payment_ref: "P-4".into(),
                returned_date: d("2026-03-20"),
                fee: m(2500),
                fee_waived: false,
            },
        ];
        let l = ledger(&charges, &payments, &returns);
        for (from, to) in [("2026-02-01", "2026-03-10"), ("2026-01-15", "2026-02-28"), ("2026-02-16", "2026-03-31")] {
            let (from, to) = (d(from), d(to));
            let before = evaluate(&l, from.pred_opt().unwrap()).unwrap();
            let after = evaluate(&l, to).unwrap();
            let a = activity(&l, &before, &after, from, to);
            assert_eq!(a.brought_forward + a.movements(), a.closing, "{from}..{to}: {a:#?}");
            assert_eq!(a.closing, after.balance());
            assert_eq!(a.lines.last().map_or(a.brought_forward, |l| l.balance), a.closing);
            assert!(a.lines.windows(2).all(|w| w[0].date <= w[1].date), "date order");
        }
        let (from, to) = (d("2026-02-01"), d("2026-03-10"));
        let a = activity(&l, &evaluate(&l, d("2026-01-31")).unwrap(), &evaluate(&l, to).unwrap(), from, to);
        let kinds: Vec<(&str, Movement)> = a.lines.iter().map(|l| (l.document.as_str(), l.movement)).collect();
        assert!(kinds.contains(&("P-1", Movement::ReturnedCheck)), "returned in the period: {kinds:?}");
        assert!(kinds.contains(&("RCF-P-1", Movement::Charge(ChargeKind::ReturnedCheckFee))));
        assert!(kinds.contains(&("P-3", Movement::Payment(PaymentMethod::Check))));
        assert!(kinds.contains(&("P-3", Movement::ReturnedCheck)));
        assert!(kinds.contains(&("FC-A100-2026-02", Movement::Charge(ChargeKind::Interest))));
        assert!(!kinds.iter().any(|(doc, _)| *doc == "INV-1"), "charged before the period");
        assert!(!kinds.iter().any(|(doc, _)| *doc == "RCF-P-4"), "returned after the period");
        let p1 = a.lines.iter().find(|l| l.document == "P-1").unwrap();
        assert_eq!(p1.amount, m(20000), "a returned check adds its amount back");
        let p2 = a.lines.iter().find(|l| l.document == "P-2").unwrap();
        assert_eq!(p2.amount, m(-50000));
        assert_eq!(a.lines.last().unwrap().movement, Movement::AccruedInterest);
    }

    #[test]
    fn no_change_in_accrued_interest_adds_no_line() {
        let charges = [inv("INV-1", "2026-01-01", "2026-12-31", 10000)];
        let l = ledger(&charges, &[], &[]);
        let (from, to) = (d("2026-01-01"), d("2026-01-20"));
        let a = activity(&l, &evaluate(&l, d("2025-12-31")).unwrap(), &evaluate(&l, to).unwrap(), from, to);
        assert_eq!(a.brought_forward, Money::ZERO);
        assert_eq!(a.lines.len(), 1);
        assert_eq!(a.closing, m(10000));
    }
}
