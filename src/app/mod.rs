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
pub mod table;
pub mod text;
mod update;

pub use action::{Action, CreditAnswer, Effect, Save, Write, WriteError};
pub use forms::void_document::VoidKind;
pub use keymap::{handle_key, handle_paste};
pub use state::{App, DunningPreview, ListView, Mode, Pane, Sort, DEFAULT_IDLE_MINUTES, PANES, REVEAL_FOR};
pub use update::{update, SAVE_THIS};

pub use crate::read::account::{AccountDetail, Document, PaymentLine, VoidCharge};
