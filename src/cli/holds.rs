//! The credit hold list: what the warehouse needs before it ships.

use super::output::{list, opt_date, text, Cell, Out, Report};
use crate::error::Result;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum HoldCmd {
    /// Accounts on credit hold as of --as-of (in collections, or NET30 over the limit;
    /// disputed charges left out): why, since when, and the amount past 60 days.
    List {
        #[command(flatten)]
        out: Out,
    },
    /// The managers' overrides of a hold, one invoice each, with their reasons.
    Overrides {
        /// Only this account's.
        #[arg(long)]
        account: Option<String>,
        #[command(flatten)]
        out: Out,
    },
}

pub fn run(service: &Service, cmd: &HoldCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        HoldCmd::List { out: o } => {
            let lines = crate::read::hold_list(service.store(), as_of)?;
            let report = Report::with_totals(
                &["account_no", "name", "reason", "since", "past_60"],
                lines
                    .iter()
                    .map(|l| {
                        vec![
                            text(&l.account_no),
                            text(&l.name),
                            text(&l.reason),
                            opt_date(l.since),
                            Cell::Money(l.past_60),
                        ]
                    })
                    .collect(),
            );
            list(o.format, &lines, report, out)
        }
        HoldCmd::Overrides { account, out: o } => {
            let all = crate::read::hold_overrides(service.store(), account.as_deref())?;
            let report = Report::new(
                &["account_no", "doc_no", "hold", "reason", "overridden_on", "overridden_by"],
                all.iter()
                    .map(|h| {
                        vec![
                            text(&h.account_no),
                            text(&h.doc_no),
                            text(&h.hold),
                            text(&h.reason),
                            Cell::Date(h.overridden_on),
                            text(&h.overridden_by),
                        ]
                    })
                    .collect(),
            );
            list(o.format, &all, report, out)
        }
    }
}
