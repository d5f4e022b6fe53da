//! The console's everyday changes as commands, for scripts: payments, charges, returned
//! checks, collections and repair tickets. Each goes through the same service call as
//! the console's form, so the same rules, roles and audit apply.

use super::day;
use super::output::{opt_text, Cell, Format, Report};
use super::stdout_error;
use crate::error::Result;
use crate::service::operations::{NewCharge, NewPayment, NewPlacement, NewReturnedCheck};
use crate::service::repairs::{NewTicket, TicketCharges};
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum PaymentCmd {
    /// Record a payment. A CARD payment also posts the card surcharge (setting
    /// `card_surcharge_pct`, default 3.00%) as a FEE `SUR-<reference>`.
    Record {
        account: String,
        /// Amount, like 125 or 125.50.
        #[arg(long)]
        amount: String,
        /// WIRE, CASH, CHECK, CERTIFIED_CHECK, MONEY_ORDER, CARD or CREDIT_MEMO.
        #[arg(long)]
        method: String,
        /// Unique reference, e.g. the check number.
        #[arg(long)]
        reference: String,
        /// The document it is meant for (else oldest first).
        #[arg(long, default_value = "")]
        apply_to: String,
        /// Day received (default: --as-of).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// Waive a CARD payment's surcharge (manager only), saying why.
        #[arg(long, default_value = "")]
        waive_surcharge: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChargeCmd {
    /// Add a charge (INVOICE, REPAIR, FEE or COLLECTION_COST) to an ACTIVE account; due
    /// by the account's terms (NET30 sales: 30 days; everything else at once).
    Add {
        account: String,
        #[arg(long)]
        doc_no: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        amount: String,
        #[arg(long, default_value = "")]
        memo: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CheckCmd {
    /// Record that the bank returned a CHECK or CERTIFIED_CHECK unpaid: the payment is
    /// void from its own date, and a $25.00 RETURNED_CHECK_FEE is charged unless a
    /// manager waives it with a reason.
    Return {
        payment_ref: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// Waive the fee (manager only), saying why.
        #[arg(long)]
        waive: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum CollectionsCmd {
    /// Place an account with an outside collection agency (manager only).
    Place {
        account: String,
        #[arg(long)]
        agency: String,
        /// The amount placed.
        #[arg(long)]
        amount: String,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
    /// Record a collection cost (attorney fees …) as a COLLECTION_COST charge.
    Cost {
        account: String,
        #[arg(long)]
        doc_no: String,
        #[arg(long)]
        amount: String,
        #[arg(long, default_value = "")]
        memo: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
    /// Agency placements.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum RepairCmd {
    /// Open a repair ticket (status RECEIVED). Handling fee $15.00, or $25.00 oversized/bulky.
    Open {
        ticket_no: String,
        #[arg(long)]
        account: String,
        #[arg(long)]
        manufacturer: String,
        #[arg(long)]
        model: String,
        #[arg(long)]
        serial: String,
        #[arg(long)]
        fault: String,
        #[arg(long)]
        oversized: bool,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
    /// Move a ticket to its next status: RECEIVED → SENT_TO_MANUFACTURER →
    /// BACK_FROM_MANUFACTURER → SHIPPED_TO_CUSTOMER.
    Advance { ticket_no: String },
    /// Enter freight, insurance and the manufacturer's charges (blank = 0.00).
    Charges {
        ticket_no: String,
        #[arg(long)]
        oversized: bool,
        #[arg(long, default_value = "")]
        freight_in: String,
        #[arg(long, default_value = "")]
        freight_out: String,
        #[arg(long, default_value = "")]
        insurance: String,
        #[arg(long, default_value = "")]
        manufacturer_charge: String,
    },
    /// Waive the handling fee (manager only), saying why.
    Waive {
        ticket_no: String,
        #[arg(long)]
        reason: String,
    },
    /// Close the ticket: posts one REPAIR charge `REP-<ticket>` for the sum, itemised.
    Close {
        ticket_no: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
    },
    /// Tickets, open ones first.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

fn say(out: &mut impl Write, text: String) -> Result<()> {
    writeln!(out, "{text}").map_err(stdout_error)
}

pub fn payment(service: &mut Service, cmd: &PaymentCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    let PaymentCmd::Record { account, amount, method, reference, apply_to, date, waive_surcharge } = cmd;
    let done = service.record_payment(&NewPayment {
        account_no: account.clone(),
        amount: amount.clone(),
        method: method.to_ascii_uppercase(),
        date: day(*date, as_of),
        reference: reference.clone(),
        apply_to: apply_to.clone(),
        surcharge_waiver: waive_surcharge.clone(),
    })?;
    let mut text = format!("payment {} of {} recorded", done.reference, done.amount.grouped());
    if let Some((doc, fee)) = done.surcharge {
        text.push_str(&format!("; card surcharge {doc} {}", fee.grouped()));
    }
    say(out, text)
}

pub fn charge(service: &mut Service, cmd: &ChargeCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    let ChargeCmd::Add { account, doc_no, kind, amount, memo, date } = cmd;
    let due = service.add_charge(&NewCharge {
        account_no: account.clone(),
        doc_no: doc_no.clone(),
        kind: kind.to_ascii_uppercase(),
        date: day(*date, as_of),
        amount: amount.clone(),
        memo: memo.clone(),
    })?;
    say(out, format!("charge {doc_no} recorded, due {due}"))
}

pub fn check(service: &mut Service, cmd: &CheckCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    let CheckCmd::Return { payment_ref, date, waive } = cmd;
    service.record_returned_check(&NewReturnedCheck {
        payment_ref: payment_ref.clone(),
        returned_date: day(*date, as_of),
        waive_fee: waive.is_some(),
        waiver_reason: waive.clone().unwrap_or_default(),
    })?;
    say(out, format!("returned check {payment_ref} recorded{}", if waive.is_some() { "; fee waived" } else { "" }))
}

pub fn collections(service: &mut Service, cmd: &CollectionsCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        CollectionsCmd::Place { account, agency, amount, note, date } => {
            service.place_with_agency(&NewPlacement {
                account_no: account.clone(),
                agency: agency.clone(),
                placed_on: day(*date, as_of),
                amount: amount.clone(),
                note: note.clone(),
            })?;
            say(out, format!("{account} placed with {agency}"))
        }
        CollectionsCmd::Cost { account, doc_no, amount, memo, date } => {
            service.record_collection_cost(&NewCharge {
                account_no: account.clone(),
                doc_no: doc_no.clone(),
                kind: "COLLECTION_COST".into(),
                date: day(*date, as_of),
                amount: amount.clone(),
                memo: memo.clone(),
            })?;
            say(out, format!("collection cost {doc_no} recorded"))
        }
        CollectionsCmd::List { format } => Report {
            columns: vec!["account_no", "agency", "placed_on", "amount", "note", "placed_by"],
            rows: crate::read::placements(service.store())?
                .into_iter()
                .map(|p| {
                    vec![
                        Cell::Text(p.account_no),
                        Cell::Text(p.agency),
                        Cell::Date(p.placed_on),
                        Cell::Money(p.amount),
                        opt_text(&p.note),
                        Cell::Text(p.placed_by),
                    ]
                })
                .collect(),
            totals: true,
        }
        .write(*format, out)
        .map_err(stdout_error),
    }
}

pub fn repair(service: &mut Service, cmd: &RepairCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
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
                opened_on: day(*date, as_of),
            })?;
            say(out, format!("ticket {} opened", t.ticket_no))
        }
        RepairCmd::Advance { ticket_no } => {
            let status = service.advance_ticket(ticket_no)?;
            say(out, format!("ticket {ticket_no} is now {status}"))
        }
        RepairCmd::Charges { ticket_no, oversized, freight_in, freight_out, insurance, manufacturer_charge } => {
            let c = service.set_ticket_charges(
                ticket_no,
                &TicketCharges {
                    oversized: *oversized,
                    freight_in: freight_in.clone(),
                    freight_out: freight_out.clone(),
                    insurance: insurance.clone(),
                    manufacturer_charge: manufacturer_charge.clone(),
                },
            )?;
            say(out, format!("ticket {ticket_no}: charges total {}", c.total().grouped()))
        }
        RepairCmd::Waive { ticket_no, reason } => {
            service.waive_handling_fee(ticket_no, reason)?;
            say(out, format!("ticket {ticket_no}: handling fee waived"))
        }
        RepairCmd::Close { ticket_no, date } => match service.close_ticket(ticket_no, &day(*date, as_of))? {
            Some((doc, amount)) => say(out, format!("ticket {ticket_no} closed; {doc} charged {}", amount.grouped())),
            None => say(out, format!("ticket {ticket_no} closed; nothing to charge")),
        },
        RepairCmd::List { format } => Report {
            columns: vec![
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
            rows: crate::read::tickets(service.store())?
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
            totals: false,
        }
        .write(*format, out)
        .map_err(stdout_error),
    }
}
