//! What `creditdesk check` asks SQLite about the file: its own integrity check, the
//! foreign keys, and dates outside the limits of RULES.md section 9. On PostgreSQL the
//! server keeps its pages and foreign keys sound itself: those two checks find nothing.

use super::Store;
use crate::error::Result;

/// `PRAGMA integrity_check`: empty when SQLite finds the file sound, else what it found
/// (at most `cap` lines).
pub fn integrity_problems(store: &Store, cap: usize) -> Result<Vec<String>> {
    if store.is_postgres() {
        return Ok(Vec::new());
    }
    let mut stmt = store.conn.prepare(&format!("PRAGMA integrity_check({cap})"))?;
    let lines: Vec<String> = stmt.query_all((), |r| r.get(0))?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// `PRAGMA foreign_key_check`: each row that names a parent that does not exist.
pub fn foreign_key_problems(store: &Store) -> Result<Vec<String>> {
    if store.is_postgres() {
        return Ok(Vec::new());
    }
    let mut stmt = store.conn.prepare("PRAGMA foreign_key_check")?;
    Ok(stmt.query_all((), |r| {
        let (table, rowid, parent): (String, Option<i64>, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
        Ok(format!("{table} row {} names a {parent} row that does not exist", rowid.unwrap_or_default()))
    })?)
}

/// Ledger dates outside `first..=last` (ISO text compares as dates): what, which, when.
pub fn dates_outside(store: &Store, first: &str, last: &str) -> Result<Vec<String>> {
    let mut stmt = store.conn.prepare(
        "SELECT 'charge ' || doc_no || ' dated ' || date FROM charges WHERE date NOT BETWEEN ?1 AND ?2
         UNION ALL SELECT 'charge ' || doc_no || ' due ' || due_date FROM charges WHERE due_date NOT BETWEEN ?1 AND ?2
         UNION ALL SELECT 'payment ' || payment_ref || ' dated ' || date FROM payments WHERE date NOT BETWEEN ?1 AND ?2
         UNION ALL SELECT 'returned check ' || p.payment_ref || ' dated ' || r.returned_date
             FROM returned_checks r JOIN payments p ON p.id = r.payment_id WHERE r.returned_date NOT BETWEEN ?1 AND ?2",
    )?;
    Ok(stmt.query_all([first, last], |r| r.get(0))?)
}

/// The latest day anything of the ledger is dated (none in an empty book).
pub fn latest_date(store: &Store) -> Result<Option<String>> {
    Ok(store.conn.query_row(
        "SELECT max(d) FROM (SELECT max(date) AS d FROM charges UNION ALL SELECT max(date) FROM payments
                             UNION ALL SELECT max(returned_date) FROM returned_checks) AS latest",
        (),
        |r| r.get(0),
    )?)
}
