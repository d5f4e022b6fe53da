//! Repair tickets (RULES.md section 3): open, advance, charges, waiver, close.

use super::documents::insert_charge;
use super::{audit, Change, Service};
use crate::domain::repairs::{repair_doc_no, RepairCharges, RepairStatus, Ticket};
use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::input::{identifier, text, within_limits};
use crate::read::account;
use crate::store::{self, Store};
use chrono::NaiveDate;
use serde_json::json;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewTicket {
    pub ticket_no: String,
    pub account_no: String,
    pub manufacturer: String,
    pub model: String,
    pub serial: String,
    pub fault: String,
    pub oversized: bool,
    pub opened_on: NaiveDate,
}

/// The chargeable items of a ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketCharges {
    pub oversized: bool,
    pub freight_in: Money,
    pub freight_out: Money,
    pub insurance: Money,
    pub manufacturer_charge: Money,
}

fn open_ticket_named(store: &Store, ticket_no: &str) -> Result<Ticket> {
    let no = identifier("ticket_no", ticket_no)?;
    let t = store::tickets::by_no(store, no)?.ok_or_else(|| Error::invalid("ticket_no", format!("no ticket {no}")))?;
    if !t.status.is_open() {
        return Err(Error::invalid("ticket_no", format!("ticket {no} is {}", t.status)));
    }
    Ok(t)
}

fn not_negative(field: &str, m: Money) -> Result<Money> {
    if m.cents() < 0 {
        return Err(Error::invalid(field, "may not be negative"));
    }
    Ok(m)
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
            let ticket_no = identifier("ticket_no", &n.ticket_no)?;
            if store::tickets::by_no(tx, ticket_no)?.is_some() {
                return Err(Error::invalid("ticket_no", format!("{ticket_no} already exists")));
            }
            let account = account(tx, &n.account_no)?;
            if !account.status.can_be_invoiced() {
                return Err(Error::invalid("account", format!("{} is {}", account.account_no, account.status)));
            }
            let manufacturer = text("manufacturer", &n.manufacturer)?;
            let model = text("model", &n.model)?;
            let serial = identifier("serial", &n.serial)?;
            let fault = text("fault", &n.fault)?;
            let opened = within_limits("opened_on", n.opened_on)?;
            store::tickets::insert(
                tx,
                &store::tickets::NewTicket {
                    ticket_no,
                    account_id: account.id,
                    manufacturer,
                    model,
                    serial,
                    fault,
                    oversized: n.oversized,
                    opened_on: opened,
                },
            )?;
            let t = store::tickets::by_no(tx, ticket_no)?.ok_or_else(|| Error::NotFound(ticket_no.to_string()))?;
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
            store::tickets::set_status(tx, &before.ticket_no, next)?;
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
                freight_in: not_negative("freight_in", c.freight_in)?,
                freight_out: not_negative("freight_out", c.freight_out)?,
                insurance: not_negative("insurance", c.insurance)?,
                manufacturer_charge: not_negative("manufacturer_charge", c.manufacturer_charge)?,
            };
            store::tickets::set_charges(tx, &before.ticket_no, &charges)?;
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
            let reason = text("waiver_reason", reason)?;
            store::tickets::waive_handling_fee(tx, &before.ticket_no, reason, &op.name)?;
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

    /// Cancels a ticket before it is shipped back (any operator, with a reason):
    /// `CANCELLED` today, nothing charged.
    pub fn cancel_ticket(&mut self, ticket_no: &str, reason: &str) -> Result<()> {
        let today = self.today();
        self.transact(|tx, op| {
            let before = open_ticket_named(tx, ticket_no)?;
            if !before.status.can_be_cancelled() {
                return Err(Error::Refused(format!(
                    "ticket {} is {}: it was shipped back; close it instead",
                    before.ticket_no, before.status
                )));
            }
            let reason = text("reason", reason)?;
            store::tickets::cancel(tx, &before.ticket_no, today, &op.name, reason)?;
            let after = Ticket { status: RepairStatus::Cancelled, closed_on: Some(today), ..before.clone() };
            let mut c = change("cancel", &before, Some(&before), &after);
            let after_json = json!({ "ticket": after, "reason": reason, "cancelled_by": op.name });
            c.after = Some(after_json);
            audit(tx, op, &c)?;
            Ok(())
        })
    }

    /// Closes a shipped ticket: posts one `REPAIR` charge `REP-<ticket_no>` for the sum
    /// of its items, dated the closing day (nothing when the sum is zero).
    pub fn close_ticket(&mut self, ticket_no: &str, closed_on: NaiveDate) -> Result<Option<(String, Money)>> {
        self.transact(|tx, op| {
            let before = open_ticket_named(tx, ticket_no)?;
            if before.status != RepairStatus::ShippedToCustomer {
                return Err(Error::invalid(
                    "status",
                    format!("ticket {} is {}; it closes once shipped to the customer", before.ticket_no, before.status),
                ));
            }
            let date = within_limits("closed_on", closed_on)?;
            if date < before.opened_on {
                return Err(Error::invalid(
                    "closed_on",
                    format!("is before the ticket was opened ({})", before.opened_on),
                ));
            }
            let total = before.charges.total();
            let posted = if total.is_positive() {
                let doc = repair_doc_no(&before.ticket_no);
                if store::ledger::doc_exists(tx, &doc)? {
                    return Err(Error::invalid("ticket_no", format!("a charge {doc} already exists")));
                }
                let account = store::accounts::by_no(tx, &before.account_no)?
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
            store::tickets::close(tx, &before.ticket_no, date, posted.as_ref().map(|(d, _)| d.as_str()))?;
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
