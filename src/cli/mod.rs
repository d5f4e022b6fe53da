//! The command line (RULES.md section 7). Every command takes `--db PATH`; reports take
//! `--as-of` and `--format`. With no command, the console opens.

pub mod admin;
pub mod ops;
pub mod output;
pub mod reports;
pub mod terms;

use crate::error::{Error, Result};
use crate::service::import::ImportKind;
use crate::service::{os_user, Service};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use output::Format;
use std::io::Write;
use std::path::PathBuf;

/// Where the database lives unless `--db` or `CREDITDESK_DB` says otherwise.
pub const DEFAULT_DB: &str = "data/creditdesk.db";

#[derive(Debug, Parser)]
#[command(name = "creditdesk", version, about = "Receivables console and batch commands for the credit department")]
pub struct Cli {
    /// The SQLite database file (created on first use).
    #[arg(long, global = true, env = "CREDITDESK_DB", default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Who is working (default: the operating-system user).
    #[arg(long, global = true)]
    pub operator: Option<String>,
    /// With no command: first fill an empty database with demo data (40 dealers ending at --as-of).
    #[arg(long)]
    pub demo: bool,
    /// Ask for the key of an encrypted database at the terminal (else it comes from CREDITDESK_KEY).
    #[arg(long, global = true)]
    pub key_prompt: bool,
    /// View everything as of this day, YYYY-MM-DD (default: today).
    #[arg(long, global = true, value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
    /// With no command: lock the console's screen after this many minutes without a key (0 = never).
    #[arg(long, default_value_t = crate::app::DEFAULT_IDLE_MINUTES, value_name = "N")]
    pub idle_minutes: u64,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (or bring an older one up to date) and register the operator.
    Init,
    /// Fill an empty database with realistic, deterministic demo data ending at --as-of.
    Demo {
        /// Number of dealer accounts.
        #[arg(long, default_value_t = 40)]
        accounts: u32,
        /// Number of invoices (default: 10 per account).
        #[arg(long)]
        invoices: Option<u32>,
        /// Seed of the generator: the same seed and --as-of give the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Import a CSV file of history, all or nothing.
    Import {
        #[arg(value_enum)]
        kind: ImportKind,
        file: PathBuf,
    },
    /// Aging by account: buckets, accrued interest, unapplied credit, collections flag.
    Aging {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Every charge with an outstanding amount.
    Invoices {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// The returned-check fee log.
    ReturnedChecks {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Record a payment (the console's `p`).
    #[command(subcommand)]
    Payment(ops::PaymentCmd),
    /// Add a charge (the console's `c`).
    #[command(subcommand)]
    Charge(ops::ChargeCmd),
    /// Returned checks (the console's Returned checks pane).
    #[command(subcommand)]
    Check(ops::CheckCmd),
    /// Agency placements and collection costs (the console's Collections pane).
    #[command(subcommand)]
    Collections(ops::CollectionsCmd),
    /// Repair tickets (the console's Repairs pane).
    #[command(subcommand)]
    Repair(ops::RepairCmd),
    /// Operators and roles (CLERK, MANAGER); changes are a manager's.
    #[command(subcommand)]
    Operator(admin::OperatorCmd),
    /// The append-only audit log: who changed what, when, before and after.
    Audit {
        /// Only entries about this account.
        #[arg(long)]
        account: Option<String>,
        /// Only entries from this day on.
        #[arg(long, value_parser = parse_date)]
        since: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Privacy requests: access, correction, deletion, marketing opt-out.
    #[command(subcommand)]
    Privacy(admin::PrivacyCmd),
    /// The marketing contact list; accounts that opted out are never in it.
    Contacts {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    #[command(subcommand)]
    Account(terms::AccountCmd),
    #[command(subcommand)]
    Credit(terms::CreditCmd),
    #[command(subcommand)]
    Exemption(terms::ExemptionCmd),
    #[command(subcommand)]
    Rma(terms::RmaCmd),
    #[command(subcommand)]
    Claim(terms::ClaimCmd),
    #[command(subcommand)]
    Nonstock(terms::NonstockCmd),
}

pub fn stdout_error(e: std::io::Error) -> Error {
    Error::File { path: PathBuf::from("<stdout>"), source: e }
}

pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    crate::domain::dates::parse_iso(s).ok_or_else(|| format!("{s:?} is not a date: use YYYY-MM-DD, a day that exists"))
}

/// A day given on the command line, or the --as-of day, as ISO text.
pub fn day(d: Option<NaiveDate>, as_of: NaiveDate) -> String {
    d.unwrap_or(as_of).to_string()
}

impl Cli {
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn open(&self) -> Result<Service> {
        if self.key_prompt && std::env::var_os(crate::store::KEY_VAR).is_none() {
            let key = read_secret(&format!("key for {}: ", self.db.display()))?;
            // Read once, before any thread starts; the store takes it from there.
            std::env::set_var(crate::store::KEY_VAR, key);
        }
        Service::open(&self.db, &self.operator.clone().unwrap_or_else(os_user))
    }
}

/// Runs one batch command, writing its output to `out`.
pub fn run(cli: &Cli, command: &Command, out: &mut impl Write) -> Result<()> {
    let as_of = cli.as_of();
    let mut service = cli.open()?;
    let io = stdout_error;
    match command {
        Command::Init => {
            writeln!(
                out,
                "{} is ready; operator {} ({})",
                cli.db.display(),
                service.operator().name,
                service.operator().role
            )
            .map_err(io)?;
        }
        Command::Demo { accounts, invoices, seed } => {
            let spec = crate::demo::DemoSpec {
                accounts: *accounts,
                invoices: invoices.unwrap_or(accounts.saturating_mul(10)),
                seed: *seed,
                end: as_of,
            };
            let started = std::time::Instant::now();
            let counts = service.generate_demo(&spec)?;
            let secs = started.elapsed().as_secs_f64();
            writeln!(
                out,
                "demo data: {} accounts, {} charges, {} payments, {} returned checks in {:.2} s ({:.0} rows/s)",
                counts.accounts,
                counts.charges,
                counts.payments,
                counts.returned_checks,
                secs,
                counts.rows() as f64 / secs.max(1e-9)
            )
            .map_err(io)?;
        }
        Command::Import { kind, file } => {
            let summary = service.import(*kind, file)?;
            writeln!(out, "imported {} {} from {}", summary.rows, summary.kind, summary.file).map_err(io)?;
        }
        Command::Aging { format } => {
            reports::aging(&crate::read::aging(service.store(), as_of)?).write(*format, out).map_err(io)?;
        }
        Command::Invoices { format } => {
            reports::invoices(&crate::read::open_charges(service.store(), as_of)?).write(*format, out).map_err(io)?;
        }
        Command::Payment(cmd) => ops::payment(&mut service, cmd, as_of, out)?,
        Command::Charge(cmd) => ops::charge(&mut service, cmd, as_of, out)?,
        Command::Check(cmd) => ops::check(&mut service, cmd, as_of, out)?,
        Command::Collections(cmd) => ops::collections(&mut service, cmd, as_of, out)?,
        Command::Repair(cmd) => ops::repair(&mut service, cmd, as_of, out)?,
        Command::Operator(cmd) => admin::operator(&mut service, cmd, out)?,
        Command::Audit { account, since, format } => admin::audit(&service, account.as_deref(), *since, *format, out)?,
        Command::Privacy(cmd) => admin::privacy(&mut service, cmd, as_of, out)?,
        Command::Contacts { format } => admin::contacts(&service, *format, out)?,
        Command::ReturnedChecks { format } => {
            reports::returned_checks(&crate::read::returned_checks(service.store())?)
                .write(*format, out)
                .map_err(io)?;
        }
        Command::Account(cmd) => terms::run_account(&mut service, cmd, as_of, out)?,
        Command::Credit(cmd) => terms::run_credit(&mut service, cmd, as_of, out)?,
        Command::Exemption(cmd) => terms::run_exemption(&mut service, cmd, as_of, out)?,
        Command::Rma(cmd) => terms::run_rma(&mut service, cmd, as_of, out)?,
        Command::Claim(cmd) => terms::run_claim(&mut service, cmd, as_of, out)?,
        Command::Nonstock(cmd) => terms::run_nonstock(&mut service, cmd, as_of, out)?,
    }
    Ok(())
}

/// Reads a line at the terminal without echoing it.
fn read_secret(prompt: &str) -> Result<String> {
    use crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
    let io = |e: std::io::Error| Error::File { path: PathBuf::from("<terminal>"), source: e };
    eprint!("{prompt}");
    crossterm::terminal::enable_raw_mode().map_err(io)?;
    let mut secret = String::new();
    let outcome = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Esc => break Err(Error::invalid("key", "cancelled")),
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(Error::invalid("key", "cancelled"))
                }
                KeyCode::Backspace => {
                    secret.pop();
                }
                KeyCode::Char(c) => secret.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(io(e)),
        }
    };
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    outcome.map(|()| secret)
}
