//! `nonstock_items`: nonstock goods received for a customer, awaiting pickup.

use super::db::{params, OptionalExtension};
use super::{date_at, next_number, opt_date, parsed, Store, Tx};
use crate::domain::nonstock::{disposition, pickup_due_on, NonstockItem, NonstockStatus};
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;

const NONSTOCK_COLUMNS: &str = "n.item_no, a.account_no, n.description, n.vendor, n.special_order, n.received_on,
    n.status, n.closed_on, n.fee_doc_no, n.fee_cents, n.decided_by, n.decision_note";

fn nonstock_from_row(r: &super::db::Row<'_>, as_of: NaiveDate) -> super::db::Result<NonstockItem> {
    let received_on = date_at(r, 5)?;
    let special_order: bool = r.get(4)?;
    let status: NonstockStatus = parsed(r, 6, "status")?;
    Ok(NonstockItem {
        item_no: r.get(0)?,
        account_no: r.get(1)?,
        description: r.get(2)?,
        vendor: r.get(3)?,
        special_order,
        received_on,
        due_on: pickup_due_on(received_on),
        disposition: (status == NonstockStatus::AwaitingPickup).then(|| disposition(received_on, special_order, as_of)),
        status,
        closed_on: opt_date(r, 7)?,
        fee_doc_no: r.get(8)?,
        fee: r.get(9)?,
        decided_by: r.get(10)?,
        decision_note: r.get(11)?,
    })
}

/// Items received on or before `as_of`, by number, their disposition as of that day.
pub fn list(store: &Store, as_of: NaiveDate) -> Result<Vec<NonstockItem>> {
    let sql = format!(
        "SELECT {NONSTOCK_COLUMNS} FROM nonstock_items n JOIN accounts a ON a.id = n.account_id
         WHERE n.received_on <= ?1 ORDER BY n.item_no"
    );
    let mut stmt = store.conn.prepare(&sql)?;
    Ok(stmt.query_all([as_of.to_string()], |r| nonstock_from_row(r, as_of))?)
}

/// One item with its id (for the writes that follow), as of a day.
pub fn by_no(store: &Store, item_no: &str, as_of: NaiveDate) -> Result<Option<(i64, NonstockItem)>> {
    let sql = format!(
        "SELECT {NONSTOCK_COLUMNS}, n.id FROM nonstock_items n JOIN accounts a ON a.id = n.account_id WHERE n.item_no = ?1"
    );
    Ok(store.conn.query_row(&sql, [item_no], |r| Ok((r.get(12)?, nonstock_from_row(r, as_of)?))).optional()?)
}

/// The number the next item gets: `NS-000001`, ...
pub fn next_no(store: &Store) -> Result<String> {
    next_number(store, "nonstock_items", "NS")
}

/// An item received, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewItem<'a> {
    pub item_no: &'a str,
    pub account_id: i64,
    pub description: &'a str,
    pub vendor: &'a str,
    pub special_order: bool,
    pub received_on: NaiveDate,
    pub recorded_by: &'a str,
}

/// Writes an item `AWAITING_PICKUP`.
pub fn insert(tx: &Tx<'_>, n: &NewItem<'_>) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO nonstock_items (item_no, account_id, description, vendor, special_order, received_on, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            n.item_no,
            n.account_id,
            n.description,
            n.vendor,
            n.special_order,
            n.received_on.to_string(),
            n.recorded_by
        ],
    )?;
    Ok(())
}

/// How an item's wait ended.
#[derive(Debug, Clone)]
pub struct Closing<'a> {
    pub status: NonstockStatus,
    pub closed_on: NaiveDate,
    pub fee_doc_no: Option<String>,
    pub fee: Option<Money>,
    pub decided_by: Option<&'a str>,
    pub decision_note: Option<String>,
}

pub fn close(tx: &Tx<'_>, item_id: i64, c: &Closing<'_>) -> Result<()> {
    tx.conn.execute(
        "UPDATE nonstock_items SET status = ?1, closed_on = ?2, fee_doc_no = ?3, fee_cents = ?4, decided_by = ?5,
             decision_note = ?6 WHERE id = ?7",
        params![
            c.status.as_str(),
            c.closed_on.to_string(),
            c.fee_doc_no,
            c.fee.map(Money::cents),
            c.decided_by,
            c.decision_note,
            item_id
        ],
    )?;
    Ok(())
}
