//! Repair tickets (the console's Repairs pane): open, advance, charges, waive, close.

use super::output::{opt_text, say, Cell, Out, Report};
use crate::domain::Money;
use crate::error::Result;
use crate::service::repairs::{NewTicket, TicketCharges};
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum RepairCmd {
    /// Open a repair ticket (status RECEIVED). Handling fee $15.00, or $25.00 oversized/bulky.
    Open {
        /// The new ticket's number.
        ticket_no: String,
        /// The customer's account.
        #[arg(long)]
        account: String,
        /// Who made the item (it goes to them for repair).
        #[arg(long)]
        manufacturer: String,
        /// The item's model.
        #[arg(long)]
        model: String,
        /// The item's serial number.
        #[arg(long)]
        serial: String,
        /// What is wrong with it, as the customer says.
        #[arg(long)]
        fault: String,
        /// Oversized or bulky: the handling fee is $25.00.
        #[arg(long)]
        oversized: bool,
        /// Day the item came in (default: --as-of).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
    /// Move a ticket to its next status: RECEIVED → SENT_TO_MANUFACTURER →
    /// BACK_FROM_MANUFACTURER → SHIPPED_TO_CUSTOMER.
    Advance {
        /// The ticket's number.
        ticket_no: String,
    },
    /// Enter freight, insurance and the manufacturer's charges (blank = 0.00).
    Charges {
        /// The ticket's number.
        ticket_no: String,
        /// Oversized or bulky: the handling fee is $25.00.
        #[arg(long)]
        oversized: bool,
        /// Freight from the customer.
        #[arg(long, value_parser = super::parse_money, default_value = "0")]
        freight_in: Money,
        /// Freight back to the customer.
        #[arg(long, value_parser = super::parse_money, default_value = "0")]
        freight_out: Money,
        /// Insurance of the shipment.
        #[arg(long, value_parser = super::parse_money, default_value = "0")]
        insurance: Money,
        /// What the manufacturer charged for the repair.
        #[arg(long, value_parser = super::parse_money, default_value = "0")]
        manufacturer_charge: Money,
    },
    /// Waive the handling fee (manager only), saying why.
    Waive {
        /// The ticket's number.
        ticket_no: String,
        /// Why the fee is waived.
        #[arg(long)]
        reason: String,
    },
    /// Close the ticket: posts one REPAIR charge `REP-<ticket>` for the sum, itemised.
    Close {
        /// The ticket's number.
        ticket_no: String,
        /// Day of the charge (default: --as-of).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
    /// Cancel a ticket before it is shipped back (any operator, with a reason): nothing is charged.
    Cancel {
        /// The ticket's number.
        ticket_no: String,
        /// Why it is cancelled.
        #[arg(long)]
        reason: String,
    },
    /// Tickets as they stood on --as-of, open ones first.
    List {
        #[command(flatten)]
        out: Out,
    },
}

pub fn run(service: &mut Service, cmd: &RepairCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        RepairCmd::Open { ticket_no, account, manufacturer, model, serial, fault, oversized, date } => {
            let t = service.open_ticket(&NewTicket {
                ticket_no: ticket_no.clone(),
                account_no: account.clone(),
                manufacturer: manufacturer.clone(),
                model: model.clone(),
                serial: serial.clone(),
                fault: fault.clone(),
                oversized: *oversized,
                opened_on: date.unwrap_or(as_of),
            })?;
            say(out, format_args!("ticket {} opened", t.ticket_no))
        }
        RepairCmd::Advance { ticket_no } => {
            let status = service.advance_ticket(ticket_no)?;
            say(out, format_args!("ticket {ticket_no} is now {status}"))
        }
        RepairCmd::Charges { ticket_no, oversized, freight_in, freight_out, insurance, manufacturer_charge } => {
            let c = service.set_ticket_charges(
                ticket_no,
                &TicketCharges {
                    oversized: *oversized,
                    freight_in: *freight_in,
                    freight_out: *freight_out,
                    insurance: *insurance,
                    manufacturer_charge: *manufacturer_charge,
                },
            )?;
            say(out, format_args!("ticket {ticket_no}: charges total {}", c.total().grouped()))
        }
        RepairCmd::Waive { ticket_no, reason } => {
            service.waive_handling_fee(ticket_no, reason)?;
            say(out, format_args!("ticket {ticket_no}: handling fee waived"))
        }
        RepairCmd::Close { ticket_no, date } => match service.close_ticket(ticket_no, date.unwrap_or(as_of))? {
            Some((doc, amount)) => {
                say(out, format_args!("ticket {ticket_no} closed; {doc} charged {}", amount.grouped()))
            }
            None => say(out, format_args!("ticket {ticket_no} closed; nothing to charge")),
        },
        RepairCmd::Cancel { ticket_no, reason } => {
            service.cancel_ticket(ticket_no, reason)?;
            say(out, format_args!("ticket {ticket_no} cancelled; nothing charged"))
        }
        RepairCmd::List { out: o } => Report::new(
            &[
                "ticket_no",
                "account_no",
                "manufacturer",
                "model",
                "serial",
                "status",
                "oversized",
                "opened_on",
                "charge_doc_no",
            ],
            crate::read::tickets(service.store(), as_of)?
                .into_iter()
                .map(|t| {
                    vec![
                        Cell::Text(t.ticket_no),
                        Cell::Text(t.account_no),
                        Cell::Text(t.manufacturer),
                        Cell::Text(t.model),
                        Cell::Text(t.serial),
                        Cell::Text(t.status.to_string()),
                        Cell::Bool(t.charges.oversized),
                        Cell::Date(t.opened_on),
                        opt_text(&t.charge_doc_no),
                    ]
                })
                .collect(),
        )
        .print(o.format, out),
    }
}
