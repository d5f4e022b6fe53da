//! The console's state and its rules, without a terminal: keys become `Action`s
//! (`handle_key`, a pure function), `update` changes the state and returns `Effect`s
//! (work for the event loop: compute a snapshot, write through the service, quit).

pub mod form;
pub mod keymap;
pub mod snapshot;

use crate::domain::credit::OverLimit;
use crate::domain::privacy::PrivacyRequest;
use crate::domain::privacy::RequestKind;
use crate::domain::repairs::Ticket;
use crate::domain::returns::{Rma, RmaStatus};
use crate::domain::Money;
use crate::service::operations::{NewCharge, NewPayment, NewPlacement, NewReturnedCheck};
use crate::service::repairs::{NewTicket, TicketCharges};
use crate::service::returns::{NewRma, RmaReceipt};
use crate::service::Role;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use form::{Field, Form, FormKind};
use keymap::Cmd;
use snapshot::Snapshot;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Minutes without a key before the console locks, unless `--idle-minutes` says otherwise.
pub const DEFAULT_IDLE_MINUTES: u64 = 5;
/// How long a revealed identifier stays on screen before it masks itself again.
pub const REVEAL_FOR: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Accounts,
    Invoices,
    Collections,
    ReturnedChecks,
    Repairs,
    Rmas,
    Audit,
    Privacy,
}

/// How many panes the tab bar holds.
pub const PANES: usize = 8;

impl Pane {
    pub const ALL: [Pane; PANES] = [
        Pane::Accounts,
        Pane::Invoices,
        Pane::Collections,
        Pane::ReturnedChecks,
        Pane::Repairs,
        Pane::Rmas,
        Pane::Audit,
        Pane::Privacy,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Accounts => "Accounts",
            Pane::Invoices => "Invoices",
            Pane::Collections => "Collections",
            Pane::ReturnedChecks => "Returned checks",
            Pane::Repairs => "Repairs",
            Pane::Rmas => "RMAs",
            Pane::Audit => "Audit",
            Pane::Privacy => "Privacy",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

pub use crate::read::account::{AccountDetail, PaymentLine};

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
}

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError {
    pub field: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone)]
pub enum Action {
    Cmd(Cmd),
    Input(char),
    Backspace,
    Progress {
        done: usize,
        total: usize,
    },
    SnapshotReady(Arc<Snapshot>),
    SnapshotFailed(String),
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
    /// A manager's reveal, and when it happened.
    Revealed(Result<String, String>, Instant),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Compute(NaiveDate),
    LoadDetail(String, NaiveDate),
    Write(Write),
    /// Whether a charge takes its account over the credit limit (read only).
    CheckCredit(NewCharge),
    /// Reveal the account's identifier (a manager's act, audited by the service).
    Reveal(String),
    GenerateDemo,
    Quit,
}

