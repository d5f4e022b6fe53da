//! On PostgreSQL the server enforces the roles (issue 14): with plain SQL on their own
//! logins a clerk cannot change or delete the audit log or a payment, nor add an agency
//! placement; a manager cannot change or delete the audit log either; and `--operator`
//! cannot make a clerk's session the manager's.

mod common;
use common::{pg_server, Backend, Db};

fn denied(url: &str, sql: &str) {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let err = client.batch_execute(sql).expect_err(&format!("{sql} was allowed"));
    let code = err.code().map(|c| c.code().to_string());
    assert!(
        code.as_deref() == Some("42501") || err.to_string().contains("append-only"),
        "{sql}: refused for the wrong reason: {err:?}"
    );
}

fn count(url: &str, sql: &str) -> i64 {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    client.query_one(sql, &[]).expect(sql).get(0)
}

#[test]
fn the_server_refuses_a_clerks_and_a_managers_plain_sql_where_their_role_stops() {
    if pg_server().is_none() {
        return;
    }
    let db = Db::with_example_on(Backend::Postgres, "basic");
    let pg = db.pg.as_ref().expect("a PostgreSQL book");
    let manager = pg.login("tester", None);
    let clerk = pg.login("rights_clerk", Some("clerk"));
    let audit_before = count(&pg.admin, "SELECT count(*) FROM audit_log");
    let paid_before = count(&pg.admin, "SELECT sum(amount_cents)::bigint FROM payments");

    denied(&clerk, "UPDATE audit_log SET operator = 'someone else'");
    denied(&clerk, "DELETE FROM audit_log");
    denied(&clerk, "UPDATE payments SET amount_cents = 1");
    denied(&clerk, "DELETE FROM payments WHERE id = (SELECT min(id) FROM payments)");
    denied(
        &clerk,
        "INSERT INTO agency_placements (account_id, agency, placed_on, amount_cents, placed_by)
         SELECT id, 'Midwest Recovery', '2026-04-30', 100, 'rights_clerk' FROM accounts LIMIT 1",
    );
    denied(&manager, "UPDATE audit_log SET operator = 'someone else'");
    denied(&manager, "DELETE FROM audit_log");
    assert_eq!(count(&pg.admin, "SELECT count(*) FROM audit_log"), audit_before);
    assert_eq!(count(&pg.admin, "SELECT sum(amount_cents)::bigint FROM payments"), paid_before);
    assert_eq!(count(&pg.admin, "SELECT count(*) FROM agency_placements"), 0);

    // The clerk's login passing --operator naming the manager is refused, nothing written.
    let out = std::process::Command::new(common::BIN)
        .args(["--db", &clerk, "--operator", "tester", "--as-of", "2026-04-30"])
        .args(["collections", "place", "A100", "--agency", "Midwest Recovery", "--amount", "100"])
        .output()
        .expect("run creditdesk");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "--operator tester was accepted");
    assert!(stderr.contains("this session is rights_clerk"), "{stderr}");
    assert_eq!(count(&pg.admin, "SELECT count(*) FROM audit_log"), audit_before);

    // What a clerk may do, the clerk's login does; what it may not, the service refuses.
    let payment = db.run_as(
        "rights_clerk",
        &["payment", "record", "A100", "--amount", "10", "--method", "WIRE", "--reference", "W-CLERK-1"],
    );
    assert!(payment.status.success(), "{}", String::from_utf8_lossy(&payment.stderr));
    let place = db.run_as(
        "rights_clerk",
        &["--as-of", "2026-04-30", "collections", "place", "A100", "--agency", "Midwest Recovery", "--amount", "100"],
    );
    assert!(!place.status.success() && String::from_utf8_lossy(&place.stderr).contains("refused"));
    // And the manager's login places the account.
    let place = db.run_as(
        "tester",
        &["--as-of", "2026-04-30", "collections", "place", "A100", "--agency", "Midwest Recovery", "--amount", "100"],
    );
    assert!(place.status.success(), "{}", String::from_utf8_lossy(&place.stderr));
    assert_eq!(count(&pg.admin, "SELECT count(*) FROM audit_log"), audit_before + 2);
    db.ok(&["check"]);
}
