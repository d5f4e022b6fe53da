//! RULES.md section 6 through the real binary: a clerk's attempt at a manager's act
//! fails with a clear message, exits non-zero and writes nothing — whichever command it
//! comes through. The same acts succeed for a manager.

mod common;
use common::Db;

/// The worked example, a clerk `casey`, a pending credit application, a returned-check
/// candidate (P-1 is a CHECK), a repair ticket, a privacy deletion request ready to
/// complete and a suspended account (C300).
fn setup() -> Db {
    let db = Db::with_example("basic");
    db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
    db.ok(&[
        "--as-of",
        "2026-04-01",
        "credit",
        "apply",
        "B200",
        "--requested-limit",
        "5000",
        "--trade-ref",
        "ADI",
        "--bank-ref",
        "Commerce Bank",
        "--gov-id",
        "12-3456789",
    ]);
    db.ok(&[
        "--as-of",
        "2026-04-02",
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
        "S1",
        "--fault",
        "dead",
        "--oversized",
    ]);
    db.ok(&["privacy", "open", "--kind", "DELETION", "--account", "C300", "--requester", "owner"]);
    db.ok(&["privacy", "verify", "1", "--how", "call-back"]);
    // A suspended account, to reinstate.
    db.ok(&["account", "suspend", "C300", "--reason", "past 60 days"]);
    db
}

/// (what the refusal names, the command)
fn managers_acts() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("approve", vec!["--as-of", "2026-04-05", "credit", "approve", "B200", "--limit", "5000"]),
        ("waive", vec!["--as-of", "2026-04-05", "check", "return", "P-1", "--waive", "good customer"]),
        ("waive", vec!["repair", "waive", "T-1", "--reason", "warranty goodwill"]),
        (
            "place",
            vec![
                "--as-of",
                "2026-04-30",
                "collections",
                "place",
                "A100",
                "--agency",
                "Midwest Recovery",
                "--amount",
                "513.81",
            ],
        ),
        ("reveal", vec!["credit", "reveal", "B200", "gov-id"]),
        (
            "waive the card surcharge",
            vec![
                "payment",
                "record",
                "A100",
                "--amount",
                "50",
                "--method",
                "CARD",
                "--reference",
                "P-77",
                "--waive-surcharge",
                "price match",
            ],
        ),
        ("erase", vec!["privacy", "complete", "1"]),
        ("operator", vec!["operator", "set-role", "casey", "MANAGER"]),
        // RULES 10: every manager's act of the corrections table.
        ("void a payment", vec!["payment", "void", "P-4", "--reason", "entered twice"]),
        ("void a charge", vec!["charge", "void", "INV-2001", "--reason", "never shipped"]),
        ("waive a returned-check fee", vec!["check", "waive", "P-3", "--reason", "bank error"]),
        ("write off", vec!["writeoff", "C300", "--date", "2026-04-30", "--reason", "bankrupt"]),
        // B200's P-2 (480.00) is credit once INV-2001 is void.
        (
            "refund a credit",
            vec![
                "refund",
                "B200",
                "--amount",
                "100",
                "--method",
                "CHECK",
                "--reference",
                "CK-1",
                "--date",
                "2026-04-30",
            ],
        ),
        ("suspend", vec!["account", "suspend", "A100", "--reason", "no pay", "--date", "2026-04-30"]),
        ("reinstate", vec!["account", "activate", "C300", "--date", "2026-05-01"]),
        ("change a credit limit", vec!["credit", "limit", "A100", "--amount", "7500"]),
        ("take NET30", vec!["credit", "revoke", "A100", "--reason", "slow payer"]),
        ("rate cap", vec!["credit", "cap", "A100", "--pct", "12"]),
        ("change the settings", vec!["settings", "set", "retention_years", "10"]),
        ("card surcharge", vec!["settings", "set", "card_surcharge_pct", "2.5"]),
        ("state rate caps", vec!["settings", "state-cap", "MO", "--pct", "9"]),
        ("recall", vec!["collections", "recall", "A100", "--reason", "paid in full"]),
        ("close", vec!["account", "close", "B200", "--reason", "retired", "--date", "2026-05-02"]),
    ]
}

#[test]
fn a_clerk_is_refused_every_managers_act_and_nothing_is_written() {
    let db = setup();
    for (what, args) in managers_acts() {
        let before = db.fingerprint();
        let out = db.run_as("casey", &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded for a clerk");
        assert!(err.contains("only a manager may") && err.contains(what), "{args:?}: unclear refusal: {err}");
        assert_eq!(db.fingerprint(), before, "{args:?} wrote something for a clerk");
    }
}

#[test]
fn a_manager_may_do_each_of_them_and_each_is_in_the_audit_log() {
    let db = setup();
    for (_, args) in managers_acts() {
        let before = db.ok(&["audit", "--format", "csv"]).lines().count();
        let out = db.run(&args);
        assert!(out.status.success(), "{args:?} failed for a manager: {}", String::from_utf8_lossy(&out.stderr));
        let after = db.ok(&["audit", "--format", "csv"]).lines().count();
        assert!(after > before, "{args:?} left no audit entry");
    }
}

#[test]
fn the_clerks_acts_of_section_10_are_the_clerks_and_audited() {
    let db = setup();
    for args in [
        vec!["account", "edit", "A100", "--phone", "314-555-0100"],
        vec!["repair", "cancel", "T-1", "--reason", "customer fixed it"],
    ] {
        let before = db.ok(&["audit", "--format", "csv"]).lines().count();
        let out = db.run_as("casey", &args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(db.ok(&["audit", "--format", "csv"]).lines().count() > before, "{args:?} left no audit entry");
    }
}

#[test]
fn a_clerk_records_everyday_work_through_the_same_commands() {
    let db = setup();
    let clerk = |args: &[&str]| {
        let out = db.run_as("casey", args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let paid = clerk(&[
        "--as-of",
        "2026-04-30",
        "payment",
        "record",
        "A100",
        "--amount",
        "100",
        "--method",
        "card",
        "--reference",
        "P-9",
    ]);
    assert!(paid.contains("card surcharge SUR-P-9 3.00"), "{paid}");
    // B200, not A100: A100 is on credit hold (in collections) as of 2026-04-30, and a
    // new invoice to it is refused (RULES 11; tests/collections_work.rs).
    clerk(&[
        "--as-of",
        "2026-04-30",
        "charge",
        "add",
        "B200",
        "--doc-no",
        "INV-1003",
        "--kind",
        "invoice",
        "--amount",
        "75",
    ]);
    clerk(&["--as-of", "2026-04-12", "check", "return", "P-1"]);
    for _ in 0..3 {
        clerk(&["repair", "advance", "T-1"]);
    }
    clerk(&["repair", "charges", "T-1", "--oversized", "--freight-in", "12.50", "--manufacturer-charge", "80"]);
    let closed = clerk(&["--as-of", "2026-04-20", "repair", "close", "T-1"]);
    assert!(closed.contains("REP-T-1 charged 117.50"), "25.00 bulky handling + 12.50 + 80.00: {closed}");
    let invoices = db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"]);
    for doc in ["SUR-P-9", "INV-1003", "RCF-P-1", "REP-T-1"] {
        assert!(invoices.contains(doc), "{doc} missing:\n{invoices}");
    }
    let audit = db.ok(&["audit", "--format", "csv"]);
    assert!(audit.contains(",casey,record,payment,P-9,A100,"), "{audit}");
}
