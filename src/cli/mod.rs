//! The command line (RULES.md section 7). Every command takes `--db PATH`; reports take
//! `--as-of` and `--format`. With no command, the console opens.
//!
//! One file per command group, in the credit department's words; `output` is the one way
//! any of them writes its answer (table, csv or json).

pub mod accounts;
pub mod charges;
pub mod collections;
pub mod corrections;
pub mod credit;
pub mod disputes;
pub mod dunning;
pub mod exemptions;
pub mod explain;
pub mod export;
pub mod health;
pub mod holds;
pub mod imports;
pub mod notes;
pub mod operators;
pub mod output;
pub mod payments;
pub mod privacy;
pub mod promises;
pub mod repairs;
pub mod reports;
pub mod returns;
pub mod server;
pub mod settings;
pub mod setup;
pub mod statements;
pub mod today;

use crate::config::Config;
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::input;
use crate::service::import::ImportKind;
use crate::service::{operator_or_os_user, Service};
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use output::Out;
use std::io::Write;
use std::path::PathBuf;

/// Where the database lives unless `--db`, `CREDITDESK_DB` or the configuration file says otherwise.
pub const DEFAULT_DB: &str = "data/creditdesk.db";

#[derive(Debug, Parser)]
#[command(name = "creditdesk", version, about = "Receivables console and batch commands for the credit department")]
pub struct Cli {
    /// The SQLite database file, or a PostgreSQL server's book (postgresql://LOGIN@HOST/DATABASE;
    /// a socket folder as HOST is written %2Ftmp%2Fdir or ?host=/tmp/dir); only `init` and `demo`
    /// (and the console's --demo) create a file (default: the configuration file's `database`,
    /// else data/creditdesk.db).
    #[arg(long, global = true, env = "CREDITDESK_DB")]
    pub db: Option<PathBuf>,
    /// Who is working (default: the operating-system user, $USER; with none set, this is required).
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
    /// With no command: lock the console's screen after this many minutes without a key
    /// (0 = never; default: the configuration file's `idle_minutes`, else 5).
    #[arg(long, value_name = "N")]
    pub idle_minutes: Option<u64>,
    /// How much goes into the log file (in the platform's state directory).
    #[arg(long, global = true, value_enum, default_value_t)]
    pub log_level: crate::logging::LogLevel,
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
        /// Only this account's line (the same line as in the full report).
        #[arg(long)]
        account: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// Every charge with an outstanding amount.
    Invoices {
        /// Only this account's charges.
        #[arg(long)]
        account: Option<String>,
        #[command(flatten)]
        out: Out,
    },
    /// What needs doing as of --as-of: promises due or broken, next actions, accounts newly
    /// flagged, over the limit or on credit hold, privacy requests, tax certificates,
    /// nonstock items at day 30, credit applications (the console's Today).
    Today {
        #[command(flatten)]
        out: Out,
    },
    /// The book as of each of the last month ends: total receivables, the part more than
    /// 60 days past due, and DSO (every ledger read once; a progress line on a terminal).
    Trend {
        /// How many month ends, the last one on or before --as-of.
        #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..=600))]
        months: u16,
        #[command(flatten)]
        out: Out,
    },
    /// Notes on accounts: calls, e-mails, visits, letters (the console's `n`).
    #[command(subcommand)]
    Note(notes::NoteCmd),
    /// Promises to pay: kept, broken or pending as of any day.
    #[command(subcommand)]
    Promise(promises::PromiseCmd),
    /// Disputed charges: open, resolve, list.
    #[command(subcommand)]
    Dispute(disputes::DisputeCmd),
    /// The credit hold: accounts on hold, and the managers' overrides.
    #[command(subcommand)]
    Hold(holds::HoldCmd),
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
    /// With no subcommand: check the file (SQLite's integrity, foreign keys, the audit
    /// log's triggers and hash chain, the ledger's invariants); "ok" and exit 0 when
    /// healthy, else each finding and a non-zero exit. `check return`: a returned check.
    Check {
        #[command(subcommand)]
        cmd: Option<payments::CheckCmd>,
    },
    /// The payoff amount as of --as-of: what a payment that day (without apply_to) must be
    /// to leave the account's total at 0.00 then and after (csv: account_no,as_of,payoff).
    Payoff {
        /// The account number.
        account: String,
        #[command(flatten)]
        out: Out,
    },
    /// Write an account off (manager only): a WRITE_OFF payment of the payoff amount on
    /// --date, and the account suspended.
    Writeoff {
        /// The account number.
        account: String,
        /// The day of the write-off.
        #[arg(long, value_parser = parse_date)]
        date: NaiveDate,
        /// Why (kept in the audit log).
        #[arg(long)]
        reason: String,
    },
    /// Refund unapplied credit (manager only): a REFUND charge that the credit pays at
    /// once; refused when larger than the credit as of its date.
    Refund {
        /// The account number.
        account: String,
        /// Amount, like 125 or 125.50.
        #[arg(long, value_parser = parse_amount)]
        amount: Money,
        /// CHECK or WIRE.
        #[arg(long, value_parser = parse_choice::<crate::domain::corrections::RefundMethod>)]
        method: crate::domain::corrections::RefundMethod,
        /// The check number or wire reference (the REFUND charge's document number).
        #[arg(long)]
        reference: String,
        /// Day of the refund (default: --as-of).
        #[arg(long, value_parser = parse_date)]
        date: Option<NaiveDate>,
    },
    /// The settings and the per-state rate caps (changes are a manager's).
    #[command(subcommand)]
    Settings(settings::SettingsCmd),
    /// Agency placements and collection costs (the console's Collections pane).
    #[command(subcommand)]
    Collections(collections::CollectionsCmd),
    /// Repair tickets (the console's Repairs pane).
    #[command(subcommand)]
    Repair(repairs::RepairCmd),
    /// Operators and roles (CLERK, MANAGER); changes are a manager's.
    #[command(subcommand)]
    Operator(operators::OperatorCmd),
    /// A book on a PostgreSQL server (--db postgresql://…): create it, make logins operators.
    #[command(subcommand)]
    Server(server::ServerCmd),
    /// Copy a SQLite book into an empty PostgreSQL one (made by `server init`) and prove
    /// it: the same rows, the same aging and invoices as of --as-of and the twelve month
    /// ends before it. Run by the server's administrator.
    Migrate {
        /// The SQLite file to copy.
        #[arg(long)]
        from: PathBuf,
        /// The PostgreSQL book to copy into: postgresql://ADMIN@HOST/DATABASE.
        #[arg(long)]
        to: String,
    },
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
    /// Write a consistent copy of the book to FILE while others keep working (SQLite's
    /// online backup), fsynced, then checked like `creditdesk check`.
    Backup {
        /// Where the copy goes; a file there is replaced only once the new copy is complete.
        file: PathBuf,
    },
    /// Replace the book with the backup FILE, after checking it (manager only). Refused
    /// when the book holds changes the backup lacks, unless --force.
    Restore {
        /// The backup to restore (made by `creditdesk backup`).
        file: PathBuf,
        /// Restore even though the book holds changes the backup lacks: they are lost.
        #[arg(long)]
        force: bool,
    },
    /// Statement of account: open items, aging, total due; with --from/--to the
    /// activity of a period; with --all one PDF per account into a folder.
    Statement(statements::StatementArgs),
    /// Dunning letters: the letters due (levels 1-4), written and recorded; the letters sent.
    #[command(subcommand)]
    Dunning(dunning::DunningCmd),
    /// Why a charge has the interest it has: its runs of overdue days and the month
    /// postings they fed.
    Explain {
        /// The charge's document number (FC-… and RCF-… too).
        doc: String,
        #[command(flatten)]
        out: Out,
    },
    /// Files for other programs (the accounting journal).
    #[command(subcommand)]
    Export(export::ExportCmd),
    /// The configuration file: where it is, what is in force, the letter templates.
    #[command(subcommand)]
    Config(setup::ConfigCmd),
    /// Shell completions (source the output in your shell's start-up file).
    Completions {
        /// bash, zsh or fish.
        #[arg(value_enum)]
        shell: setup::Shell,
    },
    /// The manual page (roff), made from these commands' help.
    Man,
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

// clap's door to the one parser (`crate::input`): a value, or why not (clap names the
// argument itself).

/// A day, `YYYY-MM-DD`, between 1990-01-01 and 2099-12-31.
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    input::date("date", s).map_err(|e| e.reason)
}

