//! Every pane, the help overlay and a form's validation, drawn on a TestBackend from the
//! worked example as of 2026-04-30, driven by keys through the same pure functions as
//! the real console (`handle_key` → `update`).

mod common;

use common::Db;
use creditdesk::app::{self, Action, App, Effect};
use creditdesk::console::worker::build_snapshot;
use creditdesk::service::repairs::NewTicket;
use creditdesk::service::Service;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

const W: u16 = 120;
const H: u16 = 30;

fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 4, 30).unwrap()
}

/// The worked example, plus one repair ticket so the Repairs pane has a row.
fn example() -> Db {
    let db = Db::with_example("basic");
    let mut s = Service::open(&db.path, "tester").unwrap();
    s.open_ticket(&NewTicket {
        ticket_no: "T-1".into(),
        account_no: "A100".into(),
        manufacturer: "Honeywell".into(),
        model: "Vista-20P".into(),
        serial: "SN-4471".into(),
        fault: "zone 3 dead".into(),
        oversized: true,
        opened_on: "2026-04-20".into(),
    })
    .unwrap();
    db
}

fn app_on(db: &Db) -> App {
    let store = creditdesk::store::Store::open(&db.path).unwrap();
    let s = build_snapshot(store.conn(), as_of(), &AtomicUsize::new(0), &AtomicUsize::new(0)).unwrap();
    let mut app = App::new("basic.db", "tester", "MANAGER", as_of());
    let page = creditdesk::ui::page_rows(H, app.pane);
    app::update(&mut app, Action::Resize(page));
    app::update(&mut app, Action::SnapshotReady(Arc::new(s)));
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Feeds keys; a key written `<Tab>`, `<Enter>`, `<Esc>`, `<BS>` is that key.
fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (k, len) = if c == '<' {
            let end = rest.find('>').unwrap();
            let code = match &rest[1..end] {
                "Tab" => KeyCode::Tab,
                "Enter" => KeyCode::Enter,
                "Esc" => KeyCode::Esc,
                "BS" => KeyCode::Backspace,
                other => panic!("unknown key {other}"),
            };
            (key(code), end + 1)
        } else {
            (key(KeyCode::Char(c)), c.len_utf8())
        };
        if let Some(a) = app::handle_key(app, k) {
            effects.extend(app::update(app, a));
        }
        rest = &rest[len..];
    }
    effects
}

fn screen(app: &App) -> String {
    let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
    t.draw(|f| creditdesk::ui::draw(f, app)).unwrap();
    t.backend().to_string()
}

#[test]
fn accounts_pane() {
    let db = example();
    let app = app_on(&db);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn invoices_pane_with_bucket_totals() {
    let db = example();
    let mut app = app_on(&db);
    press(&mut app, "2");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn collections_pane() {
    let db = example();
    let mut app = app_on(&db);
    press(&mut app, "3");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn returned_checks_pane() {
    let db = example();
    let mut app = app_on(&db);
    press(&mut app, "4");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn repairs_pane() {
    let db = example();
    let mut app = app_on(&db);
    press(&mut app, "5");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay_lists_every_key() {
    let db = example();
    let mut app = app_on(&db);
    press(&mut app, "?");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn filter_narrows_the_list_as_you_type() {
    let db = example();
    let mut app = app_on(&db);
    press(&mut app, "2/a100");
    assert_eq!(app.view().len(app.rows(app.pane)), 5);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn payment_form_shows_the_error_next_to_the_field_and_keeps_the_input() {
    let db = example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "p12.345<Enter>");
    assert!(effects.is_empty(), "nothing is written: {effects:?}");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_valid_payment_form_asks_to_confirm_then_writes_once() {
    let db = example();
    let mut app = app_on(&db);
    assert!(press(&mut app, "p25<Tab><Tab><Tab>CHK-9<Enter>").is_empty());
    let effects = press(&mut app, "y");
    assert!(
        matches!(effects.as_slice(), [Effect::Write(app::Write::Payment(p))] if p.amount == "25" && p.reference == "CHK-9")
    );
}

#[test]
fn esc_cancels_a_form_and_nothing_is_written() {
    let db = example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "c<Tab>X<Esc>");
    assert!(effects.is_empty());
    assert!(matches!(app.mode, app::Mode::Normal));
}

#[test]
fn quitting_with_unsaved_input_asks_first() {
    let db = example();
    let mut app = app_on(&db);
    press(&mut app, "p9");
    let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
    let a = app::handle_key(&app, ctrl_q).unwrap();
    assert!(app::update(&mut app, a).is_empty());
    assert!(matches!(app.mode, app::Mode::ConfirmQuit(_)));
    assert_eq!(press(&mut app, "y"), vec![Effect::Quit]);
}

#[test]
fn as_of_date_change_recomputes() {
    let db = example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "@<BS><BS>15<Enter>");
    assert_eq!(effects, vec![Effect::Compute(chrono::NaiveDate::from_ymd_opt(2026, 4, 15).unwrap())]);
}
