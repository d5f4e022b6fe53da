//! `repair_tickets`: repairs sent to the manufacturer and what they cost the customer.

use super::db::{params, OptionalExtension, Row};
use super::{date_at, Store, Tx};
use crate::domain::repairs::{handling_fee, RepairCharges, RepairStatus, Ticket};
use crate::error::Result;
use chrono::NaiveDate;

const TICKET_SELECT: &str = "SELECT t.ticket_no, a.account_no, t.manufacturer, t.model, t.serial, t.fault, t.status,
        t.oversized, t.handling_fee_waived, t.freight_in_cents, t.freight_out_cents, t.insurance_cents,
        t.manufacturer_charge_cents, t.waiver_reason, t.waived_by, t.opened_on, t.closed_on, t.charge_doc_no
     FROM repair_tickets t JOIN accounts a ON a.id = t.account_id";

fn ticket_from_row(r: &Row<'_>) -> super::db::Result<Ticket> {
    let status: String = r.get(6)?;
    Ok(Ticket {
        ticket_no: r.get(0)?,
        account_no: r.get(1)?,
        manufacturer: r.get(2)?,
        model: r.get(3)?,
        serial: r.get(4)?,
        fault: r.get(5)?,
        status: status.parse().map_err(|_| {
            rusqlite::Error::InvalidColumnType(6, format!("status {status:?}"), rusqlite::types::Type::Text)
        })?,
        charges: RepairCharges {
            oversized: r.get(7)?,
            handling_fee_waived: r.get(8)?,
            freight_in: r.get(9)?,
            freight_out: r.get(10)?,
            insurance: r.get(11)?,
            manufacturer_charge: r.get(12)?,
        },
        waiver_reason: r.get(13)?,
        waived_by: r.get(14)?,
        opened_on: date_at(r, 15)?,
        closed_on: match r.get_ref(16)? {
            super::db::ValueRef::Null => None,
            _ => Some(date_at(r, 16)?),
        },
        charge_doc_no: r.get(17)?,
    })
}

/// Every ticket: open ones first, then by ticket number.
pub fn all(store: &Store) -> Result<Vec<Ticket>> {
    let mut stmt = store
        .conn
        .prepare(&format!("{TICKET_SELECT} ORDER BY t.status IN ('CLOSED', 'CANCELLED'), t.opened_on, t.ticket_no"))?;
    Ok(stmt.query_all((), ticket_from_row)?)
}

pub fn by_no(store: &Store, ticket_no: &str) -> Result<Option<Ticket>> {
    Ok(store
        .conn
        .prepare_cached(&format!("{TICKET_SELECT} WHERE t.ticket_no = ?1"))?
        .query_row([ticket_no], ticket_from_row)
        .optional()?)
}

/// A ticket being opened, its fields checked.
#[derive(Debug, Clone, Copy)]
pub struct NewTicket<'a> {
    pub ticket_no: &'a str,
    pub account_id: i64,
    pub manufacturer: &'a str,
    pub model: &'a str,
    pub serial: &'a str,
    pub fault: &'a str,
    pub oversized: bool,
    pub opened_on: NaiveDate,
}

/// Writes a `RECEIVED` ticket carrying the handling fee its size calls for.
pub fn insert(tx: &Tx<'_>, t: &NewTicket<'_>) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO repair_tickets (ticket_no, account_id, manufacturer, model, serial, fault, oversized,
                                     handling_fee_cents, opened_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            t.ticket_no,
            t.account_id,
            t.manufacturer,
            t.model,
            t.serial,
            t.fault,
            t.oversized,
            handling_fee(t.oversized).cents(),
            t.opened_on.to_string()
        ],
    )?;
    Ok(())
}

pub fn set_status(tx: &Tx<'_>, ticket_no: &str, status: RepairStatus) -> Result<()> {
    tx.conn
        .execute("UPDATE repair_tickets SET status = ?1 WHERE ticket_no = ?2", params![status.as_str(), ticket_no])?;
    Ok(())
}

/// The oversized flag (and the handling fee it calls for) and the chargeable items.
pub fn set_charges(tx: &Tx<'_>, ticket_no: &str, charges: &RepairCharges) -> Result<()> {
    tx.conn.execute(
        "UPDATE repair_tickets SET oversized = ?1, handling_fee_cents = ?2, freight_in_cents = ?3,
                freight_out_cents = ?4, insurance_cents = ?5, manufacturer_charge_cents = ?6
         WHERE ticket_no = ?7",
        params![
            charges.oversized,
            handling_fee(charges.oversized).cents(),
            charges.freight_in.cents(),
            charges.freight_out.cents(),
            charges.insurance.cents(),
            charges.manufacturer_charge.cents(),
            ticket_no
        ],
    )?;
    Ok(())
}

pub fn waive_handling_fee(tx: &Tx<'_>, ticket_no: &str, reason: &str, waived_by: &str) -> Result<()> {
    tx.conn.execute(
        "UPDATE repair_tickets SET handling_fee_waived = 1, waiver_reason = ?1, waived_by = ?2 WHERE ticket_no = ?3",
        params![reason, waived_by, ticket_no],
    )?;
    Ok(())
}

/// Closes a ticket on a day, naming the charge it posted, if any.
pub fn close(tx: &Tx<'_>, ticket_no: &str, closed_on: NaiveDate, charge_doc_no: Option<&str>) -> Result<()> {
    tx.conn.execute(
        "UPDATE repair_tickets SET status = 'CLOSED', closed_on = ?1, charge_doc_no = ?2 WHERE ticket_no = ?3",
        params![closed_on.to_string(), charge_doc_no, ticket_no],
    )?;
    Ok(())
}

/// Cancels a ticket (RULES 10): `CANCELLED` on `on`, by whom and why; nothing charged.
pub fn cancel(tx: &Tx<'_>, ticket_no: &str, on: NaiveDate, by: &str, reason: &str) -> Result<()> {
    tx.conn.execute(
        "UPDATE repair_tickets SET status = 'CANCELLED', closed_on = ?2, cancelled_by = ?3, cancel_reason = ?4
         WHERE ticket_no = ?1",
        params![ticket_no, on.to_string(), by, reason],
    )?;
    Ok(())
}
