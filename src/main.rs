//! The `creditdesk` binary: parse arguments, then hand over to the library.

use clap::Parser;
use creditdesk::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // An error may quote what a file holds: nothing reaches the terminal raw.
            eprintln!("error: {}", creditdesk::domain::text::visible_lines(&e.to_string()));
            ExitCode::FAILURE
        }
    }
}
