//! The console's service operations: validation by field, role refusals, card
//! surcharge, repair handling fees. On each backend (on PostgreSQL the manager and
//! the clerk are logins granted their roles).

mod common;

use common::{backends, day, Db};
use creditdesk::domain::Money;
use creditdesk::input;
use creditdesk::service::operations::{NewCharge, NewPayment, NewPlacement, NewReturnedCheck, PaymentRecorded};
use creditdesk::service::repairs::{NewTicket, TicketCharges};
use creditdesk::service::Service;
use creditdesk::Error;

fn open_as(db: &Db, operator: &str) -> Service {
    match &db.pg {
        Some(pg) => Service::open(std::path::Path::new(&pg.login(operator, None)), operator),
        None => Service::open(&db.path, operator),
    }
    .unwrap_or_else(|e| panic!("open as {operator}: {e}"))
}

fn manager(db: &Db) -> Service {
    open_as(db, "tester")
}

fn add_clerk(db: &Db) -> Service {
    match &db.pg {
        Some(pg) => {
            pg.login("cleo", Some("clerk"));
        }
        None => {
            let conn = rusqlite::Connection::open(&db.path).unwrap();
            conn.execute(
                "INSERT INTO operators (name, role, active, created_at) VALUES ('cleo', 'CLERK', 1, 'now')",
                [],
            )
            .unwrap();
        }
    }
    open_as(db, "cleo")
}

fn field_of(e: Error) -> String {
    match e {
        Error::Invalid(e) => e.field,
        other => panic!("expected a field error, got {other}"),
    }
}

/// A payment as typed into the form, through the one parser of typed text: a field
/// it refuses is refused by name, as the service refuses the rest.
fn payment(reference: &str, method: &str, amount: &str) -> Result<NewPayment, Error> {
    Ok(NewPayment {
        account_no: "A100".into(),
        amount: input::positive_amount("amount", amount)?,
        method: input::choice("method", method)?,
        date: input::date("date", "2026-04-15")?,
        reference: reference.into(),
        apply_to: None,
        surcharge_waiver: None,
    })
}

fn pay(s: &mut Service, p: Result<NewPayment, Error>) -> Result<PaymentRecorded, Error> {
    s.record_payment(&p?)
}

#[test]
fn a_card_payment_posts_a_three_percent_surcharge_rounded_half_away_from_zero() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let mut s = manager(&db);
        // 10.50 × 3% = 0.315 → 0.32
        let done = pay(&mut s, payment("P-CARD", "CARD", "10.50")).unwrap();
        assert_eq!(done.surcharge, Some(("SUR-P-CARD".to_string(), Money::from_cents(32))));
        let done = pay(&mut s, payment("P-WIRE", "WIRE", "10.50")).unwrap();
        assert_eq!(done.surcharge, None);
    }
}

#[test]
fn payment_validation_names_the_field_and_writes_nothing() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let before = db.fingerprint();
        let mut s = manager(&db);
        assert_eq!(field_of(pay(&mut s, payment("P-9", "WIRE", "-5")).unwrap_err()), "amount");
        assert_eq!(field_of(pay(&mut s, payment("P-9", "WIRE", "0")).unwrap_err()), "amount");
        assert_eq!(field_of(pay(&mut s, payment("P-9", "BITCOIN", "5")).unwrap_err()), "method");
        assert_eq!(field_of(pay(&mut s, payment("P-1", "WIRE", "5")).unwrap_err()), "reference");
        assert_eq!(field_of(input::date("date", "2026-02-30").unwrap_err().into()), "date");
        let mut p = payment("P-9", "WIRE", "5").unwrap();
        p.date = input::date("date", "0026-04-15").unwrap_or_default();
        assert_eq!(field_of(s.record_payment(&p).unwrap_err()), "date", "a typo in the year");
        let mut p = payment("P-9", "WIRE", "5").unwrap();
        p.date = input::date("date", "2099-04-15").unwrap();
        assert_eq!(field_of(s.record_payment(&p).unwrap_err()), "date", "after today");
        let mut p = payment("P-9", "WIRE", "5").unwrap();
        p.apply_to = Some("INV-2001".into()); // B200's invoice
        assert_eq!(field_of(s.record_payment(&p).unwrap_err()), "apply_to");
        drop(s);
        assert_eq!(db.fingerprint(), before);
    }
}

