//! Every list as a table: its columns, and the typed cells of each row. One model feeds
//! the drawing (`ui::panes`), the sort by any column, and the export of what is shown
//! to CSV, so the three never disagree.

use super::snapshot::Snapshot;
use super::{App, Pane};
use crate::domain::aging::COLLECTIONS_AFTER_DAYS;
use crate::domain::collections::Placement;
use crate::domain::trend::TrendPoint;
use crate::domain::Money;
use crate::read::AuditLine;
use chrono::NaiveDate;

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

/// What the rows of the lists are read from: the snapshot, and the page of the audit
/// log the Audit pane holds (read by key, apart from the snapshot). It reads as the
/// snapshot itself.
#[derive(Clone, Copy)]
pub struct Rows<'a> {
    pub snapshot: &'a Snapshot,
    pub audit: &'a [AuditLine],
}

impl std::ops::Deref for Rows<'_> {
    type Target = Snapshot;
    fn deref(&self) -> &Snapshot {
        self.snapshot
    }
}

impl App {
    /// The rows of the lists, when a snapshot is there.
    pub fn list_rows(&self) -> Option<Rows<'_>> {
        Some(Rows { snapshot: self.snapshot.as_ref()?, audit: &self.audit.lines })
    }
}

/// A cell of a row: from the rows, the row's index and the as-of day.
pub type Cell = fn(&Rows<'_>, usize, NaiveDate) -> Value;

/// A column of a list: its title, its usual width on screen, whether figures align
/// right, the cell it shows of each row, and how it fits (`ui::list::layout`): shown
/// whole, at least `width` wide (an amount, a date, a code is never cut), or, `flex`,
/// text that may be shortened and takes the room left; `keep` orders which columns give
/// way when the terminal is too narrow (the lowest first; 0 never).
#[derive(Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub width: u16,
    pub right: bool,
    pub flex: bool,
    pub keep: u8,
    pub cell: Cell,
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Column({})", self.title)
    }
}

