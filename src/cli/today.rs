//! `today`: what needs doing as of --as-of, the list the console opens on.

use super::output::{text, Cell, Format, Report};
use crate::error::Result;
use crate::read::TodayLine;
use crate::service::Service;
use chrono::NaiveDate;
use std::io::Write;

pub fn today_report(lines: &[TodayLine]) -> Report {
    Report::new(
        &["kind", "account_no", "detail", "date"],
        lines
            .iter()
            .map(|l| vec![text(l.kind.as_str()), text(&l.account_no), text(&l.detail), Cell::Date(l.date)])
            .collect(),
    )
}

pub fn run(service: &Service, as_of: NaiveDate, format: Format, out: &mut impl Write) -> Result<()> {
    let lines = crate::read::today(service.store(), as_of)?;
    super::output::list(format, &lines, today_report(&lines), out)
}
