//! Files for other programs: the accounting journal (hledger / ledger format).

use super::output::{say, stdout_error};
use crate::error::{Error, Result};
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ExportCmd {
    /// Every posted document up to --as-of as an hledger/ledger journal, on
    /// `assets:receivable:ACCOUNT` (`hledger -f FILE bal` then gives each account's
    /// aging total less its accrued interest).
    Journal {
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(service: &Service, cmd: &ExportCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        ExportCmd::Journal { output: Some(path) } => {
            let file = std::fs::File::create(path).map_err(|source| Error::File { path: path.clone(), source })?;
            let mut w = std::io::BufWriter::new(file);
            let io = |source| Error::File { path: path.clone(), source };
            let accounts = journal(service, as_of, &mut w, io)?;
            w.flush().map_err(io)?;
            say(out, format_args!("journal of {accounts} accounts as of {as_of} written to {}", path.display()))
        }
        ExportCmd::Journal { output: None } => journal(service, as_of, out, stdout_error).map(|_| ()),
    }
}

/// Writes the journal; how many accounts it holds.
fn journal(
    service: &Service,
    as_of: NaiveDate,
    out: &mut impl Write,
    io: impl Fn(std::io::Error) -> Error,
) -> Result<usize> {
    crate::print::journal::header(out, as_of).map_err(&io)?;
    let mut n = 0;
    crate::read::journal::each_account(service.store(), as_of, |account_no, entries| {
        n += 1;
        crate::print::journal::write_account(out, account_no, &entries).map_err(&io)
    })?;
    Ok(n)
}
