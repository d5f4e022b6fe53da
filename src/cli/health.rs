//! The file itself: `check` (is it sound, is its audit log whole), `backup`, `restore`.

use super::output::say;
use crate::error::{Error, Result};
use crate::service::Service;
use std::io::Write;
use std::path::Path;

/// Prints "ok", or each finding on its own line and fails with their number.
pub fn check(service: &Service, out: &mut impl Write) -> Result<()> {
    let findings = crate::read::check::check(service.store(), today())?;
    if findings.is_empty() {
        return say(out, "ok");
    }
    for f in &findings {
        say(out, f)?;
    }
    Err(Error::Unhealthy(findings.len()))
}

/// `backup FILE`: a checked, consistent copy.
pub fn backup(service: &Service, file: &Path, out: &mut impl Write) -> Result<()> {
    service.backup(file, today())?;
    say(out, format_args!("backed up to {}; the copy checks ok", file.display()))
}

/// `restore FILE [--force]`.
pub fn restore(service: &mut Service, db: &Path, file: &Path, force: bool, out: &mut impl Write) -> Result<()> {
    let staged = crate::store::backup::stage(file, db)?;
    service.restore(&staged, file, force, today())?;
    say(out, format_args!("{} restored from {}", db.display(), file.display()))
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
