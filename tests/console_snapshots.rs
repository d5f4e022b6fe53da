//! Every pane, the help overlay and a form's validation, drawn on a TestBackend from the
//! worked example as of 2026-04-30, driven by keys through the same pure functions as
//! the real console (`handle_key` → `update`).

mod common;

use common::{day as d, Db};
use creditdesk::app::forms::{self, void_document::Void};
use creditdesk::app::{self, Action, App, Effect};
use creditdesk::domain::Money;
use creditdesk::read::build_snapshot;
use creditdesk::service::operations::NewPayment;
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
        opened_on: d("2026-04-20"),
    })
    .unwrap();
    db
}

fn app_on(db: &Db) -> App {
    let store = creditdesk::store::Store::open(&db.path).unwrap();
    let s = build_snapshot(&store, as_of(), &AtomicUsize::new(0), &AtomicUsize::new(0)).unwrap();
    let mut app = App::new("basic.db", "tester", creditdesk::service::Role::Manager, as_of());
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
    let s = screen(&app);
    // Every key's words are on the screen (cut to their column), none pushed off it.
    for b in app::keymap::KEYMAP.iter().filter(|b| b.ctx.in_help()) {
        if !matches!(b.cmd, app::keymap::Cmd::GoPane(_)) {
            let words: String = b.desc.chars().take(16).collect();
            assert!(s.contains(&words), "{:?} {} ({}) not in the help:\n{s}", b.ctx, b.label, b.desc);
        }
    }
    insta::assert_snapshot!(s);
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
    // Every check the service makes is made before the question (nothing written).
    let effects = press(&mut app, "p25<Tab><Tab><Tab>CHK-9<Enter>");
    assert!(matches!(effects.as_slice(), [Effect::Check(_)]), "{effects:?}");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    assert!(screen(&app).contains("Save this?"));
    let effects = press(&mut app, "y");
    assert!(
        matches!(effects.as_slice(), [Effect::Write(w)] if w.get::<NewPayment>().is_some_and(|p| p.amount == Money::from_cents(2500) && p.reference == "CHK-9"))
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

// ---- RMAs, audit, privacy, roles, the over-limit confirmation and the idle lock ----

use creditdesk::domain::privacy::RequestKind;
use creditdesk::service::credit::NewCreditApplication;
use creditdesk::service::privacy::NewRequest;
use creditdesk::service::returns::{NewRma, NewRmaLine, RmaReceipt};
use creditdesk::service::Role;
use std::time::{Duration, Instant};

/// The worked example plus, through the service: a clerk, two RMAs on INV-1002 (one
/// received), A100's credit application, and four privacy requests — overdue, due
/// within 7 days, on time, and a verified deletion — as of 2026-04-30.
fn terms_example() -> Db {
    let db = example();
    let mut s = Service::open(&db.path, "tester").unwrap();
    s.add_operator("clara", Role::Clerk).unwrap();
    let line = |item: &str, value: &str| NewRmaLine {
        item: item.into(),
        value: creditdesk::input::amount("value", value).unwrap(),
        ..Default::default()
    };
    let rma = |lines| NewRma {
        invoice: "INV-1002".into(),
        issued_on: d("2026-02-20"),
        lines,
        manufacturer_approval: None,
        restocking_pct: None,
    };
    let first = s.issue_rma(&rma(vec![line("Keypad 6160", "100.00")])).unwrap();
    s.receive_rma(&RmaReceipt { rma_no: first.rma_no, received_on: d("2026-03-05"), ..Default::default() }).unwrap();
    s.issue_rma(&rma(vec![line("Siren 702", "40.00"), line("Battery 12V", "20.00")])).unwrap();
    s.apply_for_credit(&NewCreditApplication {
        account_no: "A100".into(),
        applied_on: d("2026-01-02"),
        requested_limit: Money::from_cents(800_000),
        trade_references: vec!["ADI Global".into()],
        bank_reference: "First Bank acct 123456789".into(),
        gov_id: "123-45-6789".into(),
    })
    .unwrap();
    let request = |kind, account: &str, who: &str, received: &str| NewRequest {
        kind,
        account_no: account.into(),
        requester: who.into(),
        agent: None,
        received_on: d(received),
        details: None,
    };
    s.open_privacy_request(&request(RequestKind::Access, "A100", "Pat Allied", "2026-03-01")).unwrap();
    s.open_privacy_request(&request(RequestKind::OptOutMarketing, "C300", "Carl Cardinal", "2026-04-05")).unwrap();
    s.open_privacy_request(&request(RequestKind::Access, "C300", "Carl Cardinal", "2026-04-25")).unwrap();
    let deletion = s.open_privacy_request(&request(RequestKind::Deletion, "B200", "Bea Beacon", "2026-04-20")).unwrap();
    s.verify_privacy_request(deletion, "called back the number on file", d("2026-04-21")).unwrap();
    db
}

fn app_as(db: &Db, operator: &str, role: &str) -> App {
    let mut app = app_on(db);
    app.operator = operator.into();
    app.role = role.parse().unwrap();
    app
}

/// The audit log's clock times are today's: masked so the snapshot is stable (also as
/// the account view shows them, `2026-04-30T09:15:00`).
fn redact_times(screen: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = screen.chars().collect();
    let pattern = "dddd-dd-dd dd:dd:dd";
    let mut i = 0;
    while i < chars.len() {
        let fits = i + pattern.len() <= chars.len()
            && pattern.chars().zip(&chars[i..]).all(|(p, c)| match p {
                'd' => c.is_ascii_digit(),
                // The account view writes the time as stored, after a `T`.
                ' ' => *c == ' ' || *c == 'T',
                _ => p == *c,
            });
        if fits {
            out.push_str("YYYY-MM-DD hh:mm:ss");
            i += pattern.len();
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Runs what a read effect asks (the checks before a confirmation, the credit check, a
/// correction's preview, a detail) the way the event loop does.
fn carry_reads(app: &mut App, db: &Db, effects: Vec<Effect>) -> Vec<Effect> {
    let store = creditdesk::store::Store::open(&db.path).unwrap();
    let mut rest = Vec::new();
    for e in effects {
        let action = match e {
            Effect::Check(w) => {
                let mut service = Service::open(&db.path, &app.operator).unwrap();
                Action::Checked(creditdesk::console::check(&mut service, w))
            }
            Effect::CheckCredit(c) => creditdesk::console::check_credit(&store, &c),
            Effect::LoadAudit(at, filter) => Action::AuditLoaded(
                creditdesk::read::snapshot::audit_window(&store, at, &filter).map_err(|e| e.to_string()),
            ),
            Effect::Preview(w, as_of) => Action::Previewed(creditdesk::console::preview(&store, &w, as_of)),
            Effect::LoadDetail(no, as_of) => {
                Action::DetailLoaded(Box::new(creditdesk::read::load_detail(&store, &no, as_of).unwrap()))
            }
            Effect::Explain(doc, as_of) => Action::Explained(
                creditdesk::read::explain::explain(&store, &doc, as_of).map(Box::new).map_err(|e| e.to_string()),
            ),
            Effect::PreviewDunning(as_of) => Action::DunningPreviewed(
                as_of,
                creditdesk::read::dunning::letters_due(&store, as_of).map_err(|e| e.to_string()),
            ),
            other => {
                rest.push(other);
                continue;
            }
        };
        rest.extend(app::update(app, action));
    }
    rest
}

#[test]
fn rmas_pane() {
    let db = terms_example();
    let mut app = app_on(&db);
    press(&mut app, "6");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn an_rma_opened_with_enter_shows_its_lines_and_the_carton_label() {
    let db = terms_example();
    let mut app = app_on(&db);
    press(&mut app, "6j<Enter>");
    let s = screen(&app);
    assert!(s.contains("ORIGINAL CARTON") && s.contains("INV-1002 dated 2026-02-15"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn a_refused_rma_shows_the_rule_that_refused_it_and_writes_nothing() {
    let db = terms_example();
    let mut app = app_on(&db);
    // Refused at the check made before the question: nothing is asked, nothing written.
    let effects = press(&mut app, "6iPanel=50,installed<Enter>");
    assert!(matches!(effects.as_slice(), [Effect::Check(_)]), "{effects:?}\n{}", screen(&app));
    let before = db.fingerprint();
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    assert!(matches!(&app.mode, app::Mode::Form(f) if !f.confirming), "no question asked");
    assert_eq!(db.fingerprint(), before);
    let s = screen(&app);
    assert!(s.contains("installed"), "the refusal names the rule:\n{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn audit_pane_newest_first() {
    let db = terms_example();
    let mut app = app_on(&db);
    press(&mut app, "7");
    // 18 lines: the newest 11 entries, above the imports (whose keys are this machine's paths).
    let mut t = Terminal::new(TestBackend::new(W, 18)).unwrap();
    t.draw(|f| creditdesk::ui::draw(f, &app)).unwrap();
    insta::assert_snapshot!(redact_times(&t.backend().to_string()));
}

#[test]
fn audit_pane_filters_with_slash() {
    let db = terms_example();
    let mut app = app_on(&db);
    press(&mut app, "7/rma<Enter>");
    let rows = app.view().len(app.rows(app.pane));
    assert_eq!(rows, 3, "issue, receive, issue");
}

#[test]
fn privacy_pane_marks_overdue_and_due_soon_in_words() {
    let db = terms_example();
    let mut app = app_on(&db);
    press(&mut app, "8");
    let s = screen(&app);
    assert!(s.contains("!! OVERDUE 30d") && s.contains("! DUE IN 5d"), "{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn privacy_rows_stand_out_in_color_too() {
    let db = terms_example();
    let mut app = app_on(&db);
    press(&mut app, "8");
    let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
    t.draw(|f| creditdesk::ui::draw(f, &app)).unwrap();
    let buf = t.backend().buffer().clone();
    let fg_of = |text: &str| {
        let y = (0..H).find(|&y| (0..W).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>().contains(text));
        buf[(30, y.expect(text))].fg
    };
    assert_eq!(fg_of("OVERDUE"), ratatui::style::Color::Red);
    assert_eq!(fg_of("DUE IN"), ratatui::style::Color::Yellow);
}

#[test]
fn clerk_footer_greys_the_managers_keys() {
    let db = terms_example();
    let mut app = app_as(&db, "clara", "CLERK");
    press(&mut app, "5");
    let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
    t.draw(|f| creditdesk::ui::draw(f, &app)).unwrap();
    let buf = t.backend().buffer().clone();
    let footer: String = (0..W).map(|x| buf[(x, H - 1)].symbol().to_string()).collect();
    let w = footer.find(" w waive").expect("the waive key is in the footer") as u16 + 1;
    assert_eq!(buf[(w, H - 1)].fg, ratatui::style::Color::DarkGray, "greyed for a clerk");
    let o = footer.find(" o open").unwrap() as u16 + 1;
    assert_eq!(buf[(o, H - 1)].fg, ratatui::style::Color::Yellow, "a clerk's own keys stay lit");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_clerk_pressing_a_managers_key_is_told_why_and_nothing_is_written() {
    let db = terms_example();
    let before = db.fingerprint();
    let mut app = app_as(&db, "clara", "CLERK");
    // Waive a handling fee, place with an agency, complete a deletion (the verified
    // B200 request), reveal an identifier in A100's account view.
    for (keys, why) in [
        ("5w", "only a manager may waive a fee"),
        ("3a", "only a manager may place an account with a collection agency"),
        ("8jjx", "only a manager may complete a deletion"),
    ] {
        let effects = press(&mut app, keys);
        assert!(effects.is_empty(), "{keys}: {effects:?}");
        assert!(matches!(app.mode, app::Mode::Normal), "{keys}: no form opens");
        assert!(app.toast.as_deref().unwrap_or("").contains(why), "{keys}: {:?}", app.toast);
    }
    let effects = press(&mut app, "1<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    assert!(matches!(app.mode, app::Mode::Detail(_)));
    assert!(press(&mut app, "R").is_empty());
    assert!(app.toast.as_deref().unwrap().contains("only a manager may reveal identifiers"));
    assert!(screen(&app).contains("*****6789"));
    assert_eq!(db.fingerprint(), before);
    // Behind the keys, the service refuses a clerk whatever the door.
    let mut clerk = Service::open(&db.path, "clara").unwrap();
    let e = creditdesk::console::write(
        &mut clerk,
        app::Write::new(forms::waive_handling::WaiveHandling { ticket_no: "T-1".into(), reason: "goodwill".into() }),
    );
    assert!(e.unwrap_err().parts().1.contains("manager"));
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn a_manager_completing_a_deletion_is_asked_to_confirm_the_erasure() {
    let db = terms_example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "8jjx<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let s = screen(&app);
    assert!(s.contains("ERASE the personal data of account B200"), "{s}");
    assert!(
        matches!(press(&mut app, "y").as_slice(), [Effect::Write(w)] if w.get::<forms::complete_privacy::CompletePrivacy>().is_some_and(|c| c.request == 4))
    );
}

#[test]
fn account_view_shows_the_masked_identifier_and_a_reveal_masks_itself_again() {
    let db = terms_example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    assert!(s.contains("SSN *****6789") && !s.contains("123-45-6789"), "{s}");
    assert_eq!(press(&mut app, "R"), vec![Effect::Reveal("A100".into())]);
    let mut service = Service::open(&db.path, "tester").unwrap();
    let value =
        service.reveal_identifier("A100", creditdesk::service::credit::Identifier::GovId).map_err(|e| e.to_string());
    let t0 = Instant::now();
    app::update(&mut app, Action::Revealed(value, t0));
    let s = screen(&app);
    assert!(s.contains("123-45-6789 (REVEALED"), "{s}");
    app::update(&mut app, Action::Tick(t0 + Duration::from_secs(9)));
    assert!(screen(&app).contains("123-45-6789"), "still shown after 9 s");
    app::update(&mut app, Action::Tick(t0 + Duration::from_secs(10)));
    let s = screen(&app);
    assert!(s.contains("*****6789") && !s.contains("123-45-6789"), "masked again after 10 s:\n{s}");
    let audit = creditdesk::read::audit_trail(service.store(), Some("A100"), None).unwrap();
    assert!(audit.iter().any(|a| a.action == "reveal"), "the reveal is audited");
}

#[test]
fn a_charge_over_the_credit_limit_asks_for_confirmation_naming_limit_and_balance() {
    let db = terms_example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "cINV-9<Tab><Tab><Tab>4500<Enter>");
    assert!(matches!(effects.as_slice(), [Effect::CheckCredit(_)]), "{effects:?}");
    assert!(carry_reads(&mut app, &db, effects).is_empty(), "nothing is written before the answer");
    // A100 is also on credit hold (in collections): the manager gives the reason first.
    let effects = press(&mut app, "paid by wire<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty(), "nothing is written before the answer");
    let s = screen(&app);
    assert!(s.contains("limit of 5,000.00") && s.contains("takes the balance from 598.75 to 5,098.75"), "{s}");
    insta::assert_snapshot!(s);
    // n goes back to the form; y writes once.
    assert!(press(&mut app, "n").is_empty());
    let effects = press(&mut app, "<Enter>");
    carry_reads(&mut app, &db, effects);
    assert!(
        matches!(press(&mut app, "y").as_slice(), [Effect::Write(w)] if w.get::<forms::add_charge::OverridingHold>().is_some_and(|o| o.charge.amount == Money::from_cents(450_000) && o.reason == "paid by wire"))
    );
}

#[test]
fn a_charge_within_the_limit_asks_the_plain_question() {
    let db = terms_example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "cINV-9<Tab><Tab><Tab>100<Enter>");
    carry_reads(&mut app, &db, effects);
    // A100 is also on credit hold (in collections): the manager gives the reason first.
    let effects = press(&mut app, "paid by wire<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    assert!(s.contains("Save this?") && !s.contains("OVER THE CREDIT LIMIT"), "{s}");
}

#[test]
fn an_idle_console_locks_and_shows_no_personal_data_until_a_key() {
    let db = terms_example();
    let mut app = app_on(&db);
    press(&mut app, "8");
    let t0 = Instant::now();
    app::update(&mut app, Action::Activity(t0));
    assert!(!app.tick_due(t0 + Duration::from_secs(299)));
    app::update(&mut app, Action::Tick(t0 + Duration::from_secs(299)));
    assert!(!app.locked, "not before 5 minutes");
    assert!(app.tick_due(t0 + Duration::from_secs(300)));
    app::update(&mut app, Action::Tick(t0 + Duration::from_secs(300)));
    assert!(app.locked);
    let s = screen(&app);
    for private in ["Carl Cardinal", "A100", "Allied", "685.61", "basic.db", "Privacy"] {
        assert!(!s.contains(private), "{private} shows on the lock screen:\n{s}");
    }
    insta::assert_snapshot!(s);
    // Any key unlocks, and does nothing else.
    assert!(press(&mut app, "x").is_empty());
    assert!(!app.locked && matches!(app.mode, app::Mode::Normal) && app.pane == app::Pane::Privacy);
}

#[test]
fn a_key_restarts_the_idle_clock_and_zero_minutes_never_locks() {
    let db = example();
    let mut app = app_on(&db);
    let t0 = Instant::now();
    app::update(&mut app, Action::Activity(t0));
    app::update(&mut app, Action::Activity(t0 + Duration::from_secs(240)));
    app::update(&mut app, Action::Tick(t0 + Duration::from_secs(400)));
    assert!(!app.locked, "the key at 4 min restarted the clock");
    app::update(&mut app, Action::Tick(t0 + Duration::from_secs(540)));
    assert!(app.locked);
    let mut app = app_on(&db);
    app.idle_limit = None; // --idle-minutes 0
    app::update(&mut app, Action::Tick(t0 + Duration::from_secs(86_400)));
    assert!(!app.locked);
}

// ---- what existed on the day viewed, and the account view's columns ----

fn app_on_day(db: &Db, day: &str) -> App {
    let store = creditdesk::store::Store::open(&db.path).unwrap();
    let s = build_snapshot(&store, d(day), &AtomicUsize::new(0), &AtomicUsize::new(0)).unwrap();
    let mut app = App::new("basic.db", "tester", Role::Manager, d(day));
    let page = creditdesk::ui::page_rows(H, app.pane);
    app::update(&mut app, Action::Resize(page));
    app::update(&mut app, Action::SnapshotReady(Arc::new(s)));
    app
}

#[test]
fn the_returned_checks_pane_shows_only_the_checks_returned_by_the_day() {
    // P-3 came back on 2026-02-27.
    let db = example();
    let mut app = app_on_day(&db, "2026-02-26");
    press(&mut app, "4");
    let s = screen(&app);
    assert!(s.contains("No returned checks") && !s.contains("P-3") && s.contains("4 Returned checks 0"), "{s}");
    let mut app = app_on_day(&db, "2026-02-27");
    press(&mut app, "4");
    let s = screen(&app);
    assert!(s.contains("P-3") && s.contains("1,540.00"), "{s}");
}

#[test]
fn the_rma_pane_shows_what_was_issued_by_the_day_as_it_stood() {
    // Both issued 2026-02-20; RMA-000001 received 2026-03-05 (credit 85.00).
    let db = terms_example();
    let mut app = app_on_day(&db, "2026-02-19");
    press(&mut app, "6");
    let s = screen(&app);
    assert!(s.contains("No RMAs") && !s.contains("RMA-000001"), "{s}");
    let mut app = app_on_day(&db, "2026-03-04");
    press(&mut app, "6");
    let s = screen(&app);
    assert!(s.contains("RMA-000001") && s.contains("RMA-000002"), "{s}");
    assert!(!s.contains("RECEIVED") && !s.contains("85.00") && !s.contains("2026-03-05"), "not received yet:\n{s}");
    let mut app = app_on_day(&db, "2026-03-05");
    press(&mut app, "6");
    let s = screen(&app);
    assert!(s.contains("RECEIVED") && s.contains("85.00"), "{s}");
}

#[test]
fn the_account_views_rows_keep_their_columns_whatever_the_document_numbers() {
    let db = example();
    let long = db.write(
        "long.csv",
        "doc_no,account_no,kind,date,amount\nINV-A100-2026-000000001,A100,INVOICE,2026-04-01,12345678.90\n",
    );
    db.ok(&["import", "invoices", long.to_str().unwrap()]);
    let mut app = app_on(&db);
    let effects = press(&mut app, "<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    let rows: Vec<&str> = s.lines().filter(|l| l.contains(" due ") && l.contains(" open ")).collect();
    assert!(rows.len() >= 5 && s.contains("INV-A100-2026-000000001") && s.contains("12,345,678.90"), "{s}");
    let at = |l: &str, what: &str| l[..l.find(what).unwrap()].chars().count();
    for r in &rows {
        assert_eq!(at(r, " due "), at(rows[0], " due "), "{s}");
        assert_eq!(at(r, " open "), at(rows[0], " open "), "{s}");
        assert_eq!(at(r, " int. "), at(rows[0], " int. "), "{s}");
    }
}

#[test]
fn new_records_are_dated_today_and_a_back_dated_one_says_so() {
    let db = example();
    let mut app = app_on(&db);
    app.today = d("2026-05-04");
    // Viewed as of 2026-04-30, a payment is dated today all the same.
    let effects = press(&mut app, "p25<Tab><Tab>");
    assert!(effects.is_empty());
    assert!(screen(&app).contains("2026-05-04"), "{}", screen(&app));
    let effects = press(&mut app, "<Tab>CHK-10<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    assert!(s.contains("Save this?") && !s.contains("BACK-DATED"), "{s}");
    press(&mut app, "n");
    let field = |app: &App| match &app.mode {
        app::Mode::Form(f) => f.fields[f.focus].key,
        _ => "",
    };
    while field(&app) != "date" {
        press(&mut app, "<Tab>");
    }
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let a = app::handle_key(&app, ctrl_u).unwrap();
    app::update(&mut app, a);
    let effects = press(&mut app, "2026-04-30<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    assert!(
        s.contains("BACK-DATED: date 2026-04-30 is 4 days before today (2026-05-04).") && s.contains("Save this?"),
        "{s}"
    );
}

#[test]
fn the_audit_pane_pages_through_the_whole_log_by_key() {
    let db = example();
    let mut s = Service::open(&db.path, "tester").unwrap();
    for i in 0..1200 {
        s.add_operator(&format!("clerk{i:04}"), Role::Clerk).unwrap();
    }
    let total = creditdesk::read::audit_trail(s.store(), None, None).unwrap().len();
    let mut app = app_on(&db);
    press(&mut app, "7");
    let title = screen(&app);
    assert!(title.contains(&format!("{total} entries")) && title.contains("older below"), "{title}");
    // Page down to the end, reading page after page: every entry once, newest first.
    let mut seen: Vec<i64> = Vec::new();
    let selected = |app: &App| app.audit.lines[app.view().row(app.view().selected)].id;
    seen.push(selected(&app));
    for _ in 0..total {
        let effects = app::update(&mut app, Action::Cmd(app::keymap::Cmd::Down));
        assert!(carry_reads(&mut app, &db, effects).is_empty());
        let id = selected(&app);
        if seen.last() == Some(&id) {
            break;
        }
        seen.push(id);
    }
    assert_eq!(seen.len(), total, "every entry, once");
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "newest first");
    // Back to the top, and straight to the oldest, by key.
    let effects = press(&mut app, "g");
    carry_reads(&mut app, &db, effects);
    assert_eq!(selected(&app), seen[0]);
    let effects = press(&mut app, "G");
    assert!(matches!(effects.as_slice(), [Effect::LoadAudit(creditdesk::store::audit::AuditPage::Oldest, _)]));
    carry_reads(&mut app, &db, effects);
    assert_eq!(selected(&app), *seen.last().unwrap());
    // A filter reads the log through it.
    let effects = press(&mut app, "/clerk0007");
    let effects = carry_reads(&mut app, &db, effects);
    assert!(effects.is_empty());
    assert_eq!(app.audit.lines.len(), 1, "{:?}", app.audit.lines);
    assert_eq!(app.audit.lines[0].entity_key.as_deref(), Some("clerk0007"));
}

/// Every check the service makes is made before "save this?": an unknown account in
/// the repair form, closing a ticket not yet shipped back. Nothing is asked or written.
#[test]
fn what_the_service_would_refuse_is_said_before_the_question() {
    let db = example();
    let before = db.fingerprint();
    let mut app = app_on(&db);
    press(&mut app, "5oT-2<Tab>");
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    let a = app::handle_key(&app, ctrl_u).unwrap();
    app::update(&mut app, a);
    let effects = press(&mut app, "Z999<Tab>DSC<Tab>PC1616<Tab>S1<Tab>dead<Enter>");
    assert!(matches!(effects.as_slice(), [Effect::Check(_)]), "{effects:?}");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let s = screen(&app);
    assert!(s.contains("no account Z999") && !s.contains("Save this?"), "{s}");
    press(&mut app, "<Esc>");
    // T-1 is RECEIVED: it closes once shipped back to the customer.
    let effects = press(&mut app, "x<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let s = screen(&app);
    assert!(s.contains("it closes once shipped to the customer") && !s.contains("Save this?"), "{s}");
    assert!(matches!(&app.mode, app::Mode::Form(f) if !f.confirming));
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn i_on_an_invoice_opens_its_interest_run_by_run() {
    let db = example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "2i");
    assert_eq!(effects, [Effect::Explain("INV-1001".into(), as_of())]);
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    assert!(matches!(app.mode, app::Mode::Explain(..)));
    insta::assert_snapshot!(screen(&app));
    press(&mut app, "x");
    assert!(matches!(app.mode, app::Mode::Normal), "any key closes it");
}

#[test]
fn in_the_account_view_i_explains_the_selected_charge_then_any_key_goes_back() {
    let db = example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "<Enter>");
    carry_reads(&mut app, &db, effects);
    let app::Mode::Detail(d) = &app.mode else { panic!("the account view") };
    let second = d.open_charges[1].doc_no.clone();
    let effects = press(&mut app, "ji");
    assert_eq!(effects, [Effect::Explain(second.clone(), as_of())], "j selects the second open charge");
    carry_reads(&mut app, &db, effects);
    let app::Mode::Explain(e, Some(_)) = &app.mode else { panic!("the explanation over the account view") };
    assert_eq!(e.doc_no, second);
    press(&mut app, "q");
    assert!(matches!(app.mode, app::Mode::Detail(_)), "back to the account view, not quit");
    assert!(!app.quit);
    // A payment selected: nothing to explain, and it says so.
    let effects = press(&mut app, "jjjjjjji");
    assert!(effects.is_empty());
    assert!(screen(&app).contains("select an open charge"), "{}", screen(&app));
    let effects = press(&mut app, "s");
    assert_eq!(effects, [Effect::WriteStatement("A100".into(), as_of())]);
}

#[test]
fn s_on_an_account_writes_its_statement() {
    let db = example();
    let mut app = app_on(&db);
    assert_eq!(press(&mut app, "s"), [Effect::WriteStatement("A100".into(), as_of())]);
    app::update(&mut app, Action::Written(Ok("statement of A100 as of 2026-04-30 written to /x/s.pdf".into())));
    assert!(screen(&app).contains("written to /x/s.pdf"), "says where");
}

#[test]
fn the_dunning_preview_lists_the_letters_due_before_anything_is_written() {
    let db = example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "3L");
    assert_eq!(effects, [Effect::PreviewDunning(as_of())]);
    carry_reads(&mut app, &db, effects);
    insta::assert_snapshot!(screen(&app));
    assert!(press(&mut app, "n").is_empty(), "any other key closes it and writes nothing");
    assert!(screen(&app).contains("nothing was written"));
    let effects = press(&mut app, "L");
    carry_reads(&mut app, &db, effects);
    let effects = press(&mut app, "y");
    let [Effect::SendDunning(letters)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(letters.iter().map(|l| l.account_no.as_str()).collect::<Vec<_>>(), ["A100", "C300"]);
    // What the event loop then does: write the PDFs, record them; the account view shows them.
    let mut service = Service::open(&db.path, "tester").unwrap();
    let dir = db.dir.path().join("letters");
    let today = chrono::Local::now().date_naive();
    let (_, recorded) = creditdesk::print::files::send_letters(&mut service, letters, &dir, today).unwrap();
    assert_eq!(recorded.recorded, 2);
    let effects = press(&mut app, "1<Enter>");
    carry_reads(&mut app, &db, effects);
    let shown = screen(&app);
    assert!(shown.contains("Dunning letters"), "{shown}");
    // A clerk may preview too: letters are the desk's routine work.
    app.role = creditdesk::service::Role::Clerk;
    press(&mut app, "<Esc>3");
    assert_eq!(press(&mut app, "L"), [Effect::PreviewDunning(as_of())]);
}

// ---- Corrections (RULES 10): the account view, V, E, L, S ----

/// The worked example with P-1 (A100's 500.00 check) voided on 2026-04-30.
fn with_void_payment() -> Db {
    let db = example();
    let mut s = Service::open(&db.path, "tester").unwrap();
    s.set_today(d("2026-04-30"));
    s.void_payment(&creditdesk::service::corrections::NewVoid {
        document: "P-1".into(),
        reason: "entered twice".into(),
    })
    .unwrap();
    db
}

/// A100's account view, with its document number `n` selected.
fn account_view(db: &Db, app: &mut App, n: usize) {
    let effects = press(app, "1<Enter>");
    assert!(carry_reads(app, db, effects).is_empty());
    press(app, &"j".repeat(n));
}

/// Whether every cell of the screen's first `text` is drawn with `modifier`.
fn drawn_with(app: &App, text: &str, modifier: ratatui::style::Modifier) -> bool {
    let mut t = Terminal::new(TestBackend::new(W, H)).unwrap();
    t.draw(|f| creditdesk::ui::draw(f, app)).unwrap();
    let buffer = t.backend().buffer().clone();
    for y in 0..H {
        let row: String = (0..W).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        if let Some(at) = row.find(text) {
            let x0 = row[..at].chars().count() as u16;
            return (x0..x0 + text.chars().count() as u16).all(|x| buffer[(x, y)].modifier.contains(modifier));
        }
    }
    panic!("{text} is not on the screen:\n{}", screen(app))
}

#[test]
fn account_view_shows_a_void_payment_struck_through_and_marked_void() {
    let db = with_void_payment();
    let mut app = app_on(&db);
    // A100: five open charges, then its payments P-1 (void) and P-4.
    account_view(&db, &mut app, 5);
    let s = screen(&app);
    assert!(s.contains("VOID 2026-04-30 by tester: entered twice"), "{s}");
    assert!(s.contains("balance 1,198.50") && s.contains("payoff 1,197.92"), "P-1 counts nowhere: {s}");
    assert!(drawn_with(&app, "P-1      2026-03-10 CHECK", ratatui::style::Modifier::CROSSED_OUT));
    assert!(!drawn_with(&app, "P-4      2026-04-01 WIRE", ratatui::style::Modifier::CROSSED_OUT));
    insta::assert_snapshot!(redact_times(&s));
}

#[test]
fn v_voids_the_selected_payment_after_showing_what_changes_and_asking_y() {
    let db = example();
    let mut app = app_on(&db);
    account_view(&db, &mut app, 5);
    let effects = press(&mut app, "Ventered twice<Enter>");
    assert!(matches!(effects.as_slice(), [Effect::Preview(..)]), "{effects:?}");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let s = screen(&app);
    assert!(s.contains("VOID payment P-1: CHECK 500.00 received 2026-03-10 of account A100"), "{s}");
    assert!(s.contains("Balance as of 2026-04-30: 685.61 → 1,198.50"), "{s}");
    let effects = press(&mut app, "y");
    let [Effect::Write(w)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(w.get::<Void>().is_some_and(|v| v.kind == app::VoidKind::Payment && v.void.document == "P-1"));
    let mut service = Service::open(&db.path, "tester").unwrap();
    let done = creditdesk::console::write(&mut service, w.clone());
    assert_eq!(done.as_deref(), Ok("payment P-1 of 500.00 (A100) voided"));
    let aging = creditdesk::read::aging(service.store(), as_of()).unwrap();
    assert_eq!(aging[0].total, Money::from_cents(119_850));
}

#[test]
fn v_on_interest_or_a_void_document_says_why_not_and_on_a_fee_opens_the_waiver() {
    let db = with_void_payment();
    let mut app = app_on(&db);
    account_view(&db, &mut app, 2);
    // A100's third open charge is FC-A100-2026-02: interest is never voided.
    assert!(press(&mut app, "V").is_empty());
    assert!(app.toast.as_deref().unwrap_or("").contains("cannot be voided"), "{:?}", app.toast);
    press(&mut app, "jjj");
    assert!(press(&mut app, "V").is_empty());
    assert!(app.toast.as_deref().unwrap_or("").contains("P-1 is already void"), "{:?}", app.toast);
    // C300's RCF-P-3: V waives the fee.
    let mut app = app_on(&db);
    let effects = press(&mut app, "jj<Enter>");
    carry_reads(&mut app, &db, effects);
    let app::Mode::Detail(d) = &app.mode else { panic!("no account view") };
    let at = d.documents().iter().position(|x| matches!(x, app::Document::Charge(c) if c.doc_no == "RCF-P-3"));
    press(&mut app, &"j".repeat(at.expect("RCF-P-3 in C300's view")));
    assert!(press(&mut app, "V").is_empty());
    let app::Mode::Form(f) = &app.mode else { panic!("no form: {:?}", app.toast) };
    assert_eq!((f.title.as_str(), f.value("returned_check")), ("Waive returned-check fee RCF-P-3", "P-3"));
}

#[test]
fn p_in_the_account_view_fills_in_the_payoff_amount() {
    let db = example();
    let mut app = app_on(&db);
    account_view(&db, &mut app, 0);
    assert!(screen(&app).contains("payoff 685.27"));
    press(&mut app, "p");
    let app::Mode::Form(f) = &app.mode else { panic!("no form") };
    assert_eq!(f.value("amount"), "685.27");
    assert_eq!(f.value("account"), "A100");
}

#[test]
fn e_edits_the_account_showing_old_and_new_values_before_y() {
    let db = example();
    let mut app = app_as(&db, "tester", "CLERK");
    account_view(&db, &mut app, 0);
    // The form starts at the first blank field, the contact.
    let effects = press(&mut app, "E<Tab>314-555-0100<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    assert!(s.contains("phone: (blank) → 314-555-0100"), "{s}");
    let effects = press(&mut app, "y");
    let [Effect::Write(w)] = effects.as_slice() else { panic!("{effects:?}") };
    assert!(w
        .get::<creditdesk::service::upkeep::AccountEdit>()
        .is_some_and(|e| e.phone.as_deref() == Some("314-555-0100") && e.name.is_none()));
}

#[test]
fn a_clerk_is_refused_every_correction_in_the_console_and_nothing_is_written() {
    let db = terms_example();
    let before = db.fingerprint();
    let mut app = app_as(&db, "clara", "CLERK");
    assert!(press(&mut app, "S").is_empty());
    assert!(app.toast.as_deref().unwrap_or("").contains("only a manager may change the settings"), "{:?}", app.toast);
    account_view(&db, &mut app, 0);
    for (key, why) in [
        ("V", "only a manager may void a charge"),
        ("L", "only a manager may change a credit limit"),
        ("W", "only a manager may write off an account"),
        ("F", "only a manager may refund a credit"),
    ] {
        assert!(press(&mut app, key).is_empty(), "{key}");
        assert!(matches!(app.mode, app::Mode::Detail(_)), "{key}: no form opens");
        assert!(app.toast.as_deref().unwrap_or("").contains(why), "{key}: {:?}", app.toast);
    }
    press(&mut app, "jjjjj");
    press(&mut app, "V");
    assert!(app.toast.as_deref().unwrap_or("").contains("only a manager may void a payment"), "{:?}", app.toast);
    assert_eq!(db.fingerprint(), before);
    // Behind the keys, the service refuses a clerk each correction the console can write.
    let mut clerk = Service::open(&db.path, "clara").unwrap();
    let void =
        |document: &str| creditdesk::service::corrections::NewVoid { document: document.into(), reason: "x".into() };
    for w in [
        app::Write::new(Void { kind: app::VoidKind::Payment, void: void("P-1") }),
        app::Write::new(Void { kind: app::VoidKind::Charge, void: void("INV-1001") }),
        app::Write::new(Void { kind: app::VoidKind::ReturnedCheckFee, void: void("P-3") }),
        app::Write::new(forms::credit_limit::CreditLimit { account_no: "A100".into(), limit: Money::from_cents(1) }),
        app::Write::new(creditdesk::service::corrections::NewWriteOff {
            account_no: "A100".into(),
            date: d("2026-04-30"),
            reason: "x".into(),
        }),
        app::Write::new(creditdesk::service::corrections::NewRefund {
            account_no: "A100".into(),
            amount: Money::from_cents(1),
            method: creditdesk::domain::corrections::RefundMethod::Check,
            reference: "CK-1".into(),
            date: d("2026-04-30"),
        }),
        app::Write::new(creditdesk::service::upkeep::SettingsChange {
            values: vec![creditdesk::domain::settings::SettingValue::RetentionYears(9)],
            state_cap: None,
        }),
        app::Write::new(creditdesk::service::upkeep::SettingsChange {
            values: vec![],
            state_cap: Some(("MO".into(), None)),
        }),
    ] {
        let e = creditdesk::console::write(&mut clerk, w.clone()).unwrap_err();
        assert!(e.parts().1.contains("only a manager may"), "{w:?}");
    }
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn a_delta_is_patched_in_on_the_snapshot_it_follows_and_another_desks_work_is_noted() {
    use creditdesk::read::{changes_since, Changes};
    let db = example();
    let (mut app, mut own) = (app_on(&db), app_on(&db));
    let seen = app.snapshot.as_ref().unwrap().seen;
    assert!(screen(&app).contains("685.61"));
    db.pay("A100", "100", "WIRE", "W-9");
    let store = creditdesk::store::Store::open(&db.path).unwrap();
    let Changes::Delta(d) = changes_since(&store, seen, as_of()).unwrap() else { panic!("a payment is patched in") };
    // A delta that follows another snapshot is not patched in: the refresher is told which.
    let mut stale = (*d).clone();
    stale.base = seen - 1;
    let effects = app::update(&mut app, Action::Refreshed { delta: Box::new(stale), others: vec![] });
    assert_eq!(effects, vec![Effect::Follow(seen, as_of())]);
    assert!(screen(&app).contains("685.61"), "nothing patched");
    // This console's own write: patched in, no note.
    assert!(app::update(&mut own, Action::Refreshed { delta: d.clone(), others: vec![] }).is_empty());
    assert!(!screen(&own).contains("685.61") && own.toast.is_none(), "{}", screen(&own));
    // Another desk's: patched in, and the status line says so.
    let others = vec![d.audit[0].id];
    assert!(app::update(&mut app, Action::Refreshed { delta: d, others }).is_empty());
    let s = screen(&app);
    assert!(!s.contains("685.61") && s.contains("another desk's work (record payment W-9 on A100 by tester)"), "{s}");
}

#[test]
fn the_settings_form_shows_the_changes_and_saves_them_in_one_go() {
    let db = example();
    let mut app = app_on(&db);
    assert!(press(&mut app, "S").is_empty());
    let app::Mode::Form(f) = &app.mode else { panic!("no form:\n{}", screen(&app)) };
    assert_eq!((f.value("card_surcharge_pct"), f.value("retention_years")), ("3.00", "7"));
    // The form starts at the first blank field, the state.
    let effects = press(&mut app, "mo<Tab>9<Tab><Tab><Tab><BS>10<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    assert!(s.contains("retention_years: 7 → 10") && s.contains("rate cap of MO: none → 9%"), "{s}");
    let effects = press(&mut app, "y");
    let [Effect::Write(w)] = effects.as_slice() else { panic!("{effects:?}") };
    let mut service = Service::open(&db.path, "tester").unwrap();
    let done = creditdesk::console::write(&mut service, w.clone()).unwrap();
    assert_eq!(done, "settings saved: retention_years 10 (was 7); MO rate cap 9%");
}

#[test]
fn w_writes_the_account_off_after_showing_the_payoff_and_the_status_to_come() {
    let db = example();
    let mut app = app_on(&db);
    account_view(&db, &mut app, 0);
    let effects = press(&mut app, "Wbankrupt<Enter>");
    carry_reads(&mut app, &db, effects);
    let s = screen(&app);
    assert!(s.contains("WRITE OFF account A100 on 2026-04-30: a WRITE_OFF payment of its payoff, 685.27"), "{s}");
    assert!(s.contains("The account becomes SUSPENDED (it is ACTIVE)"), "{s}");
    let effects = press(&mut app, "y");
    let [Effect::Write(w)] = effects.as_slice() else { panic!("{effects:?}") };
    let mut service = Service::open(&db.path, "tester").unwrap();
    service.set_today(as_of());
    let done = creditdesk::console::write(&mut service, w.clone()).unwrap();
    assert_eq!(
        done,
        "A100: 685.27 written off on 2026-04-30 as WO-A100-2026-04-30 (WRITE_OFF); the account is SUSPENDED"
    );
}

#[test]
fn f_refuses_a_refund_above_the_credit_before_anything_is_written() {
    let db = example();
    let before = db.fingerprint();
    let mut app = app_on(&db);
    // B200 holds no credit: the refund is refused next to its amount.
    let effects = press(&mut app, "j<Enter>");
    carry_reads(&mut app, &db, effects);
    let effects = press(&mut app, "F10<Tab><Tab>CK-1<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let app::Mode::Form(f) = &app.mode else { panic!("no form") };
    let error = f.fields.iter().find(|x| x.key == "amount").and_then(|x| x.error.clone()).unwrap_or_default();
    assert!(error.contains("more than the unapplied credit of 0.00"), "{error:?}");
    assert!(!f.confirming);
    assert_eq!(db.fingerprint(), before);
}

// ---- Collections work (RULES 11): Today, the account view, sorting, export, charts ----

use creditdesk::domain::notes::NoteKind;
use creditdesk::service::collections::{NewDispute, NewNote, NewPromise};

/// The RMA/privacy example plus a collector's work on A100 and C300: calls with next
/// actions, promises (one due on the day, one broken, one kept), a dispute, and B200
/// registered details for the contact line.
fn collector_example() -> Db {
    let db = terms_example();
    let mut s = Service::open(&db.path, "tester").unwrap();
    let note = |account: &str, on: &str, text: &str, next: Option<&str>| NewNote {
        account_no: account.into(),
        kind: NoteKind::Call,
        text: text.into(),
        noted_on: d(on),
        next_action_on: next.map(d),
    };
    s.add_note(&note("A100", "2026-04-20", "Pat: cheque for INV-1001 next week", Some("2026-04-28"))).unwrap();
    s.add_note(&NewNote { kind: NoteKind::Email, ..note("A100", "2026-04-10", "statement sent", None) }).unwrap();
    s.add_note(&note("C300", "2026-04-02", "owner away until the 15th", None)).unwrap();
    let promise = |account: &str, cents, by: &str, made: &str| NewPromise {
        account_no: account.into(),
        amount: Money::from_cents(cents),
        promised_on: d(by),
        recorded_on: d(made),
    };
    s.add_promise(&promise("A100", 30000, "2026-04-30", "2026-04-20")).unwrap();
    s.add_promise(&promise("A100", 5000, "2026-04-01", "2026-04-01")).unwrap(); // kept by P-4
    s.add_promise(&promise("C300", 50000, "2026-04-20", "2026-04-16")).unwrap(); // broken
    s.open_dispute(&NewDispute {
        doc_no: "REP-3001".into(),
        reason: "repair not done".into(),
        opened_on: d("2026-04-21"),
    })
    .unwrap();
    db
}

#[test]
fn today_pane_lists_what_needs_doing_one_key_from_its_action() {
    let db = collector_example();
    let mut app = app_on(&db);
    press(&mut app, "0");
    let s = screen(&app);
    assert!(s.contains("PROMISE_DUE") && s.contains("PROMISE_BROKEN") && s.contains("NEXT_ACTION"), "{s}");
    assert!(s.contains("Enter open account") && s.contains("p payment") && s.contains("n log a call"), "{s}");
    insta::assert_snapshot!(s);
    // p on the promise due today: the payment form holds the account and what is owed.
    press(&mut app, "p");
    let app::Mode::Form(f) = &app.mode else { panic!("no form") };
    assert_eq!((f.value("account"), f.value("amount")), ("A100", "300.00"));
    // n logs a call on the selected line's account; Enter opens it.
    press(&mut app, "<Esc>n");
    let app::Mode::Form(f) = &app.mode else { panic!("no form") };
    assert_eq!(f.value("account"), "A100");
    assert_eq!(press(&mut app, "<Esc><Enter>"), vec![Effect::LoadDetail("A100".into(), as_of())]);
    // A letter due: L previews the letters due, as on Collections.
    press(&mut app, "<Esc>");
    assert!(s.contains("LETTER_DUE"), "{s}");
    assert_eq!(press(&mut app, "L"), vec![Effect::PreviewDunning(as_of())]);
}

#[test]
fn account_view_shows_contact_notes_promises_and_every_document() {
    let db = collector_example();
    // A100's contact, as the dealer's registration would have recorded it.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute(
        "UPDATE accounts SET contact_name = 'Pat Allied', phone = '555-0100', email = 'pat@allied.example'
         WHERE account_no = 'A100'",
        [],
    )
    .unwrap();
    let mut app = app_on(&db);
    let effects = press(&mut app, "<Enter>");
    carry_reads(&mut app, &db, effects);
    let screen_a100 = {
        let mut t = Terminal::new(TestBackend::new(W, 48)).unwrap();
        t.draw(|f| creditdesk::ui::draw(f, &app)).unwrap();
        redact_times(&t.backend().to_string())
    };
    for want in [
        "contact Pat Allied │ phone 555-0100 │ e-mail pat@allied.example",
        "ON CREDIT HOLD since 2026-04-02",
        "Pat: cheque for INV-1001 next week  → next action 2026-04-28",
        "300.00 by 2026-04-30 (made 2026-04-20 by tester), paid 0.00 PENDING",
        "50.00 by 2026-04-01 (made 2026-04-01 by tester), paid 100.00 KEPT",
        "P-4",
        "OPEN 500.00",
    ] {
        assert!(screen_a100.contains(want), "{want}:\n{screen_a100}");
    }
    insta::assert_snapshot!(screen_a100);
    // The contact line comes first; C300's disputed repair is marked.
    let effects = press(&mut app, "<Esc>jj<Enter>");
    carry_reads(&mut app, &db, effects);
    let mut t = Terminal::new(TestBackend::new(W, 48)).unwrap();
    t.draw(|f| creditdesk::ui::draw(f, &app)).unwrap();
    let c300 = t.backend().to_string();
    assert!(c300.contains("REP-3001") && c300.contains("DISPUTED"), "{c300}");
    assert!(c300.contains("contact — │ phone — │ e-mail —"), "{c300}");
}

#[test]
fn a_list_sorts_by_any_column_and_says_so() {
    let db = collector_example();
    let mut app = app_on(&db);
    // O: Account ▲, Name ▲, Status, Terms, Limit, Balance ▲; R reverses.
    press(&mut app, "OOOOOOR");
    let s = screen(&app);
    assert!(s.contains("sorted by Balance ▼") && s.contains("▼Balance"), "{s}");
    let rows: Vec<usize> = (0..3).map(|p| app.view().row(p)).collect();
    assert_eq!(rows, vec![2, 0, 1], "C300 1,601.20, A100 598.75, B200 0.00");
    insta::assert_snapshot!(s);
    // The filter keeps the order; the sort goes round back to the pane's own order.
    press(&mut app, "/0<Enter>");
    assert_eq!(app.view().matches.as_deref(), Some(&[2usize, 0, 1][..]), "every balance has a 0");
    press(&mut app, "<Esc>OO");
    assert_eq!(app.view().sort, Some(app::Sort { column: 7, descending: true }), "Flags, the last column");
    press(&mut app, "O");
    assert!(app.view().sort.is_none() && app.view().matches.is_none());
}

#[test]
fn the_shown_list_exports_to_csv_in_one_key_filter_and_sort_applied() {
    let db = collector_example();
    let mut app = app_on(&db);
    press(&mut app, "2/a100<Enter>OOOOOOOR");
    let effects = press(&mut app, "E");
    let [Effect::Export { stem, csv, rows }] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(stem, "creditdesk-invoices-2026-04-30");
    assert_eq!(*rows, 5);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Document,Account,Kind,Date,Due,Amount,Outstanding,Days,Bucket,Interest,Disp");
    assert_eq!(lines[1], "INV-1001,A100,INVOICE,2026-01-01,2026-01-31,1000.00,500.00,89,61-90!,31.07,", "Days ▼");
    assert_eq!(lines.len(), 6);
    // The loop writes it to a new file in the working folder, never over another.
    let dir = tempfile::tempdir().unwrap();
    let back = std::env::current_dir().unwrap();
    std::env::set_current_dir(dir.path()).unwrap();
    let first = creditdesk::console::export(stem, csv, *rows);
    let second = creditdesk::console::export(stem, csv, *rows);
    std::env::set_current_dir(back).unwrap();
    assert!(first.unwrap().starts_with("5 rows exported to creditdesk-invoices-2026-04-30.csv"));
    assert!(second.unwrap().starts_with("5 rows exported to creditdesk-invoices-2026-04-30-2.csv"));
    assert_eq!(std::fs::read_to_string(dir.path().join("creditdesk-invoices-2026-04-30.csv")).unwrap(), *csv);
}

#[test]
fn the_overview_draws_the_aging_buckets_and_the_last_12_month_ends() {
    let db = collector_example();
    let mut app = app_on(&db);
    press(&mut app, "9");
    let s = screen(&app);
    assert!(s.contains("Aging buckets") && s.contains("Receivables, past 60 days") && s.contains("DSO, days"), "{s}");
    let store = creditdesk::store::Store::open(&db.path).unwrap();
    let total: Money = creditdesk::read::aging(&store, as_of()).unwrap().iter().map(|r| r.total).sum();
    let newest = format!("│2026-04-30 {:>16}", total.grouped());
    assert!(s.contains(&newest), "the newest month end's total is the aging's {total}:\n{s}");
    insta::assert_snapshot!(s);
}

#[test]
fn one_key_finds_a_paid_document_and_opens_its_account() {
    let db = collector_example();
    let mut app = app_on(&db);
    let effects = press(&mut app, "fINV-2001<Enter>");
    assert_eq!(effects, vec![Effect::FindDocument("INV-2001".into(), as_of())]);
    let store = creditdesk::store::Store::open(&db.path).unwrap();
    let found = creditdesk::read::find_document(&store, "INV-2001").unwrap();
    let detail = creditdesk::read::load_detail(&store, &found.account_no, as_of()).unwrap();
    app::update(&mut app, Action::Found(Ok((found.what, Box::new(detail)))));
    let s = screen(&app);
    assert!(s.contains("Account B200") && s.contains("INV-2001") && s.contains("PAID"), "{s}");
    assert!(app.toast.as_deref().unwrap().contains("INVOICE INV-2001 of 2026-03-02 — account B200"));
    for derived in ["RCF-P-3", "FC-A100-2026-02", "P-4"] {
        assert!(creditdesk::read::find_document(&store, derived).is_ok(), "{derived}");
    }
    assert!(creditdesk::read::find_document(&store, "INV-404").is_err());
}

#[test]
fn a_clerk_charging_an_invoice_to_an_account_on_hold_is_told_why() {
    let db = collector_example();
    let mut app = app_as(&db, "clara", "CLERK");
    let effects = press(&mut app, "cINV-9<Tab><Tab><Tab>100<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let s = screen(&app);
    assert!(s.contains("refused: account A100 is ON CREDIT HOLD since 2026-04-02"), "{s}");
    assert!(s.contains("Only a manager may override"), "{s}");
    let app::Mode::Form(f) = &app.mode else { panic!("the form stays open") };
    assert!(!f.confirming && f.fields.iter().all(|x| x.key != "override_hold"), "no reason asked of a clerk");
    // A fee is not an invoice: it goes to the plain question.
    let effects = press(&mut app, "<Esc>cFEE-1<Tab><BS><BS><BS><BS><BS><BS><BS>FEE<Tab><Tab>5<Enter>");
    carry_reads(&mut app, &db, effects);
    assert!(screen(&app).contains("Save this?"));
}

#[test]
fn a_dealer_is_registered_verified_and_applies_for_credit_from_the_console() {
    let db = example();
    let mut app = app_on(&db);
    let mut service = Service::open(&db.path, "tester").unwrap();
    // Enter has every check made before the question; then `y` saves.
    let mut save = |app: &mut App, keys: &str| {
        let fill = keys.strip_suffix('y').expect("ends with y");
        let effects = press(app, fill);
        assert!(carry_reads(app, &db, effects).is_empty(), "{}", screen(app));
        let effects = press(app, "y");
        let [Effect::Write(w)] = effects.as_slice() else { panic!("{effects:?}\n{}", screen(app)) };
        let done = creditdesk::console::write(&mut service, w.clone());
        app::update(app, Action::WriteDone(done.clone()));
        done.unwrap()
    };
    let registered = save(&mut app, "ND400<Tab>Delta Fire & Security<Tab>MO<Tab>Dana Delta<Tab>555-0144<Enter>y");
    assert_eq!(registered, "D400 registered as an APPLICANT");
    // The form fills in the selected account (A100); the cursor starts on the empty notes.
    let verified = save(&mut app, "vcalled the number on file<Tab><BS><BS><BS><BS>D400<Enter>y");
    assert_eq!(verified, "D400: PASSED screen recorded; now VERIFIED");
    // The SSN/EIN shows as typed only while the cursor is in it.
    let effects =
        press(&mut app, "A5000<Tab>ADI; Anixter<Tab>First Bank<Tab>12-3456789<Tab><Tab><BS><BS><BS><BS>D400<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let s = screen(&app);
    assert!(s.contains("Save this?") && s.contains("*****6789") && !s.contains("12-3456789"), "{s}");
    let applied = save(&mut app, "y");
    assert_eq!(applied, "credit application for 5,000.00 recorded (D400)");
    let account = creditdesk::read::account_overview(service.store(), "D400", as_of()).unwrap();
    assert_eq!(account.status, creditdesk::domain::AccountStatus::Verified);
    let application = account.credit_application.unwrap();
    assert_eq!(application.trade_references, vec!["ADI".to_string(), "Anixter".to_string()]);
    assert_eq!(application.gov_id, "*****6789");
}

#[test]
fn disputed_charges_are_marked_and_d_disputes_the_selected_charge() {
    let db = collector_example();
    let mut app = app_on(&db);
    press(&mut app, "2");
    let s = screen(&app);
    let line = s.lines().find(|l| l.contains("REP-3001")).expect("REP-3001 listed");
    assert!(line.trim_end_matches(['│', '"']).trim_end().ends_with("DISP"), "{line}");
    press(&mut app, "1");
    assert!(screen(&app).contains("COLL HOLD DISP"), "C300 has a disputed charge");
    press(&mut app, "2");
    // INV-1001 is not disputed: D says so, d opens the form for it.
    assert!(press(&mut app, "D").is_empty());
    assert!(app.toast.as_deref().unwrap().contains("INV-1001 is not disputed"));
    let effects = press(&mut app, "dshort shipment<Enter>");
    assert!(carry_reads(&mut app, &db, effects).is_empty());
    let effects = press(&mut app, "y");
    let [Effect::Write(w)] = effects.as_slice() else { panic!("{effects:?}") };
    let d = w.get::<creditdesk::service::collections::NewDispute>().expect("a dispute");
    assert_eq!((d.doc_no.as_str(), d.reason.as_str(), d.opened_on), ("INV-1001", "short shipment", as_of()));
    let mut service = Service::open(&db.path, "tester").unwrap();
    let w = app::Write::new(d.clone());
    assert_eq!(creditdesk::console::write(&mut service, w), Ok("INV-1001 disputed from 2026-04-30".to_string()));
}