/// A list's cursor, scroll offset and filter.
#[derive(Debug, Clone, Default)]
pub struct ListView {
    pub selected: usize,
    pub offset: usize,
    pub filter: String,
    /// Rows matching the filter (indices into the pane's rows); None = all rows.
    pub matches: Option<Vec<usize>>,
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

pub struct App {
    pub db_label: String,
    pub operator: String,
    pub role: String,
    pub as_of: NaiveDate,
    pub pane: Pane,
    pub views: [ListView; PANES],
    pub snapshot: Option<Arc<Snapshot>>,
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
    pub fn new(
        db_label: impl Into<String>,
        operator: impl Into<String>,
        role: impl Into<String>,
        as_of: NaiveDate,
    ) -> App {
        App {
            db_label: db_label.into(),
            operator: operator.into(),
            role: role.into(),
            as_of,
            pane: Pane::Accounts,
            views: Default::default(),
            snapshot: None,
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

    pub fn view(&self) -> &ListView {
        &self.views[self.pane.index()]
    }

    /// Rows in a pane (unfiltered).
    pub fn rows(&self, pane: Pane) -> usize {
        let Some(s) = &self.snapshot else { return 0 };
        match pane {
            Pane::Accounts => s.accounts.len(),
            Pane::Invoices => s.charges.len(),
            Pane::Collections => s.collections.len(),
            Pane::ReturnedChecks => s.returned_checks.len(),
            Pane::Repairs => s.tickets.len(),
            Pane::Rmas => s.rmas.len(),
            Pane::Audit => s.audit.len(),
            Pane::Privacy => s.privacy.len(),
        }
    }

    /// The account number of the selected row of the current pane.
    pub fn selected_account(&self) -> Option<String> {
        let s = self.snapshot.as_ref()?;
        let v = self.view();
        if v.len(self.rows(self.pane)) == 0 {
            return None;
        }
        let i = v.row(v.selected);
        Some(match self.pane {
            Pane::Accounts => s.accounts[i].account_no.clone(),
            Pane::Invoices => s.charges[i].account_no.clone(),
            Pane::Collections => s.accounts[s.collections[i]].account_no.clone(),
            Pane::ReturnedChecks => s.returned_checks[i].account_no.clone(),
            Pane::Repairs => s.tickets[i].account_no.clone(),
            Pane::Rmas => s.rmas[i].account_no.clone(),
            Pane::Audit => s.audit[i].account_no.clone()?,
            Pane::Privacy => s.privacy[i].account_no.clone(),
        })
    }

    /// The selected RMA of the RMAs pane.
    pub fn selected_rma(&self) -> Option<&Rma> {
        let s = self.snapshot.as_ref()?;
        let v = &self.views[Pane::Rmas.index()];
        (self.pane == Pane::Rmas && v.len(s.rmas.len()) > 0).then(|| &s.rmas[v.row(v.selected)])
    }

    /// The selected request of the Privacy pane.
    pub fn selected_request(&self) -> Option<&PrivacyRequest> {
        let s = self.snapshot.as_ref()?;
        let v = &self.views[Pane::Privacy.index()];
        (self.pane == Pane::Privacy && v.len(s.privacy.len()) > 0).then(|| &s.privacy[v.row(v.selected)])
    }

    pub fn is_manager(&self) -> bool {
        self.role == Role::Manager.as_str()
    }

    /// Why this operator may not give `cmd` here, if a manager's key: the footer greys
    /// it, and pressing it only says why (the service refuses it anyway).
    pub fn refuses(&self, cmd: Cmd) -> Option<String> {
        let what = keymap::manager_action(cmd)?;
        if self.is_manager() {
            return None;
        }
        // Completing is a clerk's work, except a deletion (erasing personal data).
        if cmd == Cmd::CompletePrivacy && self.selected_request().is_none_or(|r| r.kind != RequestKind::Deletion) {
            return None;
        }
        Some(format!("✗ only a manager may {what} ({} is {})", self.operator, self.role))
    }

    /// Whether the idle lock or the end of a reveal is due at `now` (the loop then
    /// sends `Action::Tick(now)`; it does not redraw otherwise).
    pub fn tick_due(&self, now: Instant) -> bool {
        let idle = !self.locked && self.idle_limit.is_some_and(|l| now.saturating_duration_since(self.last_input) >= l);
        idle || self.reveal_until.is_some_and(|u| now >= u)
    }

    fn mask_again(&mut self) {
        self.reveal_until = None;
        if let Mode::Detail(d) = &mut self.mode {
            d.revealed = None;
        }
    }

    fn selected_ticket(&self) -> Option<&Ticket> {
        let s = self.snapshot.as_ref()?;
        let v = self.view();
        (self.pane == Pane::Repairs && v.len(s.tickets.len()) > 0).then(|| &s.tickets[v.row(v.selected)])
    }

    /// Whether a row of `pane` contains `needle` (lower case), in any shown text field.
    fn row_matches(s: &Snapshot, pane: Pane, i: usize, needle: &str) -> bool {
        let has = |h: &str| contains_ci(h, needle);
        match pane {
            Pane::Accounts => {
                let a = &s.accounts[i];
                has(&a.account_no) || has(&a.name) || has(a.status.as_str()) || has(a.terms.as_str())
            }
            Pane::Invoices => {
                let c = &s.charges[i];
                has(&c.doc_no) || has(&c.account_no) || has(c.kind.as_str()) || has(c.bucket.label())
            }
            Pane::Collections => {
                let a = &s.accounts[s.collections[i]];
                has(&a.account_no) || has(&a.name) || s.placements.get(&a.account_no).is_some_and(|p| has(&p.agency))
            }
            Pane::ReturnedChecks => {
                let r = &s.returned_checks[i];
                has(&r.payment_ref) || has(&r.account_no)
            }
            Pane::Repairs => {
                let t = &s.tickets[i];
                has(&t.ticket_no)
                    || has(&t.account_no)
                    || has(&t.manufacturer)
                    || has(&t.model)
                    || has(&t.serial)
                    || has(t.status.as_str())
            }
            Pane::Rmas => {
                let r = &s.rmas[i];
                has(&r.rma_no) || has(&r.account_no) || has(&r.invoice) || has(r.status.as_str())
            }
            Pane::Audit => {
                let a = &s.audit[i];
                has(&a.at)
                    || has(&a.operator)
                    || has(&a.action)
                    || has(&a.entity)
                    || a.entity_key.as_deref().is_some_and(has)
                    || a.account_no.as_deref().is_some_and(has)
                    || a.before.as_deref().is_some_and(has)
                    || a.after.as_deref().is_some_and(has)
            }
            Pane::Privacy => {
                let r = &s.privacy[i];
                has(&r.id.to_string())
                    || has(r.kind.as_str())
                    || has(&r.account_no)
                    || has(&r.requester)
                    || has(r.status.as_str())
            }
        }
    }

    fn refilter(&mut self, pane: Pane) {
        let total = self.rows(pane);
        let needle = self.views[pane.index()].filter.to_lowercase();
        let matches = match (&self.snapshot, needle.is_empty()) {
            (Some(s), false) => Some((0..total).filter(|&i| Self::row_matches(s, pane, i, &needle)).collect()),
            _ => None,
        };
        let v = &mut self.views[pane.index()];
        v.matches = matches;
        let len = v.len(total);
        v.selected = v.selected.min(len.saturating_sub(1));
        self.scroll_into_view(pane);
    }

    fn scroll_into_view(&mut self, pane: Pane) {
        let page = self.page.max(1);
        let v = &mut self.views[pane.index()];
        if v.selected < v.offset {
            v.offset = v.selected;
        } else if v.selected >= v.offset + page {
            v.offset = v.selected + 1 - page;
        }
    }

    fn move_by(&mut self, delta: isize) {
        let len = self.view().len(self.rows(self.pane));
        let v = &mut self.views[self.pane.index()];
        if len == 0 {
            v.selected = 0;
        } else {
            v.selected = (v.selected as isize + delta).clamp(0, len as isize - 1) as usize;
        }
        self.scroll_into_view(self.pane);
    }

    fn go_pane(&mut self, pane: Pane) {
        self.pane = pane;
        self.toast = None;
    }

    fn recompute(&mut self) -> Vec<Effect> {
        self.computing = Some((0, 0));
        vec![Effect::Compute(self.as_of)]
    }
}

/// Case-insensitive `contains` for an already lower-cased needle, without allocating.
pub fn contains_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b))
}

