//! Issue #9, RULES.md section 5: a deletion erases personal values wherever they were
//! copied (a correction request's details included), and an access export holds every
//! table that refers to the account.

mod common;

use common::Db;

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// Opens, verifies and completes a request of `kind` for A100; returns what `complete` printed.
fn request(db: &Db, kind: &str, details: Option<&str>) -> String {
    let mut open = vec!["--as-of", "2026-05-01", "privacy", "open", "--kind", kind, "--account", "A100"];
    open.extend(["--requester", "Dana Whitfield"]);
    if let Some(d) = details {
        open.extend(["--details", d]);
    }
    let said = db.ok(&open);
    let id = said.split_whitespace().nth(2).expect("privacy request N").to_string();
    db.ok(&["--as-of", "2026-05-02", "privacy", "verify", &id, "--how", "call-back"]);
    db.ok(&["--as-of", "2026-05-03", "privacy", "complete", &id])
}

fn file_bytes(db: &Db) -> Vec<u8> {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);").expect("vacuum");
    drop(conn);
    std::fs::read(&db.path).expect("db file")
}

fn holds(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_deletion_erases_the_values_an_earlier_correction_request_set() {
    let db = Db::with_example("basic");
    let (phone, email) = ("(816) 555-7777", "dana.new@allied.example");
    request(&db, "CORRECTION", Some(&format!("phone={phone}; email={email}")));
    db.ok(&["--as-of", "2026-04-20", "note", "add", "A100", "--text", "Dana Whitfield: pays on the 25th"]);
    assert!(holds(&file_bytes(&db), phone) && holds(&file_bytes(&db), email), "the correction is in the file");
    let outcome = request(&db, "DELETION", None);
    assert!(outcome.contains("the details of its privacy requests"), "{outcome}");
    let bytes = file_bytes(&db);
    assert!(!holds(&bytes, phone), "the corrected phone is still in the file");
    assert!(!holds(&bytes, email), "the corrected e-mail is still in the file");
    assert!(!holds(&bytes, "Dana Whitfield: pays"), "a note's text is still in the file");
    let notes = db.ok(&["--as-of", "2026-04-30", "note", "list", "A100", "--format", "csv"]);
    assert!(notes.contains("2026-04-20,CALL,,tester,(erased)"), "the note stays, its text erased: {notes}");
    // Nor does the next access export carry them.
    let export = request(&db, "ACCESS", None);
    assert!(!export.contains(phone) && !export.contains(email), "{export}");
}

/// Which part of the access export holds each table that refers to an account.
const EXPORTED_AS: [(&str, &str); 20] = [
    ("accounts", "account"),
    ("charges", "charges"),
    ("payments", "payments"),
    ("returned_checks", "returned_checks"),
    ("privacy_requests", "privacy_requests"),
    ("credit_applications", "credit_applications"),
    ("dealer_verifications", "verifications"),
    ("tax_exemptions", "tax_exemption"),
    ("repair_tickets", "repair_tickets"),
    ("rmas", "rmas"),
    ("rma_lines", "rmas"),
    ("claims", "claims"),
    ("nonstock_items", "nonstock_items"),
    ("agency_placements", "agency_placements"),
    ("dunning_letters", "dunning_letters"),
    ("disputes", "disputes"),
    ("notes", "notes"),
    ("promises", "promises"),
    ("hold_overrides", "hold_overrides"),
    ("audit_log", "audit_trail"),
];

#[test]
fn the_access_export_holds_every_table_that_refers_to_the_account() {
    let db = Db::with_example("basic");
    let a = |args: &[&str]| {
        db.ok(args);
    };
    a(&[
        "credit",
        "apply",
        "A100",
        "--requested-limit",
        "1000",
        "--trade-ref",
        "x",
        "--bank-ref",
        "y",
        "--gov-id",
        "12-3456789",
    ]);
    // A100 was verified before it became active (the console verifies only applicants).
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute_batch(
            "INSERT INTO dealer_verifications (account_id, representative, screened_on, outcome, recorded_by)
             SELECT id, 'Robin', '2025-12-01', 'PASSED', 'tester' FROM accounts WHERE account_no = 'A100'",
        )
        .unwrap();
    a(&["--as-of", "2026-03-12", "check", "return", "P-1"]);
    a(&["exemption", "set", "A100", "--number", "MO-1", "--certificate-on-file", "--expires", "2027-03-20"]);
    a(&[
        "--as-of",
        "2026-03-01",
        "repair",
        "open",
        "T-1",
        "--account",
        "A100",
        "--manufacturer",
        "DSC",
        "--model",
        "PC1864",
        "--serial",
        "8",
        "--fault",
        "no AC",
    ]);
    a(&["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "KP-100 keypad=50.00"]);
    a(&[
        "claim",
        "open",
        "INV-1002",
        "--received",
        "2026-03-06",
        "--reported",
        "2026-03-09",
        "--reason",
        "MISLABELED",
        "--value",
        "25",
        "--description",
        "box says DK-100",
    ]);
    a(&["nonstock", "receive", "A100", "--description", "Bosch B9512G", "--vendor", "Bosch", "--date", "2026-03-01"]);
    // Before the dispute below, while A100 is on credit hold.
    a(&["--as-of", "2026-04-20", "note", "add", "A100", "--text", "Pat will call back"]);
    a(&["--as-of", "2026-04-20", "promise", "add", "A100", "--amount", "100", "--date", "2026-04-25"]);
    a(&[
        "--as-of",
        "2026-04-29",
        "charge",
        "add",
        "A100",
        "--doc-no",
        "INV-1003",
        "--kind",
        "INVOICE",
        "--amount",
        "10",
        "--override-hold",
        "x",
    ]);
    let letters = db.path.parent().expect("folder").join("letters");
    a(&["--as-of", "2026-04-15", "dunning", "run", "--out", letters.to_str().expect("path")]);
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute_batch(
            "INSERT INTO disputes (account_id, doc_no, reason, opened_on, opened_by)
             SELECT id, 'INV-1001', 'price agreed lower', '2026-04-01', 'tester' FROM accounts WHERE account_no = 'A100'",
        )
        .unwrap();
    a(&["--as-of", "2026-04-30", "collections", "place", "A100", "--agency", "Midwest Recovery", "--amount", "100"]);
    let export = json(&request(&db, "ACCESS", None));
    let export = export.get("export").unwrap_or(&export);

    // Every table with an account column (directly, or through its parent) is mapped.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let tables: Vec<String> = conn
        .prepare(
            "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND EXISTS
               (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name IN ('account_id', 'account_no', 'payment_id', 'rma_id'))",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for table in &tables {
        let part = EXPORTED_AS.iter().find(|(t, _)| t == table).map(|(_, p)| *p);
        let part = part.unwrap_or_else(|| panic!("table {table} refers to accounts but is not in the access export"));
        let held = &export[part];
        let empty = held.is_null() || held.as_array().is_some_and(|a| a.is_empty());
        assert!(!empty, "{part} (table {table}) is empty in the export:\n{export:#}");
    }
    // Identifiers stay masked.
    let text = export.to_string();
    assert!(!text.contains("3456789") && text.contains("6789"), "{text}");
}
