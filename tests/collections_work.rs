//! RULES.md section 11 through the real binary: promises kept, broken and pending as of
//! several days; Today on a prepared ledger; the credit hold (refused for a clerk, a
//! manager's override recorded, a disputed-only account not on hold); every document
//! of an account; `aging --account`; the trend against the aging report.

mod common;

use common::{backends, Backend, Db};

/// `creditdesk --as-of <day> <args>`, which must succeed.
fn at(db: &Db, day: &str, args: &[&str]) -> String {
    let mut all = vec!["--as-of", day];
    all.extend_from_slice(args);
    db.ok(&all)
}

fn csv_at(db: &Db, day: &str, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "csv"]);
    at(db, day, &all)
}

fn pay(db: &Db, account: &str, day: &str, reference: &str, amount: &str) {
    at(db, day, &["payment", "record", account, "--amount", amount, "--method", "wire", "--reference", reference]);
}

#[test]
fn promises_are_kept_broken_or_pending_as_of_each_day() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        at(
            &db,
            "2026-05-01",
            &["charge", "add", "B200", "--doc-no", "INV-2002", "--kind", "invoice", "--amount", "900"],
        );
        // Kept by two payments: 300 on 05-10 and 300 on 05-18 toward 600 promised by 05-20.
        at(&db, "2026-05-05", &["promise", "add", "B200", "--amount", "600", "--date", "2026-05-20"]);
        pay(&db, "B200", "2026-05-10", "P-B1", "300");
        pay(&db, "B200", "2026-05-18", "P-B2", "300");
        // Broken: 100 of 200 paid by 06-10.
        at(&db, "2026-06-01", &["promise", "add", "B200", "--amount", "200", "--date", "2026-06-10"]);
        pay(&db, "B200", "2026-06-05", "P-B3", "100");
        // Pending until the end of the year.
        at(&db, "2026-06-15", &["promise", "add", "B200", "--amount", "100", "--date", "2026-12-31"]);

        let list = |day: &str| csv_at(&db, day, &["promise", "list"]);
        let header = "account_no,amount,promised_date,recorded_on,status\n";
        let first = |status: &str| format!("B200,600.00,2026-05-20,2026-05-05,{status}\n");
        let second = |status: &str| format!("B200,200.00,2026-06-10,2026-06-01,{status}\n");
        let third = |status: &str| format!("B200,100.00,2026-12-31,2026-06-15,{status}\n");
        assert_eq!(list("2026-05-04"), header, "nothing promised yet");
        assert_eq!(list("2026-05-05"), format!("{header}{}", first("pending")));
        assert_eq!(list("2026-05-10"), format!("{header}{}", first("pending")), "300 of 600");
        assert_eq!(list("2026-05-18"), format!("{header}{}", first("kept")), "the second payment keeps it");
        assert_eq!(list("2026-06-10"), format!("{header}{}{}", first("kept"), second("pending")), "its own day");
        assert_eq!(list("2026-06-11"), format!("{header}{}{}", first("kept"), second("broken")));
        assert_eq!(list("2026-11-23"), format!("{header}{}{}{}", first("kept"), second("broken"), third("pending")));
        assert_eq!(list("2027-01-01").lines().last(), Some("B200,100.00,2026-12-31,2026-06-15,broken"));
        // --status and --account narrow the list.
        let broken = csv_at(&db, "2026-11-23", &["promise", "list", "--status", "broken", "--account", "B200"]);
        assert_eq!(broken, format!("{header}{}", second("broken")));
        // A promise may not be made for a day already past, nor recorded after today.
        let out = db.run(&["--as-of", "2026-06-15", "promise", "add", "B200", "--amount", "5", "--date", "2026-06-14"]);
        assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("date: is before"));
        let out = db.run(&["--as-of", "2099-01-01", "promise", "add", "B200", "--amount", "5", "--date", "2099-02-01"]);
        assert!(String::from_utf8_lossy(&out.stderr).contains("after today"), "{out:?}");
    }
}

