//! RULES.md section 10 through the real binary: voids, the payoff amount, write-offs,
//! refunds, account upkeep, settings and state caps, recalls and cancelled repairs,
//! and the findings fixed with them.

mod common;
use common::{backends, Db};

fn json(out: &str) -> serde_json::Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

fn fails(db: &Db, args: &[&str]) -> String {
    let out = db.run(args);
    assert!(!out.status.success(), "creditdesk {args:?} should fail: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The example without the lines of `file` that start with `prefix`.
fn example_without(name: &str, file: &str, prefix: &str) -> Db {
    Db::with_example_edited(name, |f, text| {
        if f == file {
            text.lines().filter(|l| !l.starts_with(prefix)).map(|l| format!("{l}\n")).collect()
        } else {
            text.to_string()
        }
    })
}

/// Both reports of section 7, as CSV, on each day from `from` for `days` days.
fn reports(db: &Db, from: &str, days: u64) -> Vec<String> {
    let start = chrono::NaiveDate::parse_from_str(from, "%Y-%m-%d").expect("date");
    (0..days)
        .step_by(3)
        .flat_map(|i| {
            let d = (start + chrono::Days::new(i)).to_string();
            ["aging", "invoices"].map(|r| format!("{r} {d}\n{}", db.ok(&["--as-of", &d, r, "--format", "csv"])))
        })
        .collect()
}

#[test]
fn a_void_payment_gives_the_reports_of_the_ledger_without_it_and_its_row_stays_marked() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let out = db.ok(&["payment", "void", "P-1", "--reason", "entered twice"]);
        assert!(out.contains("payment P-1 of 500.00 (A100) voided"), "{out}");
        let reference = example_without("basic", "payments.csv", "P-1,");
        assert_eq!(reports(&db, "2026-01-01", 150), reports(&reference, "2026-01-01", 150));
        let mark = db.scalar("SELECT voided_by || ' ' || void_reason FROM payments WHERE payment_ref = 'P-1'");
        assert_eq!(mark.as_deref(), Some("tester entered twice"));
        let audit = db.ok(&["audit", "--format", "csv"]);
        assert!(audit.contains(",tester,void,payment,P-1,A100,"), "{audit}");
        let err = fails(&db, &["payment", "void", "P-1", "--reason", "again"]);
        assert!(err.contains("already voided"), "{err}");
    }
}

#[test]
fn a_void_charge_counts_nowhere_and_a_payment_meant_for_it_takes_nothing_there() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        // P-4 (100.00) was meant for INV-1002: with INV-1002 void it goes oldest first.
        db.ok(&["charge", "void", "INV-1002", "--reason", "never shipped"]);
        let reference = Db::with_example_edited("basic", |f, text| match f {
            "invoices.csv" => text.lines().filter(|l| !l.starts_with("INV-1002,")).map(|l| format!("{l}\n")).collect(),
            "payments.csv" => text.replace("100.00,INV-1002", "100.00,"),
            _ => text.to_string(),
        });
        assert_eq!(reports(&db, "2026-01-01", 150), reports(&reference, "2026-01-01", 150));
        let invoices = db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"]);
        assert!(!invoices.contains("INV-1002"), "{invoices}");
    }
}

