//! Promises to pay: recorded on --as-of (today), kept, broken or pending as of any day.

use super::output::{list, say, text, Cell, Out, Report};
use crate::domain::promise::PromiseStatus;
use crate::domain::Money;
use crate::error::Result;
use crate::service::collections::NewPromise;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum PromiseCmd {
    /// Record a promise to pay, made on --as-of (today): an amount by a day.
    Add {
        /// The account number.
        account: String,
        /// The amount promised, like 500 or 500.00.
        #[arg(long, value_parser = super::parse_amount)]
        amount: Money,
        /// The day it is promised by.
        #[arg(long, value_parser = super::parse_date)]
        date: NaiveDate,
    },
    /// Promises with their state as of --as-of: kept when the account's payments from the
    /// day it was made through the promised day reach the amount; broken after the
    /// promised day if not; else pending.
    List {
        /// Only this account's.
        #[arg(long)]
        account: Option<String>,
        /// Only these: pending, kept or broken.
        #[arg(long, value_parser = parse_status)]
        status: Option<PromiseStatus>,
        #[command(flatten)]
        out: Out,
    },
}

fn parse_status(s: &str) -> std::result::Result<PromiseStatus, String> {
    crate::input::choice("status", &s.trim().to_ascii_lowercase()).map_err(|e| e.reason)
}

pub fn run(service: &mut Service, cmd: &PromiseCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        PromiseCmd::Add { account, amount, date } => {
            service.add_promise(&NewPromise {
                account_no: account.clone(),
                amount: *amount,
                promised_on: *date,
                recorded_on: as_of,
            })?;
            say(out, format_args!("promise of {} by {date} recorded on {account} ({as_of})", amount.grouped()))
        }
        PromiseCmd::List { account, status, out: o } => {
            let mut lines = crate::read::promises(service.store(), account.as_deref(), as_of)?;
            lines.retain(|l| status.is_none_or(|s| l.status == s));
            let report = Report::new(
                &["account_no", "amount", "promised_date", "recorded_on", "status"],
                lines
                    .iter()
                    .map(|l| {
                        vec![
                            text(&l.account_no),
                            Cell::Money(l.amount),
                            Cell::Date(l.promised_date),
                            Cell::Date(l.recorded_on),
                            text(l.status.as_str()),
                        ]
                    })
                    .collect(),
            );
            list(o.format, &lines, report, out)
        }
    }
}
