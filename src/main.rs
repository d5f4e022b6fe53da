//! The `creditdesk` binary: parse arguments, then hand over to the library.

use clap::{CommandFactory, FromArgMatches};
use creditdesk::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    creditdesk::logging::init(cli.log_level);
    // The command's name only: its arguments may hold personal data.
    tracing::info!(command = matches.subcommand_name().unwrap_or("console"), "start");
    let started = std::time::Instant::now();
    let result = match &cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            creditdesk::cli::run(&cli, command, &mut out).and_then(|()| {
                std::io::Write::flush(&mut out)
                    .map_err(|e| creditdesk::Error::File { path: "<stdout>".into(), source: e })
            })
        }
        None => cli.console_config().and_then(|config| creditdesk::console::run(&config)),
    };
    match result {
        Ok(()) => {
            tracing::info!(seconds = started.elapsed().as_secs_f64(), "done");
            ExitCode::SUCCESS
        }
        Err(e) => {
            tracing::error!(error = %e, "failed");
            // An error may quote what a file holds: nothing reaches the terminal raw.
            eprintln!("error: {}", creditdesk::domain::text::visible_lines(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
