//! `rmas` and `rma_lines`: returns under a return merchandise authorization.

use super::db::{params, OptionalExtension};
use super::{date_at, next_number, opt_date, parsed, Store, Tx};
use crate::domain::returns::{rma_label, ReturnLine, Rma, RmaLineView, RmaStatus, DEFAULT_RESTOCKING_PCT};
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

const RMA_SELECT: &str = "SELECT r.id, r.rma_no, a.account_no, r.invoice_doc_no, r.invoice_date, r.issued_on,
    r.manufacturer_approval, r.restocking_pct, r.status, r.received_on, r.value_cents, r.restocking_cents,
    r.vendor_fees_cents, r.credit_cents, r.credit_ref, r.issued_by, r.received_by
    FROM rmas r JOIN accounts a ON a.id = r.account_id";

fn rma_from_row(r: &super::db::Row<'_>) -> super::db::Result<(i64, Rma)> {
    let rma_no: String = r.get(1)?;
    let invoice: String = r.get(3)?;
    let invoice_date = date_at(r, 4)?;
    let pct: String = r.get(7)?;
    Ok((
        r.get(0)?,
        Rma {
            label: rma_label(&rma_no, &invoice, invoice_date),
            rma_no,
            account_no: r.get(2)?,
            invoice,
            invoice_date,
            issued_on: date_at(r, 5)?,
            manufacturer_approval: r.get(6)?,
            restocking_pct: Decimal::from_str(&pct).unwrap_or(DEFAULT_RESTOCKING_PCT),
            status: parsed::<RmaStatus>(r, 8, "status")?,
            received_on: opt_date(r, 9)?,
            value: r.get(10)?,
            restocking: r.get(11)?,
            vendor_fees: r.get(12)?,
            credit: r.get(13)?,
            credit_ref: r.get(14)?,
            issued_by: r.get(15)?,
            received_by: r.get(16)?,
            lines: Vec::new(),
        },
    ))
}

fn lines(store: &Store, rma_id: i64) -> Result<Vec<RmaLineView>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT line_no, item, value_cents, class, installed, vendor_restock_cents, vendor_freight_cents
         FROM rma_lines WHERE rma_id = ?1 ORDER BY line_no",
    )?;
    Ok(stmt.query_all([rma_id], |r| {
        let class: String = r.get(3)?;
        Ok(RmaLineView {
            line_no: r.get(0)?,
            line: ReturnLine {
                item: r.get(1)?,
                value: r.get(2)?,
                class: class.parse().unwrap_or_default(),
                installed: r.get(4)?,
                vendor_restocking: r.get(5)?,
                vendor_freight: r.get(6)?,
            },
        })
    })?)
}

/// RMAs by number; filtered by account and status (as stored: `ISSUED`, `RECEIVED`)
/// when given.
pub fn list(store: &Store, account_no: Option<&str>, status: Option<&str>) -> Result<Vec<Rma>> {
    let sql = format!(
        "{RMA_SELECT} WHERE (?1 IS NULL OR a.account_no = ?1) AND (?2 IS NULL OR r.status = ?2) ORDER BY r.rma_no"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    let found: Vec<(i64, Rma)> = stmt.query_all(params![account_no, status], rma_from_row)?;
    found
        .into_iter()
        .map(|(id, mut rma)| {
            rma.lines = lines(store, id)?;
            Ok(rma)
        })
        .collect()
}

/// One RMA with its id (for the writes that follow).
pub fn by_no(store: &Store, rma_no: &str) -> Result<Option<(i64, Rma)>> {
    let sql = format!("{RMA_SELECT} WHERE r.rma_no = ?1");
    let Some((id, mut rma)) = store.conn.query_row(&sql, [rma_no], rma_from_row).optional()? else {
        return Ok(None);
    };
    rma.lines = lines(store, id)?;
    Ok(Some((id, rma)))
}

/// Value of the invoice already under an RMA or a claim: a return cannot exceed the sale.
pub fn value_under_return(store: &Store, invoice_doc_no: &str) -> Result<Money> {
    Ok(store.conn.query_row(
        "SELECT (SELECT coalesce(sum(value_cents), 0) FROM rmas WHERE invoice_doc_no = ?1)
              + (SELECT coalesce(sum(value_cents), 0) FROM claims WHERE invoice_doc_no = ?1)",
        [invoice_doc_no],
        |r| r.get(0),
    )?)
}

/// The number the next RMA gets: `RMA-000001`, ...
pub fn next_no(store: &Store) -> Result<String> {
    next_number(store, "rmas", "RMA")
}

/// An RMA being issued, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewRma<'a> {
    pub rma_no: &'a str,
    pub account_id: i64,
    pub invoice_doc_no: &'a str,
    pub invoice_date: NaiveDate,
    pub issued_on: NaiveDate,
    pub manufacturer_approval: Option<&'a str>,
    pub restocking_pct: Decimal,
    pub value: Money,
    pub issued_by: &'a str,
}

/// Writes an `ISSUED` RMA and its lines (numbered from 1).
pub fn insert(tx: &Tx<'_>, r: &NewRma<'_>, rma_lines: &[ReturnLine]) -> Result<()> {
    let rma_id: i64 = tx.conn.query_row(
        "INSERT INTO rmas (rma_no, account_id, invoice_doc_no, invoice_date, issued_on, manufacturer_approval,
             restocking_pct, value_cents, issued_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         RETURNING id",
        params![
            r.rma_no,
            r.account_id,
            r.invoice_doc_no,
            r.invoice_date.to_string(),
            r.issued_on.to_string(),
            r.manufacturer_approval,
            r.restocking_pct.to_string(),
            r.value.cents(),
            r.issued_by
        ],
        |r| r.get(0),
    )?;
    for (i, l) in rma_lines.iter().enumerate() {
        tx.conn.execute(
            "INSERT INTO rma_lines (rma_id, line_no, item, value_cents, class, installed, vendor_restock_cents,
                 vendor_freight_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                rma_id,
                i as i64 + 1,
                l.item,
                l.value.cents(),
                l.class.as_str(),
                l.installed,
                l.vendor_restocking.cents(),
                l.vendor_freight.cents()
            ],
        )?;
    }
    Ok(())
}

/// What receiving an RMA records.
#[derive(Debug, Clone, Copy)]
pub struct Receipt<'a> {
    pub received_on: NaiveDate,
    pub manufacturer_approval: Option<&'a str>,
    pub restocking: Money,
    pub vendor_fees: Money,
    pub credit: Money,
    pub credit_ref: Option<&'a str>,
    pub received_by: &'a str,
    /// Line numbers found installed on inspection.
    pub installed_lines: &'a [u32],
}

/// Marks the RMA `RECEIVED` with its credit, and the lines found installed.
pub fn receive(tx: &Tx<'_>, rma_id: i64, r: &Receipt<'_>) -> Result<()> {
    tx.conn.execute(
        "UPDATE rmas SET status = 'RECEIVED', received_on = ?1, manufacturer_approval = ?2, restocking_cents = ?3,
             vendor_fees_cents = ?4, credit_cents = ?5, credit_ref = ?6, received_by = ?7 WHERE id = ?8",
        params![
            r.received_on.to_string(),
            r.manufacturer_approval,
            r.restocking.cents(),
            r.vendor_fees.cents(),
            r.credit.cents(),
            r.credit_ref,
            r.received_by,
            rma_id
        ],
    )?;
    for l in r.installed_lines {
        tx.conn.execute("UPDATE rma_lines SET installed = 1 WHERE rma_id = ?1 AND line_no = ?2", params![rma_id, l])?;
    }
    Ok(())
}
