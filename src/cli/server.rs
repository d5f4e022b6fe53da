//! A book on a PostgreSQL server: the administrator's commands.

use super::output::say;
use super::output::Format;
use super::Cli;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::service::{server, Role};
use crate::store;
use chrono::{Datelike, NaiveDate};
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum ServerCmd {
    /// Create the book on the PostgreSQL server --db names (or bring its schema up to
    /// date), with the group roles creditdesk_clerk and creditdesk_manager and their
    /// rights; run it as the login that is to own the tables (an administrator).
    Init,
    /// Make a PostgreSQL login an operator, clerk or manager (the administrator's
    /// command; with PostgreSQL the operator is the login, never --operator).
    Grant {
        /// The login (a PostgreSQL role that can log in).
        login: String,
        /// clerk or manager.
        #[arg(value_parser = super::operators::parse_role)]
        role: Role,
    },
}

pub fn run(cli: &Cli, cmd: &ServerCmd, out: &mut impl Write) -> Result<()> {
    let db = cli.db_path(&Config::load()?);
    let url = store::server_url(&db)
        .ok_or_else(|| Error::invalid("db", "the server commands need --db postgresql://LOGIN@HOST/DATABASE"))?;
    let shown = store::pg::shown(url);
    match cmd {
        ServerCmd::Init => {
            let version = server::init(url)?;
            say(
                out,
                format_args!(
                    "{shown} holds a creditdesk book (schema version {version}); make operators with `creditdesk server grant LOGIN clerk|manager`"
                ),
            )
        }
        ServerCmd::Grant { login, role } => {
            server::grant(url, login, *role)?;
            say(out, format_args!("login {login} is an operator of {shown}: {role}"))
        }
    }
}

/// `migrate`: the copy, then its proof — the same rows in every table (the server's log
/// holding one more entry: the migration), and the same `aging` and `invoices` as of
/// `as_of` and each of the twelve month ends before it.
pub fn migrate(from: &std::path::Path, to: &str, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    if !store::pg::is_url(to) {
        return Err(Error::invalid("to", "migrate copies into a PostgreSQL book: postgresql://LOGIN@HOST/DATABASE"));
    }
    let copied = server::migrate(from, to)?;
    let shown = store::pg::shown(to);
    let source = store::Store::open_existing(from)?;
    let target = store::Store::open_existing(std::path::Path::new(to))?;
    let mut problems = Vec::new();
    for (table, n) in &copied {
        let there = store::copy::count(&target, table)?;
        let want = if *table == "audit_log" { n + 1 } else { *n };
        if there != want {
            problems.push(format!("{table}: {n} rows in {}, {there} on the server", from.display()));
        }
        say(out, format_args!("copied {table}: {n} rows"))?;
    }
    let mut days = vec![as_of];
    let mut month_end = as_of.with_day(1).and_then(|d| d.pred_opt());
    while let Some(day) = month_end.filter(|_| days.len() < 13) {
        days.push(day);
        month_end = day.with_day(1).and_then(|d| d.pred_opt());
    }
    for day in &days {
        for (name, report) in [("aging", super::reports::aging as Report), ("invoices", super::reports::invoices)] {
            let (mut here, mut there) = (Vec::new(), Vec::new());
            report(&source, None, *day, Format::Csv, &mut here)?;
            report(&target, None, *day, Format::Csv, &mut there)?;
            if here != there {
                problems.push(format!("{name} as of {day} differs"));
            }
        }
    }
    if let Some(first) = problems.first() {
        return Err(Error::Incompatible(format!(
            "the copy in {shown} is not the book of {} ({first}; {} difference(s)); it stays on the server: drop that database and migrate again",
            from.display(),
            problems.len()
        )));
    }
    say(
        out,
        format_args!(
            "proved: the same rows in every table, and the same aging and invoices as of {} and the {} month ends before it",
            as_of,
            days.len() - 1
        ),
    )
}

type Report = fn(&store::Store, Option<&str>, NaiveDate, Format, &mut Vec<u8>) -> Result<()>;
