//! The terms' batch commands (RULES.md sections 1 and 4): dealers, credit, exemptions,
//! returns (RMA), nonconforming-goods claims, nonstock items. Every command takes
//! `--format table|csv|json`; lists are reports (one row per item), single results are
//! one row (csv), a JSON object (json) or `field  value` lines (table). Dates default to
//! the global `--as-of` (today). Government identifiers are shown masked everywhere.

use super::day;
use super::output::{opt_text, Cell, Format, Report};
use crate::domain::credit::ApplicationStatus;
use crate::domain::credit::CreditApplication;
use crate::domain::dealer::DealerAction;
use crate::domain::exemption::ExemptionLine;
use crate::domain::nonstock::NonstockItem;
use crate::domain::returns::{Claim, Rma};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::read::{self, AccountOverview};
use crate::service::credit::NewCreditApplication;
use crate::service::dealers::{self, NewDealer, NewExemption, NewVerification};
use crate::service::returns::{self, NewClaim, NewNonstock, NewRma, RmaReceipt};
use crate::service::Service;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use std::io::Write;

#[derive(Debug, Clone, Copy, Args)]
pub struct Out {
    /// Output: table (for people), csv, or json (for scripts; amounts as strings).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
#[command(
    about = "Dealer accounts: register, verify, activate, suspend, close, show, list",
    long_about = "Dealer accounts: APPLICANT → (verification phone screen) → VERIFIED → ACTIVE; SUSPENDED and CLOSED. Only ACTIVE accounts receive new invoices from the console."
)]
pub enum AccountCmd {
    /// Register a company applying to become a dealer (status APPLICANT, terms PREPAY).
    Register {
        /// The new account number (no spaces or commas).
        account: String,
        /// The company's name.
        #[arg(long)]
        name: String,
        /// Two-letter state (selects the state's interest cap, if any).
        #[arg(long, default_value = "")]
        state: String,
        #[arg(long, default_value = "")]
        contact: String,
        #[arg(long, default_value = "")]
        phone: String,
        #[arg(long, default_value = "")]
        email: String,
        #[arg(long, default_value = "")]
        address: String,
        #[command(flatten)]
        out: Out,
    },
    /// Record the verification phone screen with an account representative. PASSED makes an
    /// APPLICANT VERIFIED; FAILED is recorded and the company stays an APPLICANT.
    Verify {
        account: String,
        /// The account representative who made the call.
        #[arg(long = "rep")]
        representative: String,
        /// PASSED or FAILED.
        #[arg(long)]
        outcome: String,
        /// Day of the call (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[arg(long, default_value = "")]
        notes: String,
        #[command(flatten)]
        out: Out,
    },
    /// VERIFIED → ACTIVE (any operator); SUSPENDED → ACTIVE reinstates (manager only).
    Activate {
        account: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[command(flatten)]
        out: Out,
    },
    /// ACTIVE → SUSPENDED: no new invoices (manager only; a reason is required).
    Suspend {
        account: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        out: Out,
    },
    /// Close an account for good (manager only; a reason is required). Its ledger stays.
    Close {
        account: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        out: Out,
    },
    /// One account with its flags as of --as-of: over the credit limit, exemption
    /// certificate missing or expired, not invoiceable, credit application pending.
    Show {
        account: String,
        #[command(flatten)]
        out: Out,
    },
    /// Every account with status, terms, limit, balance as of --as-of and its flags.
    List {
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Debug, Subcommand)]
#[command(
    about = "Credit applications (apply, approve, decline), limits and the card surcharge",
    long_about = "Credit applications and limits. NET30 terms require an approved application: a clerk records it, only a manager approves (terms become NET30, the limit is set, approver and date recorded) or declines it with a reason. The SSN/EIN is always shown masked (*****1234)."
)]
pub enum CreditCmd {
    /// Show an account's SSN/EIN or bank reference unmasked, for a moment (manager only;
    /// audited). Everywhere else identifiers show only their last four digits.
    Reveal {
        account: String,
        #[arg(value_enum)]
        what: crate::service::credit::Identifier,
    },
    /// Record a credit application (one pending application per account).
    Apply {
        account: String,
        /// The credit limit asked for, like 5000 or 5000.00.
        #[arg(long)]
        requested_limit: String,
        /// A trade reference (repeat for each; at least one).
        #[arg(long = "trade-ref", required = true)]
        trade_refs: Vec<String>,
        /// The bank reference.
        #[arg(long = "bank-ref")]
        bank_reference: String,
        /// SSN (123-45-6789) or EIN (12-3456789). Stored, but only ever shown masked.
        #[arg(long)]
        gov_id: String,
        /// Day of the application (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Approve the account's pending application (manager only): terms NET30, the limit set.
    Approve {
        account: String,
        /// The approved limit (default: the limit requested).
        #[arg(long, default_value = "")]
        limit: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Decline the account's pending application with a reason (manager only).
    Decline {
        account: String,
        #[arg(long)]
        reason: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Credit applications, newest first per account.
    List {
        #[arg(long)]
        account: Option<String>,
        /// PENDING, APPROVED or DECLINED.
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// Would a new charge of --amount take the account over its credit limit (as of --as-of)?
    /// Exit status 0 either way; the answer is in the output.
    Check {
        account: String,
        #[arg(long)]
        amount: String,
        #[command(flatten)]
        out: Out,
    },
    /// Show the card surcharge percentage (default 3.00), or set it with --set (manager only).
    /// It is posted as a FEE SUR-<ref> when a CARD payment is recorded through the console.
    Surcharge {
        #[arg(long)]
        set: Option<String>,
        #[command(flatten)]
        out: Out,
    },
}

#[derive(Debug, Subcommand)]
#[command(
    about = "Tax exemptions: set, list, expiring",
    long_about = "Tax exemption: number, certificate on file, expiry. An exempt account whose certificate is missing or expired carries a warning."
)]
pub enum ExemptionCmd {
    /// Record or replace an account's exemption.
    Set {
        account: String,
        /// The exemption number.
        #[arg(long)]
        number: String,
        /// The certificate is on file (then --expires is required).
        #[arg(long)]
        certificate_on_file: bool,
        /// The certificate is valid through this day.
        #[arg(long, default_value = "")]
        expires: String,
        #[command(flatten)]
        out: Out,
    },
    /// Every exempt account with its warning as of --as-of.
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Certificates on file expiring within 30 days of --as-of (for renewal).
    Expiring {
        #[command(flatten)]
        out: Out,
    },
}

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
        #[arg(long, default_value = "")]
        manufacturer_approval: String,
        /// The manufacturer's restocking rate when higher than 15 (percent).
        #[arg(long, default_value = "")]
        restocking_pct: String,
        #[command(flatten)]
        out: Out,
    },
    /// Receive an RMA's goods: the rules decide; an accepted return posts its credit.
    Receive {
        rma: String,
        /// Day the goods arrived (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// A line number found installed on inspection (repeat): refuses the return.
        #[arg(long = "installed")]
        installed_lines: Vec<u32>,
        /// The manufacturer's approval of a late return, recorded now.
        #[arg(long, default_value = "")]
        manufacturer_approval: String,
        #[command(flatten)]
        out: Out,
    },
    /// RMAs, optionally of one account or status (ISSUED, RECEIVED).
    List {
        #[arg(long)]
        account: Option<String>,
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// One RMA with its lines and the RMA form's label text.
    Show {
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
        invoice: String,
        /// Day the customer received the goods.
        #[arg(long, value_parser = super::parse_date)]
        received: NaiveDate,
        /// Day the customer reported it (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        reported: Option<NaiveDate>,
        /// WRONG_PRODUCT or MISLABELED.
        #[arg(long)]
        reason: String,
        /// The value of the nonconforming goods.
        #[arg(long)]
        value: String,
        #[arg(long)]
        description: String,
        #[command(flatten)]
        out: Out,
    },
    /// Resolve a claim: REPLACEMENT (no ledger change) or FULL_CREDIT (a CREDIT_MEMO
    /// CM-<claim> of the full value applied to the invoice).
    Resolve {
        claim: String,
        #[arg(long)]
        remedy: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Claims (all, or --open only).
    List {
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
        account: String,
        #[arg(long)]
        description: String,
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
        item: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Items awaiting pickup 30 days or more as of --as-of: to return to the vendor, or
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
    /// Return an unclaimed item to its vendor (30 days or more); posts the vendor's fees as a FEE.
    Return {
        item: String,
        /// The vendor's restocking and return-freight fees, entered by hand (blank = none).
        #[arg(long, default_value = "")]
        vendor_fees: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// A manager's decision on unclaimed special-order nonstock (30 days or more): charge the
    /// customer --amount, or record --no-charge. The decision and its note are kept.
    Charge {
        item: String,
        #[arg(long, default_value = "", required_unless_present = "no_charge")]
        amount: String,
        #[arg(long, conflicts_with = "amount")]
        no_charge: bool,
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
}

fn io(e: std::io::Error) -> Error {
    Error::File { path: "<stdout>".into(), source: e }
}

/// A single result: one JSON object, one CSV row, or `field  value` lines.
fn single<T: serde::Serialize>(
    format: Format,
    value: &T,
    fields: Vec<(&'static str, Cell)>,
    footer: Option<&str>,
    out: &mut impl Write,
) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, value).map_err(|e| io(e.into()))?;
            writeln!(out).map_err(io)
        }
        Format::Csv => {
            let (columns, row): (Vec<&'static str>, Vec<Cell>) = fields.into_iter().unzip();
            Report { columns, rows: vec![row], totals: false }.write(Format::Csv, out).map_err(io)
        }
        Format::Table => {
            let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
            for (k, v) in &fields {
                writeln!(out, "{k:<width$}  {}", for_people(v)).map_err(io)?;
            }
            if let Some(f) = footer {
                writeln!(out).map_err(io)?;
                write!(out, "{f}").map_err(io)?;
            }
            Ok(())
        }
    }
}

fn for_people(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Date(d) => d.to_string(),
        Cell::Money(m) => m.grouped(),
        Cell::Int(i) => i.to_string(),
        Cell::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Cell::Empty => String::new(),
    }
}

fn list<T: serde::Serialize>(format: Format, items: &[T], report: Report, out: &mut impl Write) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, items).map_err(|e| io(e.into()))?;
            writeln!(out).map_err(io)
        }
        f => report.write(f, out).map_err(io),
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_money(m: Option<Money>) -> Cell {
    m.map_or(Cell::Empty, Cell::Money)
}

