//! Privacy requests (RULES.md section 5): access, correction, deletion and marketing
//! opt-out, each due 30 days after receipt; and the accounts past retention.

use super::output::{json, opt_text, say, Cell, Out, Report};
use crate::domain::privacy::RequestKind;
use crate::error::Result;
use crate::service::privacy::NewRequest;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use strum::VariantNames;

#[derive(Debug, Subcommand)]
pub enum PrivacyCmd {
    /// Record a request received: access, correction, deletion or marketing opt-out.
    /// Due 30 days after receipt (setting `privacy_response_days`).
    Open {
        /// ACCESS, CORRECTION, DELETION or OPT_OUT_MARKETING (any case; - for _).
        #[arg(long, value_parser = parse_kind)]
        kind: RequestKind,
        /// The account the request is about.
        #[arg(long)]
        account: String,
        /// Who made the request.
        #[arg(long)]
        requester: String,
        /// An authorised agent acting for the requester, if any.
        #[arg(long)]
        agent: Option<String>,
        /// Day received (default: --as-of).
        #[arg(long, value_parser = super::parse_date)]
        received: Option<NaiveDate>,
        /// For a correction: `field=value; field=value` (name, contact_name, phone, email, address, state).
        #[arg(long)]
        details: Option<String>,
    },
    /// Record how the requester's identity was verified (required before completing).
    Verify {
        /// The request's number.
        id: i64,
        /// How the identity was verified.
        #[arg(long)]
        how: String,
    },
    /// Extend the due date, with a reason: at most 3 months from receipt.
    Extend {
        /// The request's number.
        id: i64,
        /// The new due date.
        #[arg(long, value_parser = super::parse_date)]
        to: NaiveDate,
        /// Why more time is needed.
        #[arg(long)]
        reason: String,
    },
    /// Carry a verified request out. Access: prints the JSON export of everything held.
    /// Deletion (manager only): erases personal fields, keeps the financial records, says which and why.
    Complete {
        /// The request's number.
        id: i64,
    },
    /// Close a request without carrying it out, with a reason.
    Reject {
        /// The request's number.
        id: i64,
        /// Why it is not carried out.
        #[arg(long)]
        reason: String,
    },
    /// Requests as they stood on --as-of, with their due dates; overdue and due within 7 days first.
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Closed accounts past the retention period (setting `retention_years`, default 7), listed for destruction.
    Retention {
        #[command(flatten)]
        out: Out,
    },
}

/// A request kind as typed: any case, `-` for `_`; the message names the four there are.
fn parse_kind(s: &str) -> std::result::Result<RequestKind, String> {
    s.to_ascii_uppercase()
        .replace('-', "_")
        .parse()
        .map_err(|_| format!("{s:?} is not a request kind: {}", RequestKind::VARIANTS.join(", ")))
}

pub fn run(service: &mut Service, cmd: &PrivacyCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        PrivacyCmd::Open { kind, account, requester, agent, received, details } => {
            let id = service.open_privacy_request(&NewRequest {
                kind: *kind,
                account_no: account.clone(),
                requester: requester.clone(),
                agent: agent.clone(),
                received_on: received.unwrap_or(as_of),
                details: details.clone(),
            })?;
            let r = service.privacy_request(id)?;
            say(out, format_args!("privacy request {id} ({kind}) recorded; due {}", r.due_on))
        }
        PrivacyCmd::Verify { id, how } => {
            service.verify_privacy_request(*id, how, as_of)?;
            say(out, format_args!("privacy request {id} verified"))
        }
        PrivacyCmd::Extend { id, to, reason } => {
            service.extend_privacy_request(*id, *to, reason)?;
            say(out, format_args!("privacy request {id} now due {to}"))
        }
        PrivacyCmd::Reject { id, reason } => {
            service.reject_privacy_request(*id, reason, as_of)?;
            say(out, format_args!("privacy request {id} rejected"))
        }
        PrivacyCmd::Complete { id } => json(out, &service.complete_privacy_request(*id, as_of)?),
        PrivacyCmd::List { out: o } => Report::new(
            &["id", "kind", "account_no", "received_on", "due_on", "status", "urgency", "requester", "agent"],
            crate::read::privacy_requests(service.store(), as_of)?
                .into_iter()
                .map(|r| {
                    let urgency = r.urgency(as_of);
                    vec![
                        Cell::Int(r.id),
                        Cell::Text(r.kind.to_string()),
                        Cell::Text(r.account_no),
                        Cell::Date(r.received_on),
                        Cell::Date(r.due_on),
                        Cell::Text(r.status.to_string()),
                        Cell::Text(urgency.to_string()),
                        Cell::Text(r.requester),
                        opt_text(&r.agent),
                    ]
                })
                .collect(),
        )
        .print(o.format, out),
        PrivacyCmd::Retention { out: o } => Report::new(
            &["account_no", "closed_on"],
            service.retention_due(as_of)?.into_iter().map(|(no, on)| vec![Cell::Text(no), Cell::Date(on)]).collect(),
        )
        .print(o.format, out),
    }
}
