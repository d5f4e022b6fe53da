//! RULES.md section 8: the worked examples, imported through the real binary, must
//! reproduce every expected report byte for byte.

mod common;
use common::{backends, examples_dir, Db};
use std::fs;

/// On each backend (PostgreSQL when the tests have a server): the same bytes.
fn check_example(name: &str) {
    for backend in backends() {
        check_example_on(backend, name);
    }
}

fn check_example_on(backend: common::Backend, name: &str) {
    let db = Db::with_example_on(backend, name);
    let expected_dir = examples_dir().join(name).join("expected");
    let mut checked = 0;
    for entry in fs::read_dir(&expected_dir).expect("expected dir") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("name").to_string();
        let (report, date) = stem.split_at(stem.len() - 10);
        let report = report.trim_end_matches('-');
        let out = db.ok(&["--as-of", date, report, "--format", "csv"]);
        let expected = fs::read_to_string(&path).expect("expected file");
        assert_eq!(out, expected, "{name} on {backend:?}: {report} as of {date}");
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} expected files found for {name}");
}

#[test]
fn basic_example_matches_every_expected_csv() {
    check_example("basic");
}

#[test]
fn credit_example_matches_every_expected_csv() {
    check_example("credit");
}

/// Our copy of the examples must be the contract's: when `../shared` is beside the
/// checkout (as in CI), any drift fails here.
#[test]
fn bundled_examples_match_the_shared_contract() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/examples");
    if !shared.exists() {
        eprintln!("../shared/examples not present; skipping the drift check");
        return;
    }
    for name in ["basic", "credit"] {
        for sub in ["", "expected"] {
            for entry in fs::read_dir(shared.join(name).join(sub)).expect("shared dir") {
                let path = entry.expect("entry").path();
                if path.is_file() {
                    let ours = examples_dir().join(name).join(sub).join(path.file_name().expect("name"));
                    assert_eq!(fs::read(&path).ok(), fs::read(&ours).ok(), "{} differs from our copy", path.display());
                }
            }
        }
    }
}

#[test]
fn as_of_a_month_end_accrued_interest_is_zero_and_returned_check_fee_is_due() {
    let db = Db::with_example("basic");
    let out = db.ok(&["--as-of", "2026-02-26", "invoices", "--format", "csv"]);
    assert!(!out.contains("RCF-P-3"), "the check is not yet returned on 2026-02-26:\n{out}");
    assert!(!out.contains("INV-3002"), "P-3 still pays INV-3002 the day before its return:\n{out}");
    let out = db.ok(&["--as-of", "2026-02-27", "invoices", "--format", "csv"]);
    assert!(out.contains("RCF-P-3,C300,RETURNED_CHECK_FEE,2026-02-27,2026-02-27,25.00,25.00,0,current,0.00"), "{out}");
}
