//! The program itself: its configuration file, shell completions and manual page.

use super::output::{say, stdout_error};
use crate::config::{self, Config};
use crate::error::{Error, Result};
use crate::print::template::{default_text, file_name};
use clap::{CommandFactory, Subcommand};
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Where the configuration file is read from.
    Path,
    /// The configuration in force (the file's, with the defaults for what it leaves out).
    Show,
    /// Write the built-in letter templates into the templates folder, to edit (a file
    /// already there is kept).
    Templates,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

pub fn config(cmd: &ConfigCmd, out: &mut impl Write) -> Result<()> {
    match cmd {
        ConfigCmd::Path => say(out, config::path().display()),
        ConfigCmd::Show => {
            let c = Config::load()?;
            say(out, format_args!("# {}", config::path().display()))?;
            out.write_all(c.to_toml().as_bytes()).map_err(stdout_error)
        }
        ConfigCmd::Templates => {
            let dir = Config::load()?.templates_dir();
            std::fs::create_dir_all(&dir).map_err(|source| Error::File { path: dir.clone(), source })?;
            for level in crate::domain::dunning::Level::ALL {
                let path = dir.join(file_name(level));
                if path.exists() {
                    say(out, format_args!("kept {}", path.display()))?;
                    continue;
                }
                std::fs::write(&path, default_text(level))
                    .map_err(|source| Error::File { path: path.clone(), source })?;
                say(out, format_args!("wrote {}", path.display()))?;
            }
            Ok(())
        }
    }
}

pub fn completions(shell: Shell, out: &mut impl Write) -> Result<()> {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(shell, &mut super::Cli::command(), "creditdesk", out);
    Ok(())
}

pub fn man(out: &mut impl Write) -> Result<()> {
    clap_mangen::Man::new(super::Cli::command()).render(out).map_err(stdout_error)
}
