//! Every key of the console, as data: this one table turns keys into commands, and
//! feeds both the footer and the help overlay, so hints never drift from behaviour.

use super::{Mode, Pane};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A command a key can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    Quit,
    Help,
    NextPane,
    PrevPane,
    GoPane(Pane),
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Open,
    Back,
    Filter,
    AsOf,
    Payment,
    Charge,
    ReturnCheck,
    PlaceAgency,
    CollectionCost,
    OpenTicket,
    AdvanceTicket,
    TicketCharges,
    WaiveHandling,
    CloseTicket,
    GenerateDemo,
    IssueRma,
    ReceiveRma,
    OpenPrivacy,
    VerifyPrivacy,
    ExtendPrivacy,
    RejectPrivacy,
    CompletePrivacy,
    Reveal,
    // In a form:
    NextField,
    PrevField,
    Submit,
    Confirm,
    Cancel,
}

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// The lists of every pane.
    List,
    /// Only on one pane's list.
    On(Pane),
    /// The account view opened with Enter.
    Detail,
    Form,
    Filter,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::List => "Everywhere",
            Ctx::On(p) => p.title(),
            Ctx::Detail => "Account view",
            Ctx::Form => "Forms",
            Ctx::Filter => "Filter",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub ctx: Ctx,
    pub code: KeyCode,
    pub mods: KeyModifiers,
    /// How the key is written in the footer and help.
    pub label: &'static str,
    pub cmd: Cmd,
    pub desc: &'static str,
    /// Shown in the footer (the rest only in help).
    pub footer: bool,
}

const fn b(ctx: Ctx, code: KeyCode, label: &'static str, cmd: Cmd, desc: &'static str, footer: bool) -> Binding {
    Binding { ctx, code, mods: KeyModifiers::NONE, label, cmd, desc, footer }
}

const fn ctrl(ctx: Ctx, c: char, label: &'static str, cmd: Cmd, desc: &'static str, footer: bool) -> Binding {
    Binding { ctx, code: KeyCode::Char(c), mods: KeyModifiers::CONTROL, label, cmd, desc, footer }
}

use KeyCode::*;

