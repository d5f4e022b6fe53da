//! Backups and restores of the whole book (issue 9). A backup is a read: any operator.
//! A restore replaces the book: a manager's, refused when the book holds changes the
//! backup does not (unless forced), and recorded in the restored book's audit log.

use super::{audit, Act, Change, Service};
use crate::error::{Error, Result};
use crate::store::{self, backup::Staged};
use std::path::Path;

impl Service {
    /// Writes a consistent copy of the book to `dest`, then checks the copy: a copy
    /// with any finding is an error naming them.
    pub fn backup(&self, dest: &Path, today: chrono::NaiveDate) -> Result<()> {
        store::backup::write_copy(self.store(), dest)?;
        let copy = store::Store::open_existing(dest)?;
        let findings = crate::read::check::check(&copy, today)?;
        if let Some(first) = findings.first() {
            return Err(Error::Damaged(format!(
                "the copy at {} failed its check ({} finding(s), the first: {first}); keep the book and try again",
                dest.display(),
                findings.len()
            )));
        }
        Ok(())
    }

    /// Replaces the book with the staged backup. Refused when the book's newest change
    /// is not in the backup (the book is newer, or another book) unless `force`.
    pub fn restore(&mut self, staged: &Staged, from: &Path, force: bool, today: chrono::NaiveDate) -> Result<()> {
        self.require_manager(Act::RestoreBackup)?;
        let findings = crate::read::check::check(&staged.store, today)?;
        if let Some(first) = findings.first() {
            return Err(Error::Refused(format!(
                "the backup {} failed its check ({} finding(s), the first: {first}); nothing was restored",
                from.display(),
                findings.len()
            )));
        }
        let newest = store::audit::newest_link(self.store())?;
        if let Some(store::audit::Newest { id, hash, at, operator }) = &newest {
            let in_backup = store::audit::hash_of(&staged.store, *id)?.is_some_and(|h| h == *hash);
            if !in_backup && !force {
                return Err(Error::Refused(format!(
                    "the book is newer than {}: its latest change (audit entry {id}, {at} by {operator}) is not in the backup, and restoring would lose it; add --force to restore anyway",
                    from.display()
                )));
            }
        }
        store::backup::replace(self.store_mut(), staged)?;
        let replaced = newest.map(|n| n.id);
        self.transact(|tx, op| {
            audit(
                tx,
                op,
                &Change::of("restore", "database")
                    .before(serde_json::json!({ "newest_entry": replaced }))
                    .after(serde_json::json!({ "from": from.display().to_string(), "forced": force })),
            )
        })
    }
}
