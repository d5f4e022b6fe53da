//! Encryption at rest (the `encryption` feature, SQLCipher): without the key, or with a
//! wrong one, opening is a clear error, never a crash or a silent empty database.
#![cfg(feature = "encryption")]

mod common;
use std::process::Command;

fn run(db: &std::path::Path, key: Option<&str>, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new(common::BIN);
    cmd.arg("--db").arg(db).args(["--operator", "tester"]).args(args).env_remove("CREDITDESK_DB");
    match key {
        Some(k) => cmd.env("CREDITDESK_KEY", k),
        None => cmd.env_remove("CREDITDESK_KEY"),
    };
    cmd.output().expect("run")
}

#[test]
fn an_encrypted_database_opens_only_with_its_key() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("secret.db");
    let customers = common::examples_dir().join("basic/customers.csv");
    // Only `init` creates a database (issue 9): a mistyped --db is refused.
    let out = run(&db, Some("correct horse"), &["init"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&db, Some("correct horse"), &["import", "customers", customers.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let raw = std::fs::read(&db).expect("file");
    assert!(!raw.windows(15).any(|w| w == b"Allied Alarm Co"), "plain text in an encrypted file");
    assert!(!raw.starts_with(b"SQLite format 3"), "the header is not encrypted");

    let out = run(&db, None, &["aging"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("CREDITDESK_KEY"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&db, Some("wrong"), &["aging"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("wrong key"));
    let out = run(&db, Some("correct horse"), &["--as-of", "2026-04-30", "aging", "--format", "csv"]);
    assert!(out.status.success());
}
