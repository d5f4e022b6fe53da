//! The settings and the per-state rate-cap table (RULES.md section 10): anyone lists
//! them, a manager changes them (the console's Settings form, `S`).

use super::output::{list, say, text, Cell, Out, Report};
use crate::domain::settings::Setting;
use crate::error::{Error, Result};
use crate::service::upkeep::SettingsChange;
use crate::service::Service;
use clap::Subcommand;
use rust_decimal::Decimal;
use std::io::Write;

#[derive(Debug, Subcommand)]
pub enum SettingsCmd {
    /// Every setting with its value (the default when never set).
    List {
        #[command(flatten)]
        out: Out,
    },
    /// Set one (manager only): card_surcharge_pct (0 to 10), privacy_response_days (1 to
    /// 90), retention_years (1 to 50).
    Set {
        /// card_surcharge_pct, privacy_response_days or retention_years.
        #[arg(value_parser = setting_key)]
        key: Setting,
        /// The new value.
        value: String,
    },
    /// Set a state's annual interest rate cap (manager only): --pct P, or --none to remove
    /// it. It applies to every account of the state without a cap of its own.
    #[command(name = "state-cap", group(clap::ArgGroup::new("cap").required(true).args(["pct", "none"])))]
    StateCap {
        /// Two-letter state, like MO.
        state: String,
        /// Percent per year, like 9 (0 means no interest; above 18 changes nothing).
        #[arg(long, value_parser = super::parse_percent)]
        pct: Option<Decimal>,
        /// Remove the state's cap.
        #[arg(long)]
        none: bool,
    },
    /// The per-state rate-cap table.
    #[command(name = "state-caps")]
    StateCaps {
        #[command(flatten)]
        out: Out,
    },
}

/// A setting's key, as written: `card_surcharge_pct`, ...
fn setting_key(s: &str) -> std::result::Result<Setting, String> {
    crate::input::choice::<Setting>("key", s.trim()).map_err(|e| e.reason)
}

pub fn run(service: &mut Service, cmd: &SettingsCmd, out: &mut impl Write) -> Result<()> {
    match cmd {
        SettingsCmd::List { out: o } => {
            let all = crate::read::settings(service.store())?;
            let rows = all
                .iter()
                .map(|s| vec![text(s.key), text(&s.value), Cell::Bool(s.is_default), text(s.meaning)])
                .collect();
            list(o.format, &all, Report::new(&["key", "value", "default", "meaning"], rows), out)
        }
        SettingsCmd::Set { key, value } => {
            let v = key.parse(value).map_err(|r| Error::invalid(key.key(), r))?;
            let done = service.change_settings(&SettingsChange { values: vec![v], state_cap: None })?;
            let lines: Vec<String> =
                done.settings.iter().map(|(k, old, new)| format!("{k} {new} (was {old})")).collect();
            say(out, lines.join("; "))
        }
        SettingsCmd::StateCap { state, pct, none: _ } => {
            let done =
                service.change_settings(&SettingsChange { values: vec![], state_cap: Some((state.clone(), *pct)) })?;
            let pct_text = |p: Option<Decimal>| p.map_or("none".to_string(), |p| format!("{p}%"));
            match done.state_cap {
                Some((state, old, new)) => {
                    say(out, format_args!("{state}: rate cap {} (was {})", pct_text(new), pct_text(old)))
                }
                None => Ok(()),
            }
        }
        SettingsCmd::StateCaps { out: o } => {
            let caps = crate::read::state_caps(service.store())?;
            let rows = caps.iter().map(|c| vec![text(&c.state), text(c.cap_pct.to_string())]).collect();
            list(o.format, &caps, Report::new(&["state", "cap_pct"], rows), out)
        }
    }
}