#[test]
fn charges_only_on_active_accounts_and_never_derived_kinds() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let mut s = manager(&db);
        let c = |doc: &str, kind: &str| NewCharge {
            account_no: "A100".into(),
            doc_no: doc.into(),
            kind: input::choice("kind", kind).unwrap(),
            date: input::date("date", "2026-04-01").unwrap(),
            amount: Money::from_cents(10_000),
            memo: None,
        };
        let due = s.add_charge(&c("INV-9001", "INVOICE")).unwrap();
        assert_eq!(due.to_string(), "2026-05-01", "NET30 invoice");
        assert_eq!(field_of(s.add_charge(&c("INV-9002", "INTEREST")).unwrap_err()), "kind");
        assert_eq!(field_of(s.add_charge(&c("FC-X", "FEE")).unwrap_err()), "doc_no");
        assert_eq!(field_of(s.add_charge(&c("INV-9001", "FEE")).unwrap_err()), "doc_no");
        admin_sql(&db, "UPDATE accounts SET status = 'SUSPENDED' WHERE account_no = 'A100'");
        assert_eq!(field_of(s.add_charge(&c("INV-9003", "INVOICE")).unwrap_err()), "account");
    }
}

#[test]
fn only_a_manager_waives_a_returned_check_fee_or_places_with_an_agency() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let _ = manager(&db); // the first operator, a manager
        let mut c = add_clerk(&db);
        let waive = NewReturnedCheck {
            payment_ref: "P-1".into(),
            returned_date: input::date("returned_date", "2026-03-20").unwrap(),
            waive_fee: true,
            waiver_reason: Some("bank error".into()),
        };
        assert!(matches!(c.record_returned_check(&waive), Err(Error::Refused(_))));
        let place = NewPlacement {
            account_no: "A100".into(),
            agency: "Midwest Recovery".into(),
            placed_on: input::date("placed_on", "2026-04-30").unwrap(),
            amount: Money::from_cents(51_381),
            note: None,
        };
        assert!(matches!(c.place_with_agency(&place), Err(Error::Refused(_))));
        // A clerk records a return with the fee.
        c.record_returned_check(&NewReturnedCheck { waive_fee: false, ..waive.clone() }).unwrap();
        let mut m = manager(&db);
        m.place_with_agency(&place).unwrap();
        assert_eq!(field_of(m.record_returned_check(&waive).unwrap_err()), "payment_ref", "returned twice");
        let not_a_check = NewReturnedCheck { payment_ref: "P-4".into(), ..waive };
        assert_eq!(field_of(m.record_returned_check(&not_a_check).unwrap_err()), "payment_ref");
    }
}

fn ticket(no: &str, oversized: bool) -> NewTicket {
    NewTicket {
        ticket_no: no.into(),
        account_no: "A100".into(),
        manufacturer: "Honeywell".into(),
        model: "Vista-20P".into(),
        serial: "SN123".into(),
        fault: "dead zone 3".into(),
        oversized,
        opened_on: input::date("opened_on", "2026-04-01").unwrap(),
    }
}

fn ship(s: &mut Service, no: &str) {
    for _ in 0..3 {
        s.advance_ticket(no).unwrap();
    }
}

fn repair_amount(db: &Db, doc: &str) -> i64 {
    number(db, &format!("SELECT CAST(amount_cents AS TEXT) FROM charges WHERE doc_no = '{doc}'"))
}

/// A number read straight from the book.
fn number(db: &Db, sql: &str) -> i64 {
    db.scalar(sql).expect("a value").parse().expect("a number")
}

/// A statement run straight on the book, by its owner (on a SQLite file, the file's).
fn admin_sql(db: &Db, sql: &str) {
    match &db.pg {
        Some(pg) => postgres::Client::connect(&pg.admin, postgres::NoTls).unwrap().batch_execute(sql).unwrap(),
        None => rusqlite::Connection::open(&db.path).unwrap().execute_batch(sql).unwrap(),
    }
}

#[test]
fn closing_a_ticket_posts_one_repair_charge_with_a_15_dollar_handling_fee() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let mut s = manager(&db);
        s.open_ticket(&ticket("T-1", false)).unwrap();
        let items = TicketCharges {
            oversized: false,
            freight_in: Money::from_cents(1000),
            freight_out: Money::from_cents(1250),
            insurance: Money::from_cents(300),
            manufacturer_charge: Money::from_cents(8000),
        };
        s.set_ticket_charges("T-1", &items).unwrap();
        assert_eq!(field_of(s.close_ticket("T-1", day("2026-04-20")).unwrap_err()), "status", "not shipped yet");
        ship(&mut s, "T-1");
        assert_eq!(field_of(s.advance_ticket("T-1").unwrap_err()), "status");
        let posted = s.close_ticket("T-1", day("2026-04-20")).unwrap();
        assert_eq!(posted, Some(("REP-T-1".to_string(), Money::from_cents(12050))));
        assert_eq!(repair_amount(&db, "REP-T-1"), 1500 + 1000 + 1250 + 300 + 8000);
    }
}