/// A key, in this state, as an action (pure: no terminal needed to test it).
pub fn handle_key(app: &App, key: KeyEvent) -> Option<Action> {
    use crossterm::event::KeyEventKind;
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if app.locked {
        // Any key brings the screen back; that key does nothing else.
        return Some(Action::Unlock);
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Action::Cmd(Cmd::Quit));
    }
    match &app.mode {
        Mode::Help | Mode::Message(_) | Mode::Rma(_) => Some(Action::Cmd(Cmd::Back)),
        Mode::ConfirmQuit(_) => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') => Some(Action::Cmd(Cmd::Confirm)),
            _ => Some(Action::Cmd(Cmd::Cancel)),
        },
        Mode::Form(f) if f.confirming => match key.code {
            KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => Some(Action::Cmd(Cmd::Confirm)),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::Cmd(Cmd::Cancel)),
            _ => None,
        },
        Mode::Form(_) | Mode::Filter => {
            if let Some(cmd) = keymap::lookup(&app.mode, app.pane, &key) {
                return Some(Action::Cmd(cmd));
            }
            match key.code {
                KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                    Some(Action::Input(c))
                }
                KeyCode::Backspace => Some(Action::Backspace),
                _ => None,
            }
        }
        Mode::Normal | Mode::Detail(_) => keymap::lookup(&app.mode, app.pane, &key).map(Action::Cmd),
    }
}

/// Applies an action; returns the work the event loop must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Progress { done, total } => {
            if app.computing.is_some() {
                app.computing = Some((done, total));
            }
            vec![]
        }
        Action::SnapshotReady(s) => {
            app.computing = None;
            app.snapshot = Some(s);
            for p in Pane::ALL {
                app.refilter(p);
            }
            vec![]
        }
        Action::SnapshotFailed(e) => {
            app.computing = None;
            app.mode = Mode::Message(format!("Could not compute the figures: {e}"));
            vec![]
        }
        Action::DetailLoaded(d) => {
            app.mode = Mode::Detail(d);
            vec![]
        }
        Action::DetailFailed(e) => {
            app.mode = Mode::Message(e);
            vec![]
        }
        Action::WriteDone(result) => write_done(app, result),
        Action::Resize(rows) => {
            app.page = rows.max(1);
            for p in Pane::ALL {
                app.scroll_into_view(p);
            }
            vec![]
        }
        Action::Input(c) => {
            match &mut app.mode {
                Mode::Form(f) if !f.confirming => f.input(c),
                Mode::Filter => {
                    app.views[app.pane.index()].filter.push(c);
                    app.refilter(app.pane);
                }
                _ => {}
            }
            vec![]
        }
        Action::Backspace => {
            match &mut app.mode {
                Mode::Form(f) if !f.confirming => f.backspace(),
                Mode::Filter => {
                    app.views[app.pane.index()].filter.pop();
                    app.refilter(app.pane);
                }
                _ => {}
            }
            vec![]
        }
        Action::Activity(now) => {
            app.last_input = now;
            vec![]
        }
        Action::Tick(now) => {
            if app.reveal_until.is_some_and(|u| now >= u) {
                app.mask_again();
            }
            if !app.locked && app.idle_limit.is_some_and(|l| now.saturating_duration_since(app.last_input) >= l) {
                app.locked = true;
                app.mask_again();
            }
            vec![]
        }
        Action::Unlock => {
            app.locked = false;
            vec![]
        }
        Action::CreditChecked(result) => {
            if let Mode::Form(f) = &mut app.mode {
                f.saving = false;
                match result {
                    Ok(over) => {
                        f.confirm_text = over.map(|o| over_limit_text(f, &o));
                        f.confirming = true;
                    }
                    Err(e) => f.set_error(e.field.as_deref(), e.message),
                }
            }
            vec![]
        }
        Action::Revealed(result, at) => {
            match (result, &mut app.mode) {
                (Ok(value), Mode::Detail(d)) => {
                    d.revealed = Some(value);
                    app.reveal_until = Some(at + REVEAL_FOR);
                    app.toast = Some(format!("identifier shown for {} s (audited)", REVEAL_FOR.as_secs()));
                }
                (Ok(_), _) => {}
                (Err(e), _) => app.toast = Some(format!("✗ {e}")),
            }
            vec![]
        }
        Action::Cmd(cmd) => command(app, cmd),
    }
}

/// The over-limit question: the limit and the balance the charge would leave.
fn over_limit_text(f: &Form, o: &OverLimit) -> String {
    let amount = Money::parse(f.value("amount").trim()).unwrap_or_default();
    format!(
        "OVER THE CREDIT LIMIT: account {} has a limit of {}.\nThis charge of {} takes the balance from {} to {} ({} over the limit).\nCharge it anyway? y = charge, n = keep editing",
        f.value("account").trim(),
        o.credit_limit.grouped(),
        amount.grouped(),
        (o.balance - amount).grouped(),
        o.balance.grouped(),
        o.excess.grouped()
    )
}

