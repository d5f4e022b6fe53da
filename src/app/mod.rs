//! The console's state and its rules, without a terminal: keys become `Action`s
//! (`handle_key`, a pure function), `update` changes the state and returns `Effect`s
//! (work for the event loop: compute a snapshot, write through the service, quit).
//!
//! `state` holds what is on screen, `select` which row is selected and which rows a
//! filter leaves, `keymap` every key, `update` what an action does, `forms/` one file
//! per form, `text` the one text-editing widget (form fields and the filter).

pub mod action;
pub mod form;
pub mod forms;
pub mod keymap;
mod select;
pub mod snapshot;
pub mod state;
pub mod text;
mod update;

pub use action::{Action, Effect, PrivacyOpen, Write, WriteError};
pub use keymap::{handle_key, handle_paste};
pub use state::{App, ListView, Mode, Pane, DEFAULT_IDLE_MINUTES, PANES, REVEAL_FOR};
pub use update::update;

use crate::domain::Money;
use crate::service::credit::CreditApplication;
use crate::service::dealers::Verification;
use crate::service::repairs::Ticket;
use crate::store::Account;
use chrono::NaiveDate;

/// (reference, date, method, amount, apply_to, returned on)
pub type PaymentLine = (String, NaiveDate, String, Money, Option<String>, Option<NaiveDate>);

/// One account opened with Enter: everything about it, read when opened.
#[derive(Debug, Clone)]
pub struct AccountDetail {
    pub account: Account,
    pub exemption: Option<String>,
    /// The exemption's certificate is missing or expired (the text says which).
    pub exemption_warning: bool,
    /// The latest credit application, its identifier masked.
    pub credit: Option<CreditApplication>,
    pub verification: Option<Verification>,
    /// The identifier, unmasked for a moment after a manager's audited reveal.
    pub revealed: Option<String>,
    pub open_charges: Vec<snapshot::ChargeLine>,
    pub accrued_interest: Money,
    pub unapplied_credit: Money,
    pub balance: Money,
    pub payments: Vec<PaymentLine>,
    pub tickets: Vec<Ticket>,
    /// (at, operator, action, entity, key)
    pub audit: Vec<[String; 5]>,
    pub scroll: usize,
}