/// An amount greater than zero.
pub fn parse_amount(s: &str) -> std::result::Result<Money, String> {
    input::positive_amount("amount", s).map_err(|e| e.reason)
}

/// An amount, zero allowed.
pub fn parse_money(s: &str) -> std::result::Result<Money, String> {
    input::amount("amount", s).map_err(|e| e.reason)
}

/// A percentage ≥ 0, like 15 or 20.5.
pub fn parse_percent(s: &str) -> std::result::Result<rust_decimal::Decimal, String> {
    input::percent("percent", s).map_err(|e| e.reason)
}

/// One of an enum's spellings, in any case.
pub fn parse_choice<T: std::str::FromStr + strum::VariantNames>(s: &str) -> std::result::Result<T, String> {
    input::choice("value", &s.trim().to_ascii_uppercase()).map_err(|e| e.reason)
}

impl Cli {
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The database: `--db` (or `CREDITDESK_DB`), else the configuration file's, else the default.
    pub fn db_path(&self, config: &Config) -> PathBuf {
        self.db.clone().or_else(|| config.database.clone()).unwrap_or_else(|| PathBuf::from(DEFAULT_DB))
    }

    /// Opens the database for `command`: `init` and `demo` create it, every other
    /// command refuses a path that names no file.
    pub fn open(&self, command: &Command) -> Result<Service> {
        let db = self.db_path(&Config::load()?);
        self.read_key(&db)?;
        let operator = self.operator_for(&db)?;
        match command {
            Command::Init | Command::Demo { .. } => Service::open(&db, &operator),
            _ => Service::open_existing(&db, &operator),
        }
    }