fn opt_date(d: Option<NaiveDate>) -> Cell {
    d.map_or(Cell::Empty, Cell::Date)
}

const OVERVIEW_COLUMNS: [&str; 8] =
    ["account_no", "name", "status", "terms", "credit_limit", "balance", "over_limit", "flags"];

fn overview_cells(o: &AccountOverview) -> Vec<Cell> {
    vec![
        text(&o.account_no),
        text(&o.name),
        text(o.status.as_str()),
        text(o.terms.as_str()),
        Cell::Money(o.credit_limit),
        Cell::Money(o.balance),
        Cell::Bool(o.over_limit.is_some()),
        text(o.flags.join("; ")),
    ]
}

fn show_overview(format: Format, o: &AccountOverview, out: &mut impl Write) -> Result<()> {
    let mut fields: Vec<(&'static str, Cell)> = OVERVIEW_COLUMNS.into_iter().zip(overview_cells(o)).collect();
    fields.extend([
        ("exemption_no", opt_text(&o.exemption.as_ref().map(|e| e.exemption_no.clone()))),
        ("exemption_warning", opt_text(&o.exemption_warning.map(|w| w.message()))),
        ("credit_application", opt_text(&o.credit_application.as_ref().map(|a| a.status.to_string()))),
        ("gov_id", opt_text(&o.credit_application.as_ref().map(|a| a.gov_id.clone()))),
        (
            "last_verification",
            opt_text(
                &o.last_verification
                    .as_ref()
                    .map(|v| format!("{} {} by {}", v.screened_on, v.outcome, v.representative)),
            ),
        ),
    ]);
    single(format, o, fields, None, out)
}

fn status_change(format: Format, c: &dealers::DealerChange, out: &mut impl Write) -> Result<()> {
    let fields = vec![
        ("account_no", text(&c.account_no)),
        ("from", text(c.from.as_str())),
        ("to", text(c.to.as_str())),
        ("reason", opt_text(&c.reason)),
        (
            "verification",
            opt_text(
                &c.verification.as_ref().map(|v| format!("{} {} by {}", v.screened_on, v.outcome, v.representative)),
            ),
        ),
    ];
    single(format, c, fields, None, out)
}

const APPLICATION_COLUMNS: [&str; 12] = [
    "id",
    "account_no",
    "applied_on",
    "requested_limit",
    "gov_id",
    "trade_references",
    "bank_reference",
    "status",
    "decided_by",
    "decided_on",
    "approved_limit",
    "decline_reason",
];

fn application_cells(a: &CreditApplication) -> Vec<Cell> {
    vec![
        Cell::Int(a.id),
        text(&a.account_no),
        Cell::Date(a.applied_on),
        Cell::Money(a.requested_limit),
        text(format!("{} {}", a.gov_id_kind.as_str(), a.gov_id)),
        text(a.trade_references.join(" | ")),
        text(&a.bank_reference),
        text(a.status.as_str()),
        opt_text(&a.decided_by),
        opt_date(a.decided_on),
        opt_money(a.approved_limit),
        opt_text(&a.decline_reason),
    ]
}

fn show_application(format: Format, a: &CreditApplication, out: &mut impl Write) -> Result<()> {
    single(format, a, APPLICATION_COLUMNS.into_iter().zip(application_cells(a)).collect(), None, out)
}

const EXEMPTION_COLUMNS: [&str; 6] =
    ["account_no", "name", "exemption_no", "certificate_on_file", "certificate_expires", "warning"];

fn exemption_report(lines: &[ExemptionLine]) -> Report {
    Report {
        columns: EXEMPTION_COLUMNS.to_vec(),
        rows: lines
            .iter()
            .map(|l| {
                vec![
                    text(&l.account_no),
                    text(&l.name),
                    text(&l.exemption.exemption_no),
                    Cell::Bool(l.exemption.certificate_on_file),
                    opt_date(l.exemption.certificate_expires),
                    opt_text(&l.warning.map(|w| w.message())),
                ]
            })
            .collect(),
        totals: false,
    }
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
    Report { columns: NONSTOCK_COLUMNS.to_vec(), rows: items.iter().map(nonstock_cells).collect(), totals: false }
}

pub fn run_account(service: &mut Service, cmd: &AccountCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        AccountCmd::Register { account, name, state, contact, phone, email, address, out: o } => {
            service.register_dealer(&NewDealer {
                account_no: account.clone(),
                name: name.clone(),
                state: state.clone(),
                contact_name: contact.clone(),
                phone: phone.clone(),
                email: email.clone(),
                address: address.clone(),
            })?;
            show_overview(o.format, &read::account_overview(service.store(), account, as_of)?, out)
        }
        AccountCmd::Verify { account, representative, outcome, date, notes, out: o } => {
            let change = service.verify_dealer(&NewVerification {
                account_no: account.clone(),
                representative: representative.clone(),
                screened_on: day(*date, as_of),
                outcome: outcome.clone(),
                notes: notes.clone(),
            })?;
            status_change(o.format, &change, out)
        }
        AccountCmd::Activate { account, reason, out: o } => {
            status_change(o.format, &service.change_dealer_status(account, DealerAction::Activate, reason)?, out)
        }
        AccountCmd::Suspend { account, reason, out: o } => {
            status_change(o.format, &service.change_dealer_status(account, DealerAction::Suspend, reason)?, out)
        }
        AccountCmd::Close { account, reason, out: o } => {
            status_change(o.format, &service.change_dealer_status(account, DealerAction::Close, reason)?, out)
        }
        AccountCmd::Show { account, out: o } => {
            show_overview(o.format, &read::account_overview(service.store(), account, as_of)?, out)
        }
        AccountCmd::List { out: o } => {
            let all = read::account_overviews(service.store(), as_of)?;
            let report = Report {
                columns: OVERVIEW_COLUMNS.to_vec(),
                rows: all.iter().map(overview_cells).collect(),
                totals: false,
            };
            list(o.format, &all, report, out)
        }
    }
}