fn command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let mode = std::mem::replace(&mut app.mode, Mode::Normal);
    match mode {
        Mode::Help | Mode::Message(_) | Mode::Rma(_) => vec![],
        Mode::ConfirmQuit(form) => {
            if cmd == Cmd::Confirm {
                app.quit = true;
                vec![Effect::Quit]
            } else {
                app.mode = Mode::Form(form);
                vec![]
            }
        }
        Mode::Form(form) => form_command(app, *form, cmd),
        Mode::Filter => {
            if cmd == Cmd::Cancel {
                app.views[app.pane.index()].filter.clear();
                app.refilter(app.pane);
            }
            vec![]
        }
        Mode::Detail(mut d) => match cmd {
            Cmd::Back => vec![],
            Cmd::Quit => {
                app.quit = true;
                vec![Effect::Quit]
            }
            Cmd::Help => {
                app.mode = Mode::Help;
                vec![]
            }
            Cmd::Down | Cmd::Up | Cmd::Top => {
                d.scroll = match cmd {
                    Cmd::Down => d.scroll + 1,
                    Cmd::Up => d.scroll.saturating_sub(1),
                    _ => 0,
                };
                app.mode = Mode::Detail(d);
                vec![]
            }
            Cmd::Payment | Cmd::Charge => {
                let no = d.account.account_no.clone();
                app.mode = Mode::Detail(d);
                open_form(app, cmd, Some(no))
            }
            Cmd::Reveal => {
                let no = d.account.account_no.clone();
                let has_application = d.credit.is_some();
                app.mode = Mode::Detail(d);
                if let Some(why) = app.refuses(cmd) {
                    app.toast = Some(why);
                    vec![]
                } else if !has_application {
                    app.toast = Some(format!("✗ account {no} has no credit application: nothing to reveal"));
                    vec![]
                } else {
                    vec![Effect::Reveal(no)]
                }
            }
            _ => {
                app.mode = Mode::Detail(d);
                vec![]
            }
        },
        Mode::Normal => normal_command(app, cmd),
    }
}

fn normal_command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let page = app.page.max(1) as isize;
    if let Some(why) = app.refuses(cmd) {
        app.toast = Some(why);
        return vec![];
    }
    match cmd {
        Cmd::Quit => {
            app.quit = true;
            vec![Effect::Quit]
        }
        Cmd::Help => {
            app.mode = Mode::Help;
            vec![]
        }
        Cmd::NextPane => {
            app.go_pane(Pane::ALL[(app.pane.index() + 1) % PANES]);
            vec![]
        }
        Cmd::PrevPane => {
            app.go_pane(Pane::ALL[(app.pane.index() + PANES - 1) % PANES]);
            vec![]
        }
        Cmd::GoPane(p) => {
            app.go_pane(p);
            vec![]
        }
        Cmd::Up => app_move(app, -1),
        Cmd::Down => app_move(app, 1),
        Cmd::PageUp => app_move(app, -page),
        Cmd::PageDown => app_move(app, page),
        Cmd::Top => app_move(app, isize::MIN / 2),
        Cmd::Bottom => app_move(app, isize::MAX / 2),
        Cmd::Filter => {
            app.mode = Mode::Filter;
            vec![]
        }
        Cmd::Back | Cmd::Cancel => {
            app.views[app.pane.index()].filter.clear();
            app.refilter(app.pane);
            vec![]
        }
        Cmd::Open if app.pane == Pane::Rmas => {
            if let Some(r) = app.selected_rma().cloned() {
                app.mode = Mode::Rma(Box::new(r));
            }
            vec![]
        }
        Cmd::Open => match app.selected_account() {
            Some(no) => vec![Effect::LoadDetail(no, app.as_of)],
            None => vec![],
        },
        Cmd::GenerateDemo => {
            if app.snapshot.as_ref().is_some_and(|s| s.accounts.is_empty()) && app.computing.is_none() {
                app.computing = Some((0, 0));
                vec![Effect::GenerateDemo]
            } else {
                app.toast = Some("demo data goes only into an empty database".into());
                vec![]
            }
        }
        _ => {
            let account = app.selected_account();
            open_form(app, cmd, account)
        }
    }
}

fn app_move(app: &mut App, delta: isize) -> Vec<Effect> {
    app.move_by(delta);
    vec![]
}

fn yes_no(v: bool) -> &'static str {
    if v {
        "yes"
    } else {
        "no"
    }
}

