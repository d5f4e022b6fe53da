//! `hold_overrides`: a manager's override of a credit hold for one invoice.

use super::db::params;
use super::{date_at, Store, Tx};
use crate::error::Result;
use chrono::NaiveDate;

/// An override as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HoldOverride {
    pub account_no: String,
    pub doc_no: String,
    /// The hold that was overridden, in words.
    pub hold: String,
    pub reason: String,
    pub overridden_on: NaiveDate,
    pub overridden_by: String,
}

/// Every override (one account's when asked), oldest first.
pub fn list(store: &Store, account_no: Option<&str>) -> Result<Vec<HoldOverride>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT a.account_no, h.doc_no, h.hold, h.reason, h.overridden_on, h.overridden_by
         FROM hold_overrides h JOIN accounts a ON a.id = h.account_id
         WHERE ?1 IS NULL OR a.account_no = ?1 ORDER BY h.id",
    )?;
    Ok(stmt.query_all([account_no], |r| {
        Ok(HoldOverride {
            account_no: r.get(0)?,
            doc_no: r.get(1)?,
            hold: r.get(2)?,
            reason: r.get(3)?,
            overridden_on: date_at(r, 4)?,
            overridden_by: r.get(5)?,
        })
    })?)
}

pub fn insert(tx: &Tx<'_>, account_id: i64, o: &HoldOverride) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO hold_overrides (account_id, doc_no, hold, reason, overridden_on, overridden_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![account_id, o.doc_no, o.hold, o.reason, o.overridden_on.to_string(), o.overridden_by],
    )?;
    Ok(())
}
