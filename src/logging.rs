//! The log: `tracing` events appended to `creditdesk.log` in the platform's state
//! directory, never to the terminal (the console owns it). A log that cannot be opened
//! is skipped: the work goes on without it.

use std::path::PathBuf;
use std::sync::Mutex;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum LogLevel {
    Off,
    Error,
    Warn,
    #[default]
    Info,
    Debug,
    Trace,
}

impl LogLevel {
    fn filter(self) -> tracing::level_filters::LevelFilter {
        use tracing::level_filters::LevelFilter;
        match self {
            LogLevel::Off => LevelFilter::OFF,
            LogLevel::Error => LevelFilter::ERROR,
            LogLevel::Warn => LevelFilter::WARN,
            LogLevel::Info => LevelFilter::INFO,
            LogLevel::Debug => LevelFilter::DEBUG,
            LogLevel::Trace => LevelFilter::TRACE,
        }
    }
}

/// The log file's path.
pub fn path() -> PathBuf {
    crate::config::state_dir().join("creditdesk.log")
}

/// Starts logging at `level` into the log file; returns the file, if it could be opened.
pub fn init(level: LogLevel) -> Option<PathBuf> {
    if level == LogLevel::Off {
        return None;
    }
    let path = path();
    std::fs::create_dir_all(path.parent()?).ok()?;
    let file = std::fs::OpenOptions::new().create(true).append(true).open(&path).ok()?;
    tracing_subscriber::fmt()
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .with_max_level(level.filter())
        .try_init()
        .ok()?;
    Some(path)
}
