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