#[test]
fn derived_charges_and_returned_checks_are_not_voided_and_a_posted_fee_is_waived_instead() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let before = db.fingerprint();
        for (args, says) in [
            (vec!["payment", "void", "P-3", "--reason", "x"], "returned by the bank on 2026-02-27"),
            (vec!["charge", "void", "FC-A100-2026-02", "--reason", "x"], "interest"),
            (vec!["charge", "void", "RCF-P-3", "--reason", "x"], "check waive P-3"),
            (vec!["charge", "void", "NO-SUCH", "--reason", "x"], "no charge NO-SUCH"),
            (vec!["charge", "void", "INV-1001", "--reason", ""], "reason"),
            (vec!["check", "waive", "P-1", "--reason", "x"], "was not returned"),
        ] {
            let err = fails(&db, &args);
            assert!(err.contains(says), "{args:?}: {err}");
        }
        assert_eq!(db.fingerprint(), before, "a refused correction wrote something");
        // Waived after it was posted: RCF-P-3 counts nowhere, at any date, as if waived on return.
        db.ok(&["check", "waive", "P-3", "--reason", "bank error, not the customer's"]);
        let reference = Db::with_example_edited("basic", |f, text| {
            if f == "returned_checks.csv" {
                text.replace("P-3,2026-02-27,false", "P-3,2026-02-27,true")
            } else {
                text.to_string()
            }
        });
        assert_eq!(reports(&db, "2026-02-20", 90), reports(&reference, "2026-02-20", 90));
        // The fee log: the csv contract as it was, the table and JSON say who waived it and why.
        let csv = db.ok(&["returned-checks", "--format", "csv"]);
        assert_eq!(
            csv,
            "payment_ref,account_no,check_amount,returned_date,fee,fee_waived\nP-3,C300,1540.00,2026-02-27,25.00,true\n"
        );
        let logged = json(&db.ok(&["returned-checks", "--format", "json"]));
        assert_eq!(logged[0]["waived_by"], "tester");
        assert_eq!(logged[0]["waiver_reason"], "bank error, not the customer's");
        let table = db.ok(&["returned-checks"]);
        assert!(table.contains("waived_by") && table.contains("bank error, not the customer's"), "{table}");
        let err = fails(&db, &["check", "waive", "P-3", "--reason", "again"]);
        assert!(err.contains("already waived by tester"), "{err}");
    }
}

#[test]
fn a_card_payment_voided_takes_its_surcharge_with_it() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        db.ok(&[
            "--as-of",
            "2026-04-30",
            "payment",
            "record",
            "A100",
            "--amount",
            "100",
            "--method",
            "CARD",
            "--reference",
            "P-9",
        ]);
        let out = db.ok(&["payment", "void", "P-9", "--reason", "card declined"]);
        assert!(out.contains("its surcharge SUR-P-9 voided with it"), "{out}");
        assert_eq!(reports(&db, "2026-04-25", 40), reports(&Db::with_example("basic"), "2026-04-25", 40));
    }
}

#[test]
fn a_void_payment_is_not_returned_by_the_bank_afterwards() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        db.ok(&["payment", "void", "P-1", "--reason", "entered twice"]);
        let err = fails(&db, &["check", "return", "P-1", "--date", "2026-04-01"]);
        assert!(err.contains("voided"), "{err}");
    }
}

#[test]
fn the_payoff_amount_paid_that_day_leaves_the_account_out_of_aging() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let csv = db.ok(&["--as-of", "2026-04-30", "payoff", "A100", "--format", "csv"]);
        assert_eq!(csv, "account_no,as_of,payoff\nA100,2026-04-30,685.27\n");
        // Total 685.61 as of 04-30, less 04-30's own accrual.
        let p = json(&db.ok(&["--as-of", "2026-04-15", "payoff", "A100", "--format", "json"]));
        let amount = p["payoff"].as_str().expect("payoff").to_string();
        db.ok(&[
            "--as-of",
            "2026-04-15",
            "payment",
            "record",
            "A100",
            "--amount",
            &amount,
            "--method",
            "WIRE",
            "--reference",
            "PAYOFF",
        ]);
        for day in ["2026-04-15", "2026-04-30", "2026-05-31", "2026-06-30"] {
            let aging = db.ok(&["--as-of", day, "aging", "--format", "csv"]);
            let row = aging.lines().find(|l| l.starts_with("A100,"));
            match row {
                // As of the day itself the month's interest so far is accrued, not posted,
                // and the payment's rest is the credit that will pay it: the total is 0.00.
                Some(r) if day == "2026-04-15" => assert!(r.ends_with(",0.00,false"), "{r}"),
                Some(r) => panic!("A100 still in the aging as of {day}: {r}"),
                None => {}
            }
        }
    }
}

#[test]
fn a_write_off_pays_the_payoff_with_write_off_and_suspends_the_account() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let out = db.ok(&["writeoff", "C300", "--date", "2026-04-30", "--reason", "owner bankrupt"]);
        assert!(out.contains("WO-C300-2026-04-30") && out.contains("SUSPENDED"), "{out}");
        for day in ["2026-04-30", "2026-05-31", "2026-08-31"] {
            let aging = db.ok(&["--as-of", day, "aging", "--format", "csv"]);
            assert!(!aging.contains("C300,"), "C300 as of {day}: {aging}");
        }
        let shown = json(&db.ok(&["account", "show", "C300", "--format", "json"]));
        assert_eq!(shown["status"], "SUSPENDED");
        assert_eq!(shown["status_since"], "2026-04-30");
        let err = fails(&db, &["writeoff", "C300", "--date", "2026-04-30", "--reason", "again"]);
        assert!(err.contains("owes nothing"), "{err}");
        let audit = db.ok(&["audit", "--account", "C300", "--format", "csv"]);
        assert!(audit.contains(",write_off,account,C300,"), "{audit}");
    }
}