pub fn run_credit(service: &mut Service, cmd: &CreditCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        CreditCmd::Reveal { account, what } => {
            let value = service.reveal_identifier(account, *what)?;
            writeln!(out, "{value}").map_err(super::stdout_error)
        }
        CreditCmd::Apply { account, requested_limit, trade_refs, bank_reference, gov_id, date, out: o } => {
            let app = service.apply_for_credit(&NewCreditApplication {
                account_no: account.clone(),
                applied_on: day(*date, as_of),
                requested_limit: requested_limit.clone(),
                trade_references: trade_refs.clone(),
                bank_reference: bank_reference.clone(),
                gov_id: gov_id.clone(),
            })?;
            show_application(o.format, &app, out)
        }
        CreditCmd::Approve { account, limit, date, out: o } => {
            show_application(o.format, &service.approve_credit(account, limit, &day(*date, as_of))?, out)
        }
        CreditCmd::Decline { account, reason, date, out: o } => {
            show_application(o.format, &service.decline_credit(account, reason, &day(*date, as_of))?, out)
        }
        CreditCmd::List { account, status, out: o } => {
            let status = status
                .as_deref()
                .map(|s| {
                    s.parse::<ApplicationStatus>().map_err(|_| {
                        Error::invalid("status", format!("{s:?} is not one of PENDING, APPROVED, DECLINED"))
                    })
                })
                .transpose()?;
            let all = read::credit_applications(service.store(), account.as_deref(), status)?;
            let report = Report {
                columns: APPLICATION_COLUMNS.to_vec(),
                rows: all.iter().map(application_cells).collect(),
                totals: false,
            };
            list(o.format, &all, report, out)
        }
        CreditCmd::Check { account, amount, out: o } => {
            let amount = crate::service::input::positive_amount("amount", amount)?;
            let store = service.store();
            let over = read::credit_check(store, account, amount, as_of)?;
            let a = read::account(store, account)?;
            let balance = read::balance(store, &a, as_of)?;
            let value = serde_json::json!({
                "account_no": a.account_no, "terms": a.terms, "credit_limit": a.credit_limit, "balance": balance,
                "amount": amount, "balance_after": balance + amount, "needs_confirmation": over.is_some(),
                "excess": over.map(|o| o.excess),
            });
            let fields = vec![
                ("account_no", text(&a.account_no)),
                ("terms", text(a.terms.as_str())),
                ("credit_limit", Cell::Money(a.credit_limit)),
                ("balance", Cell::Money(balance)),
                ("amount", Cell::Money(amount)),
                ("balance_after", Cell::Money(balance + amount)),
                ("needs_confirmation", Cell::Bool(over.is_some())),
                ("excess", opt_money(over.map(|o| o.excess))),
            ];
            single(o.format, &value, fields, None, out)
        }
        CreditCmd::Surcharge { set, out: o } => {
            let pct = match set {
                Some(p) => service.set_surcharge_pct(p)?,
                None => read::surcharge_pct(service.store())?,
            };
            let value = serde_json::json!({ "card_surcharge_pct": pct.to_string() });
            single(o.format, &value, vec![("card_surcharge_pct", text(pct.to_string()))], None, out)
        }
    }
}

