//! `dealer_verifications`: the verification phone screens of applicants.

use super::db::{params, OptionalExtension};
use super::{date_at, Store, Tx};
use crate::domain::dealer::{Verification, VerificationOutcome};
use crate::error::Result;
use chrono::NaiveDate;

pub fn insert(
    tx: &Tx<'_>,
    account_id: i64,
    representative: &str,
    screened_on: NaiveDate,
    outcome: VerificationOutcome,
    notes: Option<&str>,
    recorded_by: &str,
) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO dealer_verifications (account_id, representative, screened_on, outcome, notes, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![account_id, representative, screened_on.to_string(), outcome.as_str(), notes, recorded_by],
    )?;
    Ok(())
}

/// What `verification` reads: an account's screens.
const VERIFICATION_SELECT: &str =
    "SELECT representative, screened_on, outcome, notes, recorded_by FROM dealer_verifications WHERE account_id = ?1";

fn verification(r: &super::db::Row<'_>) -> super::db::Result<Verification> {
    let outcome: String = r.get(2)?;
    Ok(Verification {
        representative: r.get(0)?,
        screened_on: date_at(r, 1)?,
        outcome: outcome.parse().unwrap_or(VerificationOutcome::Failed),
        notes: r.get(3)?,
        recorded_by: r.get(4)?,
    })
}

/// An account's newest screen.
pub fn last_verification(store: &Store, account_id: i64) -> Result<Option<Verification>> {
    Ok(store
        .conn
        .query_row(&format!("{VERIFICATION_SELECT} ORDER BY id DESC LIMIT 1"), [account_id], verification)
        .optional()?)
}

/// Every screen of an account, oldest first.
pub fn verifications(store: &Store, account_id: i64) -> Result<Vec<Verification>> {
    let mut stmt = store.conn.prepare(&format!("{VERIFICATION_SELECT} ORDER BY id"))?;
    Ok(stmt.query_all([account_id], verification)?)
}
