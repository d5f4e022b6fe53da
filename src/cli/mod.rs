//! The command line (RULES.md section 7). Every command takes `--db PATH`; reports take
//! `--as-of` and `--format`. With no command, the console opens.
//!
//! One file per command group, in the credit department's words; `output` is the one way
//! any of them writes its answer (table, csv or json).

pub mod accounts;
pub mod charges;
pub mod collections;
pub mod credit;
pub mod exemptions;
pub mod imports;
pub mod operators;
pub mod output;
pub mod payments;
pub mod privacy;
pub mod repairs;
pub mod reports;
pub mod returns;

use crate::error::{Error, Result};
use crate::service::import::ImportKind;
use crate::service::{os_user, Service};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use output::Out;
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
        /// What the file holds (its columns are checked against the kind).
        #[arg(value_enum)]
        kind: ImportKind,
        /// The CSV file, with a header row.
        file: PathBuf,
    },
    /// Aging by account: buckets, accrued interest, unapplied credit, collections flag.
    Aging {
        #[command(flatten)]
        out: Out,
    },
    /// Every charge with an outstanding amount.
    Invoices {
        #[command(flatten)]
        out: Out,
    },
    /// The returned-check fee log: checks returned on or before --as-of.
    ReturnedChecks {
        #[command(flatten)]
        out: Out,
    },
    /// Record a payment (the console's `p`).
    #[command(subcommand)]
    Payment(payments::PaymentCmd),
    /// Add a charge (the console's `c`).
    #[command(subcommand)]
    Charge(charges::ChargeCmd),
    /// Returned checks (the console's Returned checks pane).
    #[command(subcommand)]
    Check(payments::CheckCmd),
    /// Agency placements and collection costs (the console's Collections pane).
    #[command(subcommand)]
    Collections(collections::CollectionsCmd),
    /// Repair tickets (the console's Repairs pane).
    #[command(subcommand)]
    Repair(repairs::RepairCmd),
    /// Operators and roles (CLERK, MANAGER); changes are a manager's.
    #[command(subcommand)]
    Operator(operators::OperatorCmd),
    /// The append-only audit log: who changed what, when, before and after.
    Audit {
        /// Only entries about this account.
        #[arg(long)]
        account: Option<String>,
        /// Only entries from this day on.
        #[arg(long, value_parser = parse_date)]
        since: Option<NaiveDate>,
        #[command(flatten)]
        out: Out,
    },
    /// Privacy requests: access, correction, deletion, marketing opt-out.
    #[command(subcommand)]
    Privacy(privacy::PrivacyCmd),
    /// The marketing contact list; accounts that opted out are never in it.
    Contacts {
        #[command(flatten)]
        out: Out,
    },
    #[command(subcommand)]
    Account(accounts::AccountCmd),
    #[command(subcommand)]
    Credit(credit::CreditCmd),
    #[command(subcommand)]
    Exemption(exemptions::ExemptionCmd),
    #[command(subcommand)]
    Rma(returns::RmaCmd),
    #[command(subcommand)]
    Claim(returns::ClaimCmd),
    #[command(subcommand)]
    Nonstock(returns::NonstockCmd),
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
        self.read_key()?;
        Service::open(&self.db, &self.operator.clone().unwrap_or_else(os_user))
    }

    /// With `--key-prompt`, asks for the key of an encrypted database.
    fn read_key(&self) -> Result<()> {
        if self.key_prompt && std::env::var_os(crate::store::KEY_VAR).is_none() {
            let key = read_secret(&format!("key for {}: ", self.db.display()))?;
            // Read once, before any thread starts; the store takes it from there.
            std::env::set_var(crate::store::KEY_VAR, key);
        }
        Ok(())
    }

    /// What the console needs (with no command), the key asked for first.
    pub fn console_config(&self) -> Result<crate::console::ConsoleConfig> {
        self.read_key()?;
        Ok(crate::console::ConsoleConfig {
            db: self.db.clone(),
            operator: self.operator.clone().unwrap_or_else(os_user),
            as_of: self.as_of(),
            idle_minutes: self.idle_minutes,
            demo: self.demo,
        })
    }
}

/// Runs one batch command, writing its output to `out`.
pub fn run(cli: &Cli, command: &Command, out: &mut impl Write) -> Result<()> {
    let as_of = cli.as_of();
    let mut service = cli.open()?;
    let service = &mut service;
    match command {
        Command::Init => {
            let op = service.operator();
            output::say(out, format_args!("{} is ready; operator {} ({})", cli.db.display(), op.name, op.role))
        }
        Command::Demo { accounts, invoices, seed } => imports::demo(service, *accounts, *invoices, *seed, as_of, out),
        Command::Import { kind, file } => imports::import(service, *kind, file, out),
        Command::Aging { out: o } => reports::aging(service, as_of, o.format, out),
        Command::Invoices { out: o } => reports::invoices(service, as_of, o.format, out),
        Command::ReturnedChecks { out: o } => reports::returned_checks(service, as_of, o.format, out),
        Command::Payment(cmd) => payments::run_payment(service, cmd, as_of, out),
        Command::Charge(cmd) => charges::run(service, cmd, as_of, out),
        Command::Check(cmd) => payments::run_check(service, cmd, as_of, out),
        Command::Collections(cmd) => collections::run(service, cmd, as_of, out),
        Command::Repair(cmd) => repairs::run(service, cmd, as_of, out),
        Command::Operator(cmd) => operators::run(service, cmd, out),
        Command::Audit { account, since, out: o } => reports::audit(service, account.as_deref(), *since, o.format, out),
        Command::Privacy(cmd) => privacy::run(service, cmd, as_of, out),
        Command::Contacts { out: o } => reports::contacts(service, o.format, out),
        Command::Account(cmd) => accounts::run(service, cmd, as_of, out),
        Command::Credit(cmd) => credit::run(service, cmd, as_of, out),
        Command::Exemption(cmd) => exemptions::run(service, cmd, as_of, out),
        Command::Rma(cmd) => returns::run_rma(service, cmd, as_of, out),
        Command::Claim(cmd) => returns::run_claim(service, cmd, as_of, out),
        Command::Nonstock(cmd) => returns::run_nonstock(service, cmd, as_of, out),
    }
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
