//! Copies of the whole file with SQLite's online backup API: a backup is one read
//! transaction over the live file (in WAL mode others go on writing meanwhile, and the
//! copy is the book as of one moment), written beside its destination, fsynced, then
//! put in place by a rename; a restore copies a checked backup into the live file
//! under SQLite's own locking, so a console that has it open sees the restored book.

use super::{apply_key, Store, KEY_VAR};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

fn file_error(path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
    move |source| Error::File { path: path.to_path_buf(), source }
}

/// `path` with `suffix` added to its file name.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn key() -> Option<String> {
    std::env::var(KEY_VAR).ok().filter(|k| !k.is_empty())
}

/// Copies `from` into `to` in one step: one read transaction on `from`, so the copy is
/// consistent however much is written to `from` meanwhile.
fn copy(from: &Connection, to: &mut Connection) -> Result<()> {
    let backup = Backup::new(from, to)?;
    let start = std::time::Instant::now();
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            // A lock held elsewhere: wait for it, as long as a write waits (busy.rs).
            _ if start.elapsed() < super::busy::timeout() => std::thread::sleep(Duration::from_millis(50)),
            _ => return Err(Error::Busy(super::busy::timeout())),
        }
    }
}

/// Writes a consistent copy of the book to `dest` (replacing a file there only once the
/// copy is complete and on disk).
pub fn write_copy(store: &Store, dest: &Path) -> Result<()> {
    let partial = beside(dest, ".partial");
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        let mut out = Connection::open(&partial)?;
        apply_key(&out, key().as_deref())?;
        copy(store.lite()?, &mut out)?;
        // A copy is one plain file, no WAL beside it.
        out.pragma_update(None, "journal_mode", "DELETE")?;
        drop(out);
        std::fs::File::open(&partial).and_then(|f| f.sync_all()).map_err(file_error(&partial))?;
        std::fs::rename(&partial, dest).map_err(file_error(dest))?;
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::File::open(dir).and_then(|f| f.sync_all()).map_err(file_error(dir))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// A backup to restore, copied beside the book (so opening it, which may bring an older
/// schema up to date, never changes the backup itself) and opened.
pub struct Staged {
    pub store: Store,
    path: PathBuf,
}

fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(beside(path, suffix));
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        remove_with_sidecars(&self.path);
    }
}

/// Stages `backup` for restoring into the book at `book`.
pub fn stage(backup: &Path, book: &Path) -> Result<Staged> {
    if !backup.is_file() {
        return Err(Error::NotFound(format!("no backup at {}", backup.display())));
    }
    let path = beside(book, ".restoring");
    std::fs::copy(backup, &path).map_err(file_error(backup))?;
    match Store::open_existing(&path) {
        Ok(store) => Ok(Staged { store, path }),
        Err(e) => {
            remove_with_sidecars(&path);
            Err(e)
        }
    }
}

/// Replaces the whole content of `store` with `staged`'s.
pub fn replace(store: &mut Store, staged: &Staged) -> Result<()> {
    copy(staged.store.lite()?, store.lite_mut()?)?;
    store.broken_guards = super::audit::broken_guards(store)?;
    Ok(())
}
