//! Opening something that is not a creditdesk database is a clear error, not a crash.

mod common;
use common::Db;

#[test]
fn a_file_that_is_not_sqlite_is_refused_clearly() {
    let db = Db::new();
    std::fs::write(
        &db.path,
        b"this is a spreadsheet, not a database ..........................................................",
    )
    .expect("write");
    let out = db.run(&["aging"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("is not a creditdesk database"), "{err}");
}

#[test]
fn a_database_from_a_newer_build_is_refused() {
    let db = Db::with_example("basic");
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.pragma_update(None, "user_version", 999).expect("bump");
    drop(conn);
    let err = String::from_utf8_lossy(&db.run(&["aging"]).stderr).to_string();
    assert!(err.contains("newer creditdesk"), "{err}");
}

#[cfg(not(feature = "encryption"))]
#[test]
fn a_key_without_the_encryption_feature_is_refused_not_ignored() {
    let db = Db::new();
    let out = std::process::Command::new(common::BIN)
        .arg("--db")
        .arg(&db.path)
        .args(["--operator", "tester", "init"])
        .env("CREDITDESK_KEY", "k")
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("built without encryption"));
}

// Issue #9: every way a file can be wrong has its own message, never the migration SQL.

fn stderr_of(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "{args:?} succeeded");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn no_sql(err: &str) {
    assert!(!err.contains("CREATE TABLE") && !err.contains("CREATE TRIGGER"), "SQL in the message: {err}");
}

#[test]
fn a_file_cut_in_half_is_called_damaged() {
    let db = Db::new();
    db.ok(&["--as-of", "2026-04-30", "demo", "--accounts", "200"]);
    let bytes = std::fs::read(&db.path).unwrap();
    std::fs::write(&db.path, &bytes[..bytes.len() / 2]).unwrap();
    let err = stderr_of(&db, &["aging"]);
    assert!(err.contains("is damaged") && err.contains("backup"), "{err}");
    assert!(!err.contains("encrypted"), "{err}");
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_untouched() {
    let db = Db::new();
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('bread');").unwrap();
    drop(conn);
    let before = db.fingerprint();
    let err = stderr_of(&db, &["init"]);
    assert!(err.contains("is not a creditdesk database: it is a SQLite database of another program"), "{err}");
    assert_eq!(db.fingerprint(), before, "no table was added to it");
}

#[test]
fn a_negative_schema_version_is_named_as_it_is() {
    let db = Db::with_example("basic");
    rusqlite::Connection::open(&db.path).unwrap().pragma_update(None, "user_version", -1).unwrap();
    let err = stderr_of(&db, &["aging"]);
    assert!(err.contains("has schema version -1, which no creditdesk writes"), "{err}");
    assert!(!err.contains("18446744073709551615"), "{err}");
}

#[test]
fn a_partly_upgraded_file_says_so_without_the_migration_sql() {
    let db = Db::with_example("basic");
    rusqlite::Connection::open(&db.path).unwrap().pragma_update(None, "user_version", 2).unwrap();
    let err = stderr_of(&db, &["aging"]);
    assert!(err.contains("says it has schema version 2, but bringing it to version 3 failed"), "{err}");
    assert!(err.contains("already exists") && err.contains("restore a backup"), "{err}");
    no_sql(&err);
    let newer = Db::with_example("basic");
    rusqlite::Connection::open(&newer.path).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let err = stderr_of(&newer, &["aging"]);
    assert!(err.contains("schema version 99, made by a newer creditdesk"), "{err}");
}

#[test]
fn a_write_meeting_a_busy_database_waits_saying_so_then_gives_up_writing_nothing() {
    let db = Db::with_example("basic");
    let before = db.fingerprint();
    let holder = rusqlite::Connection::open(&db.path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let started = std::time::Instant::now();
    let out = db
        .command("tester")
        .args(["payment", "record", "A100", "--amount", "5", "--method", "WIRE", "--reference", "BUSY-1"])
        .env("CREDITDESK_BUSY_TIMEOUT", "2")
        .output()
        .unwrap();
    let waited = started.elapsed();
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "written while another held the lock");
    assert!(err.contains("the database is busy: another program is writing to it; waiting up to 2 s"), "{err}");
    assert!(err.contains("stayed busy for 2 s") && err.contains("nothing was written"), "{err}");
    assert!(waited >= std::time::Duration::from_secs(2), "gave up after {waited:?}");
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn a_write_that_waits_goes_through_once_the_other_program_is_done() {
    let db = Db::with_example("basic");
    let holder = rusqlite::Connection::open(&db.path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(800));
        holder.execute_batch("COMMIT;").unwrap();
    });
    let out = db
        .command("tester")
        .args(["payment", "record", "A100", "--amount", "5", "--method", "WIRE", "--reference", "BUSY-2"])
        .env("CREDITDESK_BUSY_TIMEOUT", "30")
        .output()
        .unwrap();
    release.join().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("waiting up to 30 s"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("payment BUSY-2"));
}
