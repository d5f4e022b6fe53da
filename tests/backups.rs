//! Issue #9: backups made while others write are consistent and checked; a restore
//! refuses to overwrite a newer book unless forced.

mod common;

use common::{Db, BIN};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

fn payments(db_path: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db_path).unwrap();
    conn.query_row("SELECT count(*) FROM payments", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_backup_taken_during_a_loop_of_writes_is_consistent_and_checks_ok() {
    let db = Db::with_example("basic");
    let before = payments(&db.path);
    let done = Arc::new(AtomicBool::new(false));
    // Another process writes payments, one after another, while the backups run.
    let writer = {
        let (path, done) = (db.path.clone(), done.clone());
        std::thread::spawn(move || {
            for i in 0..40 {
                let out = Command::new(BIN)
                    .arg("--db")
                    .arg(&path)
                    .args(["--operator", "tester", "--as-of", "2026-04-30", "payment", "record", "A100"])
                    .args(["--amount", "1", "--method", "WIRE", "--reference", &format!("LOOP-{i}")])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let mut copies = Vec::new();
    while !done.load(Ordering::SeqCst) {
        let copy = db.dir.path().join(format!("copy-{}.db", copies.len()));
        let said = db.ok(&["backup", copy.to_str().unwrap()]);
        assert!(said.contains("the copy checks ok"), "{said}");
        copies.push(copy);
    }
    writer.join().unwrap();
    let after = payments(&db.path);
    assert_eq!(after, before + 40);
    assert!(copies.len() >= 2, "the backups ran while the writer wrote");
    let mut seen = Vec::new();
    for copy in &copies {
        // Each copy is a whole book as of one moment: it checks ok on its own.
        let out = Command::new(BIN).arg("--db").arg(copy).args(["--operator", "tester", "check"]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout), "ok\n", "{}", String::from_utf8_lossy(&out.stderr));
        assert!(!std::path::Path::new(&format!("{}.partial", copy.display())).exists());
        let n = payments(copy);
        assert!((before..=after).contains(&n), "{n}");
        seen.push(n);
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "later copies hold at least as much: {seen:?}");
}

#[test]
fn restore_refuses_to_overwrite_a_newer_book_without_force() {
    let db = Db::with_example("basic");
    let copy = db.dir.path().join("monday.db");
    db.ok(&["backup", copy.to_str().unwrap()]);
    let monday = db.fingerprint();
    db.ok(&[
        "--as-of",
        "2026-04-30",
        "payment",
        "record",
        "A100",
        "--amount",
        "5",
        "--method",
        "WIRE",
        "--reference",
        "TUE-1",
    ]);
    let tuesday = db.fingerprint();

    let out = db.run(&["restore", copy.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "restored over a newer book");
    assert!(err.contains("the book is newer than") && err.contains("--force"), "{err}");
    assert_eq!(db.fingerprint(), tuesday, "nothing changed");

    // A clerk may not restore at all.
    db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
    let out = db.run_as("casey", &["restore", copy.to_str().unwrap(), "--force"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("only a manager may restore the book from a backup"));

    let said = db.ok(&["restore", copy.to_str().unwrap(), "--force"]);
    assert!(said.contains("restored from"), "{said}");
    let restored = db.fingerprint();
    assert_ne!(restored, tuesday);
    assert!(!restored.contains("TUE-1"), "Tuesday's payment is gone");
    assert!(restored.contains("\"restore\""), "the restore is in the audit log");
    // The restored book is Monday's plus the restore's own audit entry, and checks ok.
    assert_eq!(db.ok(&["check"]), "ok\n");
    let _ = monday;
    // Restoring the same backup again is no loss (the book holds nothing the copy lacks
    // but the restore entry itself), so it is refused only without --force.
    assert!(!db.run(&["restore", copy.to_str().unwrap()]).status.success());
}

#[test]
fn restore_of_a_backup_that_is_the_same_book_needs_no_force_and_a_damaged_one_is_refused() {
    let db = Db::with_example("basic");
    let copy = db.dir.path().join("now.db");
    db.ok(&["backup", copy.to_str().unwrap()]);
    db.ok(&["restore", copy.to_str().unwrap()]);
    assert_eq!(db.ok(&["check"]), "ok\n");
    // A backup that was cut in half is refused, and the book is untouched.
    let bytes = std::fs::read(&copy).unwrap();
    std::fs::write(&copy, &bytes[..bytes.len() / 2]).unwrap();
    let before = db.fingerprint();
    let out = db.run(&["restore", copy.to_str().unwrap(), "--force"]);
    assert!(!out.status.success());
    assert_eq!(db.fingerprint(), before);
    assert!(!db.dir.path().join("test.db.restoring").exists(), "the staged copy is removed");
}