/// Codes, dates or words, shown whole.
const fn col(title: &'static str, keep: u8, cell: Cell) -> Column {
    Column { title, width: 0, right: false, flex: false, keep, cell }
}
/// Amounts or counts, right-aligned, shown whole, at least `width` wide.
const fn num(title: &'static str, width: u16, keep: u8, cell: Cell) -> Column {
    Column { title, width, right: true, flex: false, keep, cell }
}
/// Names, references, reasons: at least `width` wide, whole when there is room.
const fn flex(title: &'static str, width: u16, keep: u8, cell: Cell) -> Column {
    Column { title, width, right: false, flex: true, keep, cell }
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

fn disp(disputed: bool) -> Value {
    if disputed {
        text("DISP")
    } else {
        Value::Empty
    }
}

const TODAY: &[Column] = &[
    col("What", 0, |s, i, _| text(s.today[i].kind.as_str())),
    col("Account", 0, |s, i, _| text(&s.today[i].account_no)),
    flex("Name", 10, 1, |s, i, _| {
        s.account_index(&s.today[i].account_no).map_or(Value::Empty, |a| text(&s.accounts[a].name))
    }),
    col("Date", 2, |s, i, _| Value::Date(s.today[i].date)),
    flex("Detail", 20, 0, |s, i, _| text(&s.today[i].detail)),
];

const ACCOUNTS: &[Column] = &[
    col("Account", 0, |s, i, _| text(&s.accounts[i].account_no)),
    flex("Name", 12, 4, |s, i, _| text(&s.accounts[i].name)),
    col("Status", 2, |s, i, _| text(s.accounts[i].status.as_str())),
    col("Terms", 1, |s, i, _| text(s.accounts[i].terms.as_str())),
    num("Limit", 12, 3, |s, i, _| Value::Money(s.accounts[i].credit_limit)),
    num("Balance", 13, 0, |s, i, _| Value::Money(s.accounts[i].balance)),
    num("Oldest", 6, 5, |s, i, _| s.accounts[i].oldest_days.filter(|d| *d > 0).map_or(Value::Empty, Value::Int)),
    col("Flags", 6, |s, i, _| text(flags(&s.accounts[i]))),
];

const INVOICES: &[Column] = &[
    flex("Document", 16, 0, |s, i, _| text(&s.charges[i].doc_no)),
    col("Account", 8, |s, i, _| text(&s.charges[i].account_no)),
    col("Kind", 1, |s, i, _| text(s.charges[i].kind.as_str())),
    col("Date", 4, |s, i, _| Value::Date(s.charges[i].date)),
    col("Due", 7, |s, i, _| Value::Date(s.charges[i].due)),
    num("Amount", 10, 5, |s, i, _| Value::Money(s.charges[i].amount)),
    num("Outstanding", 11, 0, |s, i, _| Value::Money(s.charges[i].outstanding)),
    num("Days", 5, 6, |s, i, _| Value::Int(s.charges[i].days_past_due)),
    col("Bucket", 3, |s, i, _| {
        let c = &s.charges[i];
        text(if c.days_past_due > COLLECTIONS_AFTER_DAYS { format!("{}!", c.bucket) } else { c.bucket.to_string() })
    }),
    num("Interest", 8, 2, |s, i, _| Value::Money(s.charges[i].interest)),
    col("Disp", 4, |s, i, _| disp(s.charges[i].disputed)),
];

/// The account of row `i` of Collections, and its agency placement if any.
fn flagged(s: &Snapshot, i: usize) -> (&crate::read::snapshot::AccountSummary, Option<&Placement>) {
    let a = &s.accounts[s.collections[i]];
    (a, s.placements.get(&a.account_no))
}

const COLLECTIONS: &[Column] = &[
    col("Account", 0, |s, i, _| text(&flagged(s, i).0.account_no)),
    flex("Name", 10, 5, |s, i, _| text(&flagged(s, i).0.name)),
    num("Past 60 days", 13, 0, |s, i, _| Value::Money(flagged(s, i).0.past_60)),
    num("Oldest", 6, 4, |s, i, _| flagged(s, i).0.oldest_days.map_or(Value::Empty, Value::Int)),
    num("Balance", 13, 6, |s, i, _| Value::Money(flagged(s, i).0.balance)),
    flex("Agency", 8, 3, |s, i, _| text(flagged(s, i).1.map_or("—".into(), |p| p.agency.clone()))),
    col("Placed", 1, |s, i, _| opt_date(flagged(s, i).1.map(|p| p.placed_on))),
    num("Placed amt", 12, 2, |s, i, _| opt_money(flagged(s, i).1.map(|p| p.amount))),
    col("Disp", 7, |s, i, _| disp(flagged(s, i).0.disputed)),
];

const RETURNED_CHECKS: &[Column] = &[
    flex("Payment", 8, 0, |s, i, _| text(&s.returned_checks[i].payment_ref)),
    col("Account", 9, |s, i, _| text(&s.returned_checks[i].account_no)),
    num("Check amt", 12, 8, |s, i, _| Value::Money(s.returned_checks[i].check_amount)),
    col("Returned", 7, |s, i, _| Value::Date(s.returned_checks[i].returned_date)),
    num("Fee", 8, 6, |s, i, _| Value::Money(s.returned_checks[i].fee)),
    col("Waived", 3, |s, i, _| yes_no(s.returned_checks[i].fee_waived)),
    flex("By", 6, 2, |s, i, _| opt_text(&s.returned_checks[i].waived_by)),
    flex("Reason", 10, 4, |s, i, _| opt_text(&s.returned_checks[i].waiver_reason)),
];

const REPAIRS: &[Column] = &[
    col("Ticket", 0, |s, i, _| text(&s.tickets[i].ticket_no)),
    col("Account", 9, |s, i, _| text(&s.tickets[i].account_no)),
    flex("Item", 10, 6, |s, i, _| text(format!("{} {}", s.tickets[i].manufacturer, s.tickets[i].model))),
    col("Status", 8, |s, i, _| text(s.tickets[i].status.to_string())),
    col("Big", 1, |s, i, _| yes_no(s.tickets[i].charges.oversized)),
    num("Handling", 9, 3, |s, i, _| {
        let c = &s.tickets[i].charges;
        if c.handling_fee_waived {
            text("waived")
        } else {
            Value::Money(c.handling_fee())
        }
    }),
    num("Freight", 9, 2, |s, i, _| Value::Money(s.tickets[i].charges.freight_in + s.tickets[i].charges.freight_out)),
    num("Ins.", 7, 2, |s, i, _| Value::Money(s.tickets[i].charges.insurance)),
    num("Mfr", 9, 2, |s, i, _| Value::Money(s.tickets[i].charges.manufacturer_charge)),
    num("Total", 10, 0, |s, i, _| Value::Money(s.tickets[i].charges.total())),
    col("Opened", 4, |s, i, _| Value::Date(s.tickets[i].opened_on)),
];

const RMAS: &[Column] = &[
    col("RMA", 0, |s, i, _| text(&s.rmas[i].rma_no)),
    col("Account", 9, |s, i, _| text(&s.rmas[i].account_no)),
    flex("Invoice", 8, 5, |s, i, _| text(&s.rmas[i].invoice)),
    col("Inv. date", 1, |s, i, _| Value::Date(s.rmas[i].invoice_date)),
    col("Issued", 4, |s, i, _| Value::Date(s.rmas[i].issued_on)),
    col("Status", 8, |s, i, _| text(s.rmas[i].status.to_string())),
    num("Lines", 5, 2, |s, i, _| Value::Int(s.rmas[i].lines.len() as i64)),
    num("Value", 10, 7, |s, i, _| Value::Money(s.rmas[i].value)),
    num("Rest.%", 6, 1, |s, i, _| text(s.rmas[i].restocking_pct.to_string())),
    num("Restocking", 10, 3, |s, i, _| {
        let r = &s.rmas[i];
        opt_money(r.restocking.map(|x| x + r.vendor_fees.unwrap_or_default()))
    }),
    num("Credit", 10, 6, |s, i, _| opt_money(s.rmas[i].credit)),
    col("Received", 3, |s, i, _| opt_date(s.rmas[i].received_on)),
];

const AUDIT: &[Column] = &[
    col("Time", 0, |s, i, _| text(s.audit[i].at.get(..19).unwrap_or(&s.audit[i].at).replace('T', " "))),
    flex("Operator", 6, 6, |s, i, _| text(&s.audit[i].operator)),
    col("Action", 8, |s, i, _| text(&s.audit[i].action)),
    flex("Entity", 8, 5, |s, i, _| text(&s.audit[i].entity)),
    flex("Key", 8, 4, |s, i, _| opt_text(&s.audit[i].entity_key)),
    col("Account", 7, |s, i, _| opt_text(&s.audit[i].account_no)),
    flex("Before → after", 10, 3, |s, i, _| text(change(s.audit[i].before.as_deref(), s.audit[i].after.as_deref()))),
];

const PRIVACY: &[Column] = &[
    num("#", 4, 0, |s, i, _| Value::Int(s.privacy[i].id)),
    col("Kind", 5, |s, i, _| text(s.privacy[i].kind.to_string())),
    col("Account", 8, |s, i, _| text(&s.privacy[i].account_no)),
    flex("Requester", 8, 4, |s, i, _| text(&s.privacy[i].requester)),
    col("Received", 2, |s, i, _| Value::Date(s.privacy[i].received_on)),
    col("Due", 7, |s, i, _| Value::Date(s.privacy[i].due_on)),
    col("Status", 6, |s, i, _| text(s.privacy[i].status.to_string())),
    col("Deadline", 9, |s, i, as_of| text(privacy_marker(&s.privacy[i], as_of))),
    flex("Verified", 6, 1, |s, i, _| opt_text(&s.privacy[i].verified_how)),
];

/// The month end of row `i` of Overview: the newest first.
fn month(s: &Snapshot, i: usize) -> &TrendPoint {
    &s.trend[s.trend.len() - 1 - i]
}

const OVERVIEW: &[Column] = &[
    col("Month end", 0, |s, i, _| Value::Date(month(s, i).month_end)),
    num("Receivables", 16, 0, |s, i, _| Value::Money(month(s, i).total)),
    num("Past 60 days", 16, 0, |s, i, _| Value::Money(month(s, i).past_60)),
    num("DSO", 7, 2, |s, i, _| month(s, i).dso.map_or(Value::Empty, |d| text(d.to_string()))),
    num("Sales, 90 days", 16, 1, |s, i, _| Value::Money(month(s, i).sales_90)),
];

/// The columns of a pane's list.
pub fn columns(pane: Pane) -> &'static [Column] {
    match pane {
        Pane::Today => TODAY,
        Pane::Accounts => ACCOUNTS,
        Pane::Invoices => INVOICES,
        Pane::Collections => COLLECTIONS,
        Pane::ReturnedChecks => RETURNED_CHECKS,
        Pane::Repairs => REPAIRS,
        Pane::Rmas => RMAS,
        Pane::Audit => AUDIT,
        Pane::Privacy => PRIVACY,
        Pane::Overview => OVERVIEW,
    }
}

