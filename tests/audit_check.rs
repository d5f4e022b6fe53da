//! Issue #9: `creditdesk check` — a file whose audit log was emptied, cut or changed with
//! another tool is found, and a file whose audit triggers are missing is not written to.

mod common;

use common::Db;
use creditdesk::store::migrations::MIGRATIONS;

fn sqlite(db: &Db, sql: &str) {
    rusqlite::Connection::open(&db.path).expect("open").execute_batch(sql).expect(sql);
}

/// The trigger's SQL exactly as the migrations created it, to put it back.
const NO_DELETE: &str = "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;";
const NO_UPDATE: &str = "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;";

/// Runs `check`: (exit success, stdout).
fn check(db: &Db) -> (bool, String) {
    let out = db.run(&["check"]);
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

#[test]
fn a_healthy_file_checks_ok_with_exit_0() {
    let db = Db::with_example("credit");
    let (ok, out) = check(&db);
    assert!(ok, "{out}");
    assert_eq!(out, "ok\n");
}

#[test]
fn a_dropped_trigger_is_found_and_the_file_is_not_written_to() {
    let db = Db::with_example("basic");
    sqlite(&db, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log;");
    let (ok, out) = check(&db);
    assert!(!ok, "{out}");
    assert!(out.contains("audit triggers: audit_log_no_delete is missing or changed"), "{out}");
    assert!(out.contains("audit log: it is empty but the book holds"), "{out}");
    assert!(out.contains("check found 2 problem(s)"), "{out}");
    // Writing is refused, and says to run check; nothing changes.
    let before = db.fingerprint();
    let out = db.run(&["payment", "record", "A100", "--amount", "5", "--method", "WIRE", "--reference", "T-1"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the payment was written");
    assert!(err.contains("audit_log_no_delete is missing or changed") && err.contains("check`"), "{err}");
    assert_eq!(db.fingerprint(), before);
    // Reports still read.
    db.ok(&["--as-of", "2026-04-30", "aging"]);
}

#[test]
fn a_trigger_replaced_by_one_that_does_nothing_is_found() {
    let db = Db::with_example("basic");
    sqlite(
        &db,
        "DROP TRIGGER audit_log_no_update;
         CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END;",
    );
    let (ok, out) = check(&db);
    assert!(!ok && out.contains("audit triggers: audit_log_no_update is missing or changed"), "{out}");
}

#[test]
fn a_deleted_middle_entry_is_found() {
    let db = Db::with_example("basic");
    sqlite(&db, &format!("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3; {NO_DELETE}"));
    let (ok, out) = check(&db);
    assert!(!ok, "{out}");
    assert!(out.contains("audit chain: entries 3 to 3 are missing: deleted between entry 2 and entry 4"), "{out}");
    assert!(!out.contains("audit triggers"), "the trigger is back as it was: {out}");
}

#[test]
fn an_altered_entry_is_found() {
    let db = Db::with_example("basic");
    sqlite(
        &db,
        &format!(
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = 'someone else' WHERE id = 2; {NO_UPDATE}"
        ),
    );
    let (ok, out) = check(&db);
    assert!(!ok, "{out}");
    assert!(out.contains("audit chain: entry 2 was changed: its content does not match its hash"), "{out}");
}

#[test]
fn an_altered_entry_whose_hash_was_recomputed_breaks_the_next_link() {
    let db = Db::with_example("basic");
    // Whoever changes entry 2 and gives it a fresh, valid hash still leaves entry 3
    // pointing at the old one.
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch("DROP TRIGGER audit_log_no_update;").unwrap();
    let (prev, fields): (String, [Option<String>; 8]) = conn
        .query_row(
            "SELECT prev_hash, at, 'someone else', action, entity, entity_key, account_no, before, after
             FROM audit_log WHERE id = 2",
            [],
            |r| Ok((r.get(0)?, std::array::from_fn(|i| r.get(i + 1).unwrap()))),
        )
        .unwrap();
    let f: [Option<&str>; 8] = std::array::from_fn(|i| fields[i].as_deref());
    let hash = creditdesk::store::audit::entry_hash(2, f, &prev);
    conn.execute("UPDATE audit_log SET operator = 'someone else', hash = ?1 WHERE id = 2", [hash]).unwrap();
    conn.execute_batch(NO_UPDATE).unwrap();
    drop(conn);
    let (ok, out) = check(&db);
    assert!(!ok, "{out}");
    assert!(out.contains("audit chain: entry 3 does not follow entry 2"), "{out}");
    assert!(!out.contains("entry 2 was changed: its content"), "its own hash is valid: {out}");
}

#[test]
fn an_inserted_entry_is_found() {
    let db = Db::with_example("basic");
    sqlite(
        &db,
        "INSERT INTO audit_log (at, operator, action, entity, prev_hash, hash)
         VALUES ('2026-01-01T00:00:00', 'ghost', 'create', 'operator', 'x', 'y')",
    );
    let (ok, out) = check(&db);
    assert!(!ok, "{out}");
    assert!(out.contains("was changed") || out.contains("does not follow"), "{out}");
}

#[test]
fn a_ledger_that_lost_a_charge_is_found_by_its_foreign_keys_and_a_date_typo_by_its_limits() {
    let db = Db::with_example("basic");
    sqlite(
        &db,
        "PRAGMA foreign_keys = OFF; DELETE FROM accounts WHERE account_no = 'B200';
         UPDATE charges SET date = '0026-03-01' WHERE doc_no = 'INV-1002';",
    );
    let (ok, out) = check(&db);
    assert!(!ok, "{out}");
    assert!(out.contains("foreign keys: charges row"), "{out}");
    assert!(out.contains("dates: charge INV-1002 dated 0026-03-01, outside 1990-01-01..2099-12-31"), "{out}");
}

#[test]
fn an_older_file_has_its_audit_log_chained_on_opening_and_checks_ok() {
    let db = Db::new();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    for sql in &MIGRATIONS[..4] {
        conn.execute_batch(sql).unwrap();
    }
    conn.pragma_update(None, "user_version", 4).unwrap();
    conn.execute_batch(
        "INSERT INTO operators (name, role, created_at) VALUES ('tester', 'MANAGER', '2026-01-01');
         INSERT INTO audit_log (at, operator, action, entity, entity_key) VALUES
           ('2026-01-01T00:00:00', 'tester', 'create', 'operator', 'tester'),
           ('2026-01-02T00:00:00', 'tester', 'import', 'customers', 'c.csv');",
    )
    .unwrap();
    drop(conn);
    let (ok, out) = check(&db);
    assert!(ok, "{out}");
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    let unchained: i64 = conn.query_row("SELECT count(*) FROM audit_log WHERE hash IS NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(unchained, 0);
    // The append-only trigger is back.
    assert!(conn.execute("UPDATE audit_log SET operator = 'x'", []).is_err());
    // New entries extend the chain.
    drop(conn);
    db.ok(&["operator", "add", "pat", "--role", "CLERK"]);
    assert_eq!(check(&db), (true, "ok\n".to_string()));
}
