//! The console's service operations: validation by field, role refusals, card
//! surcharge, repair handling fees.

mod common;

use common::Db;
use creditdesk::domain::Money;
use creditdesk::service::operations::{NewCharge, NewPayment, NewPlacement, NewReturnedCheck};
use creditdesk::service::repairs::{NewTicket, TicketCharges};
use creditdesk::service::Service;
use creditdesk::Error;

fn manager(db: &Db) -> Service {
    Service::open(&db.path, "tester").expect("open as manager")
}

fn add_clerk(db: &Db) -> Service {
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute("INSERT INTO operators (name, role, active, created_at) VALUES ('cleo', 'CLERK', 1, 'now')", [])
        .unwrap();
    Service::open(&db.path, "cleo").expect("open as clerk")
}

fn field_of(e: Error) -> String {
    match e {
        Error::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other}"),
    }
}

fn payment(reference: &str, method: &str, amount: &str) -> NewPayment {
    NewPayment {
        account_no: "A100".into(),
        amount: amount.into(),
        method: method.into(),
        date: "2026-04-15".into(),
        reference: reference.into(),
        apply_to: String::new(),
        surcharge_waiver: String::new(),
    }
}

#[test]
fn a_card_payment_posts_a_three_percent_surcharge_rounded_half_away_from_zero() {
    let db = Db::with_example("basic");
    let mut s = manager(&db);
    // 10.50 × 3% = 0.315 → 0.32
    let done = s.record_payment(&payment("P-CARD", "CARD", "10.50")).unwrap();
    assert_eq!(done.surcharge, Some(("SUR-P-CARD".to_string(), Money::from_cents(32))));
    let done = s.record_payment(&payment("P-WIRE", "WIRE", "10.50")).unwrap();
    assert_eq!(done.surcharge, None);
}