pub fn run_exemption(service: &mut Service, cmd: &ExemptionCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        ExemptionCmd::Set { account, number, certificate_on_file, expires, out: o } => {
            service.set_exemption(&NewExemption {
                account_no: account.clone(),
                exemption_no: number.clone(),
                certificate_on_file: *certificate_on_file,
                certificate_expires: expires.clone(),
            })?;
            let line = read::exemptions(service.store(), as_of)?
                .into_iter()
                .find(|l| &l.account_no == account)
                .ok_or_else(|| Error::NotFound(format!("the exemption of {account}")))?;
            let report = exemption_report(std::slice::from_ref(&line));
            let fields =
                EXEMPTION_COLUMNS.into_iter().zip(report.rows.into_iter().next().unwrap_or_default()).collect();
            single(o.format, &line, fields, None, out)
        }
        ExemptionCmd::List { out: o } => {
            let all = read::exemptions(service.store(), as_of)?;
            list(o.format, &all, exemption_report(&all), out)
        }
        ExemptionCmd::Expiring { out: o } => {
            let soon: Vec<ExemptionLine> =
                read::exemptions(service.store(), as_of)?.into_iter().filter(|l| l.expiring_soon).collect();
            list(o.format, &soon, exemption_report(&soon), out)
        }
    }
}