#[test]
fn a_refund_above_the_credit_is_refused_and_one_within_it_reduces_the_credit_by_exactly_its_amount() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "credit");
        // F600 paid 1,100.00 against 1,000.00 (and its interest) on 2026-06-10: credit left.
        let credit = |day: &str| -> i64 {
            let aging = db.ok(&["--as-of", day, "aging", "--format", "csv"]);
            let cell =
                aging.lines().find(|l| l.starts_with("F600,")).and_then(|l| l.split(',').nth(7)).unwrap_or("0.00");
            cell.replace('.', "").parse().expect("cents")
        };
        let held = credit("2026-07-31");
        assert_eq!(held, 9556, "95.56 of unapplied credit");
        let before = db.fingerprint();
        let refund = |amount: &str, reference: &str| {
            db.run(&[
                "refund",
                "F600",
                "--amount",
                amount,
                "--method",
                "CHECK",
                "--reference",
                reference,
                "--date",
                "2026-07-31",
            ])
        };
        let refused = refund("95.57", "CK-500");
        assert!(!refused.status.success());
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(err.contains("more than the unapplied credit of 95.56"), "{err}");
        assert_eq!(db.fingerprint(), before, "a refused refund wrote something");
        assert!(refund("60", "CK-500").status.success());
        assert_eq!(credit("2026-07-31"), held - 6000, "reduced by exactly 60.00");
        assert_eq!(credit("2026-09-30"), held - 6000);
        assert!(refund("35.56", "CK-501").status.success(), "the rest of it, to the cent");
        assert_eq!(credit("2026-07-31"), 0);
        let invoices = db.ok(&["--as-of", "2026-07-31", "invoices", "--format", "csv"]);
        assert!(!invoices.contains("CK-500"), "paid at once by the credit: {invoices}");
        let audit = db.ok(&["audit", "--format", "csv"]);
        assert!(audit.contains(",refund,charge,CK-500,F600,"), "{audit}");
    }
}

#[test]
fn a_clerk_edits_an_account_and_the_audit_names_the_fields_never_the_values() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
        let out = db.run_as(
            "casey",
            &["account", "edit", "A100", "--phone", "314-555-0199", "--contact", "Pat Doe", "--state", "il"],
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("changed contact_name, phone, state"));
        let audit = db.ok(&["audit", "--account", "A100", "--format", "json"]);
        assert!(audit.contains("fields_changed"), "{audit}");
        for value in ["314-555-0199", "Pat Doe"] {
            assert!(!audit.contains(value), "the audit log holds {value}: {audit}");
        }
        let shown = json(&db.ok(&["account", "show", "A100", "--format", "json"]));
        assert_eq!(shown["name"], "Allied Alarm Co");
        let err = fails(&db, &["account", "edit", "A100", "--name", ""]);
        assert!(err.contains("name"), "{err}");
        let err = fails(&db, &["account", "edit", "A100", "--state", "Illinois"]);
        assert!(err.contains("two-letter"), "{err}");
        let err = fails(&db, &["account", "edit", "A100", "--phone", "314-555-0199"]);
        assert!(err.contains("are the ones held"), "{err}");
    }
}

#[test]
fn a_status_change_takes_the_date_given() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let out = json(&db.ok(&[
            "account",
            "suspend",
            "A100",
            "--reason",
            "no pay",
            "--date",
            "2026-03-15",
            "--format",
            "json",
        ]));
        assert_eq!(out["on"], "2026-03-15");
        assert_eq!(json(&db.ok(&["account", "show", "A100", "--format", "json"]))["status_since"], "2026-03-15");
        db.ok(&["account", "close", "B200", "--reason", "retired", "--date", "2010-01-04"]);
        // Retention counts from the day given: closed 2010, past seven years.
        let due = db.ok(&["privacy", "retention", "--format", "csv"]);
        assert!(due.contains("B200,2010-01-04"), "{due}");
        let err = fails(&db, &["account", "activate", "A100", "--date", "2099-01-01"]);
        assert!(err.contains("after today"), "{err}");
    }
}

