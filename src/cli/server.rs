//! A book on a PostgreSQL server: the administrator's commands.

use super::output::say;
use super::Cli;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::service::{server, Role};
use crate::store;
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