/// The cells of row `i` of `pane`, as of `as_of`.
pub fn cells(s: &Rows<'_>, pane: Pane, i: usize, as_of: NaiveDate) -> Vec<Value> {
    columns(pane).iter().map(|c| (c.cell)(s, i, as_of)).collect()
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

/// A cell as the sort compares it: blank first, then figures, days, text ignoring case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Blank,
    Number(i64),
    Day(NaiveDate),
    Text(String),
}

impl Value {
    fn sort_key(self) -> SortKey {
        match self {
            Value::Empty => SortKey::Blank,
            Value::Money(m) => SortKey::Number(m.cents()),
            Value::Int(i) => SortKey::Number(i),
            Value::Date(d) => SortKey::Day(d),
            Value::Text(t) => SortKey::Text(t.to_lowercase()),
        }
    }
}

/// The rows of `pane` in the order of `sort` (stable: ties keep the pane's order). Only
/// the sorted column is read, once per row.
pub fn sorted_rows(s: &Rows<'_>, pane: Pane, rows: usize, sort: super::state::Sort, as_of: NaiveDate) -> Vec<usize> {
    let Some(column) = columns(pane).get(sort.column) else { return (0..rows).collect() };
    let keys: Vec<SortKey> = (0..rows).map(|i| (column.cell)(s, i, as_of).sort_key()).collect();
    let mut order: Vec<usize> = (0..rows).collect();
    order.sort_by(|a, b| {
        let o = keys[*a].cmp(&keys[*b]);
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
    let s = app.list_rows()?;
    let pane = app.pane;
    let view = app.view();
    let total = view.len(app.rows(pane));
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(columns(pane).iter().map(|c| c.title)).ok()?;
    for pos in 0..total {
        w.write_record(cells(&s, pane, view.row(pos), app.as_of).iter().map(Value::plain)).ok()?;
    }
    let bytes = w.into_inner().ok()?;
    Some((total, String::from_utf8(bytes).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_sort_first_amounts_as_numbers_and_text_without_case() {
        let m = |c| Value::Money(Money::from_cents(c)).sort_key();
        assert!(m(99_900) < m(100_000), "999.00 before 1,000.00");
        assert!(Value::Empty.sort_key() < m(-5));
        assert!(m(-5) > Value::Empty.sort_key());
        assert!(Value::Int(9).sort_key() < Value::Int(10).sort_key());
        assert!(text("allied").sort_key() < text("Beacon").sort_key());
        assert!(text("B").sort_key() > text("a").sort_key());
        assert_eq!(Value::Empty.sort_key(), SortKey::Blank);
        let d = |s| Value::Date(crate::domain::dates::parse_iso(s).unwrap()).sort_key();
        assert!(d("2026-01-31") < d("2026-02-01"));
    }

    #[test]
    fn amounts_show_grouped_and_export_plain() {
        let v = Value::Money(Money::from_cents(123_456));
        assert_eq!((v.shown(), v.plain()), ("1,234.56".to_string(), "1234.56".to_string()));
        assert_eq!(Value::Empty.shown(), "");
    }
}
