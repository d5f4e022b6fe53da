//! `migrate`: the demo book copied from a SQLite file into PostgreSQL, with its proof,
//! and the server's book working on from there (issue 14).

mod common;
use common::{pg_server, Backend, Db, BIN};
use std::process::Command;

fn migrate(from: &std::path::Path, to: &str) -> std::process::Output {
    Command::new(BIN)
        .args(["--as-of", "2026-11-23", "migrate", "--from"])
        .arg(from)
        .args(["--to", to])
        .output()
        .expect("run creditdesk")
}

#[test]
fn the_demo_book_migrates_with_its_proof_and_works_on_on_the_server() {
    if pg_server().is_none() {
        return;
    }
    let file = Db::new();
    file.ok(&["--as-of", "2026-11-23", "demo"]);
    let server = Db::on(Backend::Postgres);
    let pg = server.pg.as_ref().expect("a PostgreSQL book");

    let out = migrate(&file.path, &pg.admin);
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}{said}", String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("copied charges: ") && said.contains("proved: the same rows in every table"), "{said}");

    for args in [
        &["--as-of", "2026-11-23", "aging", "--format", "csv"][..],
        &["--as-of", "2026-06-30", "invoices", "--format", "csv"],
        &["account", "list", "--format", "csv"],
        &["--as-of", "2026-11-23", "today", "--format", "csv"],
    ] {
        assert_eq!(server.ok(args), file.ok(args), "{args:?}");
    }

    // A second copy into the same book is refused, writing nothing.
    let audit = server.ok(&["audit", "--format", "csv"]);
    let again = migrate(&file.path, &pg.admin);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a book"));
    assert_eq!(server.ok(&["audit", "--format", "csv"]), audit);

    // New rows take new ids after the copied ones, and the hash chain goes on.
    let account = file.ok(&["account", "list", "--format", "csv"]).lines().nth(1).expect("an account")[..]
        .split(',')
        .next()
        .expect("account number")
        .to_string();
    server.ok(&["payment", "record", &account, "--amount", "5", "--method", "WIRE", "--reference", "AFTER-MIGRATE"]);
    server.ok(&["check"]);
    assert!(server.ok(&["audit", "--format", "csv"]).contains("AFTER-MIGRATE"));
}

#[test]
fn a_mistyped_file_is_refused_naming_it_and_nothing_is_created() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such.db");
    let out = migrate(&missing, "postgresql://nobody@%2Fnowhere/none");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such.db"));
    assert!(!missing.exists());
}
