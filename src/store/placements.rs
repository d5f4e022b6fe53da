//! `agency_placements`: accounts placed with an outside collection agency.

use super::{date_at, Store, Tx};
use crate::domain::collections::Placement;
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::params;

fn placement_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Placement> {
    Ok(Placement {
        account_no: r.get(0)?,
        agency: r.get(1)?,
        placed_on: date_at(r, 2)?,
        amount: Money::from_cents(r.get(3)?),
        note: r.get(4)?,
        placed_by: r.get(5)?,
    })
}

const PLACEMENT_SELECT: &str = "SELECT a.account_no, g.agency, g.placed_on, g.amount_cents, g.note, g.placed_by
     FROM agency_placements g JOIN accounts a ON a.id = g.account_id";

/// One account's placements, oldest first.
pub fn of_account(store: &Store, account_id: i64) -> Result<Vec<Placement>> {
    let mut stmt = store.conn.prepare_cached(&format!("{PLACEMENT_SELECT} WHERE g.account_id = ?1 ORDER BY g.id"))?;
    let rows = stmt.query_map([account_id], placement_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every placement, oldest first.
pub fn all(store: &Store) -> Result<Vec<Placement>> {
    let mut stmt = store.conn.prepare(&format!("{PLACEMENT_SELECT} ORDER BY g.id"))?;
    let rows = stmt.query_map([], placement_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
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

/// The accounts placed with an agency on or before `as_of`, by id.
pub fn placed_accounts(store: &Store, as_of: NaiveDate) -> Result<std::collections::HashSet<i64>> {
    let mut stmt =
        store.conn.prepare_cached("SELECT DISTINCT account_id FROM agency_placements WHERE placed_on <= ?1")?;
    let rows = stmt.query_map([as_of.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
