//! Every list and report shows what existed at the end of the `--as-of` day, as it stood
//! then: returned checks, RMAs, repair tickets, claims, privacy requests.

mod common;
use common::Db;

fn rows(csv: &str) -> Vec<&str> {
    csv.lines().skip(1).collect()
}

#[test]
fn the_returned_checks_report_lists_only_the_checks_returned_by_the_day() {
    // P-3 came back on 2026-02-27.
    let db = Db::with_example("basic");
    let before = db.ok(&["--as-of", "2026-02-26", "returned-checks", "--format", "csv"]);
    assert!(rows(&before).is_empty(), "{before}");
    let table = db.ok(&["--as-of", "2026-02-26", "returned-checks"]);
    assert!(!table.contains("P-3") && table.contains("TOTAL (0 rows)"), "no row, no total:\n{table}");
    let on = db.ok(&["--as-of", "2026-02-27", "returned-checks", "--format", "csv"]);
    assert_eq!(rows(&on), ["P-3,C300,1540.00,2026-02-27,25.00,false"], "{on}");
}

#[test]
fn an_rma_is_listed_from_the_day_it_was_issued_and_received_only_from_its_receipt() {
    let db = Db::with_example("basic");
    db.ok(&["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "KP-100=250.00"]);
    db.ok(&["--as-of", "2026-03-07", "rma", "receive", "RMA-000001"]);
    let list = |day: &str, extra: &[&str]| {
        let mut args = vec!["--as-of", day, "rma", "list", "--format", "csv"];
        args.extend(extra);
        db.ok(&args)
    };
    assert!(rows(&list("2026-02-19", &[])).is_empty());
    let issued = list("2026-03-06", &[]);
    assert_eq!(rows(&issued).len(), 1);
    assert!(issued.contains(",ISSUED,") && !issued.contains("2026-03-07") && !issued.contains("212.50"), "{issued}");
    assert!(rows(&list("2026-03-06", &["--status", "RECEIVED"])).is_empty(), "not received yet on that day");
    let received = list("2026-03-07", &[]);
    assert!(received.contains(",RECEIVED,") && received.contains("212.50"), "{received}");
}

#[test]
fn a_repair_ticket_is_listed_from_the_day_it_was_opened_and_closed_from_the_day_it_closed() {
    let db = Db::with_example("basic");
    db.ok(&[
        "repair",
        "open",
        "T-9",
        "--account",
        "A100",
        "--manufacturer",
        "DSC",
        "--model",
        "PC1616",
        "--serial",
        "S9",
        "--fault",
        "dead",
        "--date",
        "2026-03-01",
    ]);
    for _ in 0..3 {
        db.ok(&["repair", "advance", "T-9"]);
    }
    db.ok(&["repair", "close", "T-9", "--date", "2026-03-20"]);
    let list = |day: &str| db.ok(&["--as-of", day, "repair", "list", "--format", "csv"]);
    assert!(rows(&list("2026-02-28")).is_empty());
    let open = list("2026-03-19");
    assert!(open.contains("SHIPPED_TO_CUSTOMER") && !open.contains("REP-T-9"), "{open}");
    let closed = list("2026-03-20");
    assert!(closed.contains("CLOSED") && closed.contains("REP-T-9"), "{closed}");
}

#[test]
fn a_claim_is_listed_from_the_day_it_was_reported_and_open_until_resolved() {
    let db = Db::with_example("basic");
    db.ok(&[
        "claim",
        "open",
        "INV-1002",
        "--received",
        "2026-02-16",
        "--reported",
        "2026-02-17",
        "--reason",
        "WRONG_PRODUCT",
        "--value",
        "50.00",
        "--description",
        "wrong keypad",
    ]);
    db.ok(&["claim", "resolve", "NC-000001", "--remedy", "FULL_CREDIT", "--date", "2026-02-24"]);
    let list = |day: &str, open: bool| {
        let mut args = vec!["--as-of", day, "claim", "list", "--format", "csv"];
        if open {
            args.push("--open");
        }
        db.ok(&args)
    };
    assert!(rows(&list("2026-02-16", false)).is_empty());
    assert_eq!(rows(&list("2026-02-23", true)).len(), 1, "open on the 23rd");
    assert!(list("2026-02-23", false).contains(",OPEN,"));
    assert!(rows(&list("2026-02-24", true)).is_empty(), "resolved on the 24th");
    assert!(list("2026-02-24", false).contains(",RESOLVED,"));
}

#[test]
fn a_privacy_request_is_listed_from_the_day_it_was_received_and_closed_from_its_closing() {
    let db = Db::with_example("basic");
    db.ok(&["--as-of", "2026-04-01", "privacy", "open", "--kind", "ACCESS", "--account", "A100", "--requester", "Pat"]);
    db.ok(&["--as-of", "2026-04-03", "privacy", "verify", "1", "--how", "call-back"]);
    db.ok(&["--as-of", "2026-04-10", "privacy", "complete", "1"]);
    let list = |day: &str| db.ok(&["--as-of", day, "privacy", "list", "--format", "csv"]);
    assert!(rows(&list("2026-03-31")).is_empty());
    assert!(list("2026-04-02").contains(",OPEN,"));
    assert!(list("2026-04-09").contains(",VERIFIED,"));
    assert!(list("2026-04-10").contains(",COMPLETED,"));
}
