//! Filling a database: a CSV file of history (all or nothing), or the demo data.

use super::output::say;
use crate::error::Result;
use crate::service::import::ImportKind;
use crate::service::Service;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

pub fn import(service: &mut Service, kind: ImportKind, file: &Path, out: &mut impl Write) -> Result<()> {
    let summary = service.import(kind, file)?;
    say(out, format_args!("imported {} {} from {}", summary.rows, summary.kind, summary.file))
}

/// Realistic, deterministic demo data ending at `as_of`, with how fast it was written.
pub fn demo(
    service: &mut Service,
    accounts: u32,
    invoices: Option<u32>,
    seed: u64,
    as_of: NaiveDate,
    out: &mut impl Write,
) -> Result<()> {
    let spec =
        crate::demo::DemoSpec { accounts, invoices: invoices.unwrap_or(accounts.saturating_mul(10)), seed, end: as_of };
    let started = std::time::Instant::now();
    let counts = service.generate_demo(&spec)?;
    let secs = started.elapsed().as_secs_f64();
    say(
        out,
        format_args!(
            "demo data: {} accounts, {} charges, {} payments, {} returned checks in {:.2} s ({:.0} rows/s)",
            counts.accounts,
            counts.charges,
            counts.payments,
            counts.returned_checks,
            secs,
            counts.rows() as f64 / secs.max(1e-9)
        ),
    )
}
