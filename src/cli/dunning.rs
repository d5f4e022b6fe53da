//! Dunning letters (RULES 11): find the letters due, write one PDF each from its
//! level's template and record it on the account; list the letters sent.

use super::output::{opt_text, say, Cell, Format, Out, Report};
use crate::domain::dunning::Letter;
use crate::error::{Error, Result};
use crate::print::files::send_letters;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum DunningCmd {
    /// Find the letters due as of --as-of; write one PDF per letter into --out and
    /// record each on its account (--dry-run only lists them).
    Run {
        /// The folder the letters go into (created if needed).
        #[arg(long, value_name = "DIR", required_unless_present = "dry_run")]
        out: Option<PathBuf>,
        /// List the letters due; write and record nothing.
        #[arg(long)]
        dry_run: bool,
        /// How the letters are listed: table (default), csv or json.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The letters sent, by account and date.
    List {
        /// Only this account's letters.
        #[arg(long)]
        account: Option<String>,
        #[command(flatten)]
        out: Out,
    },
}

/// The letters due: `account_no,level,oldest_days_past_due,amount_past_due` (and, in a
/// table, the level's name and the account's name).
fn due_report(letters: &[Letter], files: Option<&[PathBuf]>, format: Format) -> Report {
    let mut columns = vec!["account_no", "level", "oldest_days_past_due", "amount_past_due"];
    if format == Format::Table {
        columns.extend(["letter", "name"]);
    }
    if files.is_some() {
        columns.push("file");
    }
    let rows = letters
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut cells = vec![
                Cell::Text(l.account_no.clone()),
                Cell::Int(i64::from(l.level.number())),
                Cell::Int(l.oldest_days_past_due),
                Cell::Money(l.amount_past_due),
            ];
            if format == Format::Table {
                cells.extend([Cell::Text(l.level.title().into()), Cell::Text(l.contact.name.clone())]);
            }
            if let Some(files) = files {
                cells.push(Cell::Text(files[i].display().to_string()));
            }
            cells
        })
        .collect();
    Report::with_totals(&columns, rows)
}

pub fn run(service: &mut Service, cmd: &DunningCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        DunningCmd::Run { out: dir, dry_run, format } => {
            let letters = crate::read::dunning::letters_due(service.store(), as_of)?;
            if *dry_run {
                return due_report(&letters, None, *format).print(*format, out);
            }
            let dir = dir.as_deref().ok_or_else(|| Error::invalid("out", "give --out DIR (or --dry-run)"))?;
            let today = chrono::Local::now().date_naive();
            let (files, recorded) = send_letters(service, &letters, dir, today)?;
            if *format != Format::Table {
                return due_report(&letters, Some(&files), *format).print(*format, out);
            }
            if !letters.is_empty() {
                due_report(&letters, Some(&files), *format).print(*format, out)?;
            }
            for no in &recorded.skipped {
                say(out, format_args!("{no}: not recorded, a letter went to it meanwhile (its PDF is left unsent)"))?;
            }
            say(out, format_args!("{} letters as of {as_of} recorded; PDFs in {}", recorded.recorded, dir.display()))
        }
        DunningCmd::List { account, out: o } => {
            if let Some(no) = account {
                crate::read::account(service.store(), no)?;
            }
            let sent = crate::read::dunning::letters_sent(service.store(), account.as_deref(), as_of)?;
            super::output::list(
                o.format,
                &sent,
                Report::new(
                    &["account_no", "level", "sent_on", "oldest_days_past_due", "amount_past_due", "sent_by", "file"],
                    sent.iter()
                        .map(|l| {
                            vec![
                                Cell::Text(l.account_no.clone()),
                                Cell::Int(i64::from(l.level.number())),
                                Cell::Date(l.sent_on),
                                Cell::Int(l.oldest_days_past_due),
                                Cell::Money(l.amount_past_due),
                                Cell::Text(l.sent_by.clone()),
                                opt_text(&l.file),
                            ]
                        })
                        .collect(),
                ),
                out,
            )
        }
    }
}
