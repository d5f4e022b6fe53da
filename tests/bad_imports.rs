//! Issue #2 / RULES.md section 7: an import is all or nothing. One bad row rejects the
//! whole file with the file name, line number (the header is line 1), column and
//! reason, and changes nothing. Every case goes through the real binary.

mod common;
use common::{Db, Rejection};

const INVOICES: &str = "doc_no,account_no,kind,date,amount,due_date\n";
const PAYMENTS: &str = "payment_ref,account_no,date,method,amount,apply_to\n";
const RETURNS: &str = "payment_ref,returned_date,fee_waived\n";

/// The basic worked example: accounts A100 (NET30), B200 (PREPAY), C300; INV-1001,
/// INV-1002 (A100), INV-2001 (B200), REP-3001 (C300); payments P-1 (CHECK, A100,
/// 2026-03-10), P-2 (CARD), P-3 (CHECK, returned 2026-02-27), P-4 (WIRE).
fn basic() -> Db {
    Db::with_example("basic")
}

fn invoices(rows: &str) -> String {
    format!("{INVOICES}{rows}")
}

fn payments(rows: &str) -> String {
    format!("{PAYMENTS}{rows}")
}

fn returns(rows: &str) -> String {
    format!("{RETURNS}{rows}")
}

#[test]
fn unknown_account_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "unknown_account.csv",
        &invoices("INV-9001,Z999,INVOICE,2026-03-01,100.00,\n"),
        Rejection { line: 2, column: "account_no", reason: "unknown account \"Z999\"" },
    );
}

#[test]
fn impossible_date_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "impossible_date.csv",
        &invoices("INV-9001,A100,INVOICE,2026-02-30,100.00,\n"),
        Rejection { line: 2, column: "date", reason: "\"2026-02-30\" is not a date" },
    );
}

#[test]
fn negative_amount_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "negative_amount.csv",
        &invoices("INV-9001,A100,INVOICE,2026-03-01,-5,\n"),
        Rejection { line: 2, column: "amount", reason: "\"-5\" is not an amount" },
    );
}

#[test]
fn negative_payment_amount_is_rejected() {
    basic().assert_import_rejected(
        "payments",
        "negative_payment.csv",
        &payments("P-9001,A100,2026-03-01,WIRE,-5,\n"),
        Rejection { line: 2, column: "amount", reason: "\"-5\" is not an amount" },
    );
}

#[test]
fn zero_amount_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "zero_amount.csv",
        &invoices("INV-9001,A100,INVOICE,2026-03-01,0.00,\n"),
        Rejection { line: 2, column: "amount", reason: "must be greater than zero" },
    );
}

#[test]
fn three_decimal_amount_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "three_decimals.csv",
        &invoices("INV-9001,A100,INVOICE,2026-03-01,12.345,\n"),
        Rejection { line: 2, column: "amount", reason: "\"12.345\" has more than two decimals" },
    );
}

#[test]
fn exponent_amount_is_rejected() {
    basic().assert_import_rejected(
        "payments",
        "exponent.csv",
        &payments("P-9001,A100,2026-03-01,WIRE,1e3,\n"),
        Rejection { line: 2, column: "amount", reason: "\"1e3\" is not an amount" },
    );
}

#[test]
fn duplicate_document_number_within_the_file_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "duplicate_in_file.csv",
        &invoices("INV-9001,A100,INVOICE,2026-03-01,100.00,\nINV-9001,B200,INVOICE,2026-03-02,50.00,\n"),
        Rejection { line: 3, column: "doc_no", reason: "document \"INV-9001\" already exists" },
    );
}

#[test]
fn duplicate_document_number_already_in_the_database_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "duplicate_in_db.csv",
        &invoices("INV-9001,A100,INVOICE,2026-03-01,100.00,\nINV-1001,A100,INVOICE,2026-03-01,100.00,\n"),
        Rejection { line: 3, column: "doc_no", reason: "document \"INV-1001\" already exists" },
    );
}

#[test]
fn duplicate_payment_reference_is_rejected() {
    let db = basic();
    db.assert_import_rejected(
        "payments",
        "duplicate_ref_in_db.csv",
        &payments("P-1,A100,2026-03-11,WIRE,10.00,\n"),
        Rejection { line: 2, column: "payment_ref", reason: "payment reference \"P-1\" already exists" },
    );
    db.assert_import_rejected(
        "payments",
        "duplicate_ref_in_file.csv",
        &payments("P-9001,A100,2026-03-11,WIRE,10.00,\nP-9001,B200,2026-03-12,CASH,10.00,\n"),
        Rejection { line: 3, column: "payment_ref", reason: "payment reference \"P-9001\" already exists" },
    );
}

#[test]
fn unknown_kind_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "unknown_kind.csv",
        &invoices("INV-9001,A100,SALE,2026-03-01,100.00,\n"),
        Rejection { line: 2, column: "kind", reason: "\"SALE\" is not one of" },
    );
}

