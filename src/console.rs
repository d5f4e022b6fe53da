//! The console (placeholder until the panes land): shows the aging as of the day.

use crate::cli::output::Format;
use crate::cli::{reports, Cli};
use crate::error::Result;

pub fn run(cli: &Cli) -> Result<()> {
    let service = cli.open()?;
    let rows = crate::report::aging(service.store().conn(), cli.as_of())?;
    let _ = reports::aging(&rows).write(Format::Table, &mut std::io::stdout());
    Ok(())
}
