//! `tax_exemptions`: one per exempt account.

use super::db::{params, OptionalExtension};
use super::{opt_date, Store, Tx};
use crate::domain::exemption::{Exemption, ExemptionLine};
use crate::error::Result;
use chrono::NaiveDate;
use std::collections::HashMap;

fn exemption_at(r: &super::db::Row<'_>, at: usize) -> super::db::Result<Exemption> {
    Ok(Exemption {
        exemption_no: r.get(at)?,
        certificate_on_file: r.get(at + 1)?,
        certificate_expires: opt_date(r, at + 2)?,
    })
}

pub fn of_account(store: &Store, account_id: i64) -> Result<Option<Exemption>> {
    Ok(store
        .conn
        .query_row(
            "SELECT exemption_no, certificate_on_file, certificate_expires FROM tax_exemptions WHERE account_id = ?1",
            [account_id],
            |r| exemption_at(r, 0),
        )
        .optional()?)
}

/// Every exemption, by account id.
pub fn by_account(store: &Store) -> Result<HashMap<i64, Exemption>> {
    let mut stmt = store
        .conn
        .prepare("SELECT account_id, exemption_no, certificate_on_file, certificate_expires FROM tax_exemptions")?;
    Ok(stmt.query_all((), |r| Ok((r.get::<_, i64>(0)?, exemption_at(r, 1)?)))?)
}

/// Every exempt account, by account number, with its warning as of a day.
pub fn lines(store: &Store, as_of: NaiveDate) -> Result<Vec<ExemptionLine>> {
    // CROSS JOIN: the exemptions lead (not a walk of every account), as the notes do.
    let mut stmt = store.conn.prepare(
        "SELECT a.account_no, a.name, e.exemption_no, e.certificate_on_file, e.certificate_expires
         FROM tax_exemptions e CROSS JOIN accounts a ON a.id = e.account_id ORDER BY a.account_no",
    )?;
    Ok(stmt.query_all((), |r| Ok(ExemptionLine::of(r.get(0)?, r.get(1)?, exemption_at(r, 2)?, as_of)))?)
}

/// Records (or replaces) an account's exemption.
pub fn upsert(tx: &Tx<'_>, account_id: i64, e: &Exemption, recorded_by: &str) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO tax_exemptions (account_id, exemption_no, certificate_on_file, certificate_expires, recorded_by)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (account_id) DO UPDATE SET exemption_no = excluded.exemption_no,
             certificate_on_file = excluded.certificate_on_file,
             certificate_expires = excluded.certificate_expires, recorded_by = excluded.recorded_by",
        params![
            account_id,
            e.exemption_no,
            e.certificate_on_file,
            e.certificate_expires.map(|d| d.to_string()),
            recorded_by
        ],
    )?;
    Ok(())
}
