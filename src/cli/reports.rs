//! The reports (RULES.md section 7), with their exact CSV headers: aging, open invoices,
//! returned checks, the audit log and the marketing contact list.

use super::output::{opt_text, stream, Cell, Format, Report};
use crate::domain::AgingRow;
use crate::error::Result;
use crate::read::{OpenCharge, ReturnedCheckLine};
use crate::service::Service;
use crate::store::Store;
use chrono::NaiveDate;
use std::io::Write;

/// The aging report's columns (RULES.md 7).
pub const AGING_COLUMNS: [&str; 10] = [
    "account_no",
    "current",
    "days_1_30",
    "days_31_60",
    "days_61_90",
    "days_over_90",
    "accrued_interest",
    "unapplied_credit",
    "total",
    "collections_flag",
];

/// The invoices report's columns (RULES.md 7).
pub const INVOICES_COLUMNS: [&str; 10] = [
    "doc_no",
    "account_no",
    "kind",
    "date",
    "due_date",
    "amount",
    "outstanding",
    "days_past_due",
    "bucket",
    "interest_accrued",
];

/// Every account with a figure, in account number order, written as it is computed;
/// with `account`, that account's line alone.
pub fn aging(
    store: &Store,
    account: Option<&str>,
    as_of: NaiveDate,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    stream(format, &AGING_COLUMNS, true, out, |row| {
        let mut row = |r: AgingRow| if r.has_any_figure() { row(aging_cells(r)) } else { Ok(()) };
        match account {
            Some(a) => row(crate::read::aging_of(store, a, as_of)?),
            None => crate::read::aging_each(store, as_of, row),
        }
    })
}

/// Every open charge, in the report's order, written as it is computed; with `account`,
/// that account's open charges alone.
pub fn invoices(
    store: &Store,
    account: Option<&str>,
    as_of: NaiveDate,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    stream(format, &INVOICES_COLUMNS, true, out, |row| match account {
        Some(a) => crate::read::open_charges_of(store, a, as_of)?.into_iter().try_for_each(|c| row(invoice_cells(c))),
        None => crate::read::open_charges_each(store, as_of, |c| row(invoice_cells(c))),
    })
}

/// The trend, with a progress line on standard error when it is a terminal.
pub fn trend(service: &Service, as_of: NaiveDate, months: usize, format: Format, out: &mut impl Write) -> Result<()> {
    use std::io::IsTerminal;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let store = service.store();
    let total = crate::store::accounts::count(store)?;
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let points = std::thread::scope(|scope| {
        if std::io::stderr().is_terminal() {
            scope.spawn(|| {
                while !finished.load(Ordering::Relaxed) {
                    eprint!("\rtrend: {} of {total} accounts", done.load(Ordering::Relaxed));
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                eprintln!("\rtrend: {total} of {total} accounts");
            });
        }
        let points = crate::read::trend(store, as_of, months, &done);
        finished.store(true, Ordering::Relaxed);
        points
    })?;
    let report = Report::new(
        &["month_end", "total", "past_60", "dso"],
        points
            .iter()
            .map(|p| {
                let dso = p.dso.map_or(Cell::Empty, |d| Cell::Text(d.to_string()));
                vec![Cell::Date(p.month_end), Cell::Money(p.total), Cell::Money(p.past_60), dso]
            })
            .collect(),
    );
    super::output::list(format, &points, report, out)
}

/// The checks returned on or before `as_of`. The CSV keeps the contract of section 7;
/// the table and JSON also say who waived a fee and why.
pub fn returned_checks(service: &Service, as_of: NaiveDate, format: Format, out: &mut impl Write) -> Result<()> {
    let rows = crate::read::returned_checks(service.store(), as_of)?;
    let mut report = returned_checks_report(&rows);
    if format != Format::Csv {
        report.columns.extend(["waived_by", "waiver_reason"]);
        for (cells, r) in report.rows.iter_mut().zip(&rows) {
            cells.extend([opt_text(&r.waived_by), opt_text(&r.waiver_reason)]);
        }
    }
    report.print(format, out)
}

/// The aging report of rows already computed (`aging` streams the same rows).
pub fn aging_report(rows: &[AgingRow]) -> Report {
    Report::with_totals(&AGING_COLUMNS, rows.iter().filter(|r| r.has_any_figure()).cloned().map(aging_cells).collect())
}

/// The invoices report of rows already computed (`invoices` streams the same rows).
pub fn invoices_report(rows: &[OpenCharge]) -> Report {
    Report::with_totals(&INVOICES_COLUMNS, rows.iter().cloned().map(invoice_cells).collect())
}

pub fn aging_cells(r: AgingRow) -> Vec<Cell> {
    let mut cells = Vec::with_capacity(AGING_COLUMNS.len());
    cells.push(Cell::Text(r.account_no));
    cells.extend(r.buckets.iter().map(|b| Cell::Money(*b)));
    cells.extend([
        Cell::Money(r.accrued_interest),
        Cell::Money(r.unapplied_credit),
        Cell::Money(r.total),
        Cell::Bool(r.collections_flag),
    ]);
    cells
}

pub fn invoice_cells(r: OpenCharge) -> Vec<Cell> {
    vec![
        Cell::Text(r.charge.doc_no.into_string()),
        Cell::Text(r.account_no),
        Cell::Text(r.charge.kind.as_str().into()),
        Cell::Date(r.charge.date),
        Cell::Date(r.charge.due),
        Cell::Money(r.charge.amount),
        Cell::Money(r.charge.outstanding),
        Cell::Int(r.days_past_due),
        Cell::Text(r.bucket.label().into()),
        Cell::Money(r.charge.interest),
    ]
}

pub fn returned_checks_report(rows: &[ReturnedCheckLine]) -> Report {
    Report::with_totals(
        &["payment_ref", "account_no", "check_amount", "returned_date", "fee", "fee_waived"],
        rows.iter()
            .map(|r| {
                vec![
                    Cell::Text(r.payment_ref.clone()),
                    Cell::Text(r.account_no.clone()),
                    Cell::Money(r.check_amount),
                    Cell::Date(r.returned_date),
                    Cell::Money(r.fee),
                    Cell::Bool(r.fee_waived),
                ]
            })
            .collect(),
    )
}

pub fn audit(
    service: &Service,
    account: Option<&str>,
    since: Option<NaiveDate>,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let lines = crate::read::audit_trail(service.store(), account, since)?;
    Report::new(
        &["id", "at", "operator", "action", "entity", "entity_key", "account_no", "before", "after"],
        lines
            .into_iter()
            .map(|l| {
                vec![
                    Cell::Int(l.id),
                    Cell::Text(l.at),
                    Cell::Text(l.operator),
                    Cell::Text(l.action),
                    Cell::Text(l.entity),
                    opt_text(&l.entity_key),
                    opt_text(&l.account_no),
                    opt_text(&l.before),
                    opt_text(&l.after),
                ]
            })
            .collect(),
    )
    .print(format, out)
}

/// The marketing contact list: opted-out and erased accounts are never in it.
pub fn contacts(service: &Service, format: Format, out: &mut impl Write) -> Result<()> {
    Report::new(
        &["account_no", "name", "contact_name", "phone", "email", "address"],
        service
            .marketing_contacts()?
            .into_iter()
            .map(|c| {
                vec![
                    Cell::Text(c.account_no),
                    Cell::Text(c.name),
                    opt_text(&c.contact_name),
                    opt_text(&c.phone),
                    opt_text(&c.email),
                    opt_text(&c.address),
                ]
            })
            .collect(),
    )
    .for_spreadsheets()
    .print(format, out)
}