pub const KEYMAP: &[Binding] = &[
    b(Ctx::List, Char('?'), "?", Cmd::Help, "help", true),
    b(Ctx::List, Char('q'), "q", Cmd::Quit, "quit", true),
    b(Ctx::List, Char('1'), "1", Cmd::GoPane(Pane::Accounts), "Accounts pane", false),
    b(Ctx::List, Char('2'), "2", Cmd::GoPane(Pane::Invoices), "Invoices pane", false),
    b(Ctx::List, Char('3'), "3", Cmd::GoPane(Pane::Collections), "Collections pane", false),
    b(Ctx::List, Char('4'), "4", Cmd::GoPane(Pane::ReturnedChecks), "Returned checks pane", false),
    b(Ctx::List, Char('5'), "5", Cmd::GoPane(Pane::Repairs), "Repairs pane", false),
    b(Ctx::List, Char('6'), "6", Cmd::GoPane(Pane::Rmas), "RMAs pane", false),
    b(Ctx::List, Char('7'), "7", Cmd::GoPane(Pane::Audit), "Audit pane", false),
    b(Ctx::List, Char('8'), "8", Cmd::GoPane(Pane::Privacy), "Privacy pane", false),
    b(Ctx::List, Tab, "Tab", Cmd::NextPane, "next pane", true),
    b(Ctx::List, BackTab, "S-Tab", Cmd::PrevPane, "previous pane", false),
    b(Ctx::List, Char('j'), "j/↓", Cmd::Down, "move down", false),
    b(Ctx::List, Down, "↓", Cmd::Down, "move down", false),
    b(Ctx::List, Char('k'), "k/↑", Cmd::Up, "move up", false),
    b(Ctx::List, Up, "↑", Cmd::Up, "move up", false),
    b(Ctx::List, Char('g'), "g", Cmd::Top, "first row", false),
    b(Ctx::List, Home, "Home", Cmd::Top, "first row", false),
    b(Ctx::List, Char('G'), "G", Cmd::Bottom, "last row", false),
    b(Ctx::List, End, "End", Cmd::Bottom, "last row", false),
    b(Ctx::List, PageDown, "PgDn", Cmd::PageDown, "page down", false),
    b(Ctx::List, PageUp, "PgUp", Cmd::PageUp, "page up", false),
    b(Ctx::List, Char('/'), "/", Cmd::Filter, "filter", true),
    b(Ctx::List, Esc, "Esc", Cmd::Back, "clear the filter", false),
    b(Ctx::List, Char('@'), "@", Cmd::AsOf, "as-of date", true),
    b(Ctx::On(Pane::Accounts), Enter, "Enter", Cmd::Open, "open", true),
    b(Ctx::On(Pane::Accounts), Char('p'), "p", Cmd::Payment, "payment", true),
    b(Ctx::On(Pane::Accounts), Char('c'), "c", Cmd::Charge, "charge", true),
    b(Ctx::On(Pane::Accounts), Char('D'), "D", Cmd::GenerateDemo, "demo data (empty db)", false),
    b(Ctx::On(Pane::Invoices), Enter, "Enter", Cmd::Open, "open account", true),
    b(Ctx::On(Pane::Invoices), Char('p'), "p", Cmd::Payment, "pay it", true),
    b(Ctx::On(Pane::Invoices), Char('c'), "c", Cmd::Charge, "charge", true),
    b(Ctx::On(Pane::Collections), Enter, "Enter", Cmd::Open, "open", true),
    b(Ctx::On(Pane::Collections), Char('a'), "a", Cmd::PlaceAgency, "agency (manager)", true),
    b(Ctx::On(Pane::Collections), Char('x'), "x", Cmd::CollectionCost, "collection cost", true),
    b(Ctx::On(Pane::Collections), Char('p'), "p", Cmd::Payment, "payment", false),
    b(Ctx::On(Pane::ReturnedChecks), Char('r'), "r", Cmd::ReturnCheck, "returned check", true),
    b(Ctx::On(Pane::ReturnedChecks), Enter, "Enter", Cmd::Open, "open", false),
    b(Ctx::On(Pane::Repairs), Char('o'), "o", Cmd::OpenTicket, "open ticket", true),
    b(Ctx::On(Pane::Repairs), Char('a'), "a", Cmd::AdvanceTicket, "advance", true),
    b(Ctx::On(Pane::Repairs), Char('e'), "e", Cmd::TicketCharges, "charges", true),
    b(Ctx::On(Pane::Repairs), Char('w'), "w", Cmd::WaiveHandling, "waive fee (manager)", true),
    b(Ctx::On(Pane::Repairs), Char('x'), "x", Cmd::CloseTicket, "close (posts REPAIR)", true),
    b(Ctx::On(Pane::Repairs), Enter, "Enter", Cmd::Open, "open", false),
    b(Ctx::On(Pane::Rmas), Enter, "Enter", Cmd::Open, "lines & label", true),
    b(Ctx::On(Pane::Rmas), Char('i'), "i", Cmd::IssueRma, "issue RMA", true),
    b(Ctx::On(Pane::Rmas), Char('r'), "r", Cmd::ReceiveRma, "receive", true),
    b(Ctx::On(Pane::Audit), Enter, "Enter", Cmd::Open, "open account", true),
    b(Ctx::On(Pane::Privacy), Char('o'), "o", Cmd::OpenPrivacy, "new request", true),
    b(Ctx::On(Pane::Privacy), Char('v'), "v", Cmd::VerifyPrivacy, "verify", true),
    b(Ctx::On(Pane::Privacy), Char('e'), "e", Cmd::ExtendPrivacy, "extend", true),
    b(Ctx::On(Pane::Privacy), Char('x'), "x", Cmd::CompletePrivacy, "complete", true),
    b(Ctx::On(Pane::Privacy), Char('n'), "n", Cmd::RejectPrivacy, "reject", true),
    b(Ctx::On(Pane::Privacy), Enter, "Enter", Cmd::Open, "open account", false),
    b(Ctx::Detail, Esc, "Esc", Cmd::Back, "back", true),
    b(Ctx::Detail, Char('j'), "j/k", Cmd::Down, "scroll", true),
    b(Ctx::Detail, Down, "↓", Cmd::Down, "scroll down", false),
    b(Ctx::Detail, Char('k'), "k", Cmd::Up, "scroll up", false),
    b(Ctx::Detail, Up, "↑", Cmd::Up, "scroll up", false),
    b(Ctx::Detail, Char('g'), "g", Cmd::Top, "top", false),
    b(Ctx::Detail, Char('p'), "p", Cmd::Payment, "payment", true),
    b(Ctx::Detail, Char('c'), "c", Cmd::Charge, "charge", true),
    b(Ctx::Detail, Char('R'), "R", Cmd::Reveal, "reveal ID (manager)", true),
    b(Ctx::Detail, Char('?'), "?", Cmd::Help, "help", true),
    b(Ctx::Detail, Char('q'), "q", Cmd::Quit, "quit", true),
    b(Ctx::Form, Tab, "Tab/↓", Cmd::NextField, "next field", true),
    b(Ctx::Form, Down, "↓", Cmd::NextField, "next field", false),
    b(Ctx::Form, BackTab, "S-Tab/↑", Cmd::PrevField, "previous field", true),
    b(Ctx::Form, Up, "↑", Cmd::PrevField, "previous field", false),
    b(Ctx::Form, Enter, "Enter", Cmd::Submit, "check & confirm", true),
    b(Ctx::Form, Esc, "Esc", Cmd::Cancel, "cancel", true),
    ctrl(Ctx::Form, 'q', "C-q", Cmd::Quit, "quit", true),
    b(Ctx::Filter, Enter, "Enter", Cmd::Submit, "keep the filter", true),
    b(Ctx::Filter, Esc, "Esc", Cmd::Cancel, "clear the filter", true),
];

/// What a manager-only command does, in words ("only a manager may …"); None for the
/// commands any operator may give. The service enforces the same rules.
pub fn manager_action(cmd: Cmd) -> Option<&'static str> {
    match cmd {
        Cmd::WaiveHandling => Some("waive a fee"),
        Cmd::PlaceAgency => Some("place an account with a collection agency"),
        Cmd::Reveal => Some("reveal identifiers"),
        Cmd::CompletePrivacy => Some("complete a deletion (erase personal data)"),
        _ => None,
    }
}

/// The bindings that work in this state, in table order.
pub fn active(mode: &Mode, pane: Pane) -> impl Iterator<Item = &'static Binding> + '_ {
    let ctx_ok = move |c: Ctx| match mode {
        Mode::Normal => c == Ctx::List || c == Ctx::On(pane),
        Mode::Detail(_) => c == Ctx::Detail,
        Mode::Form(_) => c == Ctx::Form,
        Mode::Filter => c == Ctx::Filter,
        _ => false,
    };
    KEYMAP.iter().filter(move |b| ctx_ok(b.ctx))
}

/// The command a key gives in this state, if any.
pub fn lookup(mode: &Mode, pane: Pane, key: &KeyEvent) -> Option<Cmd> {
    // Shifted letters arrive with SHIFT set; the character already says so.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    active(mode, pane).find(|b| b.code == key.code && b.mods == mods).map(|b| b.cmd)
}
