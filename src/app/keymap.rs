//! Every key of the console, as data: this one table turns keys into commands, and
//! feeds both the footer and the help overlay, so hints never drift from behaviour.
//! `handle_key` reads it (pure: no terminal needed to test it); what it leaves to a
//! text field is the text widget's (`text::edit_for`).

use super::forms::{self, FormDef, Key};
use super::text::{self, Edit};
use super::{Action, App, Mode, Pane};
use crate::domain::role::Act;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::sync::LazyLock;

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
    /// Open a form (`forms/`): the as-of date, a payment, a charge, …
    Form(&'static FormDef),
    GenerateDemo,
    Reveal,
    /// Sort the list by the next column (the last one: back to the pane's own order).
    Sort,
    /// Reverse the sort.
    Reverse,
    /// Write what the list shows (filter and sort applied) to a CSV file.
    Export,
    /// Write the account's statement as a PDF.
    Statement,
    /// Open the interest derivation of the selected charge.
    Explain,
    /// The dunning letters due, before anything is written.
    DunningPreview,
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
    /// A valid form asking "save this?" (y/n).
    Confirm,
    /// Quit asked while a form holds input.
    ConfirmQuit,
    /// A popup any key closes: help, a message, an RMA's lines.
    AnyKey,
    /// The dunning preview: y sends the letters, any other key closes it.
    Dunning,
}

