//! Notes on an account: calls, e-mails, visits, letters, with the next action.

use super::output::{list, opt_date, say, text, Cell, Out, Report};
use crate::domain::notes::NoteKind;
use crate::error::Result;
use crate::service::collections::NewNote;
use crate::service::Service;
use chrono::NaiveDate;
use clap::Subcommand;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum NoteCmd {
    /// Note a call, an e-mail, a visit or a letter on an account, dated --as-of (today).
    Add {
        /// The account number.
        account: String,
        /// What was said or done (line breaks allowed).
        #[arg(long)]
        text: String,
        /// CALL (default), EMAIL, VISIT or LETTER.
        #[arg(long, default_value = "CALL", value_parser = super::parse_choice::<NoteKind>)]
        kind: NoteKind,
        /// The day of the next action: from then on the account is on Today.
        #[arg(long, value_parser = super::parse_date)]
        next: Option<NaiveDate>,
    },
    /// An account's notes written by --as-of, newest first.
    List {
        /// The account number.
        account: String,
        #[command(flatten)]
        out: Out,
    },
}

pub fn run(service: &mut Service, cmd: &NoteCmd, as_of: NaiveDate, out: &mut impl Write) -> Result<()> {
    match cmd {
        NoteCmd::Add { account, text, kind, next } => {
            service.add_note(&NewNote {
                account_no: account.clone(),
                kind: *kind,
                text: text.clone(),
                noted_on: as_of,
                next_action_on: *next,
            })?;
            let next = next.map(|d| format!("; next action {d}")).unwrap_or_default();
            say(out, format_args!("{kind} noted on {account} ({as_of}){next}"))
        }
        NoteCmd::List { account, out: o } => {
            let notes = crate::read::notes(service.store(), account, as_of)?;
            let report = Report::new(
                &["account_no", "noted_on", "kind", "next_action_on", "written_by", "text"],
                notes
                    .iter()
                    .map(|n| {
                        vec![
                            text(&n.account_no),
                            Cell::Date(n.noted_on),
                            text(n.kind.as_str()),
                            opt_date(n.next_action_on),
                            text(&n.written_by),
                            text(&n.text),
                        ]
                    })
                    .collect(),
            );
            list(o.format, &notes, report, out)
        }
    }
}