pub fn run_rma(service: &mut Service, cmd: &RmaCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        RmaCmd::Issue { invoice, lines, date, manufacturer_approval, restocking_pct, out: o } => {
            let rma = service.issue_rma(&NewRma {
                invoice: invoice.clone(),
                issued_on: day(*date, as_of),
                manufacturer_approval: manufacturer_approval.clone(),
                restocking_pct: restocking_pct.clone(),
                lines: lines.iter().map(|l| returns::parse_line_spec(l)).collect::<Result<_>>()?,
            })?;
            show_rma(o.format, &rma, out)
        }
        RmaCmd::Receive { rma, date, installed_lines, manufacturer_approval, out: o } => {
            let rma = service.receive_rma(&RmaReceipt {
                rma_no: rma.clone(),
                received_on: day(*date, as_of),
                installed_lines: installed_lines.clone(),
                manufacturer_approval: manufacturer_approval.clone(),
            })?;
            show_rma(o.format, &rma, out)
        }
        RmaCmd::List { account, status, out: o } => {
            let all = read::rmas(service.store(), account.as_deref(), status.as_deref())?;
            let report =
                Report { columns: RMA_COLUMNS.to_vec(), rows: all.iter().map(rma_cells).collect(), totals: false };
            list(o.format, &all, report, out)
        }
        RmaCmd::Show { rma, out: o } => show_rma(o.format, &read::rma(service.store(), rma)?, out),
    }
}