/// Opens the form a command asks for, filled from the selection.
fn open_form(app: &mut App, cmd: Cmd, account: Option<String>) -> Vec<Effect> {
    let as_of = app.as_of.to_string();
    let acct = account.clone().unwrap_or_default();
    let selected_charge = (app.pane == Pane::Invoices && matches!(app.mode, Mode::Normal))
        .then(|| {
            let s = app.snapshot.as_ref()?;
            let v = app.view();
            (v.len(s.charges.len()) > 0).then(|| s.charges[v.row(v.selected)].clone())
        })
        .flatten();
    let ticket = app.selected_ticket().cloned();
    let need_ticket = |app: &mut App| {
        app.toast = Some("select a ticket first (o opens one)".into());
        vec![]
    };
    let form = match cmd {
        Cmd::Payment => Form::new(
            FormKind::Payment,
            format!("Record a payment{}", account.as_ref().map_or(String::new(), |a| format!(" — {a}"))),
            vec![
                Field::new("account", "Account", acct, "account number"),
                Field::new(
                    "amount",
                    "Amount",
                    selected_charge.as_ref().map_or(String::new(), |c| c.outstanding.to_string()),
                    "e.g. 125.00",
                ),
                Field::new("method", "Method", "CHECK", "WIRE CASH CHECK CERTIFIED_CHECK MONEY_ORDER CARD CREDIT_MEMO"),
                Field::new("date", "Date", as_of, "YYYY-MM-DD"),
                Field::new("reference", "Reference", "", "unique, e.g. check number"),
                Field::new(
                    "apply_to",
                    "Apply to",
                    selected_charge.map_or(String::new(), |c| c.doc_no),
                    "document number (optional)",
                ),
            ],
        ),
        Cmd::Charge => Form::new(
            FormKind::Charge,
            "Add a charge",
            vec![
                Field::new("account", "Account", acct, "an ACTIVE account"),
                Field::new("doc_no", "Document no.", "", "unique"),
                Field::new("kind", "Kind", "INVOICE", "INVOICE REPAIR FEE COLLECTION_COST"),
                Field::new("date", "Date", as_of, "YYYY-MM-DD"),
                Field::new("amount", "Amount", "", "e.g. 480.00"),
                Field::new("memo", "Memo", "", "optional"),
            ],
        ),
        Cmd::CollectionCost => Form::new(
            FormKind::CollectionCost,
            "Record a collection cost",
            vec![
                Field::new("account", "Account", acct, ""),
                Field::new("doc_no", "Document no.", "", "unique"),
                Field::new("date", "Date", as_of, "YYYY-MM-DD"),
                Field::new("amount", "Amount", "", "attorney fees, agency costs"),
                Field::new("memo", "Memo", "", "optional"),
            ],
        ),
        Cmd::PlaceAgency => {
            let past_60 = account
                .as_ref()
                .and_then(|a| {
                    let s = app.snapshot.as_ref()?;
                    s.account_index(a).map(|i| s.accounts[i].past_60.to_string())
                })
                .unwrap_or_default();
            Form::new(
                FormKind::Placement,
                "Place with a collection agency",
                vec![
                    Field::new("account", "Account", acct, ""),
                    Field::new("agency", "Agency", "", "name of the agency"),
                    Field::new("placed_on", "Placed on", as_of, "YYYY-MM-DD"),
                    Field::new("amount", "Amount placed", past_60, ""),
                    Field::new("note", "Note", "", "optional"),
                ],
            )
        }
        Cmd::ReturnCheck => Form::new(
            FormKind::ReturnedCheck,
            "Record a returned check",
            vec![
                Field::new("payment_ref", "Payment ref.", "", "a CHECK or CERTIFIED_CHECK payment"),
                Field::new("returned_date", "Returned on", as_of, "YYYY-MM-DD"),
                Field::new("waive_fee", "Waive $25 fee", "no", "yes/no (manager)"),
                Field::new("waiver_reason", "Waiver reason", "", "required to waive"),
            ],
        ),
        Cmd::OpenTicket => Form::new(
            FormKind::OpenTicket,
            "Open a repair ticket",
            vec![
                Field::new("ticket_no", "Ticket no.", "", "unique"),
                Field::new("account", "Account", acct, ""),
                Field::new("manufacturer", "Manufacturer", "", ""),
                Field::new("model", "Model", "", ""),
                Field::new("serial", "Serial", "", ""),
                Field::new("fault", "Fault", "", "what is wrong"),
                Field::new("oversized", "Oversized/bulky", "no", "yes/no: handling $25.00 instead of $15.00"),
                Field::new("opened_on", "Received on", as_of, "YYYY-MM-DD"),
            ],
        ),
        Cmd::AdvanceTicket => {
            let Some(t) = ticket else { return need_ticket(app) };
            let next = t.status.next().map_or("(close it with x)", |n| n.as_str());
            Form::new(
                FormKind::AdvanceTicket,
                format!("Advance ticket {} from {} to {next}", t.ticket_no, t.status),
                vec![Field::new("ticket_no", "Ticket no.", t.ticket_no, "")],
            )
        }
        Cmd::TicketCharges => {
            let Some(t) = ticket else { return need_ticket(app) };
            let m = |v: Money| if v.is_zero() { String::new() } else { v.to_string() };
            Form::new(
                FormKind::TicketCharges,
                format!("Charges of ticket {}", t.ticket_no),
                vec![
                    Field::new("ticket_no", "Ticket no.", t.ticket_no, ""),
                    Field::new("oversized", "Oversized/bulky", yes_no(t.charges.oversized), "yes/no"),
                    Field::new("freight_in", "Freight in", m(t.charges.freight_in), "blank = 0.00"),
                    Field::new("freight_out", "Freight out", m(t.charges.freight_out), "blank = 0.00"),
                    Field::new("insurance", "Insurance", m(t.charges.insurance), "blank = 0.00"),
                    Field::new("manufacturer_charge", "Manufacturer", m(t.charges.manufacturer_charge), "blank = 0.00"),
                ],
            )
        }
        Cmd::WaiveHandling => {
            let Some(t) = ticket else { return need_ticket(app) };
            Form::new(
                FormKind::WaiveHandling,
                format!("Waive the handling fee of ticket {}", t.ticket_no),
                vec![
                    Field::new("ticket_no", "Ticket no.", t.ticket_no, ""),
                    Field::new("waiver_reason", "Reason", "", "required"),
                ],
            )
        }
        Cmd::CloseTicket => {
            let Some(t) = ticket else { return need_ticket(app) };
            Form::new(
                FormKind::CloseTicket,
                format!("Close ticket {}: post REPAIR charge of {}", t.ticket_no, t.charges.total().grouped()),
                vec![
                    Field::new("ticket_no", "Ticket no.", t.ticket_no, ""),
                    Field::new("closed_on", "Closed on", as_of, "YYYY-MM-DD"),
                ],
            )
        }
        Cmd::IssueRma => {
            let invoice = app
                .snapshot
                .as_ref()
                .and_then(|s| {
                    let acct = account.as_deref()?;
                    s.charges.iter().find(|c| c.account_no == acct && c.kind == crate::domain::ChargeKind::Invoice)
                })
                .map(|c| c.doc_no.clone())
                .unwrap_or_default();
            Form::new(
                FormKind::IssueRma,
                "Issue an RMA",
                vec![
                    Field::new("invoice", "Invoice", invoice, "the INVOICE the goods were sold on"),
                    Field::new("date", "Issued on", as_of, "YYYY-MM-DD"),
                    Field::new("lines", "Lines", "", "ITEM=VALUE[,installed][,class=NONSTOCK] ; ITEM=VALUE …"),
                    Field::new("manufacturer_approval", "Mfr approval", "", "late return: who approved (blank = none)"),
                    Field::new("restocking_pct", "Restocking %", "", "blank = 15; higher if the manufacturer says so"),
                ],
            )
        }
        Cmd::ReceiveRma => {
            let rma = app
                .selected_rma()
                .filter(|r| r.status == RmaStatus::Issued)
                .map(|r| r.rma_no.clone())
                .unwrap_or_default();
            Form::new(
                FormKind::ReceiveRma,
                "Receive the goods of an RMA",
                vec![
                    Field::new("rma", "RMA no.", rma, "an ISSUED RMA"),
                    Field::new("date", "Received on", as_of, "YYYY-MM-DD"),
                    Field::new(
                        "installed",
                        "Installed lines",
                        "",
                        "line numbers found installed, e.g. 1,3 (blank = none)",
                    ),
                    Field::new(
                        "manufacturer_approval",
                        "Mfr approval",
                        "",
                        "late return approved by (blank = as issued)",
                    ),
                ],
            )
        }
        Cmd::OpenPrivacy => Form::new(
            FormKind::OpenPrivacy,
            "Record a privacy request",
            vec![
                Field::new("kind", "Kind", "ACCESS", "ACCESS CORRECTION DELETION OPT_OUT_MARKETING"),
                Field::new("account", "Account", acct, "account number"),
                Field::new("requester", "Requester", "", "who asked"),
                Field::new("agent", "Agent", "", "authorised agent (optional)"),
                Field::new("received", "Received on", as_of, "YYYY-MM-DD; due 30 days later"),
                Field::new("details", "Details", "", "correction: field=value; field=value"),
            ],
        ),
        Cmd::VerifyPrivacy | Cmd::ExtendPrivacy | Cmd::RejectPrivacy | Cmd::CompletePrivacy => {
            let Some(r) = app.selected_request().cloned() else {
                app.toast = Some("select a request first (o records one)".into());
                return vec![];
            };
            let id = r.id.to_string();
            let what = format!("request #{} ({} for {}, due {})", r.id, r.kind, r.account_no, r.due_on);
            match cmd {
                Cmd::VerifyPrivacy => Form::new(
                    FormKind::VerifyPrivacy,
                    format!("Verify the identity — {what}"),
                    vec![
                        Field::new("request", "Request", id, ""),
                        Field::new("how", "How", "", "e.g. called back the number on file"),
                        Field::new("date", "Verified on", as_of, "YYYY-MM-DD"),
                    ],
                ),
                Cmd::ExtendPrivacy => Form::new(
                    FormKind::ExtendPrivacy,
                    format!("Extend — {what}"),
                    vec![
                        Field::new("request", "Request", id, ""),
                        Field::new("to", "New due date", "", "YYYY-MM-DD, at most 3 months from receipt"),
                        Field::new("reason", "Reason", "", "required"),
                    ],
                ),
                Cmd::RejectPrivacy => Form::new(
                    FormKind::RejectPrivacy,
                    format!("Reject — {what}"),
                    vec![
                        Field::new("request", "Request", id, ""),
                        Field::new("reason", "Reason", "", "required, e.g. identity could not be verified"),
                        Field::new("date", "Rejected on", as_of, "YYYY-MM-DD"),
                    ],
                ),
                _ => Form::new(
                    FormKind::CompletePrivacy,
                    format!("Complete — {what}"),
                    vec![
                        Field::new("request", "Request", id, ""),
                        Field::new("date", "Completed on", as_of, "YYYY-MM-DD"),
                    ],
                ),
            }
        }
        Cmd::AsOf => {
            Form::new(FormKind::AsOf, "View everything as of", vec![Field::new("date", "As of", as_of, "YYYY-MM-DD")])
        }
        _ => return vec![],
    };
    // A form opened from the account view goes back to it when done.
    app.reload_detail = match &app.mode {
        Mode::Detail(d) => Some(d.account.account_no.clone()),
        _ => None,
    };
    let mut form = form;
    form.focus = form.fields.iter().position(|f| f.value.is_empty()).unwrap_or(0);
    app.mode = Mode::Form(Box::new(form));
    vec![]
}

