//! Credit (RULES.md sections 1 and 5): applications a clerk records and a manager
//! approves or declines, the credit check against the limit, the card surcharge, and a
//! manager's look at an identifier unmasked.

use super::output::{list, opt_date, opt_money, opt_text, say, single, text, Cell, Format, Out, Report};
use crate::domain::credit::ApplicationStatus;
use crate::domain::credit::CreditApplication;
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::service::credit::NewCreditApplication;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use strum::VariantNames;

#[derive(Debug, Subcommand)]
#[command(
    about = "Credit applications (apply, approve, decline), limits and the card surcharge",
    long_about = "Credit applications and limits. NET30 terms require an approved application: a clerk records it, only a manager approves (terms become NET30, the limit is set, approver and date recorded) or declines it with a reason. The SSN/EIN is always shown masked (*****1234)."
)]
pub enum CreditCmd {
    /// Show an account's SSN/EIN or bank reference unmasked, for a moment (manager only;
    /// audited). Everywhere else identifiers show only their last four digits.
    Reveal {
        /// The account number.
        account: String,
        /// Which identifier to show.
        #[arg(value_enum)]
        what: crate::service::credit::Identifier,
    },
    /// Record a credit application (one pending application per account).
    Apply {
        /// The applying account's number.
        account: String,
        /// The credit limit asked for, like 5000 or 5000.00.
        #[arg(long, value_parser = super::parse_amount)]
        requested_limit: Money,
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
        /// The account number.
        account: String,
        /// The approved limit (default: the limit requested).
        #[arg(long, value_parser = super::parse_amount)]
        limit: Option<Money>,
        /// Day of the decision (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Decline the account's pending application with a reason (manager only).
    Decline {
        /// The account number.
        account: String,
        /// Why the application is declined.
        #[arg(long)]
        reason: String,
        /// Day of the decision (default: --as-of, today).
        #[arg(long, value_parser = super::parse_date)]
        date: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Credit applications, newest first per account.
    List {
        /// Only this account's applications.
        #[arg(long)]
        account: Option<String>,
        /// PENDING, APPROVED or DECLINED.
        #[arg(long)]
        status: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// May the account have a new invoice of --amount (as of --as-of)? HOLD with the reason
    /// when it is on credit hold; OVER LIMIT when the charge would take it over its credit
    /// limit (the console asks to confirm); else OK. Exit status 0 either way.
    Check {
        /// The account number.
        account: String,
        /// The amount of the new charge, like 125 or 125.50.
        #[arg(long, value_parser = super::parse_amount)]
        amount: Money,
        #[command(flatten)]
        out: Out,
    },
    /// Set an account's credit limit (manager only).
    Limit {
        /// The account number.
        account: String,
        /// The new limit, like 5000 or 0.
        #[arg(long, value_parser = super::parse_money)]
        amount: Money,
    },
    /// Take NET30 terms back (manager only, with a reason): the account is on PREPAY from
    /// now on; due dates already fixed stay.
    Revoke {
        /// The account number.
        account: String,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Set the account's own annual interest rate cap (manager only): --pct P, or --none
    /// to remove it (the state's cap, if any, applies then).
    #[command(group(clap::ArgGroup::new("cap").required(true).args(["pct", "none"])))]
    Cap {
        /// The account number.
        account: String,
        /// Percent per year, like 12 (0 means no interest; above 18 changes nothing).
        #[arg(long, value_parser = super::parse_percent)]
        pct: Option<rust_decimal::Decimal>,
        /// No cap of its own.
        #[arg(long)]
        none: bool,
    },
    /// Show the card surcharge percentage (default 3.00), or set it with --set (manager only).
    /// It is posted as a FEE SUR-<ref> when a CARD payment is recorded through the console.
    Surcharge {
        /// The new percentage, like 3 or 2.75 (manager only).
        #[arg(long, value_parser = super::parse_percent)]
        set: Option<rust_decimal::Decimal>,
        #[command(flatten)]
        out: Out,
    },
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

/// A status as typed after `--status`; the message names the three there are.
fn application_status(s: &str) -> Result<ApplicationStatus> {
    s.parse().map_err(|_| {
        Error::invalid("status", format!("{s:?} is not one of {}", ApplicationStatus::VARIANTS.join(", ")))
    })
}

pub fn run(service: &mut Service, cmd: &CreditCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        CreditCmd::Reveal { account, what } => say(out, service.reveal_identifier(account, *what)?),
        CreditCmd::Apply { account, requested_limit, trade_refs, bank_reference, gov_id, date, out: o } => {
            let app = service.apply_for_credit(&NewCreditApplication {
                account_no: account.clone(),
                applied_on: date.unwrap_or(as_of),
                requested_limit: *requested_limit,
                trade_references: trade_refs.clone(),
                bank_reference: bank_reference.clone(),
                gov_id: gov_id.clone(),
            })?;
            show_application(o.format, &app, out)
        }
        CreditCmd::Approve { account, limit, date, out: o } => {
            show_application(o.format, &service.approve_credit(account, *limit, date.unwrap_or(as_of))?, out)
        }
        CreditCmd::Decline { account, reason, date, out: o } => {
            show_application(o.format, &service.decline_credit(account, reason, date.unwrap_or(as_of))?, out)
        }
        CreditCmd::List { account, status, out: o } => {
            let status = status.as_deref().map(application_status).transpose()?;
            let all = crate::read::credit_applications(service.store(), account.as_deref(), status)?;
            list(o.format, &all, Report::new(&APPLICATION_COLUMNS, all.iter().map(application_cells).collect()), out)
        }
        CreditCmd::Check { account, amount, out: o } => {
            let amount = *amount;
            let store = service.store();
            let over = crate::read::credit_check(store, account, amount, as_of)?;
            let a = crate::read::account(store, account)?;
            let balance = crate::read::balance(store, &a, as_of)?;
            let after = crate::read::overview::balance_after(&a, balance, amount)?;
            let hold = crate::read::hold_of(store, account, as_of)?;
            let answer = match (&hold, &over) {
                (Some(_), _) => "HOLD",
                (None, Some(_)) => "OVER LIMIT",
                (None, None) => "OK",
            };
            let value = serde_json::json!({
                "account_no": a.account_no, "terms": a.terms, "credit_limit": a.credit_limit, "balance": balance,
                "amount": amount, "balance_after": after, "needs_confirmation": over.is_some(),
                "excess": over.map(|o| o.excess), "answer": answer, "hold": hold.is_some(),
                "hold_reason": hold.as_ref().map(|h| &h.reason), "hold_since": hold.as_ref().and_then(|h| h.since),
            });
            let fields = vec![
                ("account_no", text(&a.account_no)),
                ("terms", text(a.terms.as_str())),
                ("credit_limit", Cell::Money(a.credit_limit)),
                ("balance", Cell::Money(balance)),
                ("amount", Cell::Money(amount)),
                ("balance_after", Cell::Money(after)),
                ("needs_confirmation", Cell::Bool(over.is_some())),
                ("excess", opt_money(over.map(|o| o.excess))),
                ("answer", text(answer)),
                ("hold", Cell::Bool(hold.is_some())),
                ("hold_reason", opt_text(&hold.as_ref().map(|h| h.reason.clone()))),
                ("hold_since", opt_date(hold.as_ref().and_then(|h| h.since))),
            ];
            single(o.format, &value, fields, None, out)
        }
        CreditCmd::Limit { account, amount } => {
            let old = service.set_credit_limit(account, *amount)?;
            say(out, format_args!("{account}: credit limit {} (was {})", amount.grouped(), old.grouped()))
        }
        CreditCmd::Revoke { account, reason } => {
            service.revoke_credit(account, reason)?;
            say(out, format_args!("{account}: NET30 taken back; PREPAY from now on (due dates already fixed stay)"))
        }
        CreditCmd::Cap { account, pct, none: _ } => {
            service.set_rate_cap(account, *pct)?;
            say(out, format_args!("{account}: rate cap {}", pct.map_or("none".to_string(), |p| format!("{p}% a year"))))
        }
        CreditCmd::Surcharge { set, out: o } => {
            let pct = match set {
                Some(p) => service.set_surcharge_pct(*p)?,
                None => crate::read::surcharge_pct(service.store())?,
            };
            let value = serde_json::json!({ "card_surcharge_pct": pct.to_string() });
            single(o.format, &value, vec![("card_surcharge_pct", text(pct.to_string()))], None, out)
        }
    }
}
