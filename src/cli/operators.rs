//! Operators and their roles (CLERK, MANAGER); every change is a manager's.

use super::output::{say, Cell, Out, Report};
use crate::error::Result;
use crate::service::{Role, Service};
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum OperatorCmd {
    /// Add an operator (manager only). The first operator of a new database is its manager.
    Add {
        /// The operator's name, as given with --operator.
        name: String,
        /// CLERK or MANAGER.
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// List operators, their roles and whether they are active.
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Change an operator's role (manager only; a database keeps at least one active manager).
    SetRole {
        /// The operator's name.
        name: String,
        /// CLERK or MANAGER.
        #[arg(value_parser = parse_role)]
        role: Role,
    },
    /// Disable an operator: they can no longer open the database (manager only).
    Disable {
        /// The operator's name.
        name: String,
    },
}

/// A role as typed, in any case; the message names the two there are.
pub(super) fn parse_role(s: &str) -> std::result::Result<Role, String> {
    s.to_ascii_uppercase().parse().map_err(|_| format!("{s:?} is not a role: CLERK or MANAGER"))
}

pub fn run(service: &mut Service, cmd: &OperatorCmd, out: &mut impl Write) -> Result<()> {
    match cmd {
        OperatorCmd::Add { name, role } => {
            service.add_operator(name, *role)?;
            say(out, format_args!("operator {name} added as {role}"))
        }
        OperatorCmd::SetRole { name, role } => {
            service.set_operator_role(name, *role)?;
            say(out, format_args!("operator {name} is now {role}"))
        }
        OperatorCmd::Disable { name } => {
            service.disable_operator(name)?;
            say(out, format_args!("operator {name} is disabled"))
        }
        OperatorCmd::List { out: o } => Report::new(
            &["name", "role", "active", "created_at"],
            service
                .operators()?
                .into_iter()
                .map(|op| {
                    vec![
                        Cell::Text(op.name),
                        Cell::Text(op.role.to_string()),
                        Cell::Bool(op.active),
                        Cell::Text(op.created_at),
                    ]
                })
                .collect(),
        )
        .print(o.format, out),
    }
}