fn form_command(app: &mut App, mut form: Form, cmd: Cmd) -> Vec<Effect> {
    if form.saving {
        app.mode = Mode::Form(Box::new(form));
        return vec![];
    }
    match cmd {
        Cmd::Cancel if form.confirming => {
            form.confirming = false;
            form.confirm_text = None;
        }
        Cmd::Cancel => {
            app.toast = Some("cancelled: nothing was written".into());
            return app.reload_detail.take().map(|no| Effect::LoadDetail(no, app.as_of)).into_iter().collect();
        }
        Cmd::Quit => {
            if form.is_dirty() {
                app.mode = Mode::ConfirmQuit(Box::new(form));
                return vec![];
            }
            app.quit = true;
            return vec![Effect::Quit];
        }
        Cmd::NextField => form.next(),
        Cmd::PrevField => form.prev(),
        Cmd::Submit => {
            form.clear_errors();
            match build_write(&form) {
                Err((field, message)) => form.set_error(Some(&field), message),
                Ok(None) => {
                    // The as-of date: no write, every figure follows.
                    if let Some(d) = crate::domain::dates::parse_iso(form.value("date").trim()) {
                        app.as_of = d;
                        app.toast = Some(format!("as of {d}"));
                        return app.recompute();
                    }
                }
                Ok(Some(Write::Charge(c))) => {
                    // The limit is read from the database: ask the loop, confirm after.
                    form.saving = true;
                    app.mode = Mode::Form(Box::new(form));
                    return vec![Effect::CheckCredit(c)];
                }
                Ok(Some(Write::CompletePrivacy(id, _))) => {
                    let request = app.snapshot.as_ref().and_then(|s| s.privacy.iter().find(|r| r.id == id));
                    match request {
                        Some(r) if r.kind == RequestKind::Deletion => {
                            if !app.is_manager() {
                                form.note = Some(format!(
                                    "only a manager may complete a deletion (erase personal data); {} is {}",
                                    app.operator, app.role
                                ));
                            } else {
                                form.confirm_text = Some(format!(
                                    "ERASE the personal data of account {} (deletion request #{id})?\nNames, contacts and addresses are erased for good; the financial records the law requires are kept.\ny = erase, n = keep editing",
                                    r.account_no
                                ));
                                form.confirming = true;
                            }
                        }
                        _ => form.confirming = true,
                    }
                }
                Ok(Some(_)) => form.confirming = true,
            }
        }
        Cmd::Confirm if form.confirming => {
            if let Ok(Some(write)) = build_write(&form) {
                form.saving = true;
                app.mode = Mode::Form(Box::new(form));
                return vec![Effect::Write(write)];
            }
            form.confirming = false;
        }
        _ => {}
    }
    app.mode = Mode::Form(Box::new(form));
    vec![]
}

