//! Tax exemptions (RULES.md section 1): the number, the certificate on file and its
//! expiry; a missing or expired certificate carries a warning.

use super::output::{list, opt_date, opt_text, single, text, Cell, Out, Report};
use crate::domain::exemption::ExemptionLine;
use crate::error::{Error, Result};
use crate::service::dealers::NewExemption;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
#[command(
    about = "Tax exemptions: set, list, expiring",
    long_about = "Tax exemption: number, certificate on file, expiry. An exempt account whose certificate is missing or expired carries a warning."
)]
pub enum ExemptionCmd {
    /// Record or replace an account's exemption.
    Set {
        /// The account number.
        account: String,
        /// The exemption number.
        #[arg(long)]
        number: String,
        /// The certificate is on file (then --expires is required).
        #[arg(long)]
        certificate_on_file: bool,
        /// The certificate is valid through this day.
        #[arg(long, value_parser = super::parse_date)]
        expires: Option<NaiveDate>,
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

const EXEMPTION_COLUMNS: [&str; 6] =
    ["account_no", "name", "exemption_no", "certificate_on_file", "certificate_expires", "warning"];

fn exemption_cells(l: &ExemptionLine) -> Vec<Cell> {
    vec![
        text(&l.account_no),
        text(&l.name),
        text(&l.exemption.exemption_no),
        Cell::Bool(l.exemption.certificate_on_file),
        opt_date(l.exemption.certificate_expires),
        opt_text(&l.warning.map(|w| w.message())),
    ]
}

fn exemption_report(lines: &[ExemptionLine]) -> Report {
    Report::new(&EXEMPTION_COLUMNS, lines.iter().map(exemption_cells).collect())
}

pub fn run(service: &mut Service, cmd: &ExemptionCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        ExemptionCmd::Set { account, number, certificate_on_file, expires, out: o } => {
            service.set_exemption(&NewExemption {
                account_no: account.clone(),
                exemption_no: number.clone(),
                certificate_on_file: *certificate_on_file,
                certificate_expires: *expires,
            })?;
            let line = crate::read::exemptions(service.store(), as_of)?
                .into_iter()
                .find(|l| &l.account_no == account)
                .ok_or_else(|| Error::NotFound(format!("the exemption of {account}")))?;
            single(o.format, &line, EXEMPTION_COLUMNS.into_iter().zip(exemption_cells(&line)).collect(), None, out)
        }
        ExemptionCmd::List { out: o } => {
            let all = crate::read::exemptions(service.store(), as_of)?;
            list(o.format, &all, exemption_report(&all), out)
        }
        ExemptionCmd::Expiring { out: o } => {
            let soon: Vec<ExemptionLine> =
                crate::read::exemptions(service.store(), as_of)?.into_iter().filter(|l| l.expiring_soon).collect();
            list(o.format, &soon, exemption_report(&soon), out)
        }
    }
}