/// The worked example plus one of everything Today lists, as of 2026-04-25.
fn prepared(backend: Backend) -> Db {
    let db = Db::with_example_on(backend, "basic");
    // B200 on NET30 with a 1,000.00 limit, then invoiced over it.
    at(
        &db,
        "2026-04-01",
        &[
            "credit",
            "apply",
            "B200",
            "--requested-limit",
            "1000",
            "--trade-ref",
            "ADI",
            "--bank-ref",
            "First Bank",
            "--gov-id",
            "12-3456789",
        ],
    );
    at(&db, "2026-04-01", &["credit", "approve", "B200"]);
    at(&db, "2026-04-20", &["charge", "add", "B200", "--doc-no", "INV-2003", "--kind", "invoice", "--amount", "1200"]);
    // A promise due on the day; one broken (P-4 paid 100.00 of it); two broken but
    // followed up with a note after their day.
    at(&db, "2026-04-20", &["promise", "add", "A100", "--amount", "300", "--date", "2026-04-25"]);
    at(&db, "2026-04-01", &["promise", "add", "A100", "--amount", "200", "--date", "2026-04-15"]);
    at(&db, "2026-04-01", &["promise", "add", "C300", "--amount", "50", "--date", "2026-04-10"]);
    at(&db, "2026-04-01", &["promise", "add", "B200", "--amount", "75", "--date", "2026-04-05"]);
    at(&db, "2026-04-06", &["note", "add", "B200", "--text", "called about the broken promise"]);
    // A next action that has come, and one that has not.
    at(&db, "2026-04-22", &["note", "add", "C300", "--text", "owner away\nback Friday", "--next", "2026-04-24"]);
    at(
        &db,
        "2026-04-12",
        &["note", "add", "A100", "--kind", "email", "--text", "statement sent", "--next", "2026-05-05"],
    );
    // A privacy request due in 4 days, a certificate expiring, a nonstock item past day 30,
    // a credit application awaiting a decision.
    at(&db, "2026-03-30", &["privacy", "open", "--kind", "ACCESS", "--account", "A100", "--requester", "Pat Allied"]);
    at(
        &db,
        "2026-04-01",
        &["exemption", "set", "C300", "--number", "KS-77", "--certificate-on-file", "--expires", "2026-05-10"],
    );
    at(&db, "2026-03-20", &["nonstock", "receive", "A100", "--description", "Vista-128 board", "--vendor", "Resideo"]);
    at(
        &db,
        "2026-04-10",
        &[
            "credit",
            "apply",
            "C300",
            "--requested-limit",
            "4000",
            "--trade-ref",
            "x",
            "--bank-ref",
            "y",
            "--gov-id",
            "123-45-6789",
        ],
    );
    db
}

#[test]
fn today_lists_exactly_what_needs_doing() {
    for backend in backends() {
        let db = prepared(backend);
        let today = csv_at(&db, "2026-04-25", &["today"]);
        let want = "\
kind,account_no,detail,date
PROMISE_DUE,A100,promised 300.00 by 2026-04-25 (recorded 2026-04-20); paid 0.00 so far,2026-04-25
PROMISE_BROKEN,A100,promised 200.00 by 2026-04-15; paid 100.00 — broken,2026-04-15
NEXT_ACTION,C300,CALL 2026-04-22 by tester: owner away…,2026-04-24
NEWLY_FLAGGED,C300,\"flagged for collections: 1,540.00 more than 60 days past due\",2026-04-21
OVER_LIMIT,B200,\"balance 1,200.00 over the limit 1,000.00 by 200.00\",2026-04-25
CREDIT_HOLD,A100,in collections: 500.00 more than 60 days past due (oldest 84 days),2026-04-02
CREDIT_HOLD,B200,\"over the credit limit by 200.00 (balance 1,200.00, limit 1,000.00)\",2026-04-20
CREDIT_HOLD,C300,\"in collections: 1,540.00 more than 60 days past due (oldest 65 days)\",2026-04-21
LETTER_DUE,A100,\"letter 3 (Notice of suspended delivery): 675.61 past due, the oldest 84 days\",2026-04-25
LETTER_DUE,C300,\"letter 3 (Notice of suspended delivery): 1,585.56 past due, the oldest 65 days\",2026-04-25
PRIVACY_REQUEST,A100,ACCESS request #1 from Pat Allied: due in 4 days,2026-04-29
TAX_CERTIFICATE,C300,exemption KS-77: certificate expires 2026-05-10,2026-05-10
NONSTOCK_DAY_30,A100,\"NS-000001 Vista-128 board from Resideo, received 2026-03-20: return it to the vendor\",2026-04-20
CREDIT_APPLICATION,C300,\"credit application for 4,000.00 awaits a manager's decision\",2026-04-10
";
        assert_eq!(today, want);
        // The letters due are the dunning run's, to the cent.
        let due = csv_at(&db, "2026-04-25", &["dunning", "run", "--dry-run"]);
        for line in due.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            assert!(today.contains(&format!("LETTER_DUE,{},\"letter {}", f[0], f[1])), "{line}\n{today}");
        }
        assert_eq!(due.lines().count() - 1, today.matches("LETTER_DUE").count(), "{due}");
        // A payment keeps the promise due today; a call logged follows up A100's broken
        // promise, and takes over C300's next action.
        pay(&db, "A100", "2026-04-25", "P-A9", "300");
        at(&db, "2026-04-25", &["note", "add", "C300", "--text", "spoke to the owner"]);
        at(&db, "2026-04-25", &["note", "add", "A100", "--text", "will pay the rest Friday"]);
        let after = csv_at(&db, "2026-04-25", &["today"]);
        for gone in ["PROMISE_DUE", "PROMISE_BROKEN", "NEXT_ACTION"] {
            assert!(!after.contains(gone), "{gone} still listed:\n{after}");
        }
        // Letters sent: none due again within 14 days.
        let letters = db.dir.path().join("letters");
        at(&db, "2026-04-25", &["dunning", "run", "--out", letters.to_str().expect("path")]);
        assert!(!csv_at(&db, "2026-04-25", &["today"]).contains("LETTER_DUE"));
    }
}

