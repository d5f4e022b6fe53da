//! Operators, the audit log, privacy requests and the marketing contact list.

use super::output::{opt_text, Cell, Format, Report};
use crate::domain::privacy::RequestKind;
use crate::error::{Error, Result};
use crate::service::privacy::NewRequest;
use crate::service::{Role, Service};
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum OperatorCmd {
    /// Add an operator (manager only). The first operator of a new database is its manager.
    Add {
        name: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// List operators, their roles and whether they are active.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Change an operator's role (manager only; a database keeps at least one active manager).
    SetRole {
        name: String,
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Disable an operator: they can no longer open the database (manager only).
    Disable { name: String },
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCmd {
    /// Record a request received: access, correction, deletion or marketing opt-out.
    /// Due 30 days after receipt (setting `privacy_response_days`).
    Open {
        #[arg(long, value_parser = parse_kind)]
        kind: RequestKind,
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
        id: i64,
        #[arg(long)]
        how: String,
    },
    /// Extend the due date, with a reason: at most 3 months from receipt.
    Extend {
        id: i64,
        #[arg(long, value_parser = super::parse_date)]
        to: NaiveDate,
        #[arg(long)]
        reason: String,
    },
    /// Carry a verified request out. Access: prints the JSON export of everything held.
    /// Deletion (manager only): erases personal fields, keeps the financial records, says which and why.
    Complete { id: i64 },
    /// Close a request without carrying it out, with a reason.
    Reject {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// Requests with their due dates; overdue and due within 7 days first.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Closed accounts past the retention period (setting `retention_years`, default 7), listed for destruction.
    Retention {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

fn parse_role(s: &str) -> std::result::Result<Role, String> {
    s.to_ascii_uppercase().parse().map_err(|_| format!("{s:?} is not a role: CLERK or MANAGER"))
}

fn parse_kind(s: &str) -> std::result::Result<RequestKind, String> {
    s.to_ascii_uppercase()
        .replace('-', "_")
        .parse()
        .map_err(|_| format!("{s:?} is not a request kind: ACCESS, CORRECTION, DELETION, OPT_OUT_MARKETING"))
}

fn json_out(out: &mut impl Write, value: &impl serde::Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(|e| Error::invalid("output", e.to_string()))?;
    writeln!(out).map_err(super::stdout_error)
}

pub fn operator(service: &mut Service, cmd: &OperatorCmd, out: &mut impl Write) -> Result<()> {
    match cmd {
        OperatorCmd::Add { name, role } => {
            service.add_operator(name, *role)?;
            writeln!(out, "operator {name} added as {role}").map_err(super::stdout_error)
        }
        OperatorCmd::SetRole { name, role } => {
            service.set_operator_role(name, *role)?;
            writeln!(out, "operator {name} is now {role}").map_err(super::stdout_error)
        }
        OperatorCmd::Disable { name } => {
            service.disable_operator(name)?;
            writeln!(out, "operator {name} is disabled").map_err(super::stdout_error)
        }
        OperatorCmd::List { format } => Report {
            columns: vec!["name", "role", "active", "created_at"],
            rows: service
                .operators()?
                .into_iter()
                .map(|o| {
                    vec![
                        Cell::Text(o.name),
                        Cell::Text(o.role.to_string()),
                        Cell::Bool(o.active),
                        Cell::Text(o.created_at),
                    ]
                })
                .collect(),
            totals: false,
        }
        .write(*format, out)
        .map_err(super::stdout_error),
    }
}

pub fn audit(
    service: &Service,
    account: Option<&str>,
    since: Option<NaiveDate>,
    format: Format,
    out: &mut impl Write,
) -> Result<()> {
    let lines = crate::read::audit_trail(service.store(), account, since)?;
    Report {
        columns: vec!["id", "at", "operator", "action", "entity", "entity_key", "account_no", "before", "after"],
        rows: lines
            .into_iter()
            .map(|l| {
                vec![
                    Cell::Int(l.id),
                    Cell::Text(l.at),
                    Cell::Text(l.operator),
                    Cell::Text(l.action),
                    Cell::Text(l.entity),
                    opt_text(&l.entity_key),
                    opt_text(&l.account_no),
                    opt_text(&l.before),
                    opt_text(&l.after),
                ]
            })
            .collect(),
        totals: false,
    }
    .write(format, out)
    .map_err(super::stdout_error)
}

pub fn privacy(service: &mut Service, cmd: &PrivacyCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
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
            writeln!(out, "privacy request {id} ({kind}) recorded; due {}", r.due_on).map_err(super::stdout_error)
        }
        PrivacyCmd::Verify { id, how } => {
            service.verify_privacy_request(*id, how, as_of)?;
            writeln!(out, "privacy request {id} verified").map_err(super::stdout_error)
        }
        PrivacyCmd::Extend { id, to, reason } => {
            service.extend_privacy_request(*id, *to, reason)?;
            writeln!(out, "privacy request {id} now due {to}").map_err(super::stdout_error)
        }
        PrivacyCmd::Reject { id, reason } => {
            service.reject_privacy_request(*id, reason, as_of)?;
            writeln!(out, "privacy request {id} rejected").map_err(super::stdout_error)
        }
        PrivacyCmd::Complete { id } => {
            let done = service.complete_privacy_request(*id, as_of)?;
            json_out(out, &done)
        }
        PrivacyCmd::List { format } => Report {
            columns: vec![
                "id",
                "kind",
                "account_no",
                "received_on",
                "due_on",
                "status",
                "urgency",
                "requester",
                "agent",
            ],
            rows: service
                .privacy_requests()?
                .into_iter()
                .map(|r| {
                    let urgency =
                        serde_json::to_value(r.urgency(as_of)).ok().and_then(|v| v.as_str().map(str::to_string));
                    vec![
                        Cell::Int(r.id),
                        Cell::Text(r.kind.to_string()),
                        Cell::Text(r.account_no),
                        Cell::Date(r.received_on),
                        Cell::Date(r.due_on),
                        Cell::Text(r.status.to_string()),
                        opt_text(&urgency),
                        Cell::Text(r.requester),
                        opt_text(&r.agent),
                    ]
                })
                .collect(),
            totals: false,
        }
        .write(*format, out)
        .map_err(super::stdout_error),
        PrivacyCmd::Retention { format } => Report {
            columns: vec!["account_no", "closed_on"],
            rows: service
                .retention_due(as_of)?
                .into_iter()
                .map(|(no, on)| vec![Cell::Text(no), Cell::Date(on)])
                .collect(),
            totals: false,
        }
        .write(*format, out)
        .map_err(super::stdout_error),
    }
}

/// The marketing contact list: opted-out and erased accounts are never in it.
pub fn contacts(service: &Service, format: Format, out: &mut impl Write) -> Result<()> {
    Report {
        columns: vec!["account_no", "name", "contact_name", "phone", "email", "address"],
        rows: service
            .marketing_contacts()?
            .into_iter()
            .map(|c| {
                vec![
                    Cell::Text(c.account_no),
                    Cell::Text(c.name),
                    opt_text(&c.contact_name),
                    opt_text(&c.phone),
                    opt_text(&c.email),
                    opt_text(&c.address),
                ]
            })
            .collect(),
        totals: false,
    }
    .write(format, out)
    .map_err(super::stdout_error)
}
