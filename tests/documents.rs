//! Statements, interest explanations, the journal export and dunning letters, through
//! the real binary on the worked examples (RULES 11; issue 13's acceptance).

mod common;
use common::{examples_dir, Db};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::process::Command;

/// The worked examples' names and, for each, the days of their expected reports.
fn examples() -> Vec<(&'static str, Vec<String>)> {
    ["basic", "credit"]
        .into_iter()
        .map(|name| {
            let mut days: Vec<String> = fs::read_dir(examples_dir().join(name).join("expected"))
                .expect("expected dir")
                .filter_map(|e| {
                    let stem = e.ok()?.path().file_stem()?.to_str()?.to_string();
                    stem.strip_prefix("aging-").map(str::to_string)
                })
                .collect();
            days.sort();
            (name, days)
        })
        .collect()
}

fn accounts(name: &str) -> Vec<String> {
    let text = fs::read_to_string(examples_dir().join(name).join("customers.csv")).expect("customers");
    text.lines().skip(1).filter_map(|l| l.split(',').next()).map(str::to_string).collect()
}

/// Rows of a CSV text as maps from column to value.
fn rows(csv_text: &str) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = r.headers().expect("headers").clone();
    r.records()
        .map(|rec| {
            headers.iter().zip(rec.expect("record").iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// Cents of an amount written `-1234.56`, `$1234.56`, `$-1,234.56` or `0`.
fn cents(text: &str) -> i64 {
    let t: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '-' || *c == '.').collect();
    let negative = t.starts_with('-');
    let t = t.trim_start_matches('-');
    let (whole, frac) = t.split_once('.').unwrap_or((t, "0"));
    let c = whole.parse::<i64>().expect("digits") * 100 + format!("{frac:0<2}")[..2].parse::<i64>().expect("cents");
    if negative {
        -c
    } else {
        c
    }
}

/// Each account's aging total and accrued interest as of a day (absent: 0.00).
fn aging(db: &Db, day: &str) -> BTreeMap<String, (i64, i64)> {
    rows(&db.ok(&["--as-of", day, "aging", "--format", "csv"]))
        .into_iter()
        .map(|r| (r["account_no"].clone(), (cents(&r["total"]), cents(&r["accrued_interest"]))))
        .collect()
}

#[test]
fn a_statements_total_is_the_aging_total_for_every_account_and_day_of_the_examples() {
    for (name, days) in examples() {
        let db = Db::with_example(name);
        for day in &days {
            let aging = aging(&db, day);
            for account in accounts(name) {
                let lines = rows(&db.ok(&["--as-of", day, "statement", &account, "--format", "csv"]));
                let total = lines.iter().find(|l| l["line"] == "total").expect("a total line");
                let expected = aging.get(&account).map_or(0, |a| a.0);
                assert_eq!(cents(&total["outstanding"]), expected, "{name} {account} as of {day}");
                let items: i64 = lines.iter().filter(|l| l["line"] == "item").map(|l| cents(&l["outstanding"])).sum();
                let figure = |line: &str| cents(&lines.iter().find(|l| l["line"] == line).unwrap()["outstanding"]);
                assert_eq!(items + figure("accrued_interest") - figure("unapplied_credit"), expected);
                let json: serde_json::Value =
                    serde_json::from_str(&db.ok(&["--as-of", day, "statement", &account, "--format", "json"])).unwrap();
                assert_eq!(cents(json["total"].as_str().unwrap()), expected, "json");
            }
        }
    }
}

#[test]
fn an_activity_statements_brought_forward_plus_movements_is_its_closing_balance() {
    for (name, days) in examples() {
        let db = Db::with_example(name);
        let aging_at = |day: &str| aging(&db, day);
        for to in &days {
            for from in ["2026-01-01", "2026-02-10", "2026-03-01", "2026-06-09"] {
                if from > to.as_str() {
                    continue;
                }
                let closing_aging = aging_at(to);
                for account in accounts(name) {
                    let lines = rows(&db.ok(&["statement", &account, "--from", from, "--to", to, "--format", "csv"]));
                    let bf = cents(&lines.first().unwrap()["balance"]);
                    let closing = cents(&lines.last().unwrap()["balance"]);
                    let moves: i64 =
                        lines.iter().filter(|l| l["line"] == "movement").map(|l| cents(&l["amount"])).sum();
                    assert_eq!(bf + moves, closing, "{name} {account} {from}..{to}");
                    assert_eq!(closing, closing_aging.get(&account).map_or(0, |a| a.0), "closing = aging total");
                    let dates: Vec<&String> = lines.iter().map(|l| &l["date"]).collect();
                    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "date order: {dates:?}");
                }
            }
        }
    }
}

#[test]
fn explain_totals_equal_interest_accrued_for_every_open_charge() {
    for (name, days) in examples() {
        let db = Db::with_example(name);
        let mut checked = 0;
        for day in &days {
            for charge in rows(&db.ok(&["--as-of", day, "invoices", "--format", "csv"])) {
                let doc = &charge["doc_no"];
                let e: serde_json::Value =
                    serde_json::from_str(&db.ok(&["--as-of", day, "explain", doc, "--format", "json"])).unwrap();
                assert_eq!(e["total"].as_str().unwrap(), charge["interest_accrued"], "{name} {doc} as of {day}");
                // The runs add up to the total's cent-days; each run is outstanding × days.
                let runs = e["runs"].as_array().unwrap();
                let sum: i128 = runs.iter().map(|r| r["cent_days"].as_str().unwrap().parse::<i128>().unwrap()).sum();
                assert_eq!(sum.to_string(), e["total_cent_days"].as_str().unwrap());
                for r in runs {
                    let out = cents(r["outstanding"].as_str().unwrap()) as i128;
                    let days = r["days"].as_i64().unwrap() as i128;
                    assert_eq!(out * days, r["cent_days"].as_str().unwrap().parse::<i128>().unwrap());
                }
                checked += 1;
            }
        }
        assert!(checked > 10, "{name}: only {checked} charges");
    }
}

#[test]
fn explain_shows_the_worked_examples_february_interest_run_by_run() {
    let db = Db::with_example("basic");
    let table = db.ok(&["--as-of", "2026-02-28", "explain", "INV-1001"]);
    assert!(table.contains("2026-02-01  2026-02-28    28"), "{table}");
    assert!(table.contains("FC-A100-2026-02"), "{table}");
    assert!(table.contains("→ 13.81"), "{table}");
    let csv = db.ok(&["--as-of", "2026-02-28", "explain", "INV-1001", "--format", "csv"]);
    assert_eq!(
        csv,
        "doc_no,from,to,days,outstanding,annual_rate,cent_days,exact_interest,month,posted_as\n\
         INV-1001,2026-02-01,2026-02-28,28,1000.00,18%,2800000,13.8082191781,2026-02,FC-A100-2026-02\n"
    );
    let unknown = db.run(&["explain", "NOPE-1"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no charge NOPE-1"));
    // A derived charge is explained too: the interest charge's own interest.
    db.ok(&["--as-of", "2026-04-30", "explain", "FC-A100-2026-02"]);
    db.ok(&["--as-of", "2026-04-30", "explain", "RCF-P-3"]);
}

fn hledger() -> bool {
    Command::new("hledger").arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn the_journal_export_read_by_hledger_gives_each_accounts_aging_total_less_accrued_interest() {
    if !hledger() {
        eprintln!("hledger is not installed here; skipping (CI installs it: apt-get install hledger)");
        return;
    }
    for (name, days) in examples() {
        let db = Db::with_example(name);
        for day in &days {
            let file = db.dir.path().join(format!("{name}-{day}.journal"));
            db.ok(&["--as-of", day, "export", "journal", "-o", file.to_str().unwrap()]);
            let out = Command::new("hledger")
                .args(["-f", file.to_str().unwrap(), "bal", "assets:receivable", "-E", "--flat", "-N", "-O", "csv"])
                .output()
                .expect("hledger");
            assert!(out.status.success(), "hledger: {}", String::from_utf8_lossy(&out.stderr));
            let got: BTreeMap<String, i64> = rows(&String::from_utf8(out.stdout).unwrap())
                .into_iter()
                .map(|r| (r["account"].trim_start_matches("assets:receivable:").to_string(), cents(&r["balance"])))
                .collect();
            let aging = aging(&db, day);
            for account in accounts(name) {
                let (total, accrued) = aging.get(&account).copied().unwrap_or((0, 0));
                assert_eq!(got.get(&account).copied().unwrap_or(0), total - accrued, "{name} {account} as of {day}");
            }
        }
    }
}

#[test]
fn the_journal_reverses_a_returned_check_and_charges_its_fee() {
    let db = Db::with_example("basic");
    let j = db.ok(&["--as-of", "2026-04-30", "export", "journal"]);
    assert!(j.contains("2026-02-19 (P-3) PAYMENT CHECK C300\n    assets:receivable:C300  $-"), "{j}");
    assert!(j.contains("2026-02-27 (P-3) RETURNED CHECK C300\n    assets:receivable:C300  $"), "{j}");
    assert!(j.contains("2026-02-27 (RCF-P-3) RETURNED_CHECK_FEE C300\n    assets:receivable:C300  $25.00"), "{j}");
    assert!(j.contains("(FC-A100-2026-04) INTEREST"), "posted interest");
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

#[test]
fn pdftotext_reads_the_account_each_open_document_and_the_total_from_a_statement_pdf() {
    let db = Db::with_example("basic");
    let pdf = db.dir.path().join("a100.pdf");
    db.ok(&["--as-of", "2026-04-30", "statement", "A100", "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    let bytes = fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    if !have("pdftotext") {
        eprintln!("pdftotext is not installed here; skipping the text check (apt-get install poppler-utils)");
        return;
    }
    let out = Command::new("pdftotext").args(["-layout", pdf.to_str().unwrap(), "-"]).output().expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("A100"), "{text}");
    for charge in rows(&db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"])) {
        if charge["account_no"] == "A100" {
            assert!(text.contains(&charge["doc_no"]), "{} missing:\n{text}", charge["doc_no"]);
        }
    }
    let total = &rows(&db.ok(&["--as-of", "2026-04-30", "aging", "--format", "csv"]))[0]["total"];
    assert_eq!(total, "685.61");
    assert!(text.contains("685.61") && text.contains("Total due"), "{text}");
}

/// Renders page 1 to PNG and checks it is not blank (so an empty page fails in CI).
fn assert_renders_ink(pdf: &Path) {
    if !have("pdftoppm") {
        eprintln!("pdftoppm is not installed here; skipping the render check (apt-get install poppler-utils)");
        return;
    }
    let prefix = pdf.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "40", "-gray", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .expect("pdftoppm");
    assert!(status.success());
    let png = fs::read(prefix.with_extension("png")).expect("a PNG");
    assert!(png.starts_with(b"\x89PNG"));
    // A blank grey page compresses to almost nothing; text and tables do not.
    assert!(png.len() > 3000, "page 1 of {} looks empty ({} bytes)", pdf.display(), png.len());
}

#[test]
fn a_statement_and_a_letter_render_a_page_with_ink_on_it() {
    let db = Db::with_example("basic");
    let pdf = db.dir.path().join("statement.pdf");
    db.ok(&["--as-of", "2026-04-30", "statement", "C300", "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    assert_renders_ink(&pdf);
    let activity = db.dir.path().join("activity.pdf");
    db.ok(&[
        "statement",
        "C300",
        "--from",
        "2026-01-01",
        "--to",
        "2026-04-30",
        "--format",
        "pdf",
        "-o",
        activity.to_str().unwrap(),
    ]);
    assert_renders_ink(&activity);
    let letters = db.dir.path().join("letters");
    db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--out", letters.to_str().unwrap()]);
    assert_renders_ink(&letters.join("dunning-2026-04-30-C300-level3.pdf"));
}

#[test]
fn statements_for_all_accounts_write_one_pdf_per_account_with_a_total() {
    let db = Db::with_example("basic");
    let dir = db.dir.path().join("statements");
    let out = db.ok(&["--as-of", "2026-04-30", "statement", "--all", "--out", dir.to_str().unwrap()]);
    assert!(out.starts_with("2 statements as of 2026-04-30"), "{out}");
    let mut files: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files, ["statement-A100-2026-04-30.pdf", "statement-C300-2026-04-30.pdf"], "B200 owes 0.00");
}

#[test]
fn a_pdf_is_not_sent_to_standard_output_as_text_but_to_a_file() {
    let db = Db::with_example("basic");
    // Standard output is a pipe here, so the PDF bytes come through.
    let out = db.run(&["statement", "A100", "--format", "pdf"]);
    assert!(out.status.success() && out.stdout.starts_with(b"%PDF-"));
    let bad = db.run(&["statement", "NOPE"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no account NOPE"));
    let neither = db.run(&["statement"]);
    assert!(!neither.status.success(), "an account or --all is required");
}

fn opt_out(db: &Db, account: &str) {
    db.ok(&[
        "--as-of",
        "2026-04-01",
        "privacy",
        "open",
        "--kind",
        "OPT_OUT_MARKETING",
        "--account",
        account,
        "--requester",
        "owner",
    ]);
    db.ok(&["--as-of", "2026-04-02", "privacy", "verify", "1", "--how", "call-back"]);
    db.ok(&["--as-of", "2026-04-03", "privacy", "complete", "1"]);
    let contacts = db.ok(&["contacts", "--format", "csv"]);
    assert!(!contacts.contains(account), "opted out of marketing: {contacts}");
}

#[test]
fn a_dunning_run_then_a_second_the_same_day_finds_nothing_due_and_an_opted_out_account_gets_its_letter() {
    let db = Db::with_example("basic");
    opt_out(&db, "A100");
    let due = db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--dry-run", "--format", "csv"]);
    assert_eq!(
        due, "account_no,level,oldest_days_past_due,amount_past_due\nA100,3,89,675.61\nC300,3,70,1585.56\n",
        "levels from the oldest open charge: 89 and 70 days"
    );
    assert_eq!(db.ok(&["dunning", "list", "--format", "csv"]).lines().count(), 1, "a dry run records nothing");
    let dir = db.dir.path().join("letters");
    let first = db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--out", dir.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(first.lines().count(), 3, "{first}");
    assert!(dir.join("dunning-2026-04-30-A100-level3.pdf").exists(), "the opted-out account's letter");
    let second = db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--dry-run", "--format", "csv"]);
    assert_eq!(second, "account_no,level,oldest_days_past_due,amount_past_due\n", "nothing due the same day");
    let again = db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--out", dir.to_str().unwrap()]);
    assert!(again.contains("0 letters as of 2026-04-30 recorded"), "{again}");
    // C300 stays at level 3: 13 days later nothing; 14 days later the same level again.
    // A100 passes 90 days on 05-02: a higher level goes at once.
    let due = |day: &str| db.ok(&["--as-of", day, "dunning", "run", "--dry-run", "--format", "csv"]);
    assert!(!due("2026-05-01").contains("A100"), "90 days: still level 3, sent the day before yesterday");
    assert!(due("2026-05-02").contains("A100,4,91,"), "91 days: a final demand");
    assert!(!due("2026-05-13").contains("C300"), "13 days since its letter");
    assert!(due("2026-05-14").contains("C300,3,84,"), "14 days since its letter");
    let listed = db.ok(&["dunning", "list", "--account", "A100", "--format", "csv"]);
    assert!(listed.contains("A100,3,2026-04-30,89,675.61,tester,"), "{listed}");
    assert!(!listed.contains("C300"));
    let audit = db.ok(&["audit", "--account", "A100", "--format", "csv"]);
    assert!(audit.contains("send,dunning_letter,SUSPENDED_DELIVERY,A100"), "{audit}");
}

/// C300 placed with an agency on 2026-04-20.
fn place_c300(db: &Db) {
    db.ok(&[
        "--as-of",
        "2026-04-20",
        "collections",
        "place",
        "C300",
        "--agency",
        "Acme Recovery",
        "--amount",
        "1585.56",
    ]);
}

#[test]
fn an_account_placed_with_an_agency_gets_no_letter_and_an_open_claim_disputes_its_invoice() {
    let db = Db::with_example("basic");
    place_c300(&db);
    db.ok(&[
        "claim",
        "open",
        "INV-1001",
        "--received",
        "2026-01-05",
        "--reported",
        "2026-01-09",
        "--reason",
        "WRONG_PRODUCT",
        "--value",
        "100",
        "--description",
        "sent the wrong keypads",
    ]);
    let due = db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--dry-run", "--format", "csv"]);
    // Without INV-1001 (89 days) the oldest undisputed charge is FC-A100-2026-02 (61 days).
    assert_eq!(due, "account_no,level,oldest_days_past_due,amount_past_due\nA100,3,61,175.61\n", "{due}");
    let statement = db.ok(&["--as-of", "2026-04-30", "statement", "A100", "--format", "csv"]);
    assert!(
        statement.contains("A100,item,INV-1001,INVOICE,2026-01-01,2026-01-31,1000.00,500.00,89,61-90,true"),
        "{statement}"
    );
    assert!(statement.contains("A100,total,,,2026-04-30,,,685.61"), "a disputed charge still counts: {statement}");
}

#[test]
fn a_clerk_may_run_dunning_and_letters_cannot_be_sent_on_a_day_to_come() {
    let db = Db::with_example("basic");
    db.ok(&["operator", "add", "casey", "--role", "CLERK"]);
    let dir = db.dir.path().join("letters");
    let out = db.run_as("casey", &["--as-of", "2026-04-30", "dunning", "run", "--out", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let future = db.run(&["--as-of", "2099-01-01", "dunning", "run", "--out", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&future.stderr).contains("day still to come"));
}

#[test]
fn a_template_file_in_the_configuration_directory_overrides_the_built_in_letter() {
    let db = Db::with_example("basic");
    let templates = db.dir.path().join("config").join("templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("dunning-3.txt"),
        "Subject: Custom notice {account}\nPay {total} now, {name}.\n\n{open_items}\n",
    )
    .unwrap();
    let dir = db.dir.path().join("letters");
    db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--out", dir.to_str().unwrap()]);
    if have("pdftotext") {
        let out =
            Command::new("pdftotext").arg(dir.join("dunning-2026-04-30-A100-level3.pdf")).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Custom notice A100") && text.contains("Pay $675.61 now, Allied Alarm Co."), "{text}");
    }
    fs::write(templates.join("dunning-3.txt"), "Dear {customer}").unwrap();
    let bad = db.run(&["--as-of", "2026-05-20", "dunning", "run", "--out", dir.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("dunning-3.txt") && err.contains("unknown placeholder {customer}"), "{err}");
}

#[test]
fn config_path_show_completions_and_the_man_page_need_no_database() {
    let db = Db::new();
    let path = db.ok(&["config", "path"]);
    assert!(path.trim_end().ends_with("config/config.toml"), "{path}");
    let config = db.dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        "idle_minutes = 12\nremit_to = [\"Lockbox 9\"]\n[company]\nname = \"Acme Alarm Supply\"\n",
    )
    .unwrap();
    let shown = db.ok(&["config", "show"]);
    assert!(shown.contains("idle_minutes = 12") && shown.contains("Acme Alarm Supply"), "{shown}");
    fs::write(config.join("config.toml"), "idle_minutes = \"x\"").unwrap();
    let bad = db.run(&["config", "show"]);
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("config.toml"));
    fs::remove_file(config.join("config.toml")).unwrap();
    assert!(db.ok(&["completions", "bash"]).contains("creditdesk"));
    assert!(db.ok(&["completions", "zsh"]).contains("#compdef creditdesk"));
    assert!(db.ok(&["completions", "fish"]).contains("complete -c creditdesk"));
    assert!(db.ok(&["man"]).contains(".TH creditdesk"));
    assert!(!db.path.exists(), "none of these opened the database");
    let written = db.ok(&["config", "templates"]);
    assert_eq!(written.matches("wrote").count(), 4, "{written}");
    assert_eq!(db.ok(&["config", "templates"]).matches("kept").count(), 4);
}

#[test]
fn the_letterhead_and_the_default_database_come_from_the_configuration_file() {
    let db = Db::with_example("basic");
    let config = db.dir.path().join("config");
    fs::create_dir_all(&config).unwrap();
    let toml = format!(
        "database = {:?}\nremit_to = [\"Acme Lockbox 77\", \"Springfield\"]\n[company]\nname = \"Acme Alarm Supply\"\naddress = [\"1 Main St\"]\n",
        db.path.to_str().unwrap()
    );
    fs::write(config.join("config.toml"), toml).unwrap();
    // No --db: the configuration names the database.
    let out = Command::new(common::BIN)
        .args(["--as-of", "2026-04-30", "statement", "A100"])
        .env_remove("CREDITDESK_DB")
        .env("CREDITDESK_CONFIG_DIR", &config)
        .env("XDG_STATE_HOME", db.dir.path().join("state"))
        .args(["--operator", "tester"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.starts_with("Acme Alarm Supply\n1 Main St\n") && text.contains("Acme Lockbox 77"), "{text}");
    let log = fs::read_to_string(db.dir.path().join("state/creditdesk/creditdesk.log")).expect("a log file");
    assert!(log.contains("command=\"statement\""), "{log}");
}

#[test]
fn a_dispute_open_on_the_day_leaves_its_charge_out_of_letters_and_marks_it_on_the_statement() {
    use creditdesk::store::{disputes, Store};
    let db = Db::with_example("basic");
    let d = common::day;
    {
        let mut store = Store::open(&db.path).unwrap();
        let account_id = creditdesk::store::accounts::by_no(&store, "A100").unwrap().unwrap().id;
        let tx = store.write().unwrap();
        let dispute = disputes::NewDispute {
            account_id,
            doc_no: "INV-1001",
            charge_id: None,
            reason: "price not as quoted",
            opened_on: d("2026-04-01"),
            opened_by: "tester",
        };
        disputes::insert(&tx, &dispute).unwrap();
        assert!(disputes::insert(&tx, &dispute).is_err(), "one open dispute per charge");
        assert!(disputes::resolve(&tx, "INV-1001", d("2026-05-10"), "UPHELD", "tester").unwrap());
        tx.commit().unwrap();
        let open = |day: &str| disputes::open_docs(&store, d(day)).unwrap();
        assert!(!open("2026-03-31").contains("INV-1001"), "not yet opened");
        assert!(open("2026-04-01").contains("INV-1001"));
        assert!(open("2026-05-09").contains("INV-1001"));
        assert!(!open("2026-05-10").contains("INV-1001"), "resolved that day");
    }
    let due = db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--dry-run", "--format", "csv"]);
    assert!(due.contains("A100,3,61,175.61"), "INV-1001 left out: {due}");
    let after = db.ok(&["--as-of", "2026-05-10", "dunning", "run", "--dry-run", "--format", "csv"]);
    assert!(after.contains("A100,3,99,") || after.contains("A100,4,99,"), "{after}");
    let s = db.ok(&["--as-of", "2026-04-30", "statement", "A100"]);
    assert!(s.lines().any(|l| l.starts_with("INV-1001") && l.ends_with("(disputed)")), "{s}");
}

#[test]
fn letters_another_desk_recorded_meanwhile_are_left_out_and_named() {
    let db = Db::with_example("basic");
    let mut service = creditdesk::service::Service::open(&db.path, "tester").unwrap();
    let day = creditdesk::domain::dates::parse_iso("2026-04-30").unwrap();
    let letters = creditdesk::read::dunning::letters_due(service.store(), day).unwrap();
    assert_eq!(letters.len(), 2);
    let today = chrono::Local::now().date_naive();
    let dir = db.dir.path().join("letters");
    let (_, first) = creditdesk::print::files::send_letters(&mut service, &letters, &dir, today).unwrap();
    assert_eq!((first.recorded, first.skipped.len()), (2, 0));
    // The same letters again (a second desk that read the book before the first wrote).
    let (_, second) = creditdesk::print::files::send_letters(&mut service, &letters, &dir, today).unwrap();
    assert_eq!(second.recorded, 0);
    assert_eq!(second.skipped, ["A100", "C300"]);
    assert_eq!(db.ok(&["dunning", "list", "--format", "csv"]).lines().count(), 3);
}

#[test]
fn void_documents_are_left_out_of_the_journal_and_the_statement_and_cannot_be_explained() {
    let db = Db::with_example("basic");
    db.ok(&["charge", "void", "INV-1002", "--reason", "never shipped"]);
    db.ok(&["payment", "void", "P-1", "--reason", "entered twice"]);
    let j = db.ok(&["--as-of", "2026-04-30", "export", "journal"]);
    assert!(!j.contains("INV-1002") && !j.contains("(P-1)"), "{j}");
    let s = db.ok(&["--as-of", "2026-04-30", "statement", "A100", "--format", "csv"]);
    assert!(!s.contains("INV-1002"), "{s}");
    let aging = aging(&db, "2026-04-30");
    let total = rows(&s).into_iter().find(|l| l["line"] == "total").unwrap();
    assert_eq!(cents(&total["outstanding"]), aging["A100"].0);
    let e = db.run(&["--as-of", "2026-04-30", "explain", "INV-1002"]);
    assert!(String::from_utf8_lossy(&e.stderr).contains("INV-1002 was voided on"), "{e:?}");
    if hledger() {
        let file = db.dir.path().join("book.journal");
        db.ok(&["--as-of", "2026-04-30", "export", "journal", "-o", file.to_str().unwrap()]);
        let out = Command::new("hledger")
            .args(["-f", file.to_str().unwrap(), "bal", "assets:receivable:A100", "-N", "-O", "csv"])
            .output()
            .unwrap();
        let bal = rows(&String::from_utf8(out.stdout).unwrap());
        assert_eq!(cents(&bal[0]["balance"]), aging["A100"].0 - aging["A100"].1);
    }
}

#[test]
fn a_recalled_placement_holds_letters_back_only_until_its_recall() {
    let db = Db::with_example("basic");
    place_c300(&db);
    let due_today = || db.ok(&["dunning", "run", "--dry-run", "--format", "csv"]);
    assert!(!due_today().contains("C300"), "placed");
    db.ok(&["collections", "recall", "C300", "--reason", "agreed a payment plan"]);
    assert!(due_today().contains("C300,4,"), "recalled today: letters go again");
    let then = db.ok(&["--as-of", "2026-04-30", "dunning", "run", "--dry-run", "--format", "csv"]);
    assert!(!then.contains("C300"), "as of 2026-04-30 it was still with the agency: {then}");
}
