//! What goes into `update` (actions: keys, results of work) and what comes out of it
//! (effects: work for the event loop), and the writes that go through the service.

use super::keymap::Cmd;
use super::snapshot::{AuditWindow, Delta, Snapshot};
use super::text::Edit;
use super::AccountDetail;
use crate::domain::credit::OverLimit;
use crate::domain::dunning::Letter;
use crate::domain::explain::Explanation;
use crate::input::FieldError;
use crate::read::AuditLine;
use crate::read::HoldLine;
use crate::service::operations::NewCharge;
use crate::service::Service;
use crate::store::audit::AuditPage;
use crate::store::Store;
use chrono::NaiveDate;
use std::any::Any;
use std::fmt;
use std::sync::Arc;
use std::time::Instant;

/// A change a form writes through the service. What it is, how it is written and what
/// it says before it is confirmed live in the form's file (`forms/`), as a `Save`.
pub trait Save: SaveDyn + Send + fmt::Debug {
    /// Writes it through the service (one transaction); what the status line says of it.
    fn save(&self, service: &mut Service) -> crate::Result<String>;

    /// What a correction will change, in words, read before it asks `y`; `None` for a
    /// write that asks the usual question.
    fn preview(&self, _store: &Store, _as_of: NaiveDate) -> Option<Result<String, WriteError>> {
        None
    }
}

/// What makes a `Save` comparable, clonable and readable back as its own type (any
/// `Save` that is `Clone + PartialEq` has it).
pub trait SaveDyn: Any {
    fn as_any(&self) -> &dyn Any;
    fn eq_dyn(&self, other: &dyn Any) -> bool;
    fn clone_box(&self) -> Box<dyn Save>;
}

impl<T: Save + Clone + PartialEq + 'static> SaveDyn for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn eq_dyn(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>() == Some(self)
    }

    fn clone_box(&self) -> Box<dyn Save> {
        Box::new(self.clone())
    }
}

/// A change written through the service: one form's `Save`.
pub struct Write(Box<dyn Save>);

impl Write {
    pub fn new(save: impl Save + 'static) -> Write {
        Write(Box::new(save))
    }

    /// The form's own value, if it is a `T`.
    pub fn get<T: Save + 'static>(&self) -> Option<&T> {
        self.0.as_any().downcast_ref()
    }

    pub fn save(&self, service: &mut Service) -> crate::Result<String> {
        self.0.save(service)
    }

    pub fn preview(&self, store: &Store, as_of: NaiveDate) -> Option<Result<String, WriteError>> {
        self.0.preview(store, as_of)
    }
}

impl fmt::Debug for Write {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Clone for Write {
    fn clone(&self) -> Write {
        Write(self.0.clone_box())
    }
}

impl PartialEq for Write {
    fn eq(&self, other: &Write) -> bool {
        self.0.eq_dyn(other.0.as_any())
    }
}

impl Eq for Write {}

/// The charge form's credit check: over the limit, on credit hold, or neither.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CreditAnswer {
    pub over: Option<OverLimit>,
    /// On hold as of the charge's day (asked for an invoice only).
    pub hold: Option<HoldLine>,
}

/// Why a form's values were refused or its write failed: a field's error, shown next to
/// that field, or a note for the whole form (a refusal, a database error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    Field(FieldError),
    Note(String),
}

impl WriteError {
    pub fn field(field: &str, message: impl Into<String>) -> WriteError {
        WriteError::Field(FieldError::new(field, message))
    }

    /// The field it names, if any, and what to say.
    pub fn parts(self) -> (Option<String>, String) {
        match self {
            WriteError::Field(e) => (Some(e.field), e.reason),
            WriteError::Note(m) => (None, m),
        }
    }
}

impl From<FieldError> for WriteError {
    fn from(e: FieldError) -> WriteError {
        WriteError::Field(e)
    }
}

impl From<crate::Error> for WriteError {
    fn from(e: crate::Error) -> WriteError {
        match e {
            crate::Error::Invalid(e) => WriteError::Field(e),
            other => WriteError::Note(other.to_string()),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Action {
    Cmd(Cmd),
    /// A key or a paste in a text field (a form's, the filter).
    Edit(Edit),
    Progress {
        done: usize,
        total: usize,
    },
    SnapshotReady(Arc<Snapshot>),
    SnapshotFailed(String),
    /// What changed after the snapshot on screen, read from the change feed; `others`
    /// are the ids of its entries written by another desk (not this console).
    Refreshed {
        delta: Box<Delta>,
        others: Vec<i64>,
    },
    /// Changes after the snapshot that only a whole recompute takes in (a setting, an
    /// import); `others` are the ones written by another desk.
    RefreshWhole {
        others: Vec<AuditLine>,
    },
    /// A page of the audit log, read by key.
    AuditLoaded(Result<AuditWindow, String>),
    DetailLoaded(Box<AccountDetail>),
    DetailFailed(String),
    WriteDone(Result<String, WriteError>),
    /// Rows the list area holds (for paging).
    Resize(usize),
    /// A key arrived at this moment (the idle clock restarts).
    Activity(Instant),
    /// The clock, injected: locks an idle console, masks a revealed identifier again.
    Tick(Instant),
    /// Any key on the lock screen.
    Unlock,
    /// The charge form's credit check.
    CreditChecked(Result<CreditAnswer, WriteError>),
    /// A document found (what it is) and its account's view; or why not.
    Found(Result<(String, Box<AccountDetail>), String>),
    /// The file a pane was exported to; or why not.
    Exported(Result<String, String>),
    /// A form's write rehearsed (every check the service makes, nothing written).
    Checked(Result<(), WriteError>),
    /// A manager's reveal, and when it happened.
    Revealed(Result<String, String>, Instant),
    /// What a correction will change, read before it asks `y` (or why it cannot be made).
    Previewed(Result<String, WriteError>),
    /// A charge's interest derivation, read.
    Explained(Result<Box<Explanation>, String>),
    /// The letters due, read for the preview.
    DunningPreviewed(NaiveDate, Result<Vec<Letter>, String>),
    /// A document written (where), or why not: a line under the list.
    Written(Result<String, String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Every figure again, as of the day (on a worker).
    Compute(NaiveDate),
    /// The snapshot on screen includes the change feed up to this entry, as of this day:
    /// follow it from there.
    Follow(i64, NaiveDate),
    /// Read the change feed now (after a write of this console).
    Look,
    /// A page of the audit log matching a filter (lower case).
    LoadAudit(AuditPage, String),
    /// Make every check the service makes of a write, writing nothing.
    Check(Write),
    LoadDetail(String, NaiveDate),
    Write(Write),
    /// Whether a charge takes its account over the credit limit (read only).
    CheckCredit(NewCharge),
    /// Read what a correction will change, to show it before it is confirmed.
    Preview(Write, NaiveDate),
    /// Reveal the account's identifier (a manager's act, audited by the service).
    Reveal(String),
    /// Find a document by number and open its account as of the day.
    FindDocument(String, NaiveDate),
    /// Write what a pane shows to a CSV file named after `stem` in the working folder.
    Export {
        stem: String,
        csv: String,
        rows: usize,
    },
    /// Write the account's statement (PDF) as of the day into the documents folder.
    WriteStatement(String, NaiveDate),
    /// Read a charge's interest derivation as of the day.
    Explain(String, NaiveDate),
    /// Read the letters due as of the day.
    PreviewDunning(NaiveDate),
    /// Write the letters and record them (a dunning run).
    SendDunning(Vec<Letter>),
    GenerateDemo,
    Quit,
}
