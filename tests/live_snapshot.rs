//! The console's figures kept current from the change feed: a change re-reads only the
//! accounts and lists it names, and the snapshot patched with it is the snapshot built
//! afresh.

mod common;

use common::{day, Db};
use creditdesk::read::{build_snapshot, changes_since, Changes, Snapshot};
use creditdesk::store::Store;
use std::sync::atomic::AtomicUsize;

fn build(db: &Db, as_of: &str) -> Snapshot {
    let store = Store::open(&db.path).unwrap();
    build_snapshot(&store, day(as_of), &AtomicUsize::new(0), &AtomicUsize::new(0)).unwrap()
}

/// What a snapshot shows, less what differs only by when it was read.
fn shown(s: &Snapshot) -> String {
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{}\n{:?}\n{:?}",
        s.accounts,
        s.charges,
        s.bucket_totals,
        s.collections,
        s.returned_checks,
        s.tickets,
        s.rmas,
        s.privacy,
        s.audit_total,
        s.today,
        s.trend
    )
}

fn delta(db: &Db, s: &Snapshot) -> Changes {
    changes_since(&Store::open(&db.path).unwrap(), s.seen, s.as_of.unwrap()).unwrap()
}

#[test]
fn a_payment_re_reads_its_account_only_and_patches_in_as_a_fresh_build() {
    let db = Db::with_example("basic");
    let mut s = build(&db, "2026-04-30");
    assert!(matches!(delta(&db, &s), Changes::None), "nothing changed yet");
    db.pay("A100", "600", "WIRE", "W-1");
    let Changes::Delta(d) = delta(&db, &s) else { panic!("a payment is patched in") };
    let names: Vec<&str> = d.accounts.iter().map(|(no, _)| no.as_str()).collect();
    assert_eq!(names, ["A100"]);
    assert!(d.returned_checks.is_none() && d.tickets.is_none() && d.rmas.is_none() && d.privacy.is_none());
    assert_eq!(d.audit.len(), 1);
    s.apply(*d).unwrap();
    let fresh = build(&db, "2026-04-30");
    assert_eq!(shown(&s), shown(&fresh));
    assert_eq!(s.seen, fresh.seen);
    assert!(!s.accounts[0].collections || fresh.accounts[0].collections, "the flags follow");
}

#[test]
fn a_returned_check_a_new_account_and_its_charge_patch_in_as_a_fresh_build() {
    let db = Db::with_example("basic");
    let mut s = build(&db, "2026-04-30");
    db.pay("B200", "10", "CHECK", "CK-7");
    db.ok(&["--as-of", "2026-04-30", "check", "return", "CK-7"]);
    db.ok(&["account", "register", "E500", "--name", "Eagle Eye Alarms"]);
    let Changes::Delta(d) = delta(&db, &s) else { panic!("patched in") };
    let names: Vec<&str> = d.accounts.iter().map(|(no, _)| no.as_str()).collect();
    assert_eq!((names, d.audit.len()), (vec!["B200", "E500"], 3), "three changes, two accounts");
    s.apply(*d).unwrap();
    assert!(matches!(delta(&db, &s), Changes::None));
    let fresh = build(&db, "2026-04-30");
    assert_eq!(shown(&s), shown(&fresh));
    assert!(s.account_index("E500").is_some());
    assert_eq!(s.returned_checks.len(), 2);
}

#[test]
fn an_import_or_a_setting_is_taken_in_by_a_whole_recompute() {
    let db = Db::with_example("basic");
    let s = build(&db, "2026-04-30");
    let file = db.write("more.csv", "account_no,name\nF600,Falcon Fire\n");
    db.ok(&["import", "customers", file.to_str().unwrap()]);
    assert!(matches!(delta(&db, &s), Changes::Everything(e) if e.len() == 1));
}

