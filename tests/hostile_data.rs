//! Data written by another tool, or crafted to hurt (RULES.md section 9), through the
//! real binary: escape sequences never reach the terminal raw, and a spreadsheet never
//! runs a value of the contact list as a formula.

mod common;

use common::Db;

const TITLE: &str = "\x1b]0;pwned\x07T";
const CLEAR: &str = "\x1b[2JClear";

/// Writes text straight into the file, as another tool (sqlite3) would.
fn sql(db: &Db, statement: &str, params: &[&str]) {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute(statement, rusqlite::params_from_iter(params)).expect(statement);
}

/// The basic example with two names and a document number that hold escape sequences.
fn hostile() -> Db {
    let db = Db::with_example("basic");
    sql(&db, "UPDATE accounts SET name = ?1 WHERE account_no = 'A100'", &[TITLE]);
    sql(
        &db,
        "UPDATE accounts SET name = ?1, phone = '+1 555 0100', email = '=HYPERLINK(\"x\")' WHERE account_no = 'B200'",
        &[CLEAR],
    );
    sql(&db, "UPDATE charges SET doc_no = ?1 WHERE doc_no = 'INV-1001'", &["INV\x1b[31m-1001\u{9b}0m"]);
    db
}

fn assert_no_control_bytes(what: &str, out: &[u8]) {
    let text = String::from_utf8(out.to_vec()).expect("utf-8");
    let bad: Vec<char> = text.chars().filter(|c| creditdesk::domain::text::is_control(*c) && *c != '\n').collect();
    assert!(bad.is_empty(), "{what} wrote control characters {bad:?}:\n{text}");
}

#[test]
fn account_list_as_a_table_shows_escape_sequences_made_visible() {
    let db = hostile();
    let out = db.run(&["--as-of", "2026-04-30", "account", "list"]);
    assert!(out.status.success());
    assert_no_control_bytes("account list", &out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\\u{1b}]0;pwned\\u{7}T"), "{text}");
    assert!(text.contains("\\u{1b}[2JClear"), "{text}");
}

#[test]
fn account_list_as_csv_shows_escape_sequences_made_visible() {
    let db = hostile();
    let out = db.run(&["--as-of", "2026-04-30", "account", "list", "--format", "csv"]);
    assert!(out.status.success());
    assert_no_control_bytes("account list --format csv", &out.stdout);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\\u{1b}]0;pwned\\u{7}T"), "{text}");
    assert_eq!(text.lines().count(), 4, "one line per row:\n{text}");
}

#[test]
fn json_carries_the_exact_value_with_every_control_character_escaped() {
    let db = hostile();
    let out = db.run(&["--as-of", "2026-04-30", "account", "list", "--format", "json"]);
    assert!(out.status.success());
    assert_no_control_bytes("account list --format json", &out.stdout);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let names: Vec<&str> = rows.as_array().unwrap().iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(names.contains(&TITLE) && names.contains(&CLEAR), "exact after decoding: {names:?}");
    let invoices = db.run(&["--as-of", "2026-04-30", "invoices", "--format", "json"]);
    assert_no_control_bytes("invoices --format json", &invoices.stdout);
    let text = String::from_utf8(invoices.stdout).unwrap();
    assert!(text.contains("\\u001b[31m-1001\\u009b0m"), "DEL and C1 escaped too:\n{text}");
}

#[test]
fn reports_and_lists_in_table_and_csv_never_write_a_control_character() {
    let db = hostile();
    db.ok(&[
        "privacy",
        "open",
        "--kind",
        "ACCESS",
        "--account",
        "A100",
        "--requester",
        "Dana",
        "--received",
        "2026-04-01",
    ]);
    sql(&db, "UPDATE privacy_requests SET requester = ?1", &["Dana\x1b[8m"]);
    for args in [
        &["aging"][..],
        &["invoices"],
        &["contacts"],
        &["returned-checks"],
        &["audit"],
        &["privacy", "list"],
        &["account", "show", "A100"],
    ] {
        for format in ["table", "csv"] {
            let mut all = vec!["--as-of", "2026-04-30"];
            all.extend_from_slice(args);
            all.extend(["--format", format]);
            let out = db.run(&all);
            assert!(out.status.success(), "{all:?}: {}", String::from_utf8_lossy(&out.stderr));
            assert_no_control_bytes(&format!("{all:?}"), &out.stdout);
        }
    }
}

#[test]
fn an_error_quoting_a_hostile_value_reaches_the_terminal_made_visible() {
    let db = hostile();
    let out = db.run(&["--as-of", "2026-04-30", "account", "show", "NOPE\x1b[2J"]);
    assert!(!out.status.success());
    assert_no_control_bytes("the error", &out.stderr);
}

#[test]
fn the_contact_list_as_csv_neutralises_formulas_and_nothing_else_changes() {
    let db = hostile();
    let csv = db.ok(&["contacts", "--format", "csv"]);
    let b200 = csv.lines().find(|l| l.starts_with("B200,")).expect("B200 listed");
    assert!(b200.contains(",'+1 555 0100,"), "{b200}");
    assert!(b200.contains("'=HYPERLINK(\"\"x\"\")"), "{b200}");
    // As JSON (for programs, not spreadsheets) the values are exact.
    let json = db.ok(&["contacts", "--format", "json"]);
    assert!(json.contains("\"+1 555 0100\""), "{json}");
    // The report contracts of section 7 are untouched.
    let aging = db.ok(&["--as-of", "2026-04-30", "aging", "--format", "csv"]);
    assert!(!aging.contains('\''), "{aging}");
}