fn write_done(app: &mut App, result: Result<String, WriteError>) -> Vec<Effect> {
    match result {
        Ok(message) => {
            app.toast = Some(message);
            // Back to what was under the form; an open account view is reloaded.
            app.mode = Mode::Normal;
            let mut effects = app.recompute();
            if let Some(no) = app.reload_detail.take() {
                effects.push(Effect::LoadDetail(no, app.as_of));
            }
            effects
        }
        Err(e) => {
            if let Mode::Form(f) = &mut app.mode {
                f.saving = false;
                f.confirming = false;
                f.set_error(e.field.as_deref(), e.message);
            } else {
                app.mode = Mode::Message(e.message);
            }
            vec![]
        }
    }
}

fn check<T>(r: crate::Result<T>) -> Result<T, (String, String)> {
    r.map_err(|e| match e {
        crate::Error::Invalid { field, reason } => (field, reason),
        other => (String::new(), other.to_string()),
    })
}

fn yes(field: &str, v: &str) -> Result<bool, (String, String)> {
    match v.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" | "" => Ok(false),
        _ => Err((field.to_string(), "answer yes or no".to_string())),
    }
}

fn request_id(f: &Form) -> Result<i64, (String, String)> {
    f.value("request").trim().parse().map_err(|_| ("request".to_string(), "a request number".to_string()))
}

