//! RULES.md section 5: identifiers (SSN/EIN, bank account numbers) appear masked to
//! their last four digits everywhere — every report in every format, every export,
//! the audit log, error messages and every rendered pane — except on a manager's
//! explicit, audited reveal.

mod common;

use common::Db;
use creditdesk::app::{self, Action, App, Pane};
use creditdesk::read::{build_snapshot, load_detail};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

const SSN: &str = "123-45-6789";
const BANK: &str = "First Missouri Bank, account 9876543210";
/// Fragments that would betray either number.
const LEAKS: [&str; 6] = ["123-45", "12345", "123456789", "9876543210", "987654", "45-6789"];

fn assert_masked(what: &str, text: &str) {
    for leak in LEAKS {
        assert!(!text.contains(leak), "{what} shows {leak:?} unmasked:\n{text}");
    }
}

fn example_with_credit_application() -> Db {
    let db = Db::with_example("basic");
    db.ok(&[
        "--as-of",
        "2026-04-01",
        "credit",
        "apply",
        "B200",
        "--requested-limit",
        "5000",
        "--trade-ref",
        "ADI Global, 3 years",
        "--bank-ref",
        BANK,
        "--gov-id",
        SSN,
    ]);
    db
}

#[test]
fn no_report_export_or_log_shows_an_identifier_unmasked() {
    let db = example_with_credit_application();
    let mut outputs = Vec::new();
    for format in ["table", "csv", "json"] {
        for args in [
            vec!["aging"],
            vec!["invoices"],
            vec!["returned-checks"],
            vec!["credit", "list"],
            vec!["account", "list"],
            vec!["audit"],
            vec!["contacts"],
            vec!["privacy", "list"],
        ] {
            let mut full = vec!["--as-of", "2026-04-30"];
            full.extend(args.iter().copied());
            full.extend(["--format", format]);
            let out = db.run(&full);
            outputs.push((format!("{args:?} {format}"), String::from_utf8_lossy(&out.stdout).to_string()));
            outputs.push((format!("{args:?} {format} (stderr)"), String::from_utf8_lossy(&out.stderr).to_string()));
        }
    }
    outputs.push(("account show".into(), db.ok(&["--as-of", "2026-04-30", "account", "show", "B200"])));
    // An access request's export: everything held about the account.
    db.ok(&["privacy", "open", "--kind", "ACCESS", "--account", "B200", "--requester", "owner"]);
    db.ok(&["privacy", "verify", "1", "--how", "call-back"]);
    outputs.push(("access export".into(), db.ok(&["--as-of", "2026-04-30", "privacy", "complete", "1"])));
    // An error message about the application must not echo it either.
    let again = db.run(&[
        "credit",
        "apply",
        "B200",
        "--requested-limit",
        "1",
        "--trade-ref",
        "x",
        "--bank-ref",
        BANK,
        "--gov-id",
        SSN,
    ]);
    outputs.push(("second application refused".into(), String::from_utf8_lossy(&again.stderr).to_string()));

    for (what, text) in &outputs {
        assert_masked(what, text);
    }
    let shown: String = outputs.iter().map(|(_, t)| t.as_str()).collect();
    assert!(shown.contains("6789"), "the last four digits are shown somewhere:\n{shown}");
}

#[test]
fn no_pane_shows_an_identifier_unmasked() {
    let db = example_with_credit_application();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 4, 30).expect("date");
    let store = creditdesk::store::Store::open(&db.path).expect("open");
    let snapshot = build_snapshot(&store, as_of, &AtomicUsize::new(0), &AtomicUsize::new(0)).expect("snapshot");
    let mut app = App::new("basic.db", "tester", creditdesk::service::Role::Manager, as_of);
    app::update(&mut app, Action::SnapshotReady(Arc::new(snapshot)));
    let mut terminal = Terminal::new(TestBackend::new(160, 50)).expect("terminal");
    let mut screens = Vec::new();
    for pane in Pane::ALL {
        app.pane = pane;
        terminal.draw(|f| creditdesk::ui::draw(f, &app)).expect("draw");
        screens.push((format!("{pane:?}"), format!("{:?}", terminal.backend().buffer())));
    }
    let detail = load_detail(&store, "B200", as_of).expect("detail");
    app.pane = Pane::Accounts;
    app::update(&mut app, Action::DetailLoaded(Box::new(detail)));
    terminal.draw(|f| creditdesk::ui::draw(f, &app)).expect("draw");
    screens.push(("account view".into(), format!("{:?}", terminal.backend().buffer())));
    for (what, screen) in &screens {
        assert_masked(what, screen);
    }
}

#[test]
fn a_manager_reveals_an_identifier_and_the_reveal_is_audited_a_clerk_cannot() {
    let db = example_with_credit_application();
    db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
    let refused = db.run_as("casey", &["credit", "reveal", "B200", "gov-id"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only a manager may reveal identifiers"));
    assert_masked("refusal", &String::from_utf8_lossy(&refused.stdout));

    assert_eq!(db.ok(&["credit", "reveal", "B200", "gov-id"]).trim(), SSN);
    assert_eq!(db.ok(&["credit", "reveal", "B200", "bank-reference"]).trim(), BANK);
    let audit = db.ok(&["audit", "--account", "B200", "--format", "csv"]);
    assert_eq!(audit.matches(",tester,reveal,credit_application,").count(), 2, "{audit}");
    assert_masked("audit after reveal", &audit);
}