#[test]
fn kind_in_lower_case_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "lower_kind.csv",
        &invoices("INV-9001,A100,invoice,2026-03-01,100.00,\n"),
        Rejection { line: 2, column: "kind", reason: "\"invoice\" is not one of" },
    );
}

#[test]
fn unknown_method_is_rejected() {
    basic().assert_import_rejected(
        "payments",
        "unknown_method.csv",
        &payments("P-9001,A100,2026-03-01,BITCOIN,10.00,\n"),
        Rejection { line: 2, column: "method", reason: "\"BITCOIN\" is not one of" },
    );
}

#[test]
fn unknown_terms_in_customers_is_rejected() {
    basic().assert_import_rejected(
        "customers",
        "unknown_terms.csv",
        "account_no,name,state,terms,credit_limit,annual_rate_cap_pct\nD400,Delta Doors,MO,NET60,0,\n",
        Rejection { line: 2, column: "terms", reason: "\"NET60\" is not one of PREPAY, NET30" },
    );
}

#[test]
fn derived_kind_interest_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "derived_interest.csv",
        &invoices("INV-9001,A100,INTEREST,2026-03-01,10.00,\n"),
        Rejection { line: 2, column: "kind", reason: "INTEREST charges are derived" },
    );
}

#[test]
fn derived_kind_returned_check_fee_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "derived_rcf.csv",
        &invoices("INV-9001,A100,RETURNED_CHECK_FEE,2026-03-01,25.00,\n"),
        Rejection { line: 2, column: "kind", reason: "RETURNED_CHECK_FEE charges are derived" },
    );
}

#[test]
fn reserved_prefix_fc_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "reserved_fc.csv",
        &invoices("FC-A100-2026-05,A100,INVOICE,2026-05-31,10.00,\n"),
        Rejection { line: 2, column: "doc_no", reason: "reserved" },
    );
}

#[test]
fn reserved_prefix_rcf_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "reserved_rcf.csv",
        &invoices("RCF-P-9,A100,FEE,2026-05-31,25.00,\n"),
        Rejection { line: 2, column: "doc_no", reason: "reserved" },
    );
}

#[test]
fn due_date_before_the_date_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "due_before_date.csv",
        &invoices("INV-9001,A100,INVOICE,2026-03-01,100.00,2026-02-28\n"),
        Rejection { line: 2, column: "due_date", reason: "is before the charge's date 2026-03-01" },
    );
}

#[test]
fn apply_to_a_document_of_another_account_is_rejected() {
    basic().assert_import_rejected(
        "payments",
        "apply_to_other_account.csv",
        &payments("P-9001,A100,2026-03-11,WIRE,10.00,INV-2001\n"),
        Rejection { line: 2, column: "apply_to", reason: "\"INV-2001\" is not a document of account A100" },
    );
}

#[test]
fn apply_to_no_document_at_all_is_rejected() {
    basic().assert_import_rejected(
        "payments",
        "apply_to_nothing.csv",
        &payments("P-9001,A100,2026-03-11,WIRE,10.00,INV-4040\n"),
        Rejection { line: 2, column: "apply_to", reason: "\"INV-4040\" is not a document of account A100" },
    );
}

#[test]
fn returning_a_wire_payment_is_rejected() {
    basic().assert_import_rejected(
        "returned-checks",
        "return_wire.csv",
        &returns("P-4,2026-04-02,false\n"),
        Rejection { line: 2, column: "payment_ref", reason: "only a CHECK or CERTIFIED_CHECK can be returned" },
    );
}

#[test]
fn return_dated_before_its_payment_is_rejected() {
    basic().assert_import_rejected(
        "returned-checks",
        "return_before_payment.csv",
        &returns("P-1,2026-03-09,false\n"),
        Rejection { line: 2, column: "returned_date", reason: "is before the payment's date 2026-03-10" },
    );
}

#[test]
fn payment_returned_twice_within_the_file_is_rejected() {
    basic().assert_import_rejected(
        "returned-checks",
        "returned_twice_in_file.csv",
        &returns("P-1,2026-03-12,false\nP-1,2026-03-13,false\n"),
        Rejection { line: 3, column: "payment_ref", reason: "was already returned on 2026-03-12" },
    );
}

#[test]
fn payment_returned_twice_against_the_database_is_rejected() {
    basic().assert_import_rejected(
        "returned-checks",
        "returned_twice_in_db.csv",
        &returns("P-3,2026-03-01,false\n"),
        Rejection { line: 2, column: "payment_ref", reason: "was already returned on 2026-02-27" },
    );
}

#[test]
fn missing_required_column_in_the_header_is_rejected() {
    basic().assert_import_rejected(
        "invoices",
        "missing_amount_column.csv",
        "doc_no,account_no,kind,date,due_date\nINV-9001,A100,INVOICE,2026-03-01,\n",
        Rejection { line: 1, column: "amount", reason: "required column amount is missing from the header" },
    );
}