#[test]
fn an_invoice_to_an_account_on_hold_is_refused_for_a_clerk_and_passes_with_a_managers_override() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
        let invoice = [
            "--as-of",
            "2026-04-30",
            "charge",
            "add",
            "A100",
            "--doc-no",
            "INV-1009",
            "--kind",
            "invoice",
            "--amount",
            "80",
        ];
        let before = db.fingerprint();
        let out = db.run_as("casey", &invoice);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(err.contains("account A100 is on credit hold since 2026-04-02: in collections: 513.81"), "{err}");
        assert_eq!(db.fingerprint(), before, "nothing written");
        // The manager's reason may not come from a clerk either.
        let mut overriding = invoice.to_vec();
        overriding.extend(["--override-hold", "paid by wire this morning"]);
        let out = db.run_as("casey", &overriding);
        assert!(String::from_utf8_lossy(&out.stderr).contains("only a manager may override a credit hold"));
        assert_eq!(db.fingerprint(), before);
        // The manager: refused without a reason, accepted with one, and the override recorded.
        assert!(!db.run(&invoice).status.success());
        db.ok(&overriding);
        let overrides = db.ok(&["hold", "overrides", "--format", "csv"]);
        assert_eq!(
            overrides,
            "account_no,doc_no,hold,reason,overridden_on,overridden_by\n\
             A100,INV-1009,in collections: 513.81 more than 60 days past due (oldest 89 days),paid by wire this morning,2026-04-30,tester\n"
        );
        let audit = db.ok(&["audit", "--account", "A100", "--format", "csv"]);
        assert!(audit.contains("INV-1009") && audit.contains("paid by wire this morning"), "{audit}");
        // Other charges are not invoices: a fee goes through for a clerk.
        let fee =
            ["--as-of", "2026-04-30", "charge", "add", "A100", "--doc-no", "FEE-1", "--kind", "fee", "--amount", "5"];
        assert!(db.run_as("casey", &fee).status.success());
        // The credit check answers HOLD with the reason.
        let check = csv_at(&db, "2026-04-30", &["credit", "check", "A100", "--amount", "10"]);
        assert!(check.contains(",HOLD,true,in collections:"), "{check}");
    }
}

