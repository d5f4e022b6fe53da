//! The file itself: `check` (is it sound, is its audit log whole).

use super::output::say;
use crate::error::{Error, Result};
use crate::service::Service;
use std::io::Write;

/// Prints "ok", or each finding on its own line and fails with their number.
pub fn check(service: &Service, out: &mut impl Write) -> Result<()> {
    let findings = crate::read::check::check(service.store(), chrono::Local::now().date_naive())?;
    if findings.is_empty() {
        return say(out, "ok");
    }
    for f in &findings {
        say(out, f)?;
    }
    Err(Error::Unhealthy(findings.len()))
}
