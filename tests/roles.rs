//! RULES.md section 6 through the real binary: a clerk's attempt at a manager's act
//! fails with a clear message, exits non-zero and writes nothing — whichever command it
//! comes through. The same acts succeed for a manager. On each backend: on PostgreSQL
//! the clerk and the manager are logins granted their roles by `server grant`, so the
//! server's rights (src/store/pg/grants.sql) must let each do all of its acts.

mod common;
use common::{backends, Backend, Db};

/// The worked example, a clerk `casey`, a pending credit application, a returned-check
/// candidate (P-1 is a CHECK), a repair ticket, a privacy deletion request ready to
/// complete and a suspended account (C300).
fn setup(backend: Backend) -> Db {
    let db = Db::with_example_on(backend, "basic");
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

/// (what the refusal names, the command); on PostgreSQL operators are the server's
/// logins, granted by `server grant`, so `operator set-role` is not among them there.
fn managers_acts(backend: Backend) -> Vec<(&'static str, Vec<&'static str>)> {
    let acts = vec![
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
    ];
    acts.into_iter().filter(|(what, _)| backend == Backend::Sqlite || *what != "operator").collect()
}

#[test]
fn a_clerk_is_refused_every_managers_act_and_nothing_is_written() {
    for backend in backends() {
        let db = setup(backend);
        for (what, args) in managers_acts(backend) {
            let before = db.fingerprint();
            assert!(before.contains("== audit_log"), "{backend:?}: the fingerprint reads the book");
            let out = db.run_as("casey", &args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{backend:?}: {args:?} succeeded for a clerk");
            assert!(
                err.contains("only a manager may") && err.contains(what),
                "{backend:?}: {args:?}: unclear refusal: {err}"
            );
            assert_eq!(db.fingerprint(), before, "{backend:?}: {args:?} wrote something for a clerk");
        }
    }
}

#[test]
fn a_manager_may_do_each_of_them_and_each_is_in_the_audit_log() {
    for backend in backends() {
        let db = setup(backend);
        for (_, args) in managers_acts(backend) {
            let before = db.ok(&["audit", "--format", "csv"]).lines().count();
            let out = db.run(&args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{backend:?}: {args:?} failed for a manager: {err}");
            let after = db.ok(&["audit", "--format", "csv"]).lines().count();
            assert!(after > before, "{backend:?}: {args:?} left no audit entry");
        }
        db.ok(&["check"]);
    }
}

#[test]
fn the_clerks_acts_of_section_10_are_the_clerks_and_audited() {
    for backend in backends() {
        let db = setup(backend);
        for args in [
            vec!["account", "edit", "A100", "--phone", "314-555-0100"],
            vec!["repair", "cancel", "T-1", "--reason", "customer fixed it"],
        ] {
            let before = db.ok(&["audit", "--format", "csv"]).lines().count();
            let out = db.run_as("casey", &args);
            assert!(out.status.success(), "{backend:?}: {args:?}: {}", String::from_utf8_lossy(&out.stderr));
            let after = db.ok(&["audit", "--format", "csv"]).lines().count();
            assert!(after > before, "{backend:?}: {args:?} left no audit entry");
        }
    }
}

#[test]
fn a_clerk_records_everyday_work_through_the_same_commands() {
    for backend in backends() {
        let db = setup(backend);
        let clerk = |args: &[&str]| {
            let out = db.run_as("casey", args);
            assert!(out.status.success(), "{backend:?}: {args:?}: {}", String::from_utf8_lossy(&out.stderr));
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
            assert!(invoices.contains(doc), "{backend:?}: {doc} missing:\n{invoices}");
        }
        let audit = db.ok(&["audit", "--format", "csv"]);
        assert!(audit.contains(",casey,record,payment,P-9,A100,"), "{audit}");
    }
}

/// Every act a clerk may do, as the clerk `casey`, each leaving an audit entry: on
/// PostgreSQL the clerk's login, so the server's rights are wide enough for all of them.
fn clerks_acts(letters: &str, payments: &str) -> Vec<Vec<String>> {
    let acts: Vec<Vec<&str>> = vec![
        // A new dealer: registered, screened, activated, applying for credit.
        vec!["account", "register", "E500", "--name", "Eagle Eye Alarms", "--state", "MO"],
        vec!["account", "verify", "E500", "--rep", "Pat Rep", "--outcome", "PASSED", "--date", "2026-03-01"],
        vec!["account", "activate", "E500", "--date", "2026-03-02"],
        vec![
            "--as-of",
            "2026-03-03",
            "credit",
            "apply",
            "E500",
            "--requested-limit",
            "2000",
            "--trade-ref",
            "ADI",
            "--bank-ref",
            "First Bank",
            "--gov-id",
            "12-3456789",
        ],
        vec!["account", "edit", "A100", "--name", "Allied Alarm Company", "--contact", "Dana", "--state", "MO"],
        vec!["exemption", "set", "B200", "--number", "IL-2"],
        // The collector's day (issue 12).
        vec!["--as-of", "2026-04-20", "note", "add", "A100", "--text", "Pat will call back", "--next", "2026-04-24"],
        vec!["--as-of", "2026-04-20", "promise", "add", "A100", "--amount", "100", "--date", "2026-04-25"],
        vec!["--as-of", "2026-04-01", "dispute", "open", "INV-1002", "--reason", "price agreed lower"],
        vec!["--as-of", "2026-04-02", "dispute", "resolve", "INV-1002", "--outcome", "price confirmed"],
        vec!["--as-of", "2026-04-30", "dunning", "run", "--out", letters],
        // The ledger's everyday entries.
        vec![
            "--as-of",
            "2026-04-30",
            "payment",
            "record",
            "B200",
            "--amount",
            "10",
            "--method",
            "WIRE",
            "--reference",
            "W-9",
        ],
        vec![
            "--as-of",
            "2026-04-30",
            "charge",
            "add",
            "B200",
            "--doc-no",
            "INV-1009",
            "--kind",
            "invoice",
            "--amount",
            "75",
        ],
        vec!["--as-of", "2026-04-12", "check", "return", "P-1"],
        vec!["import", "payments", payments],
        // A repair from opening to its charge, and one cancelled.
        vec![
            "--as-of",
            "2026-04-02",
            "repair",
            "open",
            "T-2",
            "--account",
            "B200",
            "--manufacturer",
            "DSC",
            "--model",
            "PC1864",
            "--serial",
            "S2",
            "--fault",
            "dead",
        ],
        vec!["repair", "advance", "T-2"],
        vec!["repair", "charges", "T-2", "--oversized", "--freight-in", "12.50"],
        vec!["repair", "advance", "T-2"],
        vec!["repair", "advance", "T-2"],
        vec!["--as-of", "2026-04-20", "repair", "close", "T-2"],
        vec!["repair", "cancel", "T-1", "--reason", "customer fixed it"],
        // Returns: an RMA issued and received, a claim opened and resolved, nonstock
        // items received, picked up and sent back.
        vec!["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "CAM=100"],
        vec!["--as-of", "2026-02-25", "rma", "receive", "RMA-000001"],
        vec![
            "--as-of",
            "2026-02-20",
            "claim",
            "open",
            "INV-1002",
            "--received",
            "2026-02-17",
            "--reason",
            "WRONG_PRODUCT",
            "--description",
            "sent 6150 not 6160",
            "--value",
            "50",
        ],
        vec![
            "--as-of",
            "2026-02-24",
            "claim",
            "resolve",
            "NC-000001",
            "--remedy",
            "FULL_CREDIT",
            "--date",
            "2026-02-24",
        ],
        vec![
            "nonstock",
            "receive",
            "A100",
            "--description",
            "Vista-128 board",
            "--vendor",
            "Resideo",
            "--date",
            "2026-03-01",
        ],
        vec!["nonstock", "pickup", "NS-000001", "--date", "2026-03-10"],
        vec!["nonstock", "receive", "B200", "--description", "HID reader", "--vendor", "HID", "--date", "2026-03-01"],
        vec!["nonstock", "return", "NS-000002", "--vendor-fees", "40", "--date", "2026-04-01"],
    ];
    let mut acts: Vec<Vec<String>> = acts.into_iter().map(|a| a.into_iter().map(str::to_string).collect()).collect();
    // Privacy requests (#2 on; #1 is setup's deletion, a manager's to complete): access,
    // correction and opt-out carried out, one extended, one rejected.
    let requests = [
        ("ACCESS", "A100", "", &["extend", "--to", "2026-05-30", "--reason", "records in storage"][..]),
        ("CORRECTION", "A100", "phone=314-555-0199", &[]),
        ("opt-out-marketing", "B200", "", &[]),
        ("ACCESS", "B200", "", &["reject", "--reason", "not the account's owner"]),
    ];
    for (n, (kind, account, details, step)) in requests.into_iter().enumerate() {
        let id = (n + 2).to_string();
        let mut open = vec!["--as-of", "2026-04-01", "privacy", "open", "--kind", kind, "--account", account];
        open.extend(["--requester", "Pat"]);
        if !details.is_empty() {
            open.extend(["--details", details]);
        }
        let mut steps = vec![open, vec!["--as-of", "2026-04-02", "privacy", "verify", &id, "--how", "call-back"]];
        if let Some((what, rest)) = step.split_first() {
            steps.push([&["--as-of", "2026-04-02", "privacy", what, &id][..], rest].concat());
        }
        if step.first() != Some(&"reject") {
            steps.push(vec!["--as-of", "2026-04-03", "privacy", "complete", &id]);
        }
        acts.extend(steps.into_iter().map(|a| a.into_iter().map(str::to_string).collect()));
    }
    acts
}

#[test]
fn every_clerks_act_works_for_a_clerk_and_each_is_in_the_audit_log() {
    for backend in backends() {
        let db = setup(backend);
        let letters = db.dir.path().join("letters");
        let payments = db.write(
            "payments.csv",
            "payment_ref,account_no,date,method,amount,apply_to\nP-90,B200,2026-04-10,WIRE,20.00,\n",
        );
        for args in clerks_acts(letters.to_str().expect("path"), payments.to_str().expect("path")) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let before = db.ok(&["audit", "--format", "csv"]).lines().count();
            let out = db.run_as("casey", &args);
            assert!(
                out.status.success(),
                "{backend:?}: {args:?} failed for a clerk: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let audit = db.ok(&["audit", "--format", "csv"]);
            assert!(audit.lines().count() > before, "{backend:?}: {args:?} left no audit entry");
            assert!(audit.lines().last().is_some_and(|l| l.contains(",casey,")), "{backend:?}: {args:?}: {audit}");
        }
        db.ok(&["check"]);
    }
}