#[test]
fn an_account_whose_only_charges_past_60_days_are_disputed_is_not_on_hold() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
        let aging_before = csv_at(&db, "2026-04-30", &["aging"]);
        let holds = csv_at(&db, "2026-04-30", &["hold", "list"]);
        assert!(holds.contains("\nA100,"), "{holds}");
        // A100's two charges past 60 days: INV-1001 (89 days) and the February interest (61).
        at(&db, "2026-04-28", &["dispute", "open", "INV-1001", "--reason", "short shipment"]);
        at(&db, "2026-04-28", &["dispute", "open", "FC-A100-2026-02", "--reason", "interest on the disputed invoice"]);
        let holds = csv_at(&db, "2026-04-30", &["hold", "list"]);
        assert!(!holds.contains("\nA100,") && holds.contains("\nC300,"), "{holds}");
        assert!(csv_at(&db, "2026-04-30", &["credit", "check", "A100", "--amount", "10"]).contains(",OK,false,"));
        // Still on hold the day before the disputes were opened.
        assert!(csv_at(&db, "2026-04-27", &["hold", "list"]).contains("\nA100,"));
        // The figures do not change: the aging is the same, the flag included.
        assert_eq!(csv_at(&db, "2026-04-30", &["aging"]), aging_before);
        // A clerk's invoice goes through.
        let out = db.run_as(
            "casey",
            &[
                "--as-of",
                "2026-04-30",
                "charge",
                "add",
                "A100",
                "--doc-no",
                "INV-1010",
                "--kind",
                "invoice",
                "--amount",
                "80",
            ],
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        // The history and the dispute list mark them; resolving one puts A100 back on hold.
        let history = csv_at(&db, "2026-04-30", &["account", "history", "A100"]);
        assert!(history.contains("INV-1001,INVOICE,1000.00,2026-01-31,500.00,OPEN,true,"), "{history}");
        let disputes = csv_at(&db, "2026-04-30", &["dispute", "list", "--open"]);
        assert_eq!(disputes.lines().count(), 3, "{disputes}");
        at(&db, "2026-04-30", &["dispute", "resolve", "INV-1001", "--outcome", "shipment confirmed"]);
        assert!(csv_at(&db, "2026-04-30", &["hold", "list"]).contains("\nA100,"));
        assert!(csv_at(&db, "2026-04-29", &["hold", "list"]).lines().all(|l| !l.starts_with("A100,")));
        // A dispute names a charge, once at a time.
        let twice = db.run(&["--as-of", "2026-04-30", "dispute", "open", "FC-A100-2026-02", "--reason", "again"]);
        assert!(String::from_utf8_lossy(&twice.stderr).contains("already disputed since 2026-04-28"));
        let payment = db.run(&["--as-of", "2026-04-30", "dispute", "open", "P-1", "--reason", "x"]);
        assert!(String::from_utf8_lossy(&payment.stderr).contains("is a payment"));
    }
}

#[test]
fn an_open_nonconforming_claim_disputes_its_invoice() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        // INV-1002 (A100, 2026-02-15): wrong product reported within 5 business days.
        at(
            &db,
            "2026-02-20",
            &[
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
        );
        let disputes = csv_at(&db, "2026-04-30", &["dispute", "list", "--open"]);
        assert!(disputes.contains("INV-1002,A100,nonconforming goods: WRONG_PRODUCT"), "{disputes}");
        assert!(disputes.contains(",NC-000001,true"), "{disputes}");
        let history = csv_at(&db, "2026-04-30", &["account", "history", "A100"]);
        assert!(history.contains("INV-1002,INVOICE,250.00,2026-03-17,150.00,OPEN,true,"), "{history}");
    }
}

#[test]
fn account_history_lists_paid_and_void_documents_and_every_payment() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let history = csv_at(&db, "2026-04-30", &["account", "history", "B200"]);
        assert_eq!(
            history,
            "date,doc_no,kind,amount,due_date,outstanding,status,disputed,apply_to\n\
             2026-03-02,INV-2001,INVOICE,480.00,2026-03-02,0.00,PAID,false,\n\
             2026-03-02,P-2,CARD,480.00,,,RECEIVED,false,INV-2001\n"
        );
        // C300's returned check: the payment RETURNED, its fee a document of its own.
        let history = csv_at(&db, "2026-04-30", &["account", "history", "C300"]);
        assert!(history.contains("2026-02-19,P-3,CHECK,1540.00,,,RETURNED,false,"), "{history}");
        assert!(history.contains("2026-02-27,RCF-P-3,RETURNED_CHECK_FEE,25.00,2026-02-27,"), "{history}");
        // As of a day before the return, the check still counts.
        let before = csv_at(&db, "2026-02-20", &["account", "history", "C300"]);
        assert!(before.contains("P-3,CHECK,1540.00,,,RECEIVED") && !before.contains("RCF-P-3"), "{before}");
        // Void documents (RULES 10) are listed too, VOID, at every day after their own.
        db.ok(&["payment", "void", "P-1", "--reason", "entered twice"]);
        db.ok(&["charge", "void", "INV-1002", "--reason", "billed to the wrong account"]);
        let history = csv_at(&db, "2026-04-30", &["account", "history", "A100"]);
        assert!(history.contains("\n2026-02-15,INV-1002,INVOICE,250.00,2026-03-17,,VOID,false,\n"), "{history}");
        assert!(history.contains("\n2026-03-10,P-1,CHECK,500.00,,,VOID,false,\n"), "{history}");
        assert!(history.contains("\n2026-04-01,P-4,WIRE,100.00,,,RECEIVED,false,INV-1002\n"), "{history}");
        let early = csv_at(&db, "2026-02-01", &["account", "history", "A100"]);
        assert!(!early.contains("INV-1002") && !early.contains("P-1"), "not yet dated: {early}");
    }
}