pub fn run_claim(service: &mut Service, cmd: &ClaimCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        ClaimCmd::Open { invoice, received, reported, reason, value, description, out: o } => {
            let claim = service.open_claim(&NewClaim {
                invoice: invoice.clone(),
                received_on: received.to_string(),
                reported_on: day(*reported, as_of),
                reason: reason.clone(),
                description: description.clone(),
                value: value.clone(),
            })?;
            show_claim(o.format, &claim, out)
        }
        ClaimCmd::Resolve { claim, remedy, date, out: o } => {
            show_claim(o.format, &service.resolve_claim(claim, remedy, &day(*date, as_of))?, out)
        }
        ClaimCmd::List { open, out: o } => {
            let all = read::claims(service.store(), *open)?;
            let report =
                Report { columns: CLAIM_COLUMNS.to_vec(), rows: all.iter().map(claim_cells).collect(), totals: false };
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
                received_on: day(*date, as_of),
            })?;
            show_nonstock(o.format, &item, out)
        }
        NonstockCmd::Pickup { item, date, out: o } => {
            show_nonstock(o.format, &service.pickup_nonstock(item, &day(*date, as_of))?, out)
        }
        NonstockCmd::Due { out: o } => {
            let due = read::nonstock_items(service.store(), as_of, true)?;
            list(o.format, &due, nonstock_report(&due), out)
        }
        NonstockCmd::List { out: o } => {
            let all = read::nonstock_items(service.store(), as_of, false)?;
            list(o.format, &all, nonstock_report(&all), out)
        }
        NonstockCmd::Return { item, vendor_fees, date, out: o } => {
            show_nonstock(o.format, &service.return_nonstock_to_vendor(item, &day(*date, as_of), vendor_fees)?, out)
        }
        NonstockCmd::Charge { item, amount, no_charge, note, date, out: o } => {
            let amount = if *no_charge { "" } else { amount.as_str() };
            show_nonstock(o.format, &service.decide_special_order(item, &day(*date, as_of), amount, note)?, out)
        }
    }
}
