//! Issue #2 / RULES.md section 6: operators, roles and the append-only audit log,
//! enforced below the user interface (by `Service` and by the database itself).

mod common;
use common::{examples_dir, Db};
use creditdesk::service::import::ImportKind;
use creditdesk::service::{Role, Service};
use creditdesk::Error;

fn add_operator(db: &Db, name: &str, role: &str, active: bool) {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute(
        "INSERT INTO operators (name, role, active, created_at) VALUES (?1, ?2, ?3, '2026-01-01T00:00:00')",
        rusqlite::params![name, role, active],
    )
    .expect("insert operator");
}

/// A database holding the basic example, imported by `manager` through the service.
fn basic_as(db: &Db, manager: &str) {
    let mut service = Service::open(&db.path, manager).expect("open");
    let dir = examples_dir().join("basic");
    for (kind, file) in [
        (ImportKind::Customers, "customers.csv"),
        (ImportKind::Invoices, "invoices.csv"),
        (ImportKind::Payments, "payments.csv"),
        (ImportKind::ReturnedChecks, "returned_checks.csv"),
    ] {
        service.import(kind, &dir.join(file)).expect("import");
    }
}

fn audit_rows(db: &Db) -> Vec<(String, String, String, Option<String>)> {
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let mut stmt = conn.prepare("SELECT operator, action, entity, entity_key FROM audit_log ORDER BY id").expect("sql");
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).expect("query");
    rows.collect::<Result<_, _>>().expect("rows")
}

#[test]
fn first_operator_of_a_new_database_becomes_manager() {
    let db = Db::new();
    let service = Service::open(&db.path, "alice").expect("open a new database");
    assert_eq!(service.operator().name, "alice");
    assert_eq!(service.operator().role, Role::Manager);
    drop(service);
    // It is recorded, and audited.
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let role: String =
        conn.query_row("SELECT role FROM operators WHERE name = 'alice'", [], |r| r.get(0)).expect("alice stored");
    assert_eq!(role, "MANAGER");
    let rows = audit_rows(&db);
    assert_eq!(rows, vec![("alice".into(), "create".into(), "operator".into(), Some("alice".into()))]);
    // Opening again keeps the role.
    assert_eq!(Service::open(&db.path, "alice").expect("reopen").operator().role, Role::Manager);
}

#[test]
fn unknown_operator_is_refused_once_the_database_has_one() {
    let db = Db::new();
    Service::open(&db.path, "alice").expect("first operator");
    let before = db.fingerprint();
    match Service::open(&db.path, "mallory") {
        Err(Error::Refused(msg)) => assert!(msg.contains("mallory"), "{msg}"),
        Err(other) => panic!("expected a refusal, got {other}"),
        Ok(s) => panic!("mallory was let in as {}", s.operator().role),
    }
    assert_eq!(db.fingerprint(), before, "a refused operator must not be registered");
}

#[test]
fn disabled_operator_is_refused() {
    let db = Db::new();
    Service::open(&db.path, "alice").expect("first operator");
    add_operator(&db, "bob", "CLERK", false);
    assert!(matches!(Service::open(&db.path, "bob"), Err(Error::Refused(_))));
}

#[test]
fn clerk_cannot_waive_a_returned_check_fee_and_nothing_is_written() {
    let db = Db::new();
    basic_as(&db, "alice");
    add_operator(&db, "carl", "CLERK", true);
    let mut clerk = Service::open(&db.path, "carl").expect("clerk opens");
    assert_eq!(clerk.operator().role, Role::Clerk);
    // P-1 is a CHECK of A100 dated 2026-03-10.
    let file = db.write("returns.csv", "payment_ref,returned_date,fee_waived\nP-1,2026-03-12,TRUE\n");
    let before = db.fingerprint();
    let err = clerk.import(ImportKind::ReturnedChecks, &file).expect_err("a clerk may not waive the fee");
    let msg = err.to_string();
    assert!(msg.contains("only a manager may waive"), "{msg}");
    assert!(msg.contains("line 2") && msg.contains("(fee_waived)"), "{msg}");
    assert_eq!(db.fingerprint(), before, "the refused import wrote something");

    // The same return without the waiver is a clerk's work.
    let file = db.write("returns_no_waiver.csv", "payment_ref,returned_date,fee_waived\nP-1,2026-03-12,false\n");
    clerk.import(ImportKind::ReturnedChecks, &file).expect("a clerk records a returned check");
}

#[test]
fn clerk_waiver_is_refused_through_the_binary_too() {
    let db = Db::with_example("basic");
    add_operator(&db, "carl", "CLERK", true);
    let file = db.write("returns.csv", "payment_ref,returned_date,fee_waived\nP-1,2026-03-12,true\n");
    let before = db.fingerprint();
    let out = db.run_as("carl", &["import", "returned-checks", file.to_str().expect("path")]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("only a manager may waive"), "{stderr}");
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn audit_log_refuses_update_through_plain_sqlite() {
    let db = Db::new();
    Service::open(&db.path, "alice").expect("open");
    let before = db.fingerprint();
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let err = conn.execute("UPDATE audit_log SET operator = 'mallory'", []).expect_err("update must fail");
    assert!(err.to_string().contains("append-only"), "{err}");
    drop(conn);
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn audit_log_refuses_delete_through_plain_sqlite() {
    let db = Db::new();
    Service::open(&db.path, "alice").expect("open");
    let before = db.fingerprint();
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let err = conn.execute("DELETE FROM audit_log", []).expect_err("delete must fail");
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM audit_log WHERE id = 1", []).expect_err("delete of one row must fail");
    assert!(err.to_string().contains("append-only"), "{err}");
    drop(conn);
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn every_import_writes_an_audit_row_naming_the_operator() {
    let db = Db::new();
    basic_as(&db, "alice");
    let dir = examples_dir().join("basic");
    let imports: Vec<_> = audit_rows(&db).into_iter().filter(|r| r.1 == "import").collect();
    let expected: Vec<_> = [
        ("customers", "customers.csv"),
        ("invoices", "invoices.csv"),
        ("payments", "payments.csv"),
        ("returned-checks", "returned_checks.csv"),
    ]
    .into_iter()
    .map(|(entity, file)| {
        ("alice".to_string(), "import".to_string(), entity.to_string(), Some(dir.join(file).display().to_string()))
    })
    .collect();
    assert_eq!(imports, expected);

    // A clerk's import is logged under the clerk's name; a failed one logs nothing.
    add_operator(&db, "carl", "CLERK", true);
    let mut clerk = Service::open(&db.path, "carl").expect("clerk");
    let good = db.write("more.csv", "doc_no,account_no,kind,date,amount\nINV-9001,A100,FEE,2026-03-01,10.00\n");
    clerk.import(ImportKind::Invoices, &good).expect("clerk imports invoices");
    let bad = db.write("bad.csv", "doc_no,account_no,kind,date,amount\nINV-9002,A100,FEE,2026-03-01,1e3\n");
    clerk.import(ImportKind::Invoices, &bad).expect_err("bad amount");
    let rows = audit_rows(&db);
    let last = rows.last().expect("rows");
    assert_eq!(last, &("carl".into(), "import".into(), "invoices".into(), Some(good.display().to_string())));
    assert_eq!(rows.iter().filter(|r| r.1 == "import").count(), 5);
}
