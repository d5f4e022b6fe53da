//! The console's state: which pane, each list's cursor and filter, what is open on
//! top (a form, the help, an account), the lock and the reveal clocks, the operator.

use super::form::Form;
use super::keymap::{self, Cmd};
use super::snapshot::{AuditWindow, Snapshot};
use super::text::TextInput;
use super::{AccountDetail, Effect};
use crate::domain::dunning::Letter;
use crate::domain::explain::Explanation;
use crate::domain::returns::Rma;
use crate::domain::role::{Act, Role};
use chrono::NaiveDate;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Minutes without a key before the console locks, unless `--idle-minutes` says otherwise.
pub const DEFAULT_IDLE_MINUTES: u64 = 5;
/// How long a revealed identifier stays on screen before it masks itself again.
pub const REVEAL_FOR: Duration = Duration::from_secs(10);

/// The panes, in the order of the tab bar. Today is the pane the console opens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Today,
    Accounts,
    Invoices,
    Collections,
    ReturnedChecks,
    Repairs,
    Rmas,
    Audit,
    Privacy,
    Overview,
}

/// How many panes the tab bar holds.
pub const PANES: usize = 10;

impl Pane {
    pub const ALL: [Pane; PANES] = [
        Pane::Today,
        Pane::Accounts,
        Pane::Invoices,
        Pane::Collections,
        Pane::ReturnedChecks,
        Pane::Repairs,
        Pane::Rmas,
        Pane::Audit,
        Pane::Privacy,
        Pane::Overview,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Today => "Today",
            Pane::Accounts => "Accounts",
            Pane::Invoices => "Invoices",
            Pane::Collections => "Collections",
            Pane::ReturnedChecks => "Returned checks",
            Pane::Repairs => "Repairs",
            Pane::Rmas => "RMAs",
            Pane::Audit => "Audit",
            Pane::Privacy => "Privacy",
            Pane::Overview => "Overview",
        }
    }

    /// A shorter title, for a tab bar too narrow for the full ones.
    pub fn short_title(self) -> &'static str {
        match self {
            Pane::ReturnedChecks => "Checks",
            Pane::Collections => "Coll.",
            Pane::Invoices => "Inv.",
            Pane::Accounts => "Accts",
            other => other.title(),
        }
    }

    /// The digit that goes to it: Today is 0, the eight lists 1 to 8, Overview 9.
    pub fn key(self) -> char {
        match self {
            Pane::Today => '0',
            Pane::Overview => '9',
            p => char::from(b'0' + p.index() as u8),
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// The column a list is sorted by, and which way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

#[derive(Debug, Clone)]
pub enum Mode {
    Normal,
    Filter,
    Help,
    Detail(Box<AccountDetail>),
    Form(Box<Form>),
    /// Quit asked while a form holds input; the form is kept to go back to.
    ConfirmQuit(Box<Form>),
    /// A message that any key dismisses.
    Message(String),
    /// An RMA opened with Enter: its lines and the label text; any key closes it.
    Rma(Box<Rma>),
    /// A charge's interest, run by run; any key closes it (back to the account view
    /// it was opened from, if any).
    Explain(Box<Explanation>, Option<Box<AccountDetail>>),
    /// The dunning letters due, before anything is written: y writes and records them.
    Dunning(Box<DunningPreview>),
}

/// The letters a dunning run would write as of a day.
#[derive(Debug, Clone)]
pub struct DunningPreview {
    pub as_of: NaiveDate,
    pub letters: Vec<Letter>,
    pub scroll: usize,
}

impl Mode {
    /// Whether keys edit text here (a form's field, the filter).
    pub fn edits_text(&self) -> bool {
        match self {
            Mode::Form(f) => !f.confirming,
            Mode::Filter => true,
            _ => false,
        }
    }
}

/// A list's cursor, scroll offset and filter.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    pub selected: usize,
    pub offset: usize,
    pub filter: TextInput,
    /// The rows shown, in the order shown (indices into the pane's rows), when a filter
    /// or a sort is in force; None = all rows in the pane's own order.
    pub matches: Option<Vec<usize>>,
    /// None = the pane's own order.
    pub sort: Option<Sort>,
}

impl ListView {
    pub fn len(&self, total: usize) -> usize {
        self.matches.as_ref().map_or(total, Vec::len)
    }

    /// The row index behind a visible position.
    pub fn row(&self, pos: usize) -> usize {
        self.matches.as_ref().map_or(pos, |m| m[pos])
    }
}

/// Where the cursor goes in a page of the audit log being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditPlace {
    First,
    Last,
    /// This many rows from the entry with this id (negative: newer).
    From(i64, isize),
}

