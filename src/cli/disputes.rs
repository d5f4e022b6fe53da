//! Disputed charges: opened with a reason, resolved with an outcome. A disputed charge
//! still ages and accrues interest; it is left out of the credit hold.

use super::output::{list, opt_date, opt_text, say, text, Cell, Out, Report};
use crate::error::Result;
use crate::service::collections::NewDispute;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum DisputeCmd {
    /// Dispute a charge (its document number), from --as-of (today).
    Open {
        /// The charge's document number (FC-… and RCF-… too).
        doc: String,
        /// What the customer disputes.
        #[arg(long)]
        reason: String,
    },
    /// Resolve a charge's open dispute on --as-of (today), with the outcome.
    Resolve {
        /// The charge's document number.
        doc: String,
        /// How it was settled.
        #[arg(long)]
        outcome: String,
    },
    /// Disputes opened by --as-of, open nonconforming-goods claims among them (a claim
    /// disputes its invoice), with whether each is open that day.
    List {
        /// Only this account's.
        #[arg(long)]
        account: Option<String>,
        /// Only the ones open on --as-of.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        out: Out,
    },
}

pub fn run(service: &mut Service, cmd: &DisputeCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        DisputeCmd::Open { doc, reason } => {
            service.open_dispute(&NewDispute { doc_no: doc.clone(), reason: reason.clone(), opened_on: as_of })?;
            say(out, format_args!("{doc} disputed from {as_of}"))
        }
        DisputeCmd::Resolve { doc, outcome } => {
            service.resolve_dispute(doc, outcome, as_of)?;
            say(out, format_args!("dispute of {doc} resolved on {as_of}"))
        }
        DisputeCmd::List { account, open, out: o } => {
            if let Some(a) = account {
                crate::read::account(service.store(), a)?;
            }
            let mut all = crate::read::disputes(service.store(), account.as_deref())?;
            all.retain(|d| d.opened_on <= as_of && (!open || d.is_open_on(as_of)));
            let report = Report::new(
                &[
                    "doc_no",
                    "account_no",
                    "reason",
                    "opened_on",
                    "opened_by",
                    "resolved_on",
                    "outcome",
                    "resolved_by",
                    "claim",
                    "open",
                ],
                all.iter()
                    .map(|d| {
                        let resolved = d.resolved_on.filter(|r| *r <= as_of);
                        vec![
                            text(&d.doc_no),
                            text(&d.account_no),
                            text(&d.reason),
                            Cell::Date(d.opened_on),
                            text(&d.opened_by),
                            opt_date(resolved),
                            opt_text(&d.outcome.clone().filter(|_| resolved.is_some())),
                            opt_text(&d.resolved_by.clone().filter(|_| resolved.is_some())),
                            opt_text(&d.claim),
                            Cell::Bool(d.is_open_on(as_of)),
                        ]
                    })
                    .collect(),
            );
            list(o.format, &all, report, out)
        }
    }
}