#[test]
fn credit_limit_revoke_and_rate_cap_and_due_dates_already_fixed_stay() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        db.ok(&["credit", "limit", "A100", "--amount", "7500"]);
        db.ok(&["credit", "cap", "A100", "--pct", "12"]);
        let shown = json(&db.ok(&["account", "show", "A100", "--format", "json"]));
        assert_eq!((shown["credit_limit"].as_str(), shown["rate_cap_pct"].as_str()), (Some("7500.00"), Some("12")));
        db.ok(&["credit", "cap", "A100", "--none"]);
        assert!(json(&db.ok(&["account", "show", "A100", "--format", "json"]))["rate_cap_pct"].is_null());
        let before = db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"]);
        db.ok(&["credit", "revoke", "A100", "--reason", "slow payer"]);
        assert_eq!(db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"]), before, "due dates stay");
        assert_eq!(json(&db.ok(&["account", "show", "A100", "--format", "json"]))["terms"], "PREPAY");
        // A100 is on credit hold (in collections) as of 2026-04-30: a manager's override lets
        // the invoice through (RULES 11).
        db.ok(&[
            "--as-of",
            "2026-04-30",
            "charge",
            "add",
            "A100",
            "--doc-no",
            "INV-9",
            "--kind",
            "INVOICE",
            "--amount",
            "10",
            "--override-hold",
            "paid cash on collection",
        ]);
        let after = db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"]);
        assert!(after.contains("INV-9,A100,INVOICE,2026-04-30,2026-04-30,"), "a new sale is due at once: {after}");
        let err = fails(&db, &["credit", "revoke", "A100", "--reason", "again"]);
        assert!(err.contains("not NET30"), "{err}");
    }
}

#[test]
fn settings_are_listed_and_set_and_the_privacy_days_and_retention_take_them() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let all = json(&db.ok(&["settings", "list", "--format", "json"]));
        let keys: Vec<&str> = all.as_array().expect("list").iter().filter_map(|s| s["key"].as_str()).collect();
        assert_eq!(keys, ["card_surcharge_pct", "privacy_response_days", "retention_years"]);
        db.ok(&["settings", "set", "privacy_response_days", "45"]);
        db.ok(&["settings", "set", "card_surcharge_pct", "2.5"]);
        assert!(fails(&db, &["settings", "set", "retention_years", "0"]).contains("1 to 50"));
        assert!(fails(&db, &["settings", "set", "privacy_response_days", "91"]).contains("1 to 90"));
        db.ok(&[
            "privacy",
            "open",
            "--kind",
            "ACCESS",
            "--account",
            "A100",
            "--requester",
            "owner",
            "--received",
            "2026-03-01",
        ]);
        let requests = db.ok(&["privacy", "list", "--format", "csv"]);
        assert!(requests.contains("2026-04-15"), "due 45 days after receipt: {requests}");
        assert_eq!(json(&db.ok(&["credit", "surcharge", "--format", "json"]))["card_surcharge_pct"], "2.50");
    }
}

#[test]
fn a_state_cap_gives_the_reports_of_that_cap_on_each_account_of_the_state() {
    for backend in backends() {
        // Credit example: E500 and F600 are in MO without a cap of their own.
        let db = Db::with_example_on(backend, "credit");
        let out = db.ok(&["settings", "state-cap", "MO", "--pct", "9"]);
        assert!(out.contains("MO: rate cap 9% (was none)"), "{out}");
        let caps = db.ok(&["settings", "state-caps", "--format", "csv"]);
        assert_eq!(caps, "state,cap_pct\nMO,9\n");
        let reference = Db::with_example_edited("credit", |f, text| {
            if f == "customers.csv" {
                text.replace(",MO,PREPAY,0,\n", ",MO,PREPAY,0,9\n")
                    .replace(",MO,NET30,3000.00,\n", ",MO,NET30,3000.00,9\n")
            } else {
                text.to_string()
            }
        });
        assert_ne!(reports(&db, "2026-05-01", 120), reports(&Db::with_example("credit"), "2026-05-01", 120));
        assert_eq!(reports(&db, "2026-05-01", 120), reports(&reference, "2026-05-01", 120));
        db.ok(&["settings", "state-cap", "MO", "--none"]);
        assert_eq!(reports(&db, "2026-05-01", 120), reports(&Db::with_example("credit"), "2026-05-01", 120));
    }
}

