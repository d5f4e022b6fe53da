//! Statements of account: one account's (open items, or a period's activity) as text,
//! PDF, CSV or JSON; or every account's PDF into a folder, with a progress bar.

use super::output::{json, say, stdout_error};
use super::parse_date;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::print::files::{create_dir, statement_file, write_file};
use crate::print::statement as print;
use crate::service::Service;
use chrono::NaiveDate;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum DocFormat {
    /// Plain text, for a terminal or an e-mail.
    #[default]
    Text,
    /// A printable PDF (to a file with -o, or to a redirected standard output).
    Pdf,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct StatementArgs {
    /// The account (leave it out with --all).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub account: Option<String>,
    /// Every account whose total is not 0.00: one PDF each, into --out.
    #[arg(long, requires = "out", conflicts_with_all = ["from", "to", "output"])]
    pub all: bool,
    /// An activity statement from this day (with --to): brought forward, every
    /// document of the period, closing balance.
    #[arg(long, value_parser = parse_date, requires = "to")]
    pub from: Option<NaiveDate>,
    /// The activity statement's last day.
    #[arg(long, value_parser = parse_date, requires = "from")]
    pub to: Option<NaiveDate>,
    /// text (default), pdf, csv or json.
    #[arg(long, value_enum, default_value_t)]
    pub format: DocFormat,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --all: the folder the PDFs go into (created if needed).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(service: &Service, args: &StatementArgs, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    let config = Config::load()?;
    if args.all {
        let dir = args.out.as_deref().ok_or_else(|| Error::invalid("out", "--all needs --out DIR"))?;
        return all(service, dir, as_of, &config, out);
    }
    let account = args.account.as_deref().unwrap_or_default();
    let store = service.store();
    let bytes = match (args.from, args.to) {
        (Some(from), Some(to)) => {
            let (a, contact) = crate::read::statement::activity(store, account, from, to)?;
            match args.format {
                DocFormat::Text => print::activity_text(&a, &contact, &config).into_bytes(),
                DocFormat::Pdf => print::activity_pdf(&a, &contact, &config),
                DocFormat::Csv => print::activity_csv(&a).map_err(stdout_error)?,
                DocFormat::Json => json_bytes(&a)?,
            }
        }
        _ => {
            let (s, contact) = crate::read::statement::statement(store, account, as_of)?;
            match args.format {
                DocFormat::Text => print::text(&s, &contact, &config).into_bytes(),
                DocFormat::Pdf => print::pdf(&s, &contact, &config),
                DocFormat::Csv => print::csv(&s).map_err(stdout_error)?,
                DocFormat::Json => json_bytes(&s)?,
            }
        }
    };
    match &args.output {
        Some(path) => {
            write_file(path, &bytes)?;
            say(out, format_args!("statement of {account} written to {}", path.display()))
        }
        None if args.format == DocFormat::Pdf && std::io::stdout().is_terminal() => {
            Err(Error::invalid("output", "a PDF is not for the terminal: give -o FILE (or redirect the output)"))
        }
        None => out.write_all(&bytes).map_err(stdout_error),
    }
}

fn json_bytes(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    json(&mut buf, value)?;
    Ok(buf)
}

/// One PDF per account whose total is not 0.00, written on both cores; a progress bar
/// on standard error (when it is a terminal) counts the accounts read.
fn all(service: &Service, dir: &Path, as_of: NaiveDate, config: &Config, out: &mut impl Write) -> Result<()> {
    create_dir(dir)?;
    let store = service.store();
    let total = crate::store::accounts::count(store)?.max(0) as u64;
    let bar = indicatif::ProgressBar::with_draw_target(Some(total), indicatif::ProgressDrawTarget::stderr());
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} accounts, {msg} ({eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let written = AtomicUsize::new(0);
    let started = std::time::Instant::now();
    let results = crate::read::statement::each_statement(store, as_of, |s, contact| {
        bar.inc(1);
        if s.total.is_zero() {
            return Ok(());
        }
        let bytes = print::pdf(s, contact, config);
        write_file(&statement_file(dir, &s.account_no, as_of), &bytes)?;
        let n = written.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(500) {
            bar.set_message(format!("{n} statements"));
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    results.into_iter().collect::<Result<Vec<()>>>()?;
    let n = written.into_inner();
    let secs = started.elapsed().as_secs_f64();
    tracing::info!(statements = n, accounts = total, seconds = secs, dir = %dir.display(), "statements written");
    say(
        out,
        format_args!(
            "{n} statements as of {as_of} written to {} ({total} accounts read in {secs:.1} s)",
            dir.display()
        ),
    )
}
