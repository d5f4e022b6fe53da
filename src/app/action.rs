//! What goes into `update` (actions: keys, results of work) and what comes out of it
//! (effects: work for the event loop), and the writes that go through the service.

use super::keymap::Cmd;
use super::snapshot::{AuditWindow, Delta, Snapshot};
use super::text::Edit;
use super::AccountDetail;
use crate::domain::credit::OverLimit;
use crate::domain::privacy::RequestKind;
use crate::read::AuditLine;
use crate::service::operations::{NewCharge, NewPayment, NewPlacement, NewReturnedCheck};
use crate::service::repairs::{NewTicket, TicketCharges};
use crate::service::returns::{NewRma, RmaReceipt};
use crate::store::audit::AuditPage;
use chrono::NaiveDate;
use std::sync::Arc;
use std::time::Instant;

/// A change written through the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    Payment(NewPayment),
    Charge(NewCharge),
    CollectionCost(NewCharge),
    ReturnedCheck(NewReturnedCheck),
    Placement(NewPlacement),
    OpenTicket(NewTicket),
    AdvanceTicket(String),
    TicketCharges(String, TicketCharges),
    WaiveHandling(String, String),
    CloseTicket(String, String),
    IssueRma(NewRma),
    ReceiveRma(RmaReceipt),
    OpenPrivacy(PrivacyOpen),
    /// (request, how, on)
    VerifyPrivacy(i64, String, NaiveDate),
    /// (request, new due date, reason)
    ExtendPrivacy(i64, NaiveDate, String),
    /// (request, reason, on)
    RejectPrivacy(i64, String, NaiveDate),
    /// (request, on)
    CompletePrivacy(i64, NaiveDate),
}

/// A privacy request as the form records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyOpen {
    pub kind: RequestKind,
    pub account_no: String,
    pub requester: String,
    pub agent: String,
    pub received_on: NaiveDate,
    pub details: String,
}

/// Why a form's values were refused: next to the field it names, else in the form's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    pub field: Option<String>,
    pub message: String,
}

impl WriteError {
    pub fn field(field: &str, message: impl Into<String>) -> WriteError {
        WriteError { field: Some(field.to_string()), message: message.into() }
    }
}

impl From<crate::Error> for WriteError {
    fn from(e: crate::Error) -> WriteError {
        match e {
            crate::Error::Invalid { field, reason } => WriteError { field: Some(field), message: reason },
            other => WriteError { field: None, message: other.to_string() },
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
    /// The charge form's credit check: over the limit, or not.
    CreditChecked(Result<Option<OverLimit>, WriteError>),
    /// A form's write rehearsed (every check the service makes, nothing written).
    Checked(Result<(), WriteError>),
    /// A manager's reveal, and when it happened.
    Revealed(Result<String, String>, Instant),
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
    /// Reveal the account's identifier (a manager's act, audited by the service).
    Reveal(String),
    GenerateDemo,
    Quit,
}
