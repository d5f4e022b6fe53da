//! Charges added by hand, as the console's `c` form adds them.

use super::output::say;
use crate::domain::{ChargeKind, Money};
use crate::error::Result;
use crate::service::corrections::NewVoid;
use crate::service::operations::NewCharge;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum ChargeCmd {
    /// Add a charge (INVOICE, REPAIR, FEE or COLLECTION_COST) to an ACTIVE account; due
    /// by the account's terms (NET30 sales: 30 days; everything else at once).
    Add {
        /// The account charged.
        account: String,
        /// The charge's document number (unique).
        #[arg(long)]
        doc_no: String,
        /// INVOICE, REPAIR, FEE or COLLECTION_COST.
        #[arg(long, value_parser = super::parse_choice::<ChargeKind>)]
        kind: ChargeKind,
        #[command(flatten)]
        figures: ChargeFigures,
        /// An INVOICE to an account on credit hold: why a manager lets it through
        /// (manager only; recorded with the hold it overrides).
        #[arg(long, value_name = "REASON")]
        override_hold: Option<String>,
    },
    /// Void a charge recorded by mistake (manager only, with a reason; the console's `V`
    /// in the account view): it counts nowhere, at any as-of date; the row stays, marked
    /// void. Not interest (FC-) nor a returned-check fee (RCF-: check waive).
    Void {
        /// The charge's document number.
        doc_no: String,
        /// Why (kept with the charge and in the audit log).
        #[arg(long)]
        reason: String,
    },
}

/// A charge's amount, note and day, as `charge add` and `collections cost` take them.
#[derive(Debug, clap::Args)]
pub struct ChargeFigures {
    /// Amount, like 125 or 125.50.
    #[arg(long, value_parser = super::parse_amount)]
    amount: Money,
    /// A note kept with the charge.
    #[arg(long)]
    memo: Option<String>,
    /// Day of the charge (default: --as-of).
    #[arg(long, value_parser = super::parse_date)]
    date: Option<NaiveDate>,
}

impl ChargeFigures {
    /// The charge `doc_no` of `account`, of `kind`, dated --as-of unless a day was given.
    pub fn charge(&self, account: &str, doc_no: &str, kind: ChargeKind, as_of: NaiveDate) -> NewCharge {
        NewCharge {
            account_no: account.to_string(),
            doc_no: doc_no.to_string(),
            kind,
            date: self.date.unwrap_or(as_of),
            amount: self.amount,
            memo: self.memo.clone(),
        }
    }
}

pub fn run(service: &mut Service, cmd: &ChargeCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    let (account, doc_no, kind, figures, override_hold) = match cmd {
        ChargeCmd::Add { account, doc_no, kind, figures, override_hold } => {
            (account, doc_no, kind, figures, override_hold)
        }
        ChargeCmd::Void { doc_no, reason } => {
            let v = service.void_charge(&NewVoid { document: doc_no.clone(), reason: reason.clone() })?;
            return say(out, v.line());
        }
    };
    let charge = figures.charge(account, doc_no, *kind, as_of);
    let due = match override_hold {
        Some(reason) => service.add_charge_overriding_hold(&charge, reason)?,
        None => service.add_charge(&charge)?,
    };
    say(out, format_args!("charge {doc_no} recorded, due {due}"))
}
