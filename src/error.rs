//! The library's errors: each says what went wrong and, where it can, what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(#[from] StoreError),
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Import(#[from] ImportError),
    /// The operator's role does not allow this.
    #[error("refused: {0}")]
    Refused(String),
    /// A field of a form, a command or a file is not acceptable.
    #[error("{0}")]
    Invalid(#[from] crate::input::FieldError),
    #[error("{0}")]
    NotFound(String),
    /// Another program kept the database busy for the whole wait; nothing was written.
    #[error("the database stayed busy for {} s (another program was writing to it); nothing was written: try again when it is done", .0.as_secs())]
    Busy(std::time::Duration),
    /// The file is damaged (cut short, overwritten): restore a backup.
    #[error("{0}")]
    Damaged(String),
    /// `creditdesk check` found problems (each was listed).
    #[error("check found {0} problem(s), listed above")]
    Unhealthy(usize),
    /// `--db` names no file (RULES.md 7): nothing is created but by `init` or `demo`.
    #[error("no database at {}; create it with `creditdesk --db {} init`", .0.display(), .0.display())]
    NoDatabase(PathBuf),
    /// The file cannot be read as SQLite at all (not a database, or encrypted).
    #[error("{0}")]
    Unreadable(String),
    /// The file is not a creditdesk database this build can open.
    #[error("{0}")]
    Incompatible(String),
    /// A rehearsed change (`Service::rehearse`) passed every check; nothing was written.
    #[error("checked; nothing was written")]
    Rehearsed,
    /// A figure beyond what can be held exactly (RULES.md section 9): `what` names the
    /// account, or the total, it belongs to. Nothing is reported rather than a wrong number.
    #[error("{what}: figure too large to be held exactly (beyond {max}); nothing was reported", max = crate::domain::Money::MAX.grouped())]
    TooLarge { what: String },
}

/// A failure of the database underneath, as the store met it (the store turns its
/// driver's errors into this, so nothing above the store names the driver).
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct StoreError(pub Box<dyn std::error::Error + Send + Sync>);

/// A bad row of a CSV import: where it is (file, line, column) and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: line {line}, column {column_no} ({column}): {reason}")]
pub struct ImportError {
    pub file: String,
    pub line: u64,
    /// 1-based position of the column in the file's header (0 when the line is unreadable).
    pub column_no: usize,
    pub column: String,
    pub reason: String,
}

impl From<crate::domain::ledger::FigureTooLarge> for Error {
    fn from(e: crate::domain::ledger::FigureTooLarge) -> Error {
        Error::TooLarge { what: format!("account {}", e.account_no) }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Invalid(crate::input::FieldError::new(field, reason))
    }
}