#[test]
fn payment_validation_names_the_field_and_writes_nothing() {
    let db = Db::with_example("basic");
    let before = db.fingerprint();
    let mut s = manager(&db);
    assert_eq!(field_of(s.record_payment(&payment("P-9", "WIRE", "-5")).unwrap_err()), "amount");
    assert_eq!(field_of(s.record_payment(&payment("P-9", "WIRE", "0")).unwrap_err()), "amount");
    assert_eq!(field_of(s.record_payment(&payment("P-9", "BITCOIN", "5")).unwrap_err()), "method");
    assert_eq!(field_of(s.record_payment(&payment("P-1", "WIRE", "5")).unwrap_err()), "reference");
    let mut p = payment("P-9", "WIRE", "5");
    p.date = "2026-02-30".into();
    assert_eq!(field_of(s.record_payment(&p).unwrap_err()), "date");
    let mut p = payment("P-9", "WIRE", "5");
    p.apply_to = "INV-2001".into(); // B200's invoice
    assert_eq!(field_of(s.record_payment(&p).unwrap_err()), "apply_to");
    drop(s);
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn charges_only_on_active_accounts_and_never_derived_kinds() {
    let db = Db::with_example("basic");
    let mut s = manager(&db);
    let c = |doc: &str, kind: &str| NewCharge {
        account_no: "A100".into(),
        doc_no: doc.into(),
        kind: kind.into(),
        date: "2026-04-01".into(),
        amount: "100".into(),
        memo: String::new(),
    };
    let due = s.add_charge(&c("INV-9001", "INVOICE")).unwrap();
    assert_eq!(due.to_string(), "2026-05-01", "NET30 invoice");
    assert_eq!(field_of(s.add_charge(&c("INV-9002", "INTEREST")).unwrap_err()), "kind");
    assert_eq!(field_of(s.add_charge(&c("FC-X", "FEE")).unwrap_err()), "doc_no");
    assert_eq!(field_of(s.add_charge(&c("INV-9001", "FEE")).unwrap_err()), "doc_no");
    s.store().conn().execute("UPDATE accounts SET status = 'SUSPENDED' WHERE account_no = 'A100'", []).unwrap();
    assert_eq!(field_of(s.add_charge(&c("INV-9003", "INVOICE")).unwrap_err()), "account");
}

#[test]
fn only_a_manager_waives_a_returned_check_fee_or_places_with_an_agency() {
    let db = Db::with_example("basic");
    let _ = manager(&db); // the first operator, a manager
    let mut c = add_clerk(&db);
    let waive = NewReturnedCheck {
        payment_ref: "P-1".into(),
        returned_date: "2026-03-20".into(),
        waive_fee: true,
        waiver_reason: "bank error".into(),
    };
    assert!(matches!(c.record_returned_check(&waive), Err(Error::Refused(_))));
    let place = NewPlacement {
        account_no: "A100".into(),
        agency: "Midwest Recovery".into(),
        placed_on: "2026-04-30".into(),
        amount: "513.81".into(),
        note: String::new(),
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

fn ticket(no: &str, oversized: bool) -> NewTicket {
    NewTicket {
        ticket_no: no.into(),
        account_no: "A100".into(),
        manufacturer: "Honeywell".into(),
        model: "Vista-20P".into(),
        serial: "SN123".into(),
        fault: "dead zone 3".into(),
        oversized,
        opened_on: "2026-04-01".into(),
    }
}

fn ship(s: &mut Service, no: &str) {
    for _ in 0..3 {
        s.advance_ticket(no).unwrap();
    }
}

fn repair_amount(s: &Service, doc: &str) -> i64 {
    s.store().conn().query_row("SELECT amount_cents FROM charges WHERE doc_no = ?1", [doc], |r| r.get(0)).unwrap()
}

#[test]
fn closing_a_ticket_posts_one_repair_charge_with_a_15_dollar_handling_fee() {
    let db = Db::with_example("basic");
    let mut s = manager(&db);
    s.open_ticket(&ticket("T-1", false)).unwrap();
    let items = TicketCharges {
        oversized: false,
        freight_in: "10".into(),
        freight_out: "12.50".into(),
        insurance: "3".into(),
        manufacturer_charge: "80".into(),
    };
    s.set_ticket_charges("T-1", &items).unwrap();
    assert_eq!(field_of(s.close_ticket("T-1", "2026-04-20").unwrap_err()), "status", "not shipped yet");
    ship(&mut s, "T-1");
    assert_eq!(field_of(s.advance_ticket("T-1").unwrap_err()), "status");
    let posted = s.close_ticket("T-1", "2026-04-20").unwrap();
    assert_eq!(posted, Some(("REP-T-1".to_string(), Money::from_cents(12050))));
    assert_eq!(repair_amount(&s, "REP-T-1"), 1500 + 1000 + 1250 + 300 + 8000);
}

#[test]
fn an_oversized_item_pays_25_dollars_handling_and_a_manager_may_waive_it() {
    let db = Db::with_example("basic");
    let mut s = manager(&db);
    s.open_ticket(&ticket("T-2", true)).unwrap();
    ship(&mut s, "T-2");
    s.close_ticket("T-2", "2026-04-20").unwrap();
    assert_eq!(repair_amount(&s, "REP-T-2"), 2500);

    s.open_ticket(&ticket("T-3", true)).unwrap();
    let mut c = add_clerk(&db);
    assert!(matches!(c.waive_handling_fee("T-3", "goodwill"), Err(Error::Refused(_))));
    assert_eq!(field_of(s.waive_handling_fee("T-3", " ").unwrap_err()), "waiver_reason");
    s.waive_handling_fee("T-3", "goodwill").unwrap();
    ship(&mut s, "T-3");
    assert_eq!(s.close_ticket("T-3", "2026-04-20").unwrap(), None, "nothing to charge");
}

#[test]
fn every_operation_writes_an_audit_entry() {
    let db = Db::with_example("basic");
    let mut s = manager(&db);
    let count = |s: &Service| -> i64 {
        s.store()
            .conn()
            .query_row("SELECT count(*) FROM audit_log WHERE account_no = 'A100'", [], |r| r.get(0))
            .unwrap()
    };
    let n = count(&s);
    s.record_payment(&payment("P-A", "WIRE", "1")).unwrap();
    s.open_ticket(&ticket("T-9", false)).unwrap();
    s.advance_ticket("T-9").unwrap();
    assert_eq!(count(&s), n + 3);
}