#[test]
fn a_placement_is_recalled_and_a_repair_cancelled_before_it_ships_charges_nothing() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let err = fails(&db, &["collections", "recall", "A100", "--reason", "paid"]);
        assert!(err.contains("not placed"), "{err}");
        db.ok(&[
            "--as-of",
            "2026-04-30",
            "collections",
            "place",
            "A100",
            "--agency",
            "Midwest Recovery",
            "--amount",
            "500",
        ]);
        db.ok(&["collections", "recall", "A100", "--reason", "customer paid in full"]);
        let list = json(&db.ok(&["collections", "list", "--format", "json"]));
        assert_eq!(list[0]["recall_reason"], "customer paid in full");
        db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
        let open = |no: &str| {
            db.ok(&[
                "--as-of",
                "2026-04-02",
                "repair",
                "open",
                no,
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
            ])
        };
        open("T-1");
        open("T-2");
        db.ok(&["repair", "advance", "T-1"]);
        let out = db.run_as("casey", &["repair", "cancel", "T-1", "--reason", "customer fixed it"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        for _ in 0..3 {
            db.ok(&["repair", "advance", "T-2"]);
        }
        let err = fails(&db, &["repair", "cancel", "T-2", "--reason", "late"]);
        assert!(err.contains("shipped back"), "{err}");
        let tickets = db.ok(&["repair", "list", "--format", "csv"]);
        assert!(tickets.contains("T-1,A100,DSC,PC1864,S1,CANCELLED"), "{tickets}");
        let invoices = db.ok(&["--as-of", "2026-12-31", "invoices", "--format", "csv"]);
        assert!(!invoices.contains("REP-T-1"), "{invoices}");
    }
}

#[test]
fn collection_costs_are_charged_to_suspended_and_closed_accounts() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        db.ok(&["account", "suspend", "A100", "--reason", "no pay"]);
        db.ok(&["account", "close", "C300", "--reason", "gone"]);
        for (account, doc) in [("A100", "ATT-1"), ("C300", "ATT-2")] {
            db.ok(&[
                "--as-of",
                "2026-04-30",
                "collections",
                "cost",
                account,
                "--doc-no",
                doc,
                "--amount",
                "350",
                "--memo",
                "attorney",
            ]);
        }
        let invoices = db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"]);
        assert!(invoices.contains("ATT-1,A100,COLLECTION_COST") && invoices.contains("ATT-2,C300,COLLECTION_COST"));
        // Other charges still go only to active accounts.
        let err = fails(
            &db,
            &[
                "--as-of",
                "2026-04-30",
                "charge",
                "add",
                "A100",
                "--doc-no",
                "INV-7",
                "--kind",
                "INVOICE",
                "--amount",
                "5",
            ],
        );
        assert!(err.contains("only an ACTIVE account"), "{err}");
    }
}

#[test]
fn write_off_and_refund_import_as_history_and_are_not_recorded_by_hand() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let payments =
            db.write("p.csv", "payment_ref,account_no,date,method,amount\nWO-1,A100,2026-04-01,WRITE_OFF,10.00\n");
        db.ok(&["import", "payments", payments.to_str().expect("path")]);
        let charges = db.write("c.csv", "doc_no,account_no,kind,date,amount\nRF-1,B200,REFUND,2026-04-01,5.00\n");
        db.ok(&["import", "invoices", charges.to_str().expect("path")]);
        let invoices = db.ok(&["--as-of", "2026-04-01", "invoices", "--format", "csv"]);
        assert!(invoices.contains("RF-1,B200,REFUND,2026-04-01,2026-04-01,5.00,5.00,"), "{invoices}");
        let err = fails(
            &db,
            &[
                "--as-of",
                "2026-04-30",
                "payment",
                "record",
                "A100",
                "--amount",
                "5",
                "--method",
                "WRITE_OFF",
                "--reference",
                "W-2",
            ],
        );
        assert!(err.contains("writeoff"), "{err}");
        let err = fails(
            &db,
            &["--as-of", "2026-04-30", "charge", "add", "A100", "--doc-no", "R-2", "--kind", "REFUND", "--amount", "5"],
        );
        assert!(err.contains("refund"), "{err}");
    }
}
