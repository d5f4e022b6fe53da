//! RULES.md sections 5 and 6 through the real binary: roles, the audit log, privacy
//! requests (deletion keeps the ledger to the cent and leaves no personal data in the file).

mod common;
use common::Db;

const PERSONAL: [&str; 5] =
    ["Allied Alarm Co", "Dana Whitfield", "(816) 555-0142", "dana@allied-alarm.example", "4410 Troost Ave"];

fn with_contact_details() -> Db {
    let db = Db::with_example("basic");
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute(
        "UPDATE accounts SET contact_name = ?1, phone = ?2, email = ?3, address = ?4 WHERE account_no = 'A100'",
        [PERSONAL[1], PERSONAL[2], PERSONAL[3], PERSONAL[4]],
    )
    .expect("personal data");
    db
}

fn reports(db: &Db) -> String {
    ["2026-02-28", "2026-03-15", "2026-04-30"]
        .iter()
        .flat_map(|d| ["aging", "invoices"].map(|r| db.ok(&["--as-of", d, r, "--format", "csv"])))
        .collect()
}

fn file_bytes(db: &Db) -> Vec<u8> {
    let mut bytes = std::fs::read(&db.path).expect("db file");
    for ext in ["-wal", "-shm"] {
        let mut side = db.path.clone().into_os_string();
        side.push(ext);
        if let Ok(more) = std::fs::read(side) {
            bytes.extend(more);
        }
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn deletion_erases_personal_fields_and_keeps_the_ledger_to_the_cent() {
    let db = with_contact_details();
    let before = reports(&db);
    let bytes = file_bytes(&db);
    assert!(PERSONAL.iter().all(|p| contains(&bytes, p)), "the test data must be in the file first");

    db.ok(&[
        "--as-of",
        "2026-05-01",
        "privacy",
        "open",
        "--kind",
        "DELETION",
        "--account",
        "A100",
        "--requester",
        "Dana Whitfield",
    ]);
    db.ok(&["--as-of", "2026-05-02", "privacy", "verify", "1", "--how", "call-back to the number on file"]);
    let outcome = db.ok(&["--as-of", "2026-05-03", "privacy", "complete", "1"]);
    assert!(outcome.contains("\"kept\"") && outcome.contains("legal retention"), "{outcome}");

    assert_eq!(reports(&db), before, "ledger reports changed after the deletion");
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);").expect("vacuum");
    drop(conn);
    let bytes = file_bytes(&db);
    for p in PERSONAL {
        assert!(!contains(&bytes, p), "{p:?} is still in the database file");
    }
}

#[test]
fn a_clerk_cannot_erase_personal_data_or_manage_operators() {
    let db = with_contact_details();
    db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
    let out =
        db.run_as("casey", &["privacy", "open", "--kind", "DELETION", "--account", "A100", "--requester", "Dana"]);
    assert!(out.status.success(), "a clerk records requests");
    db.ok(&["privacy", "verify", "1", "--how", "photo id"]);
    let fingerprint = db.fingerprint();
    let out = db.run_as("casey", &["privacy", "complete", "1"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("only a manager may erase personal data"), "{err}");
    let out = db.run_as("casey", &["operator", "add", "eve", "--role", "MANAGER"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("only a manager may manage operators"));
    assert_eq!(db.fingerprint(), fingerprint, "a refused command wrote something");
}

#[test]
fn unknown_and_disabled_operators_are_refused() {
    let db = Db::with_example("basic");
    let out = db.run_as("mallory", &["aging"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("operator mallory is not known"));
    db.ok(&["operator", "add", "casey", "--role", "clerk"]);
    db.ok(&["operator", "disable", "casey"]);
    let out = db.run_as("casey", &["aging"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("disabled"));
    let out = db.run(&["operator", "disable", "tester"]);
    assert!(!out.status.success(), "the last manager cannot disable themself");
}

#[test]
fn opt_out_is_honoured_by_the_contact_export() {
    let db = with_contact_details();
    assert!(db.ok(&["contacts", "--format", "csv"]).contains("A100"));
    db.ok(&["privacy", "open", "--kind", "opt-out-marketing", "--account", "A100", "--requester", "Dana Whitfield"]);
    db.ok(&["privacy", "verify", "1", "--how", "e-mail from the address on file"]);
    db.ok(&["privacy", "complete", "1"]);
    let contacts = db.ok(&["contacts", "--format", "csv"]);
    assert!(!contacts.contains("A100") && contacts.contains("B200"), "{contacts}");
}

#[test]
fn access_request_exports_everything_held_as_json() {
    let db = with_contact_details();
    db.ok(&[
        "--as-of",
        "2026-04-30",
        "privacy",
        "open",
        "--kind",
        "ACCESS",
        "--account",
        "A100",
        "--requester",
        "Dana Whitfield",
    ]);
    let out = db.run(&["--as-of", "2026-04-30", "privacy", "complete", "1"]);
    assert!(!out.status.success(), "an unverified request cannot be completed");
    db.ok(&["privacy", "verify", "1", "--how", "call-back"]);
    let out = db.ok(&["--as-of", "2026-04-30", "privacy", "complete", "1"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let export = &json["export"];
    assert_eq!(export["contact"]["email"], PERSONAL[3]);
    assert_eq!(export["account"]["account_no"], "A100");
    let docs: Vec<&str> =
        export["charges"].as_array().expect("charges").iter().filter_map(|c| c["doc_no"].as_str()).collect();
    assert!(docs.contains(&"INV-1001") && docs.contains(&"FC-A100-2026-04"), "{docs:?}");
    assert_eq!(export["balance_as_of_export"], "685.61");
}

#[test]
fn requests_are_due_in_30_days_and_extend_at_most_3_months() {
    let db = Db::with_example("basic");
    let out = db.ok(&[
        "privacy",
        "open",
        "--kind",
        "ACCESS",
        "--account",
        "B200",
        "--requester",
        "R",
        "--received",
        "2026-01-31",
    ]);
    assert!(out.contains("due 2026-03-02"), "{out}");
    let too_far = db.run(&["privacy", "extend", "1", "--to", "2026-05-01", "--reason", "complex"]);
    assert!(!too_far.status.success());
    assert!(String::from_utf8_lossy(&too_far.stderr).contains("at most 3 months"));
    db.ok(&["privacy", "extend", "1", "--to", "2026-04-30", "--reason", "records in storage"]);
    let list = db.ok(&["--as-of", "2026-04-25", "privacy", "list", "--format", "csv"]);
    assert!(list.contains("2026-04-30,OPEN,due_soon"), "{list}");
    let list = db.ok(&["--as-of", "2026-05-01", "privacy", "list", "--format", "csv"]);
    assert!(list.contains("2026-04-30,OPEN,overdue"), "{list}");
}

#[test]
fn the_audit_log_names_who_did_what_and_never_holds_personal_values() {
    let db = with_contact_details();
    db.ok(&[
        "privacy",
        "open",
        "--kind",
        "CORRECTION",
        "--account",
        "A100",
        "--requester",
        "Dana Whitfield",
        "--details",
        "phone=(816) 555-0199",
    ]);
    db.ok(&["privacy", "verify", "1", "--how", "call-back"]);
    db.ok(&["privacy", "complete", "1"]);
    let csv = db.ok(&["audit", "--account", "A100", "--format", "csv"]);
    assert!(csv.contains(",tester,open,privacy_request,1,A100,"), "{csv}");
    assert!(csv.contains(",tester,complete,privacy_request,1,A100,"), "{csv}");
    assert!(!csv.contains("555-0199") && !csv.contains("Dana"), "personal values in the audit log:\n{csv}");
    let all = db.ok(&["audit", "--format", "json"]);
    assert!(all.contains("\"action\": \"import\""));
}
