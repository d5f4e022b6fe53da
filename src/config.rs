//! The configuration file (TOML) in the platform's configuration directory: the
//! company's letterhead and remit-to address for statements and letters, the default
//! database, the idle minutes, where templates are read and documents written.
//! A missing file is the defaults; a file that does not parse is refused, naming it.

use crate::error::{Error, Result};
use directories::ProjectDirs;
use std::path::{Path, PathBuf};

/// Overrides the configuration directory (for a shared installation, and for tests).
pub const CONFIG_DIR_VAR: &str = "CREDITDESK_CONFIG_DIR";
pub const FILE_NAME: &str = "config.toml";

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Company {
    pub name: String,
    /// Address lines, as printed under the name.
    pub address: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl Default for Company {
    fn default() -> Company {
        Company {
            name: "Security Equipment Supply, Inc.".into(),
            address: vec!["Credit Department".into()],
            phone: None,
            email: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The database used when neither `--db` nor `CREDITDESK_DB` names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database: Option<PathBuf>,
    /// Lock the console after this many minutes without a key (0 = never), unless
    /// `--idle-minutes` says otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idle_minutes: Option<u64>,
    /// The folder of letter templates (`dunning-1.txt` … `dunning-4.txt`); relative to
    /// the configuration directory.
    pub templates: PathBuf,
    /// Where the console writes statements and letters; relative to the platform's
    /// data directory.
    pub documents: PathBuf,
    /// Where payments go, as printed on statements and letters (default: the company).
    pub remit_to: Vec<String>,
    pub company: Company,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            database: None,
            idle_minutes: None,
            templates: PathBuf::from("templates"),
            documents: PathBuf::from("documents"),
            remit_to: Vec::new(),
            company: Company::default(),
        }
    }
}

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "creditdesk")
}

/// The configuration directory: `CREDITDESK_CONFIG_DIR`, else the platform's
/// (`~/.config/creditdesk` on Linux, honouring `XDG_CONFIG_HOME`).
pub fn dir() -> PathBuf {
    match std::env::var_os(CONFIG_DIR_VAR).filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => project().map_or_else(|| PathBuf::from(".creditdesk"), |p| p.config_dir().to_path_buf()),
    }
}

/// The configuration file's path.
pub fn path() -> PathBuf {
    dir().join(FILE_NAME)
}

/// The platform's state directory, where the log is written (`~/.local/state/creditdesk`
/// on Linux, honouring `XDG_STATE_HOME`; the local data directory elsewhere).
pub fn state_dir() -> PathBuf {
    project().map_or_else(
        || PathBuf::from(".creditdesk"),
        |p| p.state_dir().unwrap_or_else(|| p.data_local_dir()).to_path_buf(),
    )
}

fn data_dir() -> PathBuf {
    project().map_or_else(|| PathBuf::from("."), |p| p.data_local_dir().to_path_buf())
}

impl Config {
    /// The file at `path()`, or the defaults when there is none.
    pub fn load() -> Result<Config> {
        Config::load_from(&path())
    }

    pub fn load_from(file: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(source) => return Err(Error::File { path: file.to_path_buf(), source }),
        };
        Config::parse(&text).map_err(|reason| Error::invalid(file.display().to_string(), reason))
    }

    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string().trim_end().replace('\n', " "))
    }

    /// As TOML (what `config show` prints).
    pub fn to_toml(&self) -> String {
        toml::to_string_pretty(self).unwrap_or_default()
    }

    /// The templates folder, resolved against the configuration directory.
    pub fn templates_dir(&self) -> PathBuf {
        dir().join(&self.templates)
    }

    /// The folder the console writes documents into, resolved against the data directory.
    pub fn documents_dir(&self) -> PathBuf {
        data_dir().join(&self.documents)
    }

    /// The remit-to lines: as configured, else the company's name and address.
    pub fn remit_to_lines(&self) -> Vec<String> {
        if self.remit_to.is_empty() {
            std::iter::once(self.company.name.clone()).chain(self.company.address.iter().cloned()).collect()
        } else {
            self.remit_to.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_file_keeps_the_defaults_for_the_rest() {
        let c = Config::parse("idle_minutes = 9\n[company]\nname = \"Acme\"\n").unwrap();
        assert_eq!(c.idle_minutes, Some(9));
        assert_eq!(c.company.name, "Acme");
        assert_eq!(c.company.address, ["Credit Department"], "a field left out keeps its default");
        assert_eq!(c.templates, PathBuf::from("templates"));
        assert_eq!(Config::parse("").unwrap(), Config::default());
    }

    #[test]
    fn an_unknown_key_or_a_wrong_type_is_refused_with_its_place() {
        let e = Config::parse("idle_minutes = \"ten\"").unwrap_err();
        assert!(e.contains("idle_minutes"), "{e}");
        let e = Config::parse("colour = 1").unwrap_err();
        assert!(e.contains("colour"), "{e}");
    }

    #[test]
    fn what_show_prints_reads_back_the_same() {
        let c = Config {
            database: Some(PathBuf::from("/srv/book.db")),
            remit_to: vec!["Lockbox 12".into()],
            ..Default::default()
        };
        assert_eq!(Config::parse(&c.to_toml()).unwrap(), c);
    }

    #[test]
    fn remit_to_defaults_to_the_company() {
        let c = Config::default();
        assert_eq!(c.remit_to_lines(), ["Security Equipment Supply, Inc.", "Credit Department"]);
    }
}