    /// Who is working: `--operator`, else the operating-system user; on PostgreSQL the
    /// login (`--operator` only as asked, to be refused when it names someone else).
    fn operator_for(&self, db: &std::path::Path) -> Result<String> {
        match crate::store::server_url(db) {
            Some(_) => Ok(self.operator.clone().unwrap_or_default()),
            None => operator_or_os_user(self.operator.as_deref()),
        }
    }

    /// With `--key-prompt`, asks for the key of an encrypted database.
    fn read_key(&self, db: &std::path::Path) -> Result<()> {
        if self.key_prompt && std::env::var_os(crate::store::KEY_VAR).is_none() {
            let key = read_secret(&format!("key for {}: ", db.display()))?;
            // Read once, before any thread starts; the store takes it from there.
            std::env::set_var(crate::store::KEY_VAR, key);
        }
        Ok(())
    }

    /// What the console needs (with no command), the key asked for first.
    pub fn console_config(&self) -> Result<crate::console::ConsoleConfig> {
        let config = Config::load()?;
        let db = self.db_path(&config);
        self.read_key(&db)?;
        Ok(crate::console::ConsoleConfig {
            operator: self.operator_for(&db)?,
            db,
            as_of: self.as_of(),
            idle_minutes: self.idle_minutes.or(config.idle_minutes).unwrap_or(crate::app::DEFAULT_IDLE_MINUTES),
            demo: self.demo,
            documents: config.documents_dir(),
        })
    }
}

/// Runs one batch command, writing its output to `out`.
pub fn run(cli: &Cli, command: &Command, out: &mut impl Write) -> Result<()> {
    // What needs no database.
    match command {
        Command::Config(cmd) => return setup::config(cmd, out),
        Command::Completions { shell } => return setup::completions(*shell, out),
        Command::Man => return setup::man(out),
        Command::Server(cmd) => return server::run(cli, cmd, out),
        Command::Migrate { from, to } => return server::migrate(from, to, cli.as_of(), out),
        _ => {}
    }
    let as_of = cli.as_of();
    let mut service = cli.open(command)?;
    let service = &mut service;
    match command {
        Command::Config(_)
        | Command::Completions { .. }
        | Command::Man
        | Command::Server(_)
        | Command::Migrate { .. } => Ok(()),
        Command::Init => {
            let op = service.operator();
            let db = cli.db_path(&Config::load()?);
            output::say(out, format_args!("{} is ready; operator {} ({})", db.display(), op.name, op.role))
        }
        Command::Statement(args) => statements::run(service, args, as_of, out),
        Command::Dunning(cmd) => dunning::run(service, cmd, as_of, out),
        Command::Explain { doc, out: o } => explain::run(service, doc, as_of, o.format, out),
        Command::Export(cmd) => export::run(service, cmd, as_of, out),
        Command::Demo { accounts, invoices, seed } => imports::demo(service, *accounts, *invoices, *seed, as_of, out),
        Command::Import { kind, file } => imports::import(service, *kind, file, out),
        Command::Aging { account, out: o } => reports::aging(service.store(), account.as_deref(), as_of, o.format, out),
        Command::Invoices { account, out: o } => {
            reports::invoices(service.store(), account.as_deref(), as_of, o.format, out)
        }
        Command::Today { out: o } => today::run(service, as_of, o.format, out),
        Command::Trend { months, out: o } => reports::trend(service, as_of, usize::from(*months), o.format, out),
        Command::Note(cmd) => notes::run(service, cmd, as_of, out),
        Command::Promise(cmd) => promises::run(service, cmd, as_of, out),
        Command::Dispute(cmd) => disputes::run(service, cmd, as_of, out),
        Command::Hold(cmd) => holds::run(service, cmd, as_of, out),
        Command::ReturnedChecks { out: o } => reports::returned_checks(service, as_of, o.format, out),
        Command::Payment(cmd) => payments::run_payment(service, cmd, as_of, out),
        Command::Charge(cmd) => charges::run(service, cmd, as_of, out),
        Command::Check { cmd: Some(cmd) } => payments::run_check(service, cmd, as_of, out),
        Command::Check { cmd: None } => health::check(service, out),
        Command::Backup { file } => health::backup(service, file, out),
        Command::Restore { file, force } => health::restore(service, &cli.db_path(&Config::load()?), file, *force, out),
        Command::Payoff { account, out: o } => corrections::payoff(service, account, as_of, o.format, out),
        Command::Writeoff { account, date, reason } => corrections::write_off(service, account, *date, reason, out),
        Command::Refund { account, amount, method, reference, date } => corrections::refund(
            service,
            corrections::RefundArgs {
                account,
                amount: *amount,
                method: *method,
                reference,
                date: date.unwrap_or(as_of),
            },
            out,
        ),
        Command::Settings(cmd) => settings::run(service, cmd, out),
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