impl Ctx {
    pub fn title(self) -> &'static str {
        match self {
            Ctx::List => "Everywhere",
            Ctx::On(p) => p.title(),
            Ctx::Detail => "Account view",
            Ctx::Form => "Forms",
            Ctx::Filter => "Filter",
            Ctx::Confirm => "Save?",
            Ctx::ConfirmQuit => "Quit?",
            Ctx::AnyKey => "Popups",
            Ctx::Dunning => "Letters due",
        }
    }

    /// Whether the help lists it (a question's keys are on its own popup and footer).
    pub fn in_help(self) -> bool {
        !matches!(self, Ctx::Confirm | Ctx::ConfirmQuit | Ctx::AnyKey | Ctx::Dunning)
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

/// As a binding's code: any key no binding before it in its context takes.
pub const ANY_KEY: KeyCode = KeyCode::Null;
/// As a binding's modifiers: whatever modifiers are held.
const ANY_MODS: KeyModifiers = KeyModifiers::all();

/// A key of a question or a popup: the same whatever modifiers are held.
const fn any(ctx: Ctx, code: KeyCode, label: &'static str, cmd: Cmd, desc: &'static str, footer: bool) -> Binding {
    Binding { ctx, code, mods: ANY_MODS, label, cmd, desc, footer }
}

use KeyCode::*;

/// Every key: the base keys below with every form's own (`FormDef::keys`) put in their
/// places; built once.
pub static KEYMAP: LazyLock<Vec<Binding>> = LazyLock::new(|| with_forms(BASE, forms::ALL));

/// The keys of a context stay together, in the order of `base`; a form's key goes to its
/// place among them (`Key::at`); a context only forms use comes last.
fn with_forms(base: &[Binding], forms: &[&'static FormDef]) -> Vec<Binding> {
    let mut keys: Vec<(&'static FormDef, &Key)> =
        forms.iter().flat_map(|f| f.keys.iter().map(move |k| (*f, k))).collect();
    keys.sort_by_key(|(_, k)| k.at);
    let mut groups: Vec<(Ctx, Vec<Binding>)> = Vec::new();
    for b in base {
        match groups.iter_mut().find(|(c, _)| *c == b.ctx) {
            Some((_, g)) => g.push(*b),
            None => groups.push((b.ctx, vec![*b])),
        }
    }
    for (def, k) in keys {
        let binding = b(k.ctx, Char(k.key), k.label, Cmd::Form(def), k.desc, k.footer);
        match groups.iter_mut().find(|(c, _)| *c == k.ctx) {
            Some((_, g)) => g.insert(k.at.min(g.len()), binding),
            None => groups.push((k.ctx, vec![binding])),
        }
    }
    groups.into_iter().flat_map(|(_, g)| g).collect()
}

/// The keys that are not a form's.
const BASE: &[Binding] = &[
    b(Ctx::List, Char('?'), "?", Cmd::Help, "help", true),
    b(Ctx::List, Char('q'), "q", Cmd::Quit, "quit", true),
    b(Ctx::List, Char('0'), "0", Cmd::GoPane(Pane::Today), "Today pane", false),
    b(Ctx::List, Char('1'), "1", Cmd::GoPane(Pane::Accounts), "Accounts pane", false),
    b(Ctx::List, Char('2'), "2", Cmd::GoPane(Pane::Invoices), "Invoices pane", false),
    b(Ctx::List, Char('3'), "3", Cmd::GoPane(Pane::Collections), "Collections pane", false),
    b(Ctx::List, Char('4'), "4", Cmd::GoPane(Pane::ReturnedChecks), "Returned checks pane", false),
    b(Ctx::List, Char('5'), "5", Cmd::GoPane(Pane::Repairs), "Repairs pane", false),
    b(Ctx::List, Char('6'), "6", Cmd::GoPane(Pane::Rmas), "RMAs pane", false),
    b(Ctx::List, Char('7'), "7", Cmd::GoPane(Pane::Audit), "Audit pane", false),
    b(Ctx::List, Char('8'), "8", Cmd::GoPane(Pane::Privacy), "Privacy pane", false),
    b(Ctx::List, Char('9'), "9", Cmd::GoPane(Pane::Overview), "Overview (charts)", false),
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
    b(Ctx::List, Char('O'), "O", Cmd::Sort, "sort", true),
    b(Ctx::List, Char('R'), "R", Cmd::Reverse, "reverse the sort", false),
    b(Ctx::List, Char('E'), "E", Cmd::Export, "export CSV", true),
    b(Ctx::On(Pane::Today), Enter, "Enter", Cmd::Open, "open account", true),
    b(Ctx::On(Pane::Today), Char('L'), "L", Cmd::DunningPreview, "letters due", false),
    b(Ctx::On(Pane::Accounts), Enter, "Enter", Cmd::Open, "open", true),
    b(Ctx::On(Pane::Accounts), Char('s'), "s", Cmd::Statement, "statement PDF", true),
    b(Ctx::On(Pane::Accounts), Char('D'), "D", Cmd::GenerateDemo, "demo data (empty db)", false),
    b(Ctx::On(Pane::Invoices), Enter, "Enter", Cmd::Open, "open account", true),
    b(Ctx::On(Pane::Invoices), Char('i'), "i", Cmd::Explain, "why this interest?", true),
    b(Ctx::On(Pane::Collections), Enter, "Enter", Cmd::Open, "open", true),
    b(Ctx::On(Pane::Collections), Char('L'), "L", Cmd::DunningPreview, "letters due", true),
    b(Ctx::On(Pane::ReturnedChecks), Enter, "Enter", Cmd::Open, "open", false),
    b(Ctx::On(Pane::Repairs), Enter, "Enter", Cmd::Open, "open", false),
    b(Ctx::On(Pane::Rmas), Enter, "Enter", Cmd::Open, "lines & label", true),
    b(Ctx::On(Pane::Audit), Enter, "Enter", Cmd::Open, "open account", true),
    b(Ctx::On(Pane::Privacy), Enter, "Enter", Cmd::Open, "open account", false),
    b(Ctx::Detail, Esc, "Esc", Cmd::Back, "back", true),
    b(Ctx::Detail, Char('j'), "j/k", Cmd::Down, "select a document", true),
    b(Ctx::Detail, Down, "↓", Cmd::Down, "next document", false),
    b(Ctx::Detail, Char('k'), "k", Cmd::Up, "previous document", false),
    b(Ctx::Detail, Up, "↑", Cmd::Up, "previous document", false),
    b(Ctx::Detail, PageDown, "PgDn", Cmd::PageDown, "scroll down", false),
    b(Ctx::Detail, PageUp, "PgUp", Cmd::PageUp, "scroll up", false),
    b(Ctx::Detail, Char('g'), "g", Cmd::Top, "top", false),
    b(Ctx::Detail, Char('R'), "R", Cmd::Reveal, "reveal ID (manager)", true),
    b(Ctx::Detail, Char('i'), "i", Cmd::Explain, "why this interest?", true),
    b(Ctx::Detail, Char('s'), "s", Cmd::Statement, "statement PDF", true),
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
    // Only y saves: Enter pressed twice must not skip the question.
    any(Ctx::Confirm, Char('y'), "y", Cmd::Confirm, "save", true),
    any(Ctx::Confirm, Char('Y'), "Y", Cmd::Confirm, "save", false),
    any(Ctx::Confirm, Char('n'), "n/Esc", Cmd::Cancel, "keep editing", true),
    any(Ctx::Confirm, Char('N'), "N", Cmd::Cancel, "keep editing", false),
    any(Ctx::Confirm, Esc, "Esc", Cmd::Cancel, "keep editing", false),
    any(Ctx::ConfirmQuit, Char('y'), "y", Cmd::Confirm, "quit and lose the input", false),
    any(Ctx::ConfirmQuit, Char('Y'), "Y", Cmd::Confirm, "quit and lose the input", false),
    any(Ctx::ConfirmQuit, ANY_KEY, "any key", Cmd::Cancel, "close", true),
    any(Ctx::AnyKey, ANY_KEY, "any key", Cmd::Back, "close", true),
    any(Ctx::Dunning, Char('y'), "y", Cmd::Confirm, "write and record the letters", true),
    any(Ctx::Dunning, Char('j'), "j/k", Cmd::Down, "scroll", true),
    any(Ctx::Dunning, Char('k'), "k", Cmd::Up, "scroll up", false),
    any(Ctx::Dunning, ANY_KEY, "any key", Cmd::Back, "close, write nothing", true),
];

/// How the first key that gives `cmd` is written (for a message naming the key).
pub fn label(cmd: Cmd) -> &'static str {
    KEYMAP.iter().find(|b| b.cmd == cmd).map_or("", |b| b.label)
}

/// The act a command gives, when the role decides whether it may (in general; what is
/// selected can change it: `App::act_of`).
pub fn act(cmd: Cmd) -> Option<Act> {
    match cmd {
        Cmd::Form(def) => def.act,
        Cmd::Reveal => Some(Act::RevealIdentifiers),
        _ => None,
    }
}

/// How the console's refusal names an act ("only a manager may …"): shorter than the
/// service's words where the key says the rest.
pub fn refusal_words(act: Act) -> &'static str {
    match act {
        Act::WaiveHandlingFee => "waive a fee",
        Act::ErasePersonalData => "complete a deletion (erase personal data)",
        other => other.words(),
    }
}

/// The bindings that work in this state, in table order.
pub fn active(mode: &Mode, pane: Pane) -> impl Iterator<Item = &'static Binding> + '_ {
    let ctx_ok = move |c: Ctx| match mode {
        Mode::Normal => c == Ctx::List || c == Ctx::On(pane),
        Mode::Detail(_) => c == Ctx::Detail,
        Mode::Form(f) if f.confirming => c == Ctx::Confirm,
        Mode::Form(_) => c == Ctx::Form,
        Mode::Filter => c == Ctx::Filter,
        Mode::ConfirmQuit(_) => c == Ctx::ConfirmQuit,
        Mode::Help | Mode::Message(_) | Mode::Rma(_) | Mode::Explain(..) => c == Ctx::AnyKey,
        Mode::Dunning(_) => c == Ctx::Dunning,
    };
    KEYMAP.iter().filter(move |b| ctx_ok(b.ctx))
}

/// The command a key gives in this state, if any.
pub fn lookup(mode: &Mode, pane: Pane, key: &KeyEvent) -> Option<Cmd> {
    // Shifted letters arrive with SHIFT set; the character already says so.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    active(mode, pane)
        .find(|b| (b.code == key.code || b.code == ANY_KEY) && (b.mods == mods || b.mods == ANY_MODS))
        .map(|b| b.cmd)
}

/// A key, in this state, as an action (pure: no terminal needed to test it).
pub fn handle_key(app: &App, key: KeyEvent) -> Option<Action> {
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
    if let Some(cmd) = lookup(&app.mode, app.pane, &key) {
        return Some(Action::Cmd(cmd));
    }
    if app.mode.edits_text() {
        return text::edit_for(&key).map(Action::Edit);
    }
    None
}

/// Pasted text (bracketed paste), in this state, as an action: it lands in the focused
/// field of a form, or in the filter; elsewhere it is dropped.
pub fn handle_paste(app: &App, text: String) -> Option<Action> {
    if app.locked {
        return Some(Action::Unlock);
    }
    app.mode.edits_text().then_some(Action::Edit(Edit::Paste(text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{update, Effect};
    use crate::domain::role::Role;

    fn app() -> App {
        App::new("test.db", "tester", Role::Manager, chrono::NaiveDate::from_ymd_opt(2026, 4, 30).unwrap())
    }

    fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
        match handle_key(app, KeyEvent::new(code, mods)) {
            Some(a) => update(app, a),
            None => vec![],
        }
    }

    fn typed(app: &mut App, text: &str) {
        for c in text.chars() {
            press(app, KeyCode::Char(c), KeyModifiers::NONE);
        }
    }

    fn field(app: &App, key: &str) -> String {
        let Mode::Form(f) = &app.mode else { panic!("no form open") };
        f.value(key).to_string()
    }

    #[test]
    fn a_forms_field_edits_at_its_cursor() {
        let mut app = app();
        typed(&mut app, "p");
        // The account is empty, so the cursor starts there.
        typed(&mut app, "A10");
        press(&mut app, KeyCode::Home, KeyModifiers::NONE);
        press(&mut app, KeyCode::Delete, KeyModifiers::NONE);
        typed(&mut app, "B");
        press(&mut app, KeyCode::End, KeyModifiers::NONE);
        press(&mut app, KeyCode::Left, KeyModifiers::NONE);
        typed(&mut app, "2");
        assert_eq!(field(&app, "account"), "B120");
        press(&mut app, KeyCode::Right, KeyModifiers::NONE);
        press(&mut app, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(field(&app, "account"), "B12");
    }

    #[test]
    fn ctrl_u_and_ctrl_w_clear_a_field_and_delete_a_word() {
        let mut app = app();
        typed(&mut app, "p");
        typed(&mut app, "A100 B200");
        press(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(field(&app, "account"), "A100 ");
        press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
        assert_eq!(field(&app, "account"), "");
        assert!(matches!(app.mode, Mode::Form(_)), "neither key closes the form");
    }

    #[test]
    fn pasted_text_lands_in_the_focused_field_and_in_the_filter() {
        let mut app = app();
        typed(&mut app, "p");
        typed(&mut app, "A");
        let paste = handle_paste(&app, "100\n".into()).expect("a form takes a paste");
        update(&mut app, paste);
        assert_eq!(field(&app, "account"), "A100");
        press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
        assert!(handle_paste(&app, "x".into()).is_none(), "a list drops it");
        typed(&mut app, "/");
        let paste = handle_paste(&app, "Allied".into()).expect("the filter takes a paste");
        update(&mut app, paste);
        assert_eq!(app.view().filter.as_str(), "Allied");
        app.locked = true;
        assert!(matches!(handle_paste(&app, "x".into()), Some(Action::Unlock)));
    }

    #[test]
    fn a_question_and_a_popup_take_their_keys_from_the_keymap() {
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let mut app = app();
        typed(&mut app, "p9");
        let Mode::Form(form) = std::mem::replace(&mut app.mode, Mode::Normal) else { panic!("no form") };
        // A valid form asking "save this?": y saves, n/Esc goes back, others (Enter too) wait.
        app.mode = Mode::Form(Box::new(crate::app::form::Form { confirming: true, ..(*form).clone() }));
        assert!(matches!(handle_key(&app, key('y')), Some(Action::Cmd(Cmd::Confirm))));
        assert!(matches!(handle_key(&app, key('N')), Some(Action::Cmd(Cmd::Cancel))));
        assert!(handle_key(&app, key('x')).is_none());
        assert!(handle_key(&app, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)).is_none());
        // Quit with input typed: y quits (whatever the modifiers), any other key goes back.
        app.mode = Mode::ConfirmQuit(form);
        let ctrl_y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert!(matches!(handle_key(&app, ctrl_y), Some(Action::Cmd(Cmd::Confirm))));
        assert!(matches!(handle_key(&app, key('n')), Some(Action::Cmd(Cmd::Cancel))));
        // Help, a message, an RMA's lines: any key closes them.
        app.mode = Mode::Help;
        assert!(matches!(handle_key(&app, key('x')), Some(Action::Cmd(Cmd::Back))));
    }

    #[test]
    fn each_key_does_one_thing_wherever_it_works() {
        // On a pane's list, the keys of every pane and that pane's own are both active:
        // a key bound twice there would leave one of its bindings dead.
        let mut contexts = vec![vec![Ctx::Detail], vec![Ctx::Form], vec![Ctx::Filter]];
        contexts.extend(Pane::ALL.iter().map(|p| vec![Ctx::List, Ctx::On(*p)]));
        for ctxs in contexts {
            let here: Vec<&Binding> = KEYMAP.iter().filter(|b| ctxs.contains(&b.ctx)).collect();
            for (i, b) in here.iter().enumerate() {
                let twice = here[..i].iter().find(|a| a.code == b.code && a.mods == b.mods);
                assert!(twice.is_none(), "{:?} in {ctxs:?}: {} and {}", b.code, twice.unwrap().desc, b.desc);
            }
        }
    }

    #[test]
    fn a_clerk_is_refused_the_managers_forms_and_may_complete_a_request() {
        let mut app = app();
        app.role = Role::Clerk;
        assert!(app
            .refuses(Cmd::Form(&forms::waive_handling::FORM))
            .unwrap()
            .contains("only a manager may waive a fee"));
        assert!(app.refuses(Cmd::Form(&forms::place_with_agency::FORM)).is_some());
        assert!(app.refuses(Cmd::Reveal).unwrap().contains("reveal identifiers"));
        assert!(app.refuses(Cmd::Form(&forms::complete_privacy::FORM)).is_none(), "no deletion selected");
        assert!(app.refuses(Cmd::Form(&forms::record_payment::FORM)).is_none());
        app.role = Role::Manager;
        assert!(app.refuses(Cmd::Form(&forms::waive_handling::FORM)).is_none());
    }
}
