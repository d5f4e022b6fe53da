//! Every list as a table: its columns, and the typed cells of each row. One model feeds
//! the drawing (`ui::panes`), the sort by any column, and the export of what is shown
//! to CSV, so the three never disagree.

use super::snapshot::Snapshot;
use super::{App, Pane};
use crate::domain::aging::COLLECTIONS_AFTER_DAYS;
use crate::domain::Money;
use chrono::NaiveDate;
use std::cmp::Ordering;

/// A cell: what it is decides how it is shown, sorted and exported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Money(Money),
    Int(i64),
    Date(NaiveDate),
    Empty,
}

impl Value {
    /// For people: amounts grouped (`1,234.50`).
    pub fn shown(&self) -> String {
        match self {
            Value::Money(m) => m.grouped(),
            other => other.plain(),
        }
    }

    /// For a file: amounts as digits with two decimals (`1234.50`).
    pub fn plain(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Money(m) => m.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Empty => String::new(),
        }
    }

    /// Blank first, then by value: amounts and numbers as numbers, text ignoring case.
    pub fn order(&self, other: &Value) -> Ordering {
        use Value::*;
        match (self, other) {
            (Empty, Empty) => Ordering::Equal,
            (Empty, _) => Ordering::Less,
            (_, Empty) => Ordering::Greater,
            (Money(a), Money(b)) => a.cmp(b),
            (Int(a), Int(b)) => a.cmp(b),
            (Date(a), Date(b)) => a.cmp(b),
            (a, b) => a.plain().to_lowercase().cmp(&b.plain().to_lowercase()),
        }
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn opt_text(s: &Option<String>) -> Value {
    s.as_ref().map_or(Value::Empty, |s| Value::Text(s.clone()))
}

fn opt_money(m: Option<Money>) -> Value {
    m.map_or(Value::Empty, Value::Money)
}

fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map_or(Value::Empty, Value::Date)
}

fn yes_no(b: bool) -> Value {
    text(if b { "yes" } else { "no" })
}

/// A column of a list: its title, width on screen, and whether figures align right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub title: &'static str,
    pub width: u16,
    pub right: bool,
}

const fn col(title: &'static str, width: u16) -> Column {
    Column { title, width, right: false }
}
const fn num(title: &'static str, width: u16) -> Column {
    Column { title, width, right: true }
}

/// The columns of a pane's list.
pub fn columns(pane: Pane) -> &'static [Column] {
    match pane {
        Pane::Today => {
            const { &[col("What", 18), col("Account", 8), col("Name", 22), col("Date", 10), col("Detail", 80)] }
        }
        Pane::Accounts => {
            const {
                &[
                    col("Account", 8),
                    col("Name", 26),
                    col("Status", 9),
                    col("Terms", 6),
                    num("Limit", 12),
                    num("Balance", 13),
                    num("Oldest", 6),
                    col("Flags", 24),
                ]
            }
        }
        Pane::Invoices => {
            const {
                &[
                    col("Document", 18),
                    col("Account", 8),
                    col("Kind", 13),
                    col("Date", 10),
                    col("Due", 10),
                    num("Amount", 12),
                    num("Outstanding", 12),
                    num("Days", 5),
                    col("Bucket", 7),
                    num("Interest", 9),
                    col("Disp", 4),
                ]
            }
        }
        Pane::Collections => {
            const {
                &[
                    col("Account", 8),
                    col("Name", 24),
                    num("Past 60 days", 13),
                    num("Oldest", 6),
                    num("Balance", 13),
                    col("Agency", 20),
                    col("Placed", 10),
                    num("Placed amt", 12),
                    col("Disp", 4),
                ]
            }
        }
        Pane::ReturnedChecks => {
            const {
                &[
                    col("Payment", 12),
                    col("Account", 8),
                    num("Check amt", 12),
                    col("Returned", 10),
                    num("Fee", 8),
                    col("Waived", 6),
                    col("By", 10),
                    col("Reason", 30),
                ]
            }
        }
        Pane::Repairs => {
            const {
                &[
                    col("Ticket", 8),
                    col("Account", 8),
                    col("Item", 22),
                    col("Status", 22),
                    col("Big", 3),
                    num("Handling", 9),
                    num("Freight", 9),
                    num("Ins.", 7),
                    num("Mfr", 9),
                    num("Total", 10),
                    col("Opened", 10),
                ]
            }
        }
        Pane::Rmas => {
            const {
                &[
                    col("RMA", 10),
                    col("Account", 8),
                    col("Invoice", 15),
                    col("Inv. date", 10),
                    col("Issued", 10),
                    col("Status", 8),
                    num("Lines", 5),
                    num("Value", 10),
                    num("Rest.%", 6),
                    num("Restocking", 10),
                    num("Credit", 10),
                    col("Received", 10),
                ]
            }
        }
        // The last column takes the rest of the width (`ui::panes::audit`).
        Pane::Audit => {
            const {
                &[
                    col("Time", 19),
                    col("Operator", 10),
                    col("Action", 8),
                    col("Entity", 17),
                    col("Key", 12),
                    col("Account", 8),
                    col("Before → after", 10),
                ]
            }
        }
        Pane::Privacy => {
            const {
                &[
                    num("#", 4),
                    col("Kind", 17),
                    col("Account", 8),
                    col("Requester", 20),
                    col("Received", 10),
                    col("Due", 10),
                    col("Status", 9),
                    col("Deadline", 14),
                    col("Verified", 20),
                ]
            }
        }
        Pane::Overview => {
            const {
                &[
                    col("Month end", 10),
                    num("Receivables", 16),
                    num("Past 60 days", 16),
                    num("DSO", 7),
                    num("Sales, 90 days", 16),
                ]
            }
        }
    }
}

