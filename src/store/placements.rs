//! `agency_placements`: accounts placed with an outside collection agency.

use super::db::params;
use super::{date_at, opt_date, Store, Tx};
use crate::domain::collections::Placement;
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;

fn placement_from_row(r: &super::db::Row<'_>) -> super::db::Result<Placement> {
    Ok(Placement {
        account_no: r.get(0)?,
        agency: r.get(1)?,
        placed_on: date_at(r, 2)?,
        amount: r.get(3)?,
        note: r.get(4)?,
        placed_by: r.get(5)?,
        recalled_on: opt_date(r, 6)?,
        recall_reason: r.get(7)?,
    })
}

const PLACEMENT_SELECT: &str = "SELECT a.account_no, g.agency, g.placed_on, g.amount_cents, g.note, g.placed_by,
            g.recalled_on, g.recall_reason
     FROM agency_placements g JOIN accounts a ON a.id = g.account_id";

/// One account's placements, oldest first.
pub fn of_account(store: &Store, account_id: i64) -> Result<Vec<Placement>> {
    let mut stmt = store.conn.prepare_cached(&format!("{PLACEMENT_SELECT} WHERE g.account_id = ?1 ORDER BY g.id"))?;
    Ok(stmt.query_all([account_id], placement_from_row)?)
}

/// Every placement, oldest first.
pub fn all(store: &Store) -> Result<Vec<Placement>> {
    let mut stmt = store.conn.prepare(&format!("{PLACEMENT_SELECT} ORDER BY g.id"))?;
    Ok(stmt.query_all((), placement_from_row)?)
}

pub fn insert(
    tx: &Tx<'_>,
    account_id: i64,
    agency: &str,
    placed_on: NaiveDate,
    amount: Money,
    note: Option<&str>,
    placed_by: &str,
) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO agency_placements (account_id, agency, placed_on, amount_cents, note, placed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![account_id, agency, placed_on.to_string(), amount.cents(), note, placed_by],
    )?;
    Ok(())
}

/// Ends the account's placements still with an agency (RULES 10): recalled on `on`, by
/// whom and why. Returns how many were recalled.
pub fn recall(tx: &Tx<'_>, account_id: i64, on: NaiveDate, by: &str, reason: &str) -> Result<usize> {
    Ok(tx.conn.execute(
        "UPDATE agency_placements SET recalled_on = ?2, recalled_by = ?3, recall_reason = ?4
         WHERE account_id = ?1 AND recalled_on IS NULL",
        params![account_id, on.to_string(), by, reason],
    )?)
}

/// The accounts placed with an agency on `as_of`: placed on or before it, and not
/// recalled by then; by id.
pub fn placed_accounts(store: &Store, as_of: NaiveDate) -> Result<std::collections::HashSet<i64>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT DISTINCT account_id FROM agency_placements
         WHERE placed_on <= ?1 AND (recalled_on IS NULL OR recalled_on > ?1)",
    )?;
    Ok(stmt.query_all([as_of.to_string()], |r| r.get(0))?)
}
