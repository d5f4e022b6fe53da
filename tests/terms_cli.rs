//! The rest of the terms (RULES.md sections 1 and 4) through the real binary: dealers,
//! credit, exemptions, RMAs, claims and nonstock items, with their refusals.

mod common;
use common::Db;

/// Adds a clerk (this branch has no operator command yet: set up directly).
fn add_clerk(db: &Db, name: &str) {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute(
        "INSERT INTO operators (name, role, active, created_at) VALUES (?1, 'CLERK', 1, '2026-01-01T00:00:00')",
        [name],
    )
    .expect("add clerk");
}

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

fn ok_as(db: &Db, operator: &str, args: &[&str]) -> String {
    let out = db.run_as(operator, args);
    assert!(out.status.success(), "creditdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn fails(db: &Db, operator: &str, args: &[&str]) -> String {
    let out = db.run_as(operator, args);
    assert!(!out.status.success(), "creditdesk {args:?} should fail: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn rma_on_inv_1002_received_20_days_later_credits_212_50_and_the_invoices_report_shows_it() {
    let db = Db::with_example("basic");
    let issued = json(&db.ok(&[
        "--as-of",
        "2026-02-20",
        "rma",
        "issue",
        "INV-1002",
        "--line",
        "KP-100 keypad=250.00",
        "--format",
        "json",
    ]));
    let rma_no = issued["rma_no"].as_str().expect("rma_no").to_string();
    assert_eq!(issued["status"], "ISSUED");
    assert!(issued["label"].as_str().unwrap().contains("invoice INV-1002 dated 2026-02-15"), "{issued}");

    // 2026-02-15 + 20 days = 2026-03-07.
    let received = json(&db.ok(&["--as-of", "2026-03-07", "rma", "receive", &rma_no, "--format", "json"]));
    assert_eq!(received["status"], "RECEIVED");
    assert_eq!(received["restocking"], "37.50");
    assert_eq!(received["credit"], "212.50");
    let credit_ref = received["credit_ref"].as_str().expect("credit_ref");

    let before = db.ok(&["--as-of", "2026-03-06", "invoices", "--format", "csv"]);
    assert!(before.contains("INV-1002,A100,INVOICE,2026-02-15,2026-03-17,250.00,250.00,"), "{before}");
    let after = db.ok(&["--as-of", "2026-03-08", "invoices", "--format", "csv"]);
    assert!(after.contains("INV-1002,A100,INVOICE,2026-02-15,2026-03-17,250.00,37.50,"), "{after}");

    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let (method, cents, apply_to, date): (String, i64, String, String) = conn
        .query_row(
            "SELECT method, amount_cents, apply_to, date FROM payments WHERE payment_ref = ?1",
            [credit_ref],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("credit memo");
    assert_eq!(
        (method.as_str(), cents, apply_to.as_str(), date.as_str()),
        ("CREDIT_MEMO", 21_250, "INV-1002", "2026-03-07")
    );
}

#[test]
fn rma_received_31_days_after_the_invoice_is_refused_by_the_30_day_rule_and_changes_nothing() {
    let db = Db::with_example("basic");
    db.ok(&["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "KP-100=250.00"]);
    let before = db.fingerprint();
    let err = fails(&db, "tester", &["--as-of", "2026-03-18", "rma", "receive", "RMA-000001"]);
    assert!(err.contains("30-day rule") && err.contains("31 days"), "{err}");
    assert_eq!(db.fingerprint(), before);
    // With the manufacturer's approval it is accepted.
    let ok = json(&db.ok(&[
        "--as-of",
        "2026-03-18",
        "rma",
        "receive",
        "RMA-000001",
        "--manufacturer-approval",
        "Honeywell RA-77 (J. Smith)",
        "--format",
        "json",
    ]));
    assert_eq!(ok["credit"], "212.50");
}

#[test]
fn installed_goods_and_special_order_nonstock_are_refused_naming_the_rule() {
    let db = Db::with_example("basic");
    let before = db.fingerprint();
    let err =
        fails(&db, "tester", &["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "CAM=100,installed"]);
    assert!(err.contains("installed-goods rule"), "{err}");
    let err = fails(
        &db,
        "tester",
        &["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "SIGN=100,class=SPECIAL_ORDER_NONSTOCK"],
    );
    assert!(err.contains("special-order rule"), "{err}");
    assert_eq!(db.fingerprint(), before);
    // Found installed on receipt: refused too.
    db.ok(&["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "CAM=100"]);
    let issued = db.fingerprint();
    let err = fails(&db, "tester", &["--as-of", "2026-02-25", "rma", "receive", "RMA-000001", "--installed", "1"]);
    assert!(err.contains("installed-goods rule"), "{err}");
    assert_eq!(db.fingerprint(), issued);
}

#[test]
fn nonstock_lines_follow_the_vendor_fees_and_the_manufacturers_higher_rate_applies() {
    let db = Db::with_example("basic");
    let rma = json(&db.ok(&[
        "--as-of",
        "2026-02-20",
        "rma",
        "issue",
        "INV-1002",
        "--restocking-pct",
        "20",
        "--line",
        "PANEL=100",
        "--line",
        "RADIO=150,class=NONSTOCK,vendor_restock=15,vendor_freight=12.50",
        "--format",
        "json",
    ]));
    let rma_no = rma["rma_no"].as_str().unwrap();
    let got = json(&db.ok(&["--as-of", "2026-02-25", "rma", "receive", rma_no, "--format", "json"]));
    assert_eq!(got["restocking"], "20.00");
    assert_eq!(got["vendor_fees"], "27.50");
    assert_eq!(got["credit"], "202.50");
    let err = fails(&db, "tester", &["rma", "issue", "INV-1002", "--restocking-pct", "10", "--line", "X=1"]);
    assert!(err.contains("restocking_pct") && err.contains("15%"), "{err}");
}

#[test]
fn an_rma_cannot_return_more_than_the_invoice() {
    let db = Db::with_example("basic");
    let err = fails(&db, "tester", &["--as-of", "2026-02-20", "rma", "issue", "INV-1002", "--line", "X=250.01"]);
    assert!(err.contains("value"), "{err}");
}

#[test]
fn dealer_goes_from_applicant_through_the_phone_screen_to_active_and_a_clerk_cannot_suspend() {
    let db = Db::with_example("basic");
    add_clerk(&db, "clerk1");
    let reg =
        json(&ok_as(&db, "clerk1", &["account", "register", "D500", "--name", "Delta Alarm", "--format", "json"]));
    assert_eq!(reg["status"], "APPLICANT");
    assert_eq!(reg["can_be_invoiced"], false);
    let err = fails(&db, "clerk1", &["account", "activate", "D500"]);
    assert!(err.contains("verification phone screen"), "{err}");
    let v = json(&ok_as(
        &db,
        "clerk1",
        &[
            "account",
            "verify",
            "D500",
            "--rep",
            "Pat Rep",
            "--outcome",
            "PASSED",
            "--date",
            "2026-03-01",
            "--format",
            "json",
        ],
    ));
    assert_eq!(v["to"], "VERIFIED");
    assert_eq!(v["verification"]["representative"], "Pat Rep");
    let a = json(&ok_as(&db, "clerk1", &["account", "activate", "D500", "--format", "json"]));
    assert_eq!(a["to"], "ACTIVE");
    let before = db.fingerprint();
    let err = fails(&db, "clerk1", &["account", "suspend", "D500", "--reason", "late"]);
    assert!(err.contains("only a manager may suspend"), "{err}");
    assert_eq!(db.fingerprint(), before);
    let s = json(&db.ok(&["account", "suspend", "D500", "--reason", "90 days late", "--format", "json"]));
    assert_eq!(s["to"], "SUSPENDED");
    let c = json(&db.ok(&["account", "close", "D500", "--reason", "out of business", "--format", "json"]));
    assert_eq!(c["to"], "CLOSED");
    let err = fails(&db, "tester", &["account", "activate", "D500"]);
    assert!(err.contains("closed"), "{err}");
}

#[test]
fn a_clerk_records_a_credit_application_but_cannot_approve_it_and_the_identifier_stays_masked() {
    let db = Db::with_example("basic");
    add_clerk(&db, "clerk1");
    let app = ok_as(
        &db,
        "clerk1",
        &[
            "credit",
            "apply",
            "B200",
            "--requested-limit",
            "2500",
            "--trade-ref",
            "ADI Global",
            "--trade-ref",
            "Anixter",
            "--bank-ref",
            "First Missouri Bank",
            "--gov-id",
            "123-45-6789",
            "--date",
            "2026-03-01",
            "--format",
            "json",
        ],
    );
    assert!(!app.contains("123-45") && !app.contains("12345"), "{app}");
    assert_eq!(json(&app)["gov_id"], "*****6789");

    let before = db.fingerprint();
    let err = fails(&db, "clerk1", &["credit", "approve", "B200", "--date", "2026-03-02"]);
    assert!(err.contains("only a manager may approve credit"), "{err}");
    assert_eq!(db.fingerprint(), before, "a clerk's refused approval changes nothing");

    let approved =
        json(&db.ok(&["credit", "approve", "B200", "--limit", "2000", "--date", "2026-03-02", "--format", "json"]));
    assert_eq!(approved["status"], "APPROVED");
    assert_eq!(approved["decided_by"], "tester");
    assert_eq!(approved["decided_on"], "2026-03-02");
    assert_eq!(approved["approved_limit"], "2000.00");
    let shown = json(&db.ok(&["--as-of", "2026-03-03", "account", "show", "B200", "--format", "json"]));
    assert_eq!(shown["terms"], "NET30");
    assert_eq!(shown["credit_limit"], "2000.00");

    for format in ["table", "csv", "json"] {
        for args in [&["credit", "list", "--format", format][..], &["account", "show", "B200", "--format", format][..]]
        {
            let out = db.ok(args);
            assert!(out.contains("*****6789") && !out.contains("123-45"), "{args:?}:\n{out}");
        }
    }
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let leaked: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit_log WHERE coalesce(before, '') || coalesce(after, '') LIKE '%45-6789%'",
            [],
            |r| r.get(0),
        )
        .expect("audit");
    assert_eq!(leaked, 0, "the audit log holds only the masked identifier");
}

#[test]
fn a_bad_identifier_is_refused_without_echoing_it() {
    let db = Db::with_example("basic");
    let err = fails(
        &db,
        "tester",
        &[
            "credit",
            "apply",
            "B200",
            "--requested-limit",
            "1",
            "--trade-ref",
            "x",
            "--bank-ref",
            "y",
            "--gov-id",
            "98-76543",
        ],
    );
    assert!(err.contains("gov_id") && !err.contains("98-76543") && !err.contains("76543"), "{err}");
}

#[test]
fn a_manager_declines_with_a_reason_and_terms_stay_prepay() {
    let db = Db::with_example("basic");
    db.ok(&[
        "credit",
        "apply",
        "B200",
        "--requested-limit",
        "1000",
        "--trade-ref",
        "x",
        "--bank-ref",
        "y",
        "--gov-id",
        "12-3456789",
    ]);
    let err = fails(&db, "tester", &["credit", "decline", "B200", "--reason", " "]);
    assert!(err.contains("reason"), "{err}");
    let d = json(&db.ok(&["credit", "decline", "B200", "--reason", "no trade history", "--format", "json"]));
    assert_eq!(d["status"], "DECLINED");
    assert_eq!(d["gov_id_kind"], "EIN");
    let shown = json(&db.ok(&["account", "show", "B200", "--format", "json"]));
    assert_eq!(shown["terms"], "PREPAY");
}

#[test]
fn an_account_over_its_limit_is_flagged_and_a_charge_over_it_asks_for_confirmation() {
    let db = Db::with_example("basic");
    // C300: NET30, limit 2,500.00, owes 1,573.69 as of 2026-03-08.
    let check =
        json(&db.ok(&["--as-of", "2026-03-08", "credit", "check", "C300", "--amount", "1000", "--format", "json"]));
    assert_eq!(check["needs_confirmation"], true);
    assert_eq!(check["excess"], "73.69");
    let check =
        json(&db.ok(&["--as-of", "2026-03-08", "credit", "check", "C300", "--amount", "900", "--format", "json"]));
    assert_eq!(check["needs_confirmation"], false);
    // Lower the limit below the balance through a new approval: flagged everywhere it is shown.
    db.ok(&[
        "credit",
        "apply",
        "C300",
        "--requested-limit",
        "1000",
        "--trade-ref",
        "x",
        "--bank-ref",
        "y",
        "--gov-id",
        "123456789",
    ]);
    db.ok(&["credit", "approve", "C300"]);
    let shown = json(&db.ok(&["--as-of", "2026-03-08", "account", "show", "C300", "--format", "json"]));
    assert_eq!(shown["over_limit"]["excess"], "573.69");
    let table = db.ok(&["--as-of", "2026-03-08", "account", "list"]);
    assert!(table.lines().any(|l| l.starts_with("C300") && l.contains("OVER CREDIT LIMIT")), "{table}");
}

#[test]
fn exemption_certificates_missing_expired_and_expiring_are_flagged() {
    let db = Db::with_example("basic");
    db.ok(&["exemption", "set", "A100", "--number", "MO-1", "--certificate-on-file", "--expires", "2026-03-20"]);
    db.ok(&["exemption", "set", "B200", "--number", "IL-2"]);
    db.ok(&["exemption", "set", "C300", "--number", "KS-3", "--certificate-on-file", "--expires", "2026-02-01"]);
    let err = fails(&db, "tester", &["exemption", "set", "C300", "--number", "KS-3", "--certificate-on-file"]);
    assert!(err.contains("expires"), "{err}");
    let list = db.ok(&["--as-of", "2026-03-01", "exemption", "list", "--format", "csv"]);
    assert_eq!(
        list,
        "account_no,name,exemption_no,certificate_on_file,certificate_expires,warning\n\
         A100,Allied Alarm Co,MO-1,true,2026-03-20,\n\
         B200,Beacon Security LLC,IL-2,false,,tax exemption certificate missing\n\
         C300,Cardinal Locksmiths,KS-3,true,2026-02-01,tax exemption certificate expired 2026-02-01\n"
    );
    let soon = db.ok(&["--as-of", "2026-03-01", "exemption", "expiring", "--format", "csv"]);
    assert_eq!(soon.lines().count(), 2, "{soon}");
    assert!(soon.contains("A100"));
    let shown = db.ok(&["--as-of", "2026-03-01", "account", "show", "C300"]);
    assert!(shown.contains("TAX EXEMPTION CERTIFICATE EXPIRED 2026-02-01"), "{shown}");
}

#[test]
fn a_claim_six_business_days_late_is_refused_and_a_friday_to_friday_claim_gets_full_credit() {
    let db = Db::with_example("basic");
    let before = db.fingerprint();
    // 2026-03-06 is a Friday; the Monday after next is the 6th business day.
    let err = fails(
        &db,
        "tester",
        &[
            "claim",
            "open",
            "INV-1002",
            "--received",
            "2026-03-06",
            "--reported",
            "2026-03-16",
            "--reason",
            "WRONG_PRODUCT",
            "--value",
            "250",
            "--description",
            "sent DK-200 not DK-100",
        ],
    );
    assert!(err.contains("5-business-day rule") && err.contains("6 business days"), "{err}");
    assert_eq!(db.fingerprint(), before);
    let claim = json(&db.ok(&[
        "claim",
        "open",
        "INV-1002",
        "--received",
        "2026-03-06",
        "--reported",
        "2026-03-13",
        "--reason",
        "MISLABELED",
        "--value",
        "250",
        "--description",
        "box says DK-100",
        "--format",
        "json",
    ]));
    assert_eq!(claim["business_days"], 5);
    let no = claim["claim_no"].as_str().unwrap();
    let done =
        json(&db.ok(&["claim", "resolve", no, "--remedy", "FULL_CREDIT", "--date", "2026-03-13", "--format", "json"]));
    assert_eq!(done["credit"], "250.00", "no restocking on nonconforming goods");
    let inv = db.ok(&["--as-of", "2026-03-14", "invoices", "--format", "csv"]);
    assert!(!inv.contains("INV-1002"), "fully credited:\n{inv}");
}

#[test]
fn nonstock_unclaimed_30_days_is_due_for_return_with_the_vendor_fees_charged() {
    let db = Db::with_example("basic");
    db.ok(&[
        "nonstock",
        "receive",
        "A100",
        "--description",
        "Bosch B9512G",
        "--vendor",
        "Bosch",
        "--date",
        "2026-03-01",
    ]);
    db.ok(&[
        "nonstock",
        "receive",
        "A100",
        "--description",
        "engraved plates",
        "--vendor",
        "SignCo",
        "--special-order",
        "--date",
        "2026-03-01",
    ]);
    db.ok(&["nonstock", "receive", "B200", "--description", "HID reader", "--vendor", "HID", "--date", "2026-03-01"]);
    db.ok(&["nonstock", "pickup", "NS-000003", "--date", "2026-03-10"]);
    // Day 30 after receipt (03-31) is still within the 30 days; day 31 is the first past them.
    assert_eq!(db.ok(&["--as-of", "2026-03-31", "nonstock", "due", "--format", "csv"]).lines().count(), 1);
    let due = db.ok(&["--as-of", "2026-04-01", "nonstock", "due", "--format", "csv"]);
    assert!(due.contains("NS-000001") && due.contains("RETURN_TO_VENDOR"), "{due}");
    assert!(due.contains("NS-000002") && due.contains("MANAGER_DECISION"), "{due}");
    assert!(!due.contains("NS-000003"), "{due}");

    let err = fails(&db, "tester", &["nonstock", "return", "NS-000001", "--vendor-fees", "40", "--date", "2026-03-31"]);
    assert!(err.contains("30 days"), "{err}");
    let back = json(&db.ok(&[
        "nonstock",
        "return",
        "NS-000001",
        "--vendor-fees",
        "42.50",
        "--date",
        "2026-04-01",
        "--format",
        "json",
    ]));
    assert_eq!(back["status"], "RETURNED_TO_VENDOR");
    let inv = db.ok(&["--as-of", "2026-04-01", "invoices", "--format", "csv"]);
    assert!(inv.contains("NSF-NS-000001,A100,FEE,2026-04-01,2026-04-01,42.50,42.50,"), "{inv}");

    add_clerk(&db, "clerk1");
    let before = db.fingerprint();
    let err = fails(&db, "clerk1", &["nonstock", "charge", "NS-000002", "--amount", "180", "--date", "2026-04-01"]);
    assert!(err.contains("only a manager"), "{err}");
    assert_eq!(db.fingerprint(), before);
    let decided = json(&db.ok(&[
        "nonstock",
        "charge",
        "NS-000002",
        "--amount",
        "180",
        "--note",
        "custom engraving",
        "--date",
        "2026-04-01",
        "--format",
        "json",
    ]));
    assert_eq!(decided["status"], "CHARGED_TO_CUSTOMER");
    assert_eq!(decided["decided_by"], "tester");
}

#[test]
fn the_card_surcharge_defaults_to_3_percent_and_only_a_manager_changes_it() {
    let db = Db::with_example("basic");
    add_clerk(&db, "clerk1");
    assert_eq!(json(&db.ok(&["credit", "surcharge", "--format", "json"]))["card_surcharge_pct"], "3.00");
    let err = fails(&db, "clerk1", &["credit", "surcharge", "--set", "2.5"]);
    assert!(err.contains("only a manager"), "{err}");
    assert_eq!(
        json(&db.ok(&["credit", "surcharge", "--set", "2.5", "--format", "json"]))["card_surcharge_pct"],
        "2.50"
    );
}

#[test]
fn every_terms_command_explains_itself() {
    let db = Db::new();
    for group in ["account", "credit", "exemption", "rma", "claim", "nonstock"] {
        let out = db.run(&[group, "--help"]);
        assert!(out.status.success(), "{group} --help");
    }
    let help = String::from_utf8(db.run(&["rma", "--help"]).stdout).unwrap();
    assert!(help.contains("30 days") && help.contains("15%"), "{help}");
    let help = String::from_utf8(db.run(&["claim", "open", "--help"]).stdout).unwrap();
    assert!(help.contains("5 business days"), "{help}");
}
