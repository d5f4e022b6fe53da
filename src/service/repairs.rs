//! Repair tickets (RULES.md section 3): open, advance, charges, waiver, close.

use super::input::{account, amount_or_zero, date, insert_charge, required};
use super::{audit, Change, Service};
use crate::domain::repairs::{handling_fee, repair_doc_no, RepairCharges, RepairStatus};
use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::store::{self, account_by_no};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::json;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ticket {
    pub ticket_no: String,
    pub account_no: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub fault: String,
    pub status: RepairStatus,
    pub charges: RepairCharges,
    pub waiver_reason: Option<String>,
    pub waived_by: Option<String>,
    pub opened_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub charge_doc_no: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewTicket {
    pub ticket_no: String,
    pub account_no: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub fault: String,
    pub oversized: bool,
    pub opened_on: String,
}

/// The chargeable items of a ticket, as typed (blank = 0.00).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketCharges {
    pub oversized: bool,
    pub freight_in: String,
    pub freight_out: String,
    pub insurance: String,
    pub manufacturer_charge: String,
}

const TICKET_SELECT: &str = "SELECT t.ticket_no, a.account_no, t.manufacturer, t.model, t.serial, t.fault, t.status,
        t.oversized, t.handling_fee_waived, t.freight_in_cents, t.freight_out_cents, t.insurance_cents,
        t.manufacturer_charge_cents, t.waiver_reason, t.waived_by, t.opened_on, t.closed_on, t.charge_doc_no
     FROM repair_tickets t JOIN accounts a ON a.id = t.account_id";

fn ticket_from_row(r: &Row<'_>) -> rusqlite::Result<Ticket> {
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
            freight_in: Money::from_cents(r.get(9)?),
            freight_out: Money::from_cents(r.get(10)?),
            insurance: Money::from_cents(r.get(11)?),
            manufacturer_charge: Money::from_cents(r.get(12)?),
        },
        waiver_reason: r.get(13)?,
        waived_by: r.get(14)?,
        opened_on: store::date_at(r, 15)?,
        closed_on: match r.get_ref(16)? {
            rusqlite::types::ValueRef::Null => None,
            _ => Some(store::date_at(r, 16)?),
        },
        charge_doc_no: r.get(17)?,
    })
}