#[test]
fn an_oversized_item_pays_25_dollars_handling_and_a_manager_may_waive_it() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let mut s = manager(&db);
        s.open_ticket(&ticket("T-2", true)).unwrap();
        ship(&mut s, "T-2");
        s.close_ticket("T-2", day("2026-04-20")).unwrap();
        assert_eq!(repair_amount(&db, "REP-T-2"), 2500);

        s.open_ticket(&ticket("T-3", true)).unwrap();
        let mut c = add_clerk(&db);
        assert!(matches!(c.waive_handling_fee("T-3", "goodwill"), Err(Error::Refused(_))));
        assert_eq!(field_of(s.waive_handling_fee("T-3", " ").unwrap_err()), "waiver_reason");
        s.waive_handling_fee("T-3", "goodwill").unwrap();
        ship(&mut s, "T-3");
        assert_eq!(s.close_ticket("T-3", day("2026-04-20")).unwrap(), None, "nothing to charge");
    }
}

#[test]
fn every_operation_writes_an_audit_entry() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let mut s = manager(&db);
        let count = || number(&db, "SELECT CAST(count(*) AS TEXT) FROM audit_log WHERE account_no = 'A100'");
        let n = count();
        pay(&mut s, payment("P-A", "WIRE", "1")).unwrap();
        s.open_ticket(&ticket("T-9", false)).unwrap();
        s.advance_ticket("T-9").unwrap();
        assert_eq!(count(), n + 3);
    }
}

#[test]
fn a_rehearsal_checks_and_writes_nothing_and_does_not_wait_for_another_programs_write() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let mut s = manager(&db);
        let payments = |db: &Db| number(db, "SELECT CAST(count(*) AS TEXT) FROM payments");
        let before = payments(&db);
        // A check the service makes inside its transaction (a reference already used) is
        // found by the rehearsal; a good payment passes; neither writes.
        let used = s.rehearse(|s| s.record_payment(&payment("P-1", "CHECK", "10").unwrap()));
        assert!(used.is_err(), "{used:?}");
        s.rehearse(|s| s.record_payment(&payment("REH-1", "CHECK", "10").unwrap())).expect("passes");
        assert_eq!(payments(&db), before, "a rehearsal writes nothing");
        assert!(s.take_written().is_empty(), "nothing written, nothing remembered");
        // Another program holds the write lock: the rehearsal answers at once (the write
        // will make the checks), it does not wait for the lock.
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let waited = Arc::new(AtomicBool::new(false));
        let told = waited.clone();
        creditdesk::store::busy::set_notice(Some(Box::new(move |_| told.store(true, Ordering::SeqCst))));
        let rehearsed = match &db.pg {
            None => {
                let holder = rusqlite::Connection::open(&db.path).unwrap();
                holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
                let rehearsed = s.rehearse(|s| s.record_payment(&payment("REH-2", "CHECK", "10").unwrap()));
                holder.execute_batch("ROLLBACK;").unwrap();
                rehearsed
            }
            // On PostgreSQL the writers' lock is the book's advisory lock.
            Some(pg) => {
                let mut holder = postgres::Client::connect(&pg.admin, postgres::NoTls).unwrap();
                let mut held = holder.transaction().unwrap();
                held.batch_execute("SELECT pg_advisory_xact_lock(7262)").unwrap();
                let rehearsed = s.rehearse(|s| s.record_payment(&payment("REH-2", "CHECK", "10").unwrap()));
                held.rollback().unwrap();
                rehearsed
            }
        };
        creditdesk::store::busy::set_notice(None);
        rehearsed.expect("the checks before the transaction passed");
        assert!(!waited.load(Ordering::SeqCst), "a rehearsal never waits for the lock (no busy notice)");
        assert_eq!(payments(&db), before);
        pay(&mut s, payment("REH-2", "CHECK", "10")).expect("then written");
        assert_eq!(payments(&db), before + 1);
    }
}