#[test]
fn aging_and_invoices_for_one_account_are_the_lines_of_the_full_reports() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        for day in ["2026-02-28", "2026-03-15", "2026-04-30"] {
            let full = csv_at(&db, day, &["aging"]);
            let invoices = csv_at(&db, day, &["invoices"]);
            let header = full.lines().next().unwrap();
            for account in ["A100", "B200", "C300"] {
                let one = csv_at(&db, day, &["aging", "--account", account]);
                let line = full.lines().find(|l| l.starts_with(&format!("{account},")));
                let want: Vec<&str> = [header].into_iter().chain(line).collect();
                assert_eq!(one.lines().collect::<Vec<_>>(), want, "{account} as of {day}");
                let mine = csv_at(&db, day, &["invoices", "--account", account]);
                let want: Vec<&str> = invoices
                    .lines()
                    .filter(|l| l.contains(&format!(",{account},")) || l.starts_with("doc_no"))
                    .collect();
                assert_eq!(mine.lines().collect::<Vec<_>>(), want, "{account} as of {day}");
            }
        }
        let out = db.run(&["aging", "--account", "Z999"]);
        assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no account Z999"));
    }
}

/// The `aging` report's sums as of a day: total, and the part past 60 days.
fn aging_sums(db: &Db, day: &str) -> (i64, i64) {
    let csv = csv_at(db, day, &["aging"]);
    let cents = |s: &str| -> i64 {
        let (w, f) = s.split_once('.').unwrap();
        let sign = if w.starts_with('-') { -1 } else { 1 };
        w.parse::<i64>().unwrap() * 100 + sign * f.parse::<i64>().unwrap()
    };
    csv.lines().skip(1).fold((0, 0), |(t, p), l| {
        let f: Vec<&str> = l.split(',').collect();
        (t + cents(f[8]), p + cents(f[4]) + cents(f[5]))
    })
}

/// A new book on the test server holding `file`'s book (`migrate`).
fn migrated(file: &Db) -> Db {
    let db = Db::on(Backend::Postgres);
    let url = &db.pg.as_ref().expect("a PostgreSQL book").admin;
    let out = std::process::Command::new(common::BIN)
        .args(["--as-of", "2026-11-23", "migrate", "--from"])
        .arg(&file.path)
        .args(["--to", url])
        .output()
        .expect("run creditdesk");
    assert!(out.status.success(), "migrate: {}", String::from_utf8_lossy(&out.stderr));
    db
}

#[test]
fn the_trend_equals_the_aging_reports_as_of_each_month_end_on_a_random_ledger() {
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() % 100_000;
    let file = Db::new();
    at(&file, "2026-10-31", &["demo", "--accounts", "25", "--invoices", "300", "--seed", &seed.to_string()]);
    for backend in backends() {
        // The demo is a SQLite file's: a book on the server is that file migrated there.
        let server = (backend == Backend::Postgres).then(|| migrated(&file));
        let db = server.as_ref().unwrap_or(&file);
        let trend = csv_at(db, "2026-11-23", &["trend", "--months", "12"]);
        let lines: Vec<&str> = trend.lines().collect();
        assert_eq!(lines[0], "month_end,total,past_60,dso");
        assert_eq!(lines.len(), 13, "{backend:?}: {trend}");
        assert!(lines[1].starts_with("2025-11-30,") && lines[12].starts_with("2026-10-31,"), "{backend:?}: {trend}");
        for line in &lines[1..] {
            let f: Vec<&str> = line.split(',').collect();
            let (total, past_60) = aging_sums(db, f[0]);
            let shown = |s: &str| s.replace('.', "").parse::<i64>().unwrap();
            assert_eq!((shown(f[1]), shown(f[2])), (total, past_60), "{backend:?}: seed {seed}, {line}");
        }
    }
}