/// Every ticket: open ones first, then by ticket number.
pub fn tickets(conn: &Connection) -> Result<Vec<Ticket>> {
    let mut stmt = conn
        .prepare(&format!("{TICKET_SELECT} ORDER BY t.status IN ('CLOSED', 'CANCELLED'), t.opened_on, t.ticket_no"))?;
    let rows = stmt.query_map([], ticket_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn ticket(conn: &Connection, ticket_no: &str) -> Result<Option<Ticket>> {
    Ok(conn
        .prepare_cached(&format!("{TICKET_SELECT} WHERE t.ticket_no = ?1"))?
        .query_row([ticket_no], ticket_from_row)
        .optional()?)
}

fn open_ticket_named(conn: &Connection, ticket_no: &str) -> Result<Ticket> {
    let no = required("ticket_no", ticket_no)?;
    let t = ticket(conn, no)?.ok_or_else(|| Error::invalid("ticket_no", format!("no ticket {no}")))?;
    if !t.status.is_open() {
        return Err(Error::invalid("ticket_no", format!("ticket {no} is {}", t.status)));
    }
    Ok(t)
}

fn change<'a>(action: &'a str, t: &'a Ticket, before: Option<&Ticket>, after: &Ticket) -> Change<'a> {
    Change {
        action,
        entity: "repair_ticket",
        entity_key: Some(&t.ticket_no),
        account_no: Some(&t.account_no),
        before: before.map(|b| json!(b)),
        after: Some(json!(after)),
    }
}

impl Service {
    /// Opens a ticket (status `RECEIVED`) for an active account.
    pub fn open_ticket(&mut self, n: &NewTicket) -> Result<Ticket> {
        self.transact(|tx, op| {
            let ticket_no = required("ticket_no", &n.ticket_no)?;
            if ticket(tx, ticket_no)?.is_some() {
                return Err(Error::invalid("ticket_no", format!("{ticket_no} already exists")));
            }
            let account = account(tx, &n.account_no)?;
            if !account.status.can_be_invoiced() {
                return Err(Error::invalid("account", format!("{} is {}", account.account_no, account.status)));
            }
            let manufacturer = required("manufacturer", &n.manufacturer)?;
            let model = required("model", &n.model)?;
            let serial = required("serial", &n.serial)?;
            let fault = required("fault", &n.fault)?;
            let opened = date("opened_on", &n.opened_on)?;
            tx.execute(
                "INSERT INTO repair_tickets (ticket_no, account_id, manufacturer, model, serial, fault, oversized,
                                             handling_fee_cents, opened_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    ticket_no,
                    account.id,
                    manufacturer,
                    model,
                    serial,
                    fault,
                    n.oversized,
                    handling_fee(n.oversized).cents(),
                    opened.to_string()
                ],
            )?;
            let t = ticket(tx, ticket_no)?.ok_or_else(|| Error::NotFound(ticket_no.to_string()))?;
            audit(tx, op, &change("open", &t, None, &t))?;
            Ok(t)
        })
    }

    /// Moves a ticket one step along its path; `SHIPPED_TO_CUSTOMER` moves on only by closing.
    pub fn advance_ticket(&mut self, ticket_no: &str) -> Result<RepairStatus> {
        self.transact(|tx, op| {
            let before = open_ticket_named(tx, ticket_no)?;
            let next = before.status.next().ok_or_else(|| {
                Error::invalid(
                    "status",
                    format!("ticket {} was shipped; close it to post the charge", before.ticket_no),
                )
            })?;
            tx.execute(
                "UPDATE repair_tickets SET status = ?1 WHERE ticket_no = ?2",
                params![next.as_str(), before.ticket_no],
            )?;
            let after = Ticket { status: next, ..before.clone() };
            audit(tx, op, &change("advance", &before, Some(&before), &after))?;
            Ok(next)
        })
    }

    /// Sets the oversized flag and the freight, insurance and manufacturer's charges.
    pub fn set_ticket_charges(&mut self, ticket_no: &str, c: &TicketCharges) -> Result<RepairCharges> {
        self.transact(|tx, op| {
            let before = open_ticket_named(tx, ticket_no)?;
            let charges = RepairCharges {
                oversized: c.oversized,
                handling_fee_waived: before.charges.handling_fee_waived,
                freight_in: amount_or_zero("freight_in", &c.freight_in)?,
                freight_out: amount_or_zero("freight_out", &c.freight_out)?,
                insurance: amount_or_zero("insurance", &c.insurance)?,
                manufacturer_charge: amount_or_zero("manufacturer_charge", &c.manufacturer_charge)?,
            };
            tx.execute(
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
                    before.ticket_no
                ],
            )?;
            let after = Ticket { charges, ..before.clone() };
            audit(tx, op, &change("set_charges", &before, Some(&before), &after))?;
            Ok(charges)
        })
    }

    /// Waives the handling fee (manager only, with a reason).
    pub fn waive_handling_fee(&mut self, ticket_no: &str, reason: &str) -> Result<()> {
        self.require_manager(super::Act::WaiveHandlingFee)?;
        self.transact(|tx, op| {
            let before = open_ticket_named(tx, ticket_no)?;
            let reason = required("waiver_reason", reason)?;
            tx.execute(
                "UPDATE repair_tickets SET handling_fee_waived = 1, waiver_reason = ?1, waived_by = ?2 WHERE ticket_no = ?3",
                params![reason, op.name, before.ticket_no],
            )?;
            let after = Ticket {
                charges: RepairCharges { handling_fee_waived: true, ..before.charges },
                waiver_reason: Some(reason.to_string()),
                waived_by: Some(op.name.clone()),
                ..before.clone()
            };
            audit(tx, op, &change("waive_handling_fee", &before, Some(&before), &after))?;
            Ok(())
        })
    }

    /// Closes a shipped ticket: posts one `REPAIR` charge `REP-<ticket_no>` for the sum
    /// of its items, dated the closing day (nothing when the sum is zero).
    pub fn close_ticket(&mut self, ticket_no: &str, closed_on: &str) -> Result<Option<(String, Money)>> {
        self.transact(|tx, op| {
            let before = open_ticket_named(tx, ticket_no)?;
            if before.status != RepairStatus::ShippedToCustomer {
                return Err(Error::invalid(
                    "status",
                    format!("ticket {} is {}; it closes once shipped to the customer", before.ticket_no, before.status),
                ));
            }
            let date = date("closed_on", closed_on)?;
            if date < before.opened_on {
                return Err(Error::invalid(
                    "closed_on",
                    format!("is before the ticket was opened ({})", before.opened_on),
                ));
            }
            let total = before.charges.total();
            let posted = if total.is_positive() {
                let doc = repair_doc_no(&before.ticket_no);
                if tx.prepare_cached("SELECT 1 FROM charges WHERE doc_no = ?1")?.exists([&doc])? {
                    return Err(Error::invalid("ticket_no", format!("a charge {doc} already exists")));
                }
                let account = account_by_no(tx, &before.account_no)?
                    .ok_or_else(|| Error::NotFound(format!("account {}", before.account_no)))?;
                let memo = format!(
                    "repair ticket {}: handling {}, freight in {}, freight out {}, insurance {}, manufacturer {}",
                    before.ticket_no,
                    before.charges.handling_fee(),
                    before.charges.freight_in,
                    before.charges.freight_out,
                    before.charges.insurance,
                    before.charges.manufacturer_charge
                );
                insert_charge(tx, &account, &doc, ChargeKind::Repair, date, total, Some(&memo))?;
                Some((doc, total))
            } else {
                None
            };
            tx.execute(
                "UPDATE repair_tickets SET status = 'CLOSED', closed_on = ?1, charge_doc_no = ?2 WHERE ticket_no = ?3",
                params![date.to_string(), posted.as_ref().map(|(d, _)| d.as_str()), before.ticket_no],
            )?;
            let after = Ticket {
                status: RepairStatus::Closed,
                closed_on: Some(date),
                charge_doc_no: posted.as_ref().map(|(d, _)| d.clone()),
                ..before.clone()
            };
            audit(tx, op, &change("close", &before, Some(&before), &after))?;
            Ok(posted)
        })
    }
}
