//! Dealer accounts (RULES.md section 1): register, the verification phone screen,
//! activate, suspend, close; show one or list all with their flags as of --as-of.

use super::output::{list, opt_date, opt_money, opt_text, say, single, text, Cell, Format, Out, Report};
use crate::domain::dealer::DealerAction;
use crate::domain::dealer::{Verification, VerificationOutcome};
use crate::error::Result;
use crate::read::AccountOverview;
use crate::service::dealers::{self, NewDealer, NewVerification};
use crate::service::upkeep::AccountEdit;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
#[command(
    about = "Dealer accounts: register, verify, activate, suspend, close, edit, show, list",
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
        /// The person to speak to.
        #[arg(long, default_value = "")]
        contact: String,
        /// The company's telephone number.
        #[arg(long, default_value = "")]
        phone: String,
        /// The company's email address.
        #[arg(long, default_value = "")]
        email: String,
        /// The company's postal address.
        #[arg(long, default_value = "")]
        address: String,
        #[command(flatten)]
        out: Out,
    },
    /// Record the verification phone screen with an account representative. PASSED makes an
    /// APPLICANT VERIFIED; FAILED is recorded and the company stays an APPLICANT.
    Verify {
        /// The applicant's account number.
        account: String,
        /// The account representative who made the call.
        #[arg(long = "rep")]
        representative: String,
        /// PASSED or FAILED.
        #[arg(long, value_parser = super::parse_choice::<VerificationOutcome>)]
        outcome: VerificationOutcome,
        /// Day of the call (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        /// What was said on the call.
        #[arg(long)]
        notes: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// VERIFIED → ACTIVE (any operator); SUSPENDED → ACTIVE reinstates (manager only).
    Activate {
        /// The account number.
        account: String,
        /// Why (kept in the audit log).
        #[arg(long, default_value = "")]
        reason: String,
        /// The day it takes effect (default: today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// ACTIVE → SUSPENDED: no new invoices (manager only; a reason is required).
    Suspend(StatusChange),
    /// Close an account for good (manager only; a reason is required). Its ledger stays;
    /// retention of its personal data counts from the day given.
    Close(StatusChange),
    /// Change an account's name, contact, phone, e-mail, address or state (any operator;
    /// the console's `E`). An empty value clears a field (never the name). The audit log
    /// names the fields changed, never their values.
    Edit {
        /// The account number.
        account: String,
        /// The company's name.
        #[arg(long)]
        name: Option<String>,
        /// The person to speak to.
        #[arg(long)]
        contact: Option<String>,
        /// The company's telephone number.
        #[arg(long)]
        phone: Option<String>,
        /// The company's email address.
        #[arg(long)]
        email: Option<String>,
        /// The company's postal address.
        #[arg(long)]
        address: Option<String>,
        /// Two-letter state (selects the state's interest cap, if any).
        #[arg(long)]
        state: Option<String>,
    },
    /// One account with its flags as of --as-of: over the credit limit, exemption
    /// certificate missing or expired, not invoiceable, credit application pending.
    Show {
        /// The account number.
        account: String,
        #[command(flatten)]
        out: Out,
    },
    /// Every account with status, terms, limit, balance as of --as-of and its flags.
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Every document of the account as of --as-of, paid ones and payments included, in
    /// date order; the open ones say OPEN.
    History {
        /// The account number.
        account: String,
        #[command(flatten)]
        out: Out,
    },
}

/// A manager's change of an account's status, which takes a reason.
#[derive(Debug, clap::Args)]
pub struct StatusChange {
    /// The account number.
    account: String,
    /// Why (kept in the audit log).
    #[arg(long)]
    reason: String,
    /// The day it takes effect (default: today).
    #[arg(long, value_parser = super::parse_date)]
    date: Option<NaiveDate>,
    #[command(flatten)]
    out: Out,
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

/// A verification phone screen in one line: `2026-03-01 PASSED by Bob`.
fn screen(v: &Verification) -> String {
    format!("{} {} by {}", v.screened_on, v.outcome, v.representative)
}

fn show_overview(format: Format, o: &AccountOverview, out: &mut impl Write) -> Result<()> {
    let mut fields: Vec<(&'static str, Cell)> = OVERVIEW_COLUMNS.into_iter().zip(overview_cells(o)).collect();
    fields.extend([
        ("status_since", super::output::opt_date(o.status_since)),
        ("rate_cap_pct", opt_text(&o.rate_cap_pct.map(|c| c.to_string()))),
        ("exemption_no", opt_text(&o.exemption.as_ref().map(|e| e.exemption_no.clone()))),
        ("exemption_warning", opt_text(&o.exemption_warning.map(|w| w.message()))),
        ("credit_application", opt_text(&o.credit_application.as_ref().map(|a| a.status.to_string()))),
        ("gov_id", opt_text(&o.credit_application.as_ref().map(|a| a.gov_id.clone()))),
        ("last_verification", opt_text(&o.last_verification.as_ref().map(screen))),
    ]);
    single(format, o, fields, None, out)
}

fn status_change(format: Format, c: &dealers::DealerChange, out: &mut impl Write) -> Result<()> {
    let fields = vec![
        ("account_no", text(&c.account_no)),
        ("from", text(c.from.as_str())),
        ("to", text(c.to.as_str())),
        ("reason", opt_text(&c.reason)),
        ("on", Cell::Date(c.on)),
        ("verification", opt_text(&c.verification.as_ref().map(screen))),
    ];
    single(format, c, fields, None, out)
}

pub fn run(service: &mut Service, cmd: &AccountCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
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
            show_overview(o.format, &crate::read::account_overview(service.store(), account, as_of)?, out)
        }
        AccountCmd::Verify { account, representative, outcome, date, notes, out: o } => {
            let change = service.verify_dealer(&NewVerification {
                account_no: account.clone(),
                representative: representative.clone(),
                screened_on: date.unwrap_or(as_of),
                outcome: *outcome,
                notes: notes.clone(),
            })?;
            status_change(o.format, &change, out)
        }
        AccountCmd::Activate { account, reason, date, out: o }
        | AccountCmd::Suspend(StatusChange { account, reason, date, out: o })
        | AccountCmd::Close(StatusChange { account, reason, date, out: o }) => {
            let action = match cmd {
                AccountCmd::Activate { .. } => DealerAction::Activate,
                AccountCmd::Suspend(_) => DealerAction::Suspend,
                _ => DealerAction::Close,
            };
            let on = date.unwrap_or(service.today());
            status_change(o.format, &service.change_dealer_status(account, action, reason, on)?, out)
        }
        AccountCmd::Edit { account, name, contact, phone, email, address, state } => {
            let changed = service.edit_account(&AccountEdit {
                account_no: account.clone(),
                name: name.clone(),
                contact_name: contact.clone(),
                phone: phone.clone(),
                email: email.clone(),
                address: address.clone(),
                state: state.clone(),
            })?;
            say(out, format_args!("account {account}: changed {}", changed.join(", ")))
        }
        AccountCmd::Show { account, out: o } => {
            show_overview(o.format, &crate::read::account_overview(service.store(), account, as_of)?, out)
        }
        AccountCmd::History { account, out: o } => {
            let lines = crate::read::history(service.store(), account, as_of)?;
            let report = Report::new(
                &["date", "doc_no", "kind", "amount", "due_date", "outstanding", "status", "disputed", "apply_to"],
                lines
                    .iter()
                    .map(|l| {
                        vec![
                            Cell::Date(l.date),
                            text(&l.doc_no),
                            text(&l.kind),
                            Cell::Money(l.amount),
                            opt_date(l.due_date),
                            opt_money(l.outstanding),
                            text(l.status.to_string()),
                            Cell::Bool(l.disputed),
                            opt_text(&l.apply_to),
                        ]
                    })
                    .collect(),
            );
            list(o.format, &lines, report, out)
        }
        AccountCmd::List { out: o } => {
            let all = crate::read::account_overviews(service.store(), as_of)?;
            let report = Report::new(&OVERVIEW_COLUMNS, all.iter().map(overview_cells).collect());
            list(o.format, &all, report, out)
        }
    }
}