/// Flags of an account in words: COLL (collections), HOLD (credit hold), OVER (over the
/// credit limit), CERT (tax exemption certificate missing or expired), DISP (a disputed
/// charge).
pub fn flags(a: &crate::read::snapshot::AccountSummary) -> String {
    let mut out = Vec::new();
    if a.collections {
        out.push("COLL");
    }
    if a.hold.is_some() {
        out.push("HOLD");
    }
    if a.over_limit {
        out.push("OVER");
    }
    if a.exemption_warning {
        out.push("CERT");
    }
    if a.disputed {
        out.push("DISP");
    }
    out.join(" ")
}

/// `before → after`, one line.
pub fn change(before: Option<&str>, after: Option<&str>) -> String {
    match (before, after) {
        (None, None) => String::new(),
        (None, Some(a)) => format!("→ {a}"),
        (Some(b), None) => format!("{b} →"),
        (Some(b), Some(a)) => format!("{b} → {a}"),
    }
}

/// The cells of row `i` of `pane`, as of `as_of`.
pub fn cells(s: &Snapshot, pane: Pane, i: usize, as_of: NaiveDate) -> Vec<Value> {
    match pane {
        Pane::Today => {
            let l = &s.today[i];
            let name = s.account_index(&l.account_no).map_or(String::new(), |a| s.accounts[a].name.clone());
            vec![text(l.kind.as_str()), text(&l.account_no), text(name), Value::Date(l.date), text(&l.detail)]
        }
        Pane::Accounts => {
            let a = &s.accounts[i];
            vec![
                text(&a.account_no),
                text(&a.name),
                text(a.status.as_str()),
                text(a.terms.as_str()),
                Value::Money(a.credit_limit),
                Value::Money(a.balance),
                a.oldest_days.filter(|d| *d > 0).map_or(Value::Empty, Value::Int),
                text(flags(a)),
            ]
        }
        Pane::Invoices => {
            let c = &s.charges[i];
            let late = c.days_past_due > COLLECTIONS_AFTER_DAYS;
            vec![
                text(&c.doc_no),
                text(&c.account_no),
                text(c.kind.as_str()),
                Value::Date(c.date),
                Value::Date(c.due),
                Value::Money(c.amount),
                Value::Money(c.outstanding),
                Value::Int(c.days_past_due),
                text(if late { format!("{}!", c.bucket) } else { c.bucket.to_string() }),
                Value::Money(c.interest),
                if c.disputed { text("DISP") } else { Value::Empty },
            ]
        }
        Pane::Collections => {
            let a = &s.accounts[s.collections[i]];
            let p = s.placements.get(&a.account_no);
            vec![
                text(&a.account_no),
                text(&a.name),
                Value::Money(a.past_60),
                a.oldest_days.map_or(Value::Empty, Value::Int),
                Value::Money(a.balance),
                text(p.map_or("—".into(), |p| p.agency.clone())),
                opt_date(p.map(|p| p.placed_on)),
                opt_money(p.map(|p| p.amount)),
                if a.disputed { text("DISP") } else { Value::Empty },
            ]
        }
        Pane::ReturnedChecks => {
            let r = &s.returned_checks[i];
            vec![
                text(&r.payment_ref),
                text(&r.account_no),
                Value::Money(r.check_amount),
                Value::Date(r.returned_date),
                Value::Money(r.fee),
                yes_no(r.fee_waived),
                opt_text(&r.waived_by),
                opt_text(&r.waiver_reason),
            ]
        }
        Pane::Repairs => {
            let t = &s.tickets[i];
            let c = &t.charges;
            vec![
                text(&t.ticket_no),
                text(&t.account_no),
                text(format!("{} {}", t.manufacturer, t.model)),
                text(t.status.to_string()),
                yes_no(c.oversized),
                if c.handling_fee_waived { text("waived") } else { Value::Money(c.handling_fee()) },
                Value::Money(c.freight_in + c.freight_out),
                Value::Money(c.insurance),
                Value::Money(c.manufacturer_charge),
                Value::Money(c.total()),
                Value::Date(t.opened_on),
            ]
        }
        Pane::Rmas => {
            let r = &s.rmas[i];
            vec![
                text(&r.rma_no),
                text(&r.account_no),
                text(&r.invoice),
                Value::Date(r.invoice_date),
                Value::Date(r.issued_on),
                text(r.status.to_string()),
                Value::Int(r.lines.len() as i64),
                Value::Money(r.value),
                text(r.restocking_pct.to_string()),
                opt_money(r.restocking.map(|x| x + r.vendor_fees.unwrap_or_default())),
                opt_money(r.credit),
                opt_date(r.received_on),
            ]
        }
        Pane::Audit => {
            let a = &s.audit[i];
            vec![
                text(a.at.get(..19).unwrap_or(&a.at).replace('T', " ")),
                text(&a.operator),
                text(&a.action),
                text(&a.entity),
                opt_text(&a.entity_key),
                opt_text(&a.account_no),
                text(change(a.before.as_deref(), a.after.as_deref())),
            ]
        }
        Pane::Privacy => {
            let r = &s.privacy[i];
            vec![
                Value::Int(r.id),
                text(r.kind.to_string()),
                text(&r.account_no),
                text(&r.requester),
                Value::Date(r.received_on),
                Value::Date(r.due_on),
                text(r.status.to_string()),
                text(privacy_marker(r, as_of)),
                opt_text(&r.verified_how),
            ]
        }
        Pane::Overview => {
            // The newest month end first.
            let p = &s.trend[s.trend.len() - 1 - i];
            vec![
                Value::Date(p.month_end),
                Value::Money(p.total),
                Value::Money(p.past_60),
                p.dso.map_or(Value::Empty, |d| text(d.to_string())),
                Value::Money(p.sales_90),
            ]
        }
    }
}