pub struct App {
    pub db_label: String,
    pub operator: String,
    pub role: Role,
    pub as_of: NaiveDate,
    /// The day new records are dated by default (read once at the edge; the as-of date
    /// only changes what is shown).
    pub today: NaiveDate,
    pub pane: Pane,
    pub views: [ListView; PANES],
    pub snapshot: Option<Arc<Snapshot>>,
    /// The page of the audit log the Audit pane shows (read by key, page by page).
    pub audit: AuditWindow,
    /// Where the cursor goes when the page asked for arrives.
    pub audit_place: Option<AuditPlace>,
    /// Computing a snapshot: (done, total) accounts.
    pub computing: Option<(usize, usize)>,
    pub mode: Mode,
    /// A one-line message under the list (what was saved, what failed).
    pub toast: Option<String>,
    pub page: usize,
    pub quit: bool,
    /// The account view a form was opened from, to reopen when the form closes.
    pub reload_detail: Option<String>,
    /// The screen is hidden behind the lock panel until a key is pressed.
    pub locked: bool,
    /// Lock after this long without a key; None = never.
    pub idle_limit: Option<Duration>,
    pub last_input: Instant,
    /// When a revealed identifier masks itself again.
    pub reveal_until: Option<Instant>,
}

impl App {
    pub fn new(db_label: impl Into<String>, operator: impl Into<String>, role: Role, as_of: NaiveDate) -> App {
        App {
            db_label: db_label.into(),
            operator: operator.into(),
            role,
            as_of,
            today: as_of,
            pane: Pane::Accounts,
            views: Default::default(),
            snapshot: None,
            audit: AuditWindow::default(),
            audit_place: None,
            computing: Some((0, 0)),
            mode: Mode::Normal,
            toast: None,
            page: 20,
            quit: false,
            reload_detail: None,
            locked: false,
            idle_limit: Some(Duration::from_secs(DEFAULT_IDLE_MINUTES * 60)),
            last_input: Instant::now(),
            reveal_until: None,
        }
    }

    /// The act `cmd` gives here, when the role decides whether it may (what is
    /// selected can change it: completing a deletion erases personal data).
    pub fn act_of(&self, cmd: Cmd) -> Option<Act> {
        match cmd {
            Cmd::Form(def) => def.act_here.map_or(def.act, |act| Some(act(self))),
            other => keymap::act(other),
        }
    }

    /// Why this operator may not give `cmd` here, if a manager's act: the footer greys
    /// it, and pressing it only says why (the service refuses it anyway).
    pub fn refuses(&self, cmd: Cmd) -> Option<String> {
        let act = self.act_of(cmd)?;
        (!self.role.may(act)).then(|| {
            format!("✗ only a manager may {} ({} is {})", keymap::refusal_words(act), self.operator, self.role)
        })
    }

    /// Whether the idle lock or the end of a reveal is due at `now` (the loop then
    /// sends `Action::Tick(now)`; it does not redraw otherwise).
    pub fn tick_due(&self, now: Instant) -> bool {
        let idle = !self.locked && self.idle_limit.is_some_and(|l| now.saturating_duration_since(self.last_input) >= l);
        idle || self.reveal_until.is_some_and(|u| now >= u)
    }

    pub(crate) fn mask_again(&mut self) {
        self.reveal_until = None;
        if let Mode::Detail(d) = &mut self.mode {
            d.revealed = None;
        }
    }

    pub(crate) fn go_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.toast = None;
    }

    /// Every figure again, as of the day.
    pub(crate) fn recompute(&mut self) -> Vec<Effect> {
        self.computing = Some((0, 0));
        vec![Effect::Compute(self.as_of)]
    }
}