#[test]
fn missing_required_column_on_an_empty_database_writes_nothing() {
    let db = Db::new();
    db.ok(&["init"]);
    db.assert_import_rejected(
        "customers",
        "customers_without_name.csv",
        "account_no,state\nN1,MO\n",
        Rejection { line: 1, column: "name", reason: "required column name is missing from the header" },
    );
}

#[test]
fn bad_row_on_line_3_rejects_the_good_row_on_line_2_too() {
    let db = basic();
    db.assert_import_rejected(
        "customers",
        "good_then_bad.csv",
        "account_no,name,terms\nN100,New Alarm Co,NET30\nN200,Bad Terms Inc,NET45\n",
        Rejection { line: 3, column: "terms", reason: "\"NET45\" is not one of" },
    );
    let out = db.ok(&["--as-of", "2026-03-01", "aging", "--format", "csv"]);
    assert!(!out.contains("N100"), "{out}");
    // The same good row on its own goes in: it was only the bad row that stopped it.
    let path = db.write("good_only.csv", "account_no,name,terms\nN100,New Alarm Co,NET30\n");
    db.ok(&["import", "customers", path.to_str().expect("path")]);
}

#[test]
fn bad_invoice_row_after_good_ones_writes_no_invoice() {
    let db = basic();
    db.assert_import_rejected(
        "invoices",
        "good_invoices_then_bad.csv",
        &invoices("INV-9001,A100,INVOICE,2026-03-01,100.00,\nINV-9002,B200,INVOICE,2026-03-01,12.345,\n"),
        Rejection { line: 3, column: "amount", reason: "has more than two decimals" },
    );
    let out = db.ok(&["--as-of", "2026-03-01", "invoices", "--format", "csv"]);
    assert!(!out.contains("INV-9001"), "{out}");
}

#[test]
fn columns_in_any_order_report_their_own_position() {
    // The column number is its position in this file's header, not the contract's order.
    basic().assert_import_rejected(
        "invoices",
        "reordered.csv",
        "amount,date,kind,account_no,doc_no\n10.00,2026-03-01,INVOICE,A100,INV-9001\n5.00,2026-03-01,INVOICE,Z999,INV-9002\n",
        Rejection { line: 3, column: "account_no", reason: "unknown account" },
    );
}

// Issue #9: files that are not text, or never end, are refused in bounded memory.

fn import_refused(db: &Db, kind: &str, path: &std::path::Path) -> String {
    let before = db.fingerprint();
    let out = db.run(&["import", kind, path.to_str().expect("path")]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "import {kind} {} succeeded", path.display());
    assert_eq!(db.fingerprint(), before, "the refused import changed the database");
    stderr
}

#[test]
fn dev_zero_is_refused_at_line_1_as_not_text() {
    let db = Db::with_example("basic");
    let err = import_refused(&db, "invoices", std::path::Path::new("/dev/zero"));
    assert!(err.contains("/dev/zero: line 1, column 0 (): cannot read the header: holds a NUL byte"), "{err}");
}

#[test]
fn a_50_mb_document_number_is_refused_with_its_line() {
    let db = Db::with_example("basic");
    let mut contents = b"doc_no,account_no,kind,date,amount\nINV-9,A100,INVOICE,2026-01-05,10\n".to_vec();
    contents.extend(std::iter::repeat_n(b'9', 50 * 1024 * 1024));
    contents.extend_from_slice(b",A100,INVOICE,2026-01-05,10\n");
    let path = db.dir.path().join("huge.csv");
    std::fs::write(&path, contents).unwrap();
    let err = import_refused(&db, "invoices", &path);
    assert!(err.contains("huge.csv: line 3, column 0 (): is longer than 16384 bytes"), "{err}");
}

#[test]
fn a_field_over_4000_characters_is_refused_naming_its_column() {
    let db = Db::with_example("basic");
    let name = "N".repeat(4_001);
    db.assert_import_rejected(
        "customers",
        "long_name.csv",
        &format!("account_no,name\nL1,{name}\n"),
        Rejection { line: 2, column: "name", reason: "is longer than 4000 characters" },
    );
}

#[test]
fn a_nul_byte_inside_a_document_number_is_refused_with_its_line() {
    let db = Db::with_example("basic");
    db.assert_import_rejected(
        "invoices",
        "nul.csv",
        "doc_no,account_no,kind,date,amount\nINV-9,A100,INVOICE,2026-01-05,10\nINV\0-10,A100,INVOICE,2026-01-05,10\n",
        Rejection { line: 3, column: "", reason: "holds a NUL byte: this is not a text file" },
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_line() {
    let db = Db::with_example("basic");
    let mut contents = b"account_no,name\nU1,Fine\nU2,Bad \xff\xfe name\n".to_vec();
    contents.extend_from_slice(b"U3,Fine too\n");
    let path = db.dir.path().join("latin1.csv");
    std::fs::write(&path, contents).unwrap();
    let err = import_refused(&db, "customers", &path);
    assert!(err.contains("latin1.csv: line 3, column 0 (): is not valid UTF-8 text"), "{err}");
}