/// Checks what can be checked without the database, and builds the write.
/// `Ok(None)` is a form that writes nothing (the as-of date).
pub fn build_write(f: &Form) -> Result<Option<Write>, (String, String)> {
    use crate::service::input::{
        amount_or_zero as optional_amount_field, date as date_field, positive_amount as amount_field, required,
    };
    let v = |k: &str| f.value(k).trim().to_string();
    let req = |k: &str| check(required(k, f.value(k))).map(str::to_string);
    let date = |k: &str| check(date_field(k, f.value(k)));
    let amount = |k: &str| check(amount_field(k, f.value(k)));
    Ok(Some(match f.kind {
        FormKind::AsOf => {
            date("date")?;
            return Ok(None);
        }
        FormKind::Payment => {
            req("account")?;
            amount("amount")?;
            let method = v("method").to_ascii_uppercase();
            if method.parse::<crate::domain::PaymentMethod>().is_err() {
                return Err((
                    "method".into(),
                    "use WIRE, CASH, CHECK, CERTIFIED_CHECK, MONEY_ORDER, CARD or CREDIT_MEMO".into(),
                ));
            }
            date("date")?;
            req("reference")?;
            Write::Payment(NewPayment {
                account_no: v("account"),
                amount: v("amount"),
                method,
                date: v("date"),
                reference: v("reference"),
                apply_to: v("apply_to"),
                surcharge_waiver: String::new(),
            })
        }
        FormKind::Charge | FormKind::CollectionCost => {
            req("account")?;
            req("doc_no")?;
            let kind =
                if f.kind == FormKind::Charge { v("kind").to_ascii_uppercase() } else { "COLLECTION_COST".into() };
            if !matches!(kind.as_str(), "INVOICE" | "REPAIR" | "FEE" | "COLLECTION_COST") {
                return Err(("kind".into(), "use INVOICE, REPAIR, FEE or COLLECTION_COST".into()));
            }
            date("date")?;
            amount("amount")?;
            let c = NewCharge {
                account_no: v("account"),
                doc_no: v("doc_no"),
                kind,
                date: v("date"),
                amount: v("amount"),
                memo: v("memo"),
            };
            if f.kind == FormKind::Charge {
                Write::Charge(c)
            } else {
                Write::CollectionCost(c)
            }
        }
        FormKind::Placement => {
            req("account")?;
            req("agency")?;
            date("placed_on")?;
            amount("amount")?;
            Write::Placement(NewPlacement {
                account_no: v("account"),
                agency: v("agency"),
                placed_on: v("placed_on"),
                amount: v("amount"),
                note: v("note"),
            })
        }
        FormKind::ReturnedCheck => {
            req("payment_ref")?;
            date("returned_date")?;
            let waive = yes("waive_fee", f.value("waive_fee"))?;
            if waive {
                req("waiver_reason")?;
            }
            Write::ReturnedCheck(NewReturnedCheck {
                payment_ref: v("payment_ref"),
                returned_date: v("returned_date"),
                waive_fee: waive,
                waiver_reason: v("waiver_reason"),
            })
        }
        FormKind::OpenTicket => {
            for k in ["ticket_no", "account", "manufacturer", "model", "serial", "fault"] {
                req(k)?;
            }
            let oversized = yes("oversized", f.value("oversized"))?;
            date("opened_on")?;
            Write::OpenTicket(NewTicket {
                ticket_no: v("ticket_no"),
                account_no: v("account"),
                manufacturer: v("manufacturer"),
                model: v("model"),
                serial: v("serial"),
                fault: v("fault"),
                oversized,
                opened_on: v("opened_on"),
            })
        }
        FormKind::AdvanceTicket => Write::AdvanceTicket(req("ticket_no")?),
        FormKind::TicketCharges => {
            let oversized = yes("oversized", f.value("oversized"))?;
            for k in ["freight_in", "freight_out", "insurance", "manufacturer_charge"] {
                check(optional_amount_field(k, f.value(k)))?;
            }
            Write::TicketCharges(
                req("ticket_no")?,
                TicketCharges {
                    oversized,
                    freight_in: v("freight_in"),
                    freight_out: v("freight_out"),
                    insurance: v("insurance"),
                    manufacturer_charge: v("manufacturer_charge"),
                },
            )
        }
        FormKind::WaiveHandling => Write::WaiveHandling(req("ticket_no")?, req("waiver_reason")?),
        FormKind::CloseTicket => {
            date("closed_on")?;
            Write::CloseTicket(req("ticket_no")?, v("closed_on"))
        }
        FormKind::IssueRma => {
            req("invoice")?;
            date("date")?;
            let lines = f
                .value("lines")
                .split(';')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| check(crate::service::returns::parse_line_spec(l)).map_err(|(_, m)| ("lines".to_string(), m)))
                .collect::<Result<Vec<_>, _>>()?;
            if lines.is_empty() {
                return Err(("lines".into(), "at least one line: ITEM=VALUE".into()));
            }
            Write::IssueRma(NewRma {
                invoice: v("invoice"),
                issued_on: v("date"),
                manufacturer_approval: v("manufacturer_approval"),
                restocking_pct: v("restocking_pct"),
                lines,
            })
        }
        FormKind::ReceiveRma => {
            req("rma")?;
            date("date")?;
            let installed_lines = f
                .value("installed")
                .split([',', ' '])
                .filter(|n| !n.trim().is_empty())
                .map(|n| n.trim().parse::<u32>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| ("installed".to_string(), "line numbers, e.g. 1,3".to_string()))?;
            Write::ReceiveRma(RmaReceipt {
                rma_no: v("rma"),
                received_on: v("date"),
                installed_lines,
                manufacturer_approval: v("manufacturer_approval"),
            })
        }
        FormKind::OpenPrivacy => {
            let kind = v("kind").to_ascii_uppercase().parse::<RequestKind>().map_err(|()| {
                ("kind".to_string(), "use ACCESS, CORRECTION, DELETION or OPT_OUT_MARKETING".to_string())
            })?;
            Write::OpenPrivacy(PrivacyOpen {
                kind,
                account_no: req("account")?,
                requester: req("requester")?,
                agent: v("agent"),
                received_on: date("received")?,
                details: v("details"),
            })
        }
        FormKind::VerifyPrivacy => Write::VerifyPrivacy(request_id(f)?, req("how")?, date("date")?),
        FormKind::ExtendPrivacy => Write::ExtendPrivacy(request_id(f)?, date("to")?, req("reason")?),
        FormKind::RejectPrivacy => Write::RejectPrivacy(request_id(f)?, req("reason")?, date("date")?),
        FormKind::CompletePrivacy => Write::CompletePrivacy(request_id(f)?, date("date")?),
    }))
}
