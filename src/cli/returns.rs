//! Returns (RULES.md section 4): RMAs, nonconforming-goods claims, and nonstock items
//! awaiting pickup. Every command takes `--format table|csv|json`; dates default to the
//! global `--as-of` (today).

use super::output::{list, opt_date, opt_money, opt_text, single, text, Cell, Format, Out, Report};
use crate::domain::nonstock::NonstockItem;
use crate::domain::returns::{Claim, ClaimReason, ClaimRemedy, Rma};
use crate::domain::Money;
use crate::error::Result;
use crate::service::returns::{self, NewClaim, NewNonstock, NewRma, RmaReceipt};
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
#[command(
    about = "Returns under an RMA: issue, receive, list, show",
    long_about = "Returns. No return without an RMA. Refused (naming the rule): received more than 30 days after the invoice date without the manufacturer's recorded approval; installed goods; special-order nonstock. Restocking 15% (or the manufacturer's higher rate) on stock lines; nonstock lines carry the vendor's fees entered by hand. On receipt the credit (value − restocking) is posted as a CREDIT_MEMO payment CM-<rma> applied to the invoice."
)]
pub enum RmaCmd {
    /// Issue an RMA for lines of an invoice; prints the RMA form's carton label text.
    Issue {
        /// The invoice's document number (the account is the invoice's).
        invoice: String,
        /// A returned line: ITEM=VALUE[,class=STOCK|NONSTOCK|SPECIAL_ORDER_NONSTOCK][,installed]
        /// [,vendor_restock=AMOUNT][,vendor_freight=AMOUNT]. Repeat for each line.
        #[arg(long = "line", required = true)]
        lines: Vec<String>,
        /// Day of issue (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// The manufacturer's approval of a return after 30 days (reference, who approved).
        #[arg(long)]
        manufacturer_approval: Option<String>,
        /// The manufacturer's restocking rate when higher than 15 (percent).
        #[arg(long, value_parser = super::parse_percent)]
        restocking_pct: Option<rust_decimal::Decimal>,
        #[command(flatten)]
        out: Out,
    },
    /// Receive an RMA's goods: the rules decide; an accepted return posts its credit.
    Receive {
        /// The RMA number.
        rma: String,
        /// Day the goods arrived (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// A line number found installed on inspection (repeat): refuses the return.
        #[arg(long = "installed")]
        installed_lines: Vec<u32>,
        /// The manufacturer's approval of a late return, recorded now.
        #[arg(long)]
        manufacturer_approval: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// RMAs as they stood on --as-of, optionally of one account or status (ISSUED, RECEIVED).
    List {
        /// Only this account's RMAs.
        #[arg(long)]
        account: Option<String>,
        /// Only RMAs in this status: ISSUED or RECEIVED.
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// One RMA with its lines and the RMA form's label text.
    Show {
        /// The RMA number.
        rma: String,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Debug, Subcommand)]
#[command(
    about = "Nonconforming-goods claims: open, resolve, list",
    long_about = "Nonconforming goods: wrong product shipped, or mislabeled. Reported within 5 business days (Mon–Fri) of receipt; no restocking charge; remedy replacement or full credit."
)]
pub enum ClaimCmd {
    /// Open a claim against an invoice (refused when reported after 5 business days).
    Open {
        /// The invoice's document number (the account is the invoice's).
        invoice: String,
        /// Day the customer received the goods.
        #[arg(long, value_parser = super::parse_date)]
        received: NaiveDate,
        /// Day the customer reported it (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        reported: Option<NaiveDate>,
        /// WRONG_PRODUCT or MISLABELED.
        #[arg(long, value_parser = super::parse_choice::<ClaimReason>)]
        reason: ClaimReason,
        /// The value of the nonconforming goods.
        #[arg(long, value_parser = super::parse_amount)]
        value: Money,
        /// What is wrong with the goods.
        #[arg(long)]
        description: String,
        #[command(flatten)]
        out: Out,
    },
    /// Resolve a claim: REPLACEMENT (no ledger change) or FULL_CREDIT (a CREDIT_MEMO
    /// CM-<claim> of the full value applied to the invoice).
    Resolve {
        /// The claim number.
        claim: String,
        /// REPLACEMENT or FULL_CREDIT.
        #[arg(long, value_parser = super::parse_choice::<ClaimRemedy>)]
        remedy: ClaimRemedy,
        /// Day of the resolution (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Claims as they stood on --as-of (all, or --open only).
    List {
        /// Only claims not yet resolved.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Debug, Subcommand)]
#[command(
    about = "Nonstock items awaiting pickup: receive, pickup, due, list, return, charge",
    long_about = "Nonstock items held for pickup. Not picked up or released for shipment within 30 days of receipt: listed for return to the vendor, whose fees become a FEE (NSF-<item>). Special-order nonstock cannot go back: unclaimed after 30 days a manager decides whether to charge the customer (a FEE NSC-<item>)."
)]
pub enum NonstockCmd {
    /// Record an item received from the vendor for a customer.
    Receive {
        /// The customer's account.
        account: String,
        /// What the item is.
        #[arg(long)]
        description: String,
        /// The vendor it came from.
        #[arg(long)]
        vendor: String,
        /// Specialised or altered at the customer's request: never returnable.
        #[arg(long)]
        special_order: bool,
        /// Day the distributor received it (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// The customer picked the item up, or it was released for shipment.
    Pickup {
        /// The item number.
        item: String,
        /// Day it left (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Items awaiting pickup past their 30 days (day 31 on) as of --as-of: to return to the vendor, or
    /// (special order) for a manager's decision.
    Due {
        #[command(flatten)]
        out: Out,
    },
    /// Every nonstock item as of --as-of.
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Return an unclaimed item to its vendor (from day 31 after receipt); posts the vendor's fees as a FEE.
    Return {
        /// The item number.
        item: String,
        /// The vendor's restocking and return-freight fees, entered by hand (blank = none).
        #[arg(long, value_parser = super::parse_money, default_value = "0")]
        vendor_fees: Money,
        /// Day it went back (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// A manager's decision on unclaimed special-order nonstock (from day 31): charge the
    /// customer --amount, or record --no-charge. The decision and its note are kept.
    Charge {
        /// The item number.
        item: String,
        /// The amount charged to the customer, like 125 or 125.50.
        #[arg(long, value_parser = super::parse_amount, required_unless_present = "no_charge")]
        amount: Option<Money>,
        /// Decide not to charge the customer.
        #[arg(long, conflicts_with = "amount")]
        no_charge: bool,
        /// Why, kept with the decision.
        #[arg(long)]
        note: Option<String>,
        /// Day of the decision (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
}

const RMA_COLUMNS: [&str; 13] = [
    "rma_no",
    "account_no",
    "invoice",
    "invoice_date",
    "issued_on",
    "status",
    "received_on",
    "value",
    "restocking_pct",
    "restocking",
    "vendor_fees",
    "credit",
    "credit_ref",
];

fn rma_cells(r: &Rma) -> Vec<Cell> {
    vec![
        text(&r.rma_no),
        text(&r.account_no),
        text(&r.invoice),
        Cell::Date(r.invoice_date),
        Cell::Date(r.issued_on),
        text(r.status.as_str()),
        opt_date(r.received_on),
        Cell::Money(r.value),
        text(r.restocking_pct.to_string()),
        opt_money(r.restocking),
        opt_money(r.vendor_fees),
        opt_money(r.credit),
        opt_text(&r.credit_ref),
    ]
}

fn show_rma(format: Format, r: &Rma, out: &mut impl Write) -> Result<()> {
    let mut fields: Vec<(&'static str, Cell)> = RMA_COLUMNS.into_iter().zip(rma_cells(r)).collect();
    fields.push(("manufacturer_approval", opt_text(&r.manufacturer_approval)));
    let lines: Vec<String> = r
        .lines
        .iter()
        .map(|l| {
            let mut s = format!("{}. {} {} {}", l.line_no, l.line.item, l.line.value.grouped(), l.line.class);
            if l.line.installed {
                s.push_str(" installed");
            }
            if (l.line.vendor_restocking + l.line.vendor_freight).is_positive() {
                s.push_str(&format!(
                    " vendor fees {} + {}",
                    l.line.vendor_restocking.grouped(),
                    l.line.vendor_freight.grouped()
                ));
            }
            s
        })
        .collect();
    fields.push(("lines", text(lines.join(" | "))));
    single(format, r, fields, Some(&r.label), out)
}

const CLAIM_COLUMNS: [&str; 13] = [
    "claim_no",
    "account_no",
    "invoice",
    "received_on",
    "reported_on",
    "business_days",
    "reason",
    "value",
    "status",
    "remedy",
    "resolved_on",
    "credit",
    "credit_ref",
];

fn claim_cells(c: &Claim) -> Vec<Cell> {
    vec![
        text(&c.claim_no),
        text(&c.account_no),
        text(&c.invoice),
        Cell::Date(c.received_on),
        Cell::Date(c.reported_on),
        Cell::Int(c.business_days),
        text(&c.reason),
        Cell::Money(c.value),
        text(c.status.as_str()),
        opt_text(&c.remedy),
        opt_date(c.resolved_on),
        opt_money(c.credit),
        opt_text(&c.credit_ref),
    ]
}

fn show_claim(format: Format, c: &Claim, out: &mut impl Write) -> Result<()> {
    let mut fields: Vec<(&'static str, Cell)> = CLAIM_COLUMNS.into_iter().zip(claim_cells(c)).collect();
    fields.push(("description", text(&c.description)));
    single(format, c, fields, None, out)
}

const NONSTOCK_COLUMNS: [&str; 12] = [
    "item_no",
    "account_no",
    "description",
    "vendor",
    "special_order",
    "received_on",
    "due_on",
    "status",
    "disposition",
    "closed_on",
    "fee_doc_no",
    "fee",
];

fn nonstock_cells(n: &NonstockItem) -> Vec<Cell> {
    vec![
        text(&n.item_no),
        text(&n.account_no),
        text(&n.description),
        text(&n.vendor),
        Cell::Bool(n.special_order),
        Cell::Date(n.received_on),
        Cell::Date(n.due_on),
        text(n.status.as_str()),
        opt_text(&n.disposition.map(|d| d.as_str().to_string())),
        opt_date(n.closed_on),
        opt_text(&n.fee_doc_no),
        opt_money(n.fee),
    ]
}

fn show_nonstock(format: Format, n: &NonstockItem, out: &mut impl Write) -> Result<()> {
    let mut fields: Vec<(&'static str, Cell)> = NONSTOCK_COLUMNS.into_iter().zip(nonstock_cells(n)).collect();
    fields.push(("decided_by", opt_text(&n.decided_by)));
    fields.push(("decision_note", opt_text(&n.decision_note)));
    single(format, n, fields, None, out)
}

fn nonstock_report(items: &[NonstockItem]) -> Report {
    Report::new(&NONSTOCK_COLUMNS, items.iter().map(nonstock_cells).collect())
}

pub fn run_rma(service: &mut Service, cmd: &RmaCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        RmaCmd::Issue { invoice, lines, date, manufacturer_approval, restocking_pct, out: o } => {
            let rma = service.issue_rma(&NewRma {
                invoice: invoice.clone(),
                issued_on: date.unwrap_or(as_of),
                manufacturer_approval: manufacturer_approval.clone(),
                restocking_pct: *restocking_pct,
                lines: lines.iter().map(|l| returns::parse_line_spec(l)).collect::<Result<_>>()?,
            })?;
            show_rma(o.format, &rma, out)
        }
        RmaCmd::Receive { rma, date, installed_lines, manufacturer_approval, out: o } => {
            let rma = service.receive_rma(&RmaReceipt {
                rma_no: rma.clone(),
                received_on: date.unwrap_or(as_of),
                installed_lines: installed_lines.clone(),
                manufacturer_approval: manufacturer_approval.clone(),
            })?;
            show_rma(o.format, &rma, out)
        }
        RmaCmd::List { account, status, out: o } => {
            let all = crate::read::rmas(service.store(), as_of, account.as_deref(), status.as_deref())?;
            let report = Report::new(&RMA_COLUMNS, all.iter().map(rma_cells).collect());
            list(o.format, &all, report, out)
        }
        RmaCmd::Show { rma, out: o } => show_rma(o.format, &crate::read::rma(service.store(), rma)?, out),
    }
}

pub fn run_claim(service: &mut Service, cmd: &ClaimCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        ClaimCmd::Open { invoice, received, reported, reason, value, description, out: o } => {
            let claim = service.open_claim(&NewClaim {
                invoice: invoice.clone(),
                received_on: *received,
                reported_on: reported.unwrap_or(as_of),
                reason: *reason,
                description: description.clone(),
                value: *value,
            })?;
            show_claim(o.format, &claim, out)
        }
        ClaimCmd::Resolve { claim, remedy, date, out: o } => {
            show_claim(o.format, &service.resolve_claim(claim, *remedy, date.unwrap_or(as_of))?, out)
        }
        ClaimCmd::List { open, out: o } => {
            let all = crate::read::claims(service.store(), as_of, *open)?;
            let report = Report::new(&CLAIM_COLUMNS, all.iter().map(claim_cells).collect());
            list(o.format, &all, report, out)
        }
    }
}

pub fn run_nonstock(service: &mut Service, cmd: &NonstockCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        NonstockCmd::Receive { account, description, vendor, special_order, date, out: o } => {
            let item = service.receive_nonstock(&NewNonstock {
                account_no: account.clone(),
                description: description.clone(),
                vendor: vendor.clone(),
                special_order: *special_order,
                received_on: date.unwrap_or(as_of),
            })?;
            show_nonstock(o.format, &item, out)
        }
        NonstockCmd::Pickup { item, date, out: o } => {
            show_nonstock(o.format, &service.pickup_nonstock(item, date.unwrap_or(as_of))?, out)
        }
        NonstockCmd::Due { out: o } => {
            let due = crate::read::nonstock_items(service.store(), as_of, true)?;
            list(o.format, &due, nonstock_report(&due), out)
        }
        NonstockCmd::List { out: o } => {
            let all = crate::read::nonstock_items(service.store(), as_of, false)?;
            list(o.format, &all, nonstock_report(&all), out)
        }
        NonstockCmd::Return { item, vendor_fees, date, out: o } => {
            show_nonstock(o.format, &service.return_nonstock_to_vendor(item, date.unwrap_or(as_of), *vendor_fees)?, out)
        }
        NonstockCmd::Charge { item, amount, no_charge, note, date, out: o } => {
            let amount = if *no_charge { None } else { *amount };
            show_nonstock(
                o.format,
                &service.decide_special_order(item, date.unwrap_or(as_of), amount, note.as_deref())?,
                out,
            )
        }
    }
}
