//! The library's errors: each says what went wrong and, where it can, what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Db(#[from] crate::store::StoreError),
    #[error("{path}: {source}")]
    File { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Import(#[from] ImportError),
    /// The operator's role does not allow this.
    #[error("refused: {0}")]
    Refused(String),
    /// A field of a form or command is not acceptable.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error("{0}")]
    NotFound(String),
    /// The file cannot be read as SQLite at all (not a database, or encrypted).
    #[error("{0}")]
    Unreadable(String),
    /// The file is not a creditdesk database this build can open.
    #[error("{0}")]
    Incompatible(String),
    /// A rehearsed change (`Service::rehearse`) passed every check; nothing was written.
    #[error("checked; nothing was written")]
    Rehearsed,
}

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

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Invalid { field: field.into(), reason: reason.into() }
    }
}