#[test]
fn a_figure_too_large_to_hold_is_an_error_naming_the_account_never_a_wrapped_number() {
    let db = Db::new();
    db.ok(&["init"]);
    let customers = db.write("c.csv", "account_no,name,terms\nBIG1,Huge Co,PREPAY\nOK1,Fine Co,PREPAY\n");
    let invoices = db.write(
        "i.csv",
        "doc_no,account_no,kind,date,amount\nINV-1,BIG1,INVOICE,1990-01-01,99999999999.99\nINV-2,OK1,INVOICE,2026-01-01,10\n",
    );
    db.ok(&["import", "customers", customers.to_str().unwrap()]);
    db.ok(&["import", "invoices", invoices.to_str().unwrap()]);
    for report in ["aging", "invoices"] {
        for format in ["table", "csv", "json"] {
            let out = db.run(&["--as-of", "2099-12-31", report, "--format", format]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{report} {format} printed:\n{}", String::from_utf8_lossy(&out.stdout));
            assert!(err.contains("account BIG1: figure too large"), "{err}");
            assert!(out.stdout.is_empty(), "nothing is printed: {}", String::from_utf8_lossy(&out.stdout));
        }
    }
    // The collector's reports too: an error naming the account, nothing printed.
    for args in [&["today"][..], &["trend"], &["hold", "list"], &["aging", "--account", "BIG1"]] {
        let out = db.run(&[&["--as-of", "2099-12-31"][..], args, &["--format", "csv"]].concat());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success() && err.contains("account BIG1: figure too large"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed: {}", String::from_utf8_lossy(&out.stdout));
    }
    // Ten years on, the same book is exact.
    let csv = db.ok(&["--as-of", "1999-12-31", "aging", "--format", "csv"]);
    assert!(csv.lines().any(|l| l.starts_with("BIG1,")), "{csv}");
}

#[test]
fn a_book_whose_total_cannot_be_held_refuses_the_totals_row_naming_the_column() {
    let db = Db::new();
    db.ok(&["init"]);
    let customers = db.write("c.csv", "account_no,name\nM1,One\nM2,Two\n");
    db.ok(&["import", "customers", customers.to_str().unwrap()]);
    // Two accounts each holding the most one figure can (as a file edited by another tool).
    let invoices =
        db.write("i.csv", "doc_no,account_no,kind,date,amount\nX1,M1,FEE,2026-01-01,1\nX2,M2,FEE,2026-01-01,1\n");
    db.ok(&["import", "invoices", invoices.to_str().unwrap()]);
    sql(&db, "UPDATE charges SET amount_cents = 9223372036854775807", &[]);
    let out = db.run(&["--as-of", "2026-01-01", "aging"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("the total of column current: figure too large"), "{err}");
    // Each row alone is exact, so CSV (no totals row) is written.
    let csv = db.ok(&["--as-of", "2026-01-01", "aging", "--format", "csv"]);
    assert!(csv.contains("M1,92233720368547758.07,"), "{csv}");
    // The trend's month-end sums are the book's: refused, not wrapped (charged on the
    // month end, so no interest makes either account's own figures too large).
    sql(&db, "UPDATE charges SET date = '2026-01-31', due_date = '2026-01-31'", &[]);
    let out = db.run(&["--as-of", "2026-01-31", "trend", "--format", "csv"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("the book's totals over the month ends: figure too large"), "{err}");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_mistyped_db_is_refused_and_nothing_is_created_not_even_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo").join("bokos.db");
    for args in [
        &["aging"][..],
        &["payment", "record", "A100", "--amount", "5", "--method", "WIRE", "--reference", "R1"],
        &["import", "customers", "/dev/null"],
        &["account", "list"],
        &[], // the console, without --demo
    ] {
        let out = std::process::Command::new(common::BIN)
            .arg("--db")
            .arg(&missing)
            .args(["--operator", "tester"])
            .args(args)
            .env_remove("CREDITDESK_DB")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        let want = format!(
            "no database at {}; create it with `creditdesk --db {} init`",
            missing.display(),
            missing.display()
        );
        assert!(err.contains(&want), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed {}", String::from_utf8_lossy(&out.stdout));
        assert!(!missing.parent().unwrap().exists(), "{args:?} created the folder");
    }
    // `init` creates it, folder and all; then the same commands work.
    let out = std::process::Command::new(common::BIN)
        .arg("--db")
        .arg(&missing)
        .args(["--operator", "tester", "init"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(missing.exists());
}

#[test]
fn with_user_unset_and_no_operator_given_nothing_runs_under_a_made_up_name() {
    let db = Db::with_example("basic");
    let before = db.fingerprint();
    for args in [&["payment", "record", "A100", "--amount", "5", "--method", "WIRE", "--reference", "U-1"][..], &[]] {
        let out = std::process::Command::new(common::BIN)
            .arg("--db")
            .arg(&db.path)
            .args(args)
            .env_remove("USER")
            .env_remove("USERNAME")
            .env_remove("LOGNAME")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} ran");
        assert!(err.contains("no operator: $USER") && err.contains("--operator NAME"), "{err}");
    }
    assert_eq!(db.fingerprint(), before);
    assert!(!db.fingerprint().contains("'operator'"));
}
