//! On PostgreSQL the server enforces the roles (issue 14): with plain SQL on their own
//! logins a clerk cannot change or delete the audit log or a payment, nor add an agency
//! placement; a manager cannot change or delete the audit log either; and `--operator`
//! cannot make a clerk's session the manager's.

mod common;
use common::{pg_server, Backend, Db};

/// `sql` on `url`'s login is refused by the server's rights: SQLSTATE 42501
/// (insufficient privilege), not a trigger nor a constraint.
fn denied(url: &str, sql: &str) {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    let err = client.batch_execute(sql).expect_err(&format!("{sql} was allowed"));
    let code = err.code().map(|c| c.code().to_string());
    assert_eq!(code.as_deref(), Some("42501"), "{sql}: refused for the wrong reason: {err:?}");
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
    let book = db.fingerprint();

    // The audit log and the ledger's rows are the clerk's to add, never to change.
    denied(&clerk, "UPDATE audit_log SET operator = 'someone else'");
    denied(&clerk, "DELETE FROM audit_log");
    denied(&clerk, "UPDATE payments SET amount_cents = 1");
    denied(&clerk, "UPDATE payments SET voided_on = '2026-04-30', voided_by = 'rights_clerk', void_reason = 'x'");
    denied(&clerk, "DELETE FROM payments WHERE id = (SELECT min(id) FROM payments)");
    denied(&clerk, "UPDATE charges SET amount_cents = 1");
    denied(&clerk, "DELETE FROM charges");
    denied(&clerk, "UPDATE returned_checks SET fee_waived = 1");
    denied(&clerk, "DELETE FROM returned_checks");
    // A manager's tables and columns.
    denied(
        &clerk,
        "INSERT INTO agency_placements (account_id, agency, placed_on, amount_cents, placed_by)
         SELECT id, 'Midwest Recovery', '2026-04-30', 100, 'rights_clerk' FROM accounts LIMIT 1",
    );
    denied(&clerk, "INSERT INTO operators (name, role, active, created_at) VALUES ('x', 'MANAGER', 1, 'now')");
    denied(&clerk, "UPDATE settings SET value = '10'");
    denied(&clerk, "INSERT INTO state_rate_caps (state, cap_pct) VALUES ('MO', '1')");
    denied(
        &clerk,
        "INSERT INTO hold_overrides (account_id, doc_no, hold, reason, overridden_on, overridden_by)
         SELECT id, 'INV-9', 'x', 'y', '2026-04-30', 'rights_clerk' FROM accounts LIMIT 1",
    );
    denied(&clerk, "UPDATE accounts SET terms = 'NET30', credit_limit_cents = 100000000");
    denied(&clerk, "UPDATE accounts SET closed_on = '2000-01-01'");
    denied(&clerk, "UPDATE accounts SET erased_on = '2026-04-30'");
    denied(&clerk, "UPDATE notes SET text = 'x'");
    denied(&clerk, "UPDATE repair_tickets SET handling_fee_waived = 1");
    denied(&clerk, "UPDATE credit_applications SET status = 'APPROVED'");
    // Nobody changes the audit log or deletes from the ledger.
    denied(&manager, "UPDATE audit_log SET operator = 'someone else'");
    denied(&manager, "DELETE FROM audit_log");
    denied(&manager, "DELETE FROM payments");
    denied(&manager, "DELETE FROM charges");
    assert_eq!(db.fingerprint(), book, "a refused statement changed the book");
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
    assert_eq!(db.fingerprint(), book, "--operator tester wrote something");

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