#[test]
fn a_completed_deletion_erases_the_name_on_screen_too() {
    let db = Db::with_example("basic");
    db.ok(&[
        "--as-of",
        "2026-04-20",
        "privacy",
        "open",
        "--kind",
        "DELETION",
        "--account",
        "B200",
        "--requester",
        "Bea",
    ]);
    db.ok(&["--as-of", "2026-04-21", "privacy", "verify", "1", "--how", "call-back"]);
    let mut s = build(&db, "2026-04-30");
    let name = |s: &Snapshot| s.accounts[s.account_index("B200").unwrap()].name.clone();
    assert_eq!(name(&s), "Beacon Security LLC");
    db.ok(&["--as-of", "2026-04-30", "privacy", "complete", "1"]);
    let Changes::Delta(d) = delta(&db, &s) else { panic!("patched in") };
    assert!(d.privacy.is_some());
    s.apply(*d).unwrap();
    assert_ne!(name(&s), "Beacon Security LLC");
    assert_eq!(shown(&s), shown(&build(&db, "2026-04-30")));
}

#[test]
fn a_back_dated_payment_a_note_and_a_dispute_patch_today_the_holds_and_the_trend_as_a_fresh_build() {
    let db = Db::with_example("basic");
    let mut s = build(&db, "2026-04-30");
    let before = s.trend.clone();
    assert!(s.today.iter().any(|l| l.account_no == "A100" && l.kind.as_str() == "CREDIT_HOLD"), "{:?}", s.today);
    // Paid in full, dated back in March: A100 leaves the hold, and the month ends from
    // March on move.
    let pay = ["payment", "record", "A100", "--amount", "1000", "--method", "WIRE", "--reference", "W-BACK"];
    db.ok(&[&["--as-of", "2026-04-30"][..], &pay, &["--date", "2026-03-15"]].concat());
    db.ok(&["--as-of", "2026-04-30", "note", "add", "C300", "--text", "left a message", "--next", "2026-04-30"]);
    db.ok(&["--as-of", "2026-04-30", "dispute", "open", "REP-3001", "--reason", "never repaired"]);
    let Changes::Delta(d) = delta(&db, &s) else { panic!("patched in") };
    let names: Vec<&str> = d.accounts.iter().map(|(no, _)| no.as_str()).collect();
    assert_eq!(names, ["A100", "C300"]);
    s.apply(*d).unwrap();
    let fresh = build(&db, "2026-04-30");
    assert_eq!(shown(&s), shown(&fresh));
    assert_ne!(s.trend, before, "the trend moved");
    assert!(s.today.iter().any(|l| l.account_no == "C300" && l.kind.as_str() == "NEXT_ACTION"), "{:?}", s.today);
}

#[test]
fn an_account_leaves_collections_another_enters_and_one_is_added_as_a_fresh_build() {
    let db = Db::with_example("basic");
    let mut s = build(&db, "2026-04-30");
    let &i = s.collections.first().expect("the example has an account in collections");
    let leaving = s.accounts[i].account_no.clone();
    let owed = s.accounts[i].balance.to_string();
    let entering = s
        .accounts
        .iter()
        .enumerate()
        .find(|(j, a)| !s.collections.contains(j) && a.status.as_str() == "ACTIVE")
        .map(|(_, a)| a.account_no.clone())
        .expect("an active account out of collections");
    // The first pays all it owes; the second is charged a fee due four months before.
    db.pay(&leaving, &owed, "WIRE", "W-ALL");
    db.ok(&[
        "--as-of",
        "2026-04-30",
        "charge",
        "add",
        &entering,
        "--doc-no",
        "FEE-OLD",
        "--kind",
        "FEE",
        "--amount",
        "40",
        "--date",
        "2026-01-02",
    ]);
    // And an account numbered before every other: each place in the list moves by one.
    db.ok(&["account", "register", "A000", "--name", "Aardvark Alarms"]);
    let Changes::Delta(d) = delta(&db, &s) else { panic!("patched in") };
    s.apply(*d).unwrap();
    let fresh = build(&db, "2026-04-30");
    assert_eq!(shown(&s), shown(&fresh));
    let listed = |no: &str| s.collections.iter().any(|&k| s.accounts[k].account_no == no);
    assert!(!listed(&leaving) && listed(&entering), "{leaving} left, {entering} entered: {:?}", s.collections);
}
