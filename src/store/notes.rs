//! `notes`: calls, e-mails, visits and letters on an account, with the next action.

use super::db::params;
use super::{date_at, opt_date, parsed, Store, Tx};
use crate::domain::notes::{Note, NoteKind};
use crate::error::Result;
use chrono::NaiveDate;

// CROSS JOIN keeps the notes the outer loop: every note, sorted by account number,
// costs the notes (a few), where walking the accounts in their order to find each one's
// notes cost the book (a console's every payment read them all: 150 ms at 1,000,000).
const NOTE_SELECT: &str = "SELECT n.id, a.account_no, n.kind, n.noted_on, n.text, n.next_action_on, n.written_by
     FROM notes n CROSS JOIN accounts a ON a.id = n.account_id";

fn note_from_row(r: &super::db::Row<'_>) -> super::db::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        account_no: r.get(1)?,
        kind: parsed(r, 2, "note kind")?,
        noted_on: date_at(r, 3)?,
        text: r.get(4)?,
        next_action_on: opt_date(r, 5)?,
        written_by: r.get(6)?,
    })
}

/// One account's notes written by `as_of`, newest first.
pub fn of_account(store: &Store, account_id: i64, as_of: NaiveDate) -> Result<Vec<Note>> {
    let mut stmt = store.conn.prepare_cached(&format!(
        "{NOTE_SELECT} WHERE n.account_id = ?1 AND n.noted_on <= ?2 ORDER BY n.noted_on DESC, n.id DESC"
    ))?;
    Ok(stmt.query_all(params![account_id, as_of.to_string()], note_from_row)?)
}

/// Every note written by `as_of`, by account number, oldest first within an account.
pub fn all(store: &Store, as_of: NaiveDate) -> Result<Vec<Note>> {
    let mut stmt =
        store.conn.prepare(&format!("{NOTE_SELECT} WHERE n.noted_on <= ?1 ORDER BY a.account_no, n.noted_on, n.id"))?;
    Ok(stmt.query_all([as_of.to_string()], note_from_row)?)
}

/// A note whose fields have been checked.
#[derive(Debug, Clone, Copy)]
pub struct NewNote<'a> {
    pub account_id: i64,
    pub kind: NoteKind,
    pub noted_on: NaiveDate,
    pub text: &'a str,
    pub next_action_on: Option<NaiveDate>,
    pub written_by: &'a str,
    pub recorded_at: &'a str,
}

pub fn insert(tx: &Tx<'_>, n: &NewNote<'_>) -> Result<i64> {
    Ok(tx.conn.query_row(
        "INSERT INTO notes (account_id, kind, noted_on, text, next_action_on, written_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         RETURNING id",
        params![
            n.account_id,
            n.kind.as_str(),
            n.noted_on.to_string(),
            n.text,
            n.next_action_on.map(|d| d.to_string()),
            n.written_by,
            n.recorded_at
        ],
        |r| r.get(0),
    )?)
}
