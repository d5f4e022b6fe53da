//! `migrate`: a SQLite book copied into an empty PostgreSQL one, every row as it is
//! (the same ids, so the audit log's hash chain holds on the server).

use super::db::ValueRef;
use super::{Store, Tx};
use crate::error::{Error, Result};

/// Every table of the book, parents before the rows that refer to them.
pub const TABLES: [&str; 23] = [
    "settings",
    "operators",
    "state_rate_caps",
    "accounts",
    "charges",
    "payments",
    "returned_checks",
    "audit_log",
    "privacy_requests",
    "repair_tickets",
    "agency_placements",
    "dealer_verifications",
    "credit_applications",
    "tax_exemptions",
    "rmas",
    "rma_lines",
    "claims",
    "nonstock_items",
    "dunning_letters",
    "disputes",
    "notes",
    "promises",
    "hold_overrides",
];

/// The rows of `table` (one of `TABLES`).
pub fn count(store: &Store, table: &str) -> Result<i64> {
    Ok(store.conn.query_row(&format!("SELECT count(*) FROM {table}"), (), |r| r.get(0))?)
}

/// Copies every row of every table of `from` (a SQLite file) into `to`, then starts each
/// table's ids after the highest copied; returns the rows copied per table.
pub fn copy_book(from: &Store, to: &Tx<'_>) -> Result<Vec<(&'static str, i64)>> {
    let lite = from.lite()?;
    let mut copied = Vec::new();
    for table in TABLES {
        let columns: Vec<String> = lite
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if columns.is_empty() {
            return Err(Error::Incompatible(format!("{} has no table {table}", from.name())));
        }
        let list = columns.join(", ");
        let marks: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
        let insert = format!("INSERT INTO {table} ({list}) VALUES ({})", marks.join(", "));
        let mut read = lite.prepare(&format!("SELECT {list} FROM {table} ORDER BY rowid"))?;
        let mut rows = read.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let values: Vec<ValueRef<'_>> =
                (0..columns.len()).map(|i| row.get_ref(i).map(ValueRef::from)).collect::<rusqlite::Result<_>>()?;
            to.conn.execute(&insert, values)?;
            n += 1;
        }
        if columns.iter().any(|c| c == "id") {
            to.conn.query_row(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table}"
                ),
                (),
                |_| Ok(()),
            )?;
        }
        copied.push((table, n));
    }
    Ok(copied)
}