/// The marker of a privacy request as of a day: readable without color.
pub fn privacy_marker(r: &crate::domain::privacy::PrivacyRequest, as_of: NaiveDate) -> String {
    use crate::domain::privacy::Urgency;
    let left = (r.due_on - as_of).num_days();
    match r.urgency(as_of) {
        Urgency::Overdue => format!("!! OVERDUE {}d", -left),
        Urgency::DueSoon => format!("! DUE IN {left}d"),
        Urgency::OnTime => format!("{left}d left"),
        Urgency::Closed => String::new(),
    }
}

/// The rows of `pane` in the order of `sort` (stable: ties keep the pane's order).
pub fn sorted_rows(s: &Snapshot, pane: Pane, rows: usize, sort: super::state::Sort, as_of: NaiveDate) -> Vec<usize> {
    let keys: Vec<Value> =
        (0..rows).map(|i| cells(s, pane, i, as_of).into_iter().nth(sort.column).unwrap_or(Value::Empty)).collect();
    let mut order: Vec<usize> = (0..rows).collect();
    order.sort_by(|a, b| {
        let o = keys[*a].order(&keys[*b]);
        if sort.descending {
            o.reverse()
        } else {
            o
        }
    });
    order
}

/// What the pane shows, filter and sort applied, as CSV: the column titles, then each
/// row's cells (amounts as digits, two decimals).
pub fn export_csv(app: &App) -> Option<(usize, String)> {
    let s = app.snapshot.as_ref()?;
    let pane = app.pane;
    let view = app.view();
    let total = view.len(app.rows(pane));
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(columns(pane).iter().map(|c| c.title)).ok()?;
    for pos in 0..total {
        w.write_record(cells(s, pane, view.row(pos), app.as_of).iter().map(Value::plain)).ok()?;
    }
    let bytes = w.into_inner().ok()?;
    Some((total, String::from_utf8(bytes).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_sort_first_amounts_as_numbers_and_text_without_case() {
        let m = |c| Value::Money(Money::from_cents(c));
        assert_eq!(m(99_900).order(&m(100_000)), Ordering::Less, "999.00 before 1,000.00");
        assert_eq!(Value::Empty.order(&m(-5)), Ordering::Less);
        assert_eq!(m(-5).order(&Value::Empty), Ordering::Greater);
        assert_eq!(Value::Int(9).order(&Value::Int(10)), Ordering::Less);
        assert_eq!(text("allied").order(&text("Beacon")), Ordering::Less);
        assert_eq!(text("B").order(&text("a")), Ordering::Greater);
        assert_eq!(Value::Empty.order(&Value::Empty), Ordering::Equal);
    }

    #[test]
    fn amounts_show_grouped_and_export_plain() {
        let v = Value::Money(Money::from_cents(123_456));
        assert_eq!((v.shown(), v.plain()), ("1,234.56".to_string(), "1234.56".to_string()));
        assert_eq!(Value::Empty.shown(), "");
    }
}
