use super::charged::doc_key;
use super::*;
use crate::domain::dates::d;
use crate::domain::PaymentMethod;

fn charge(doc_no: &str, date: &str, cents: i64) -> Charge {
    Charge {
        doc_no: doc_no.into(),
        kind: ChargeKind::Invoice,
        date: d(date),
        due: d(date),
        amount: Money::from_cents(cents),
    }
}

fn payment(reference: &str, date: &str, cents: i64) -> Payment {
    Payment {
        reference: reference.into(),
        date: d(date),
        method: PaymentMethod::Wire,
        amount: Money::from_cents(cents),
        apply_to: None,
    }
}

fn eval(rate: &str, charges: &[Charge], payments: &[Payment], as_of: &str) -> Result<AccountPosition, FigureTooLarge> {
    let l = AccountLedger { account_no: "A1", annual_rate: rate.parse().unwrap(), charges, payments, returns: &[] };
    evaluate(&l, d(as_of))
}

fn refused(r: Result<AccountPosition, FigureTooLarge>) -> bool {
    r.is_err_and(|e| e.account_no == "A1")
}

#[test]
fn open_charges_whose_sum_cannot_be_held_are_refused() {
    let max = i64::MAX;
    let two = [charge("D1", "2026-01-05", max), charge("D2", "2026-01-05", 1)];
    assert!(refused(eval("0", &two, &[], "2026-01-05")));
    // Either alone is held exactly.
    let p = eval("0", &two[..1], &[], "2026-01-05").unwrap();
    assert_eq!(p.balance(), Money::MAX);
}

#[test]
fn unapplied_credit_that_cannot_be_held_is_refused() {
    let pays = [payment("P1", "2026-01-05", i64::MAX), payment("P2", "2026-01-06", 1)];
    assert!(refused(eval("0", &[], &pays, "2026-01-06")));
    assert_eq!(eval("0", &[], &pays, "2026-01-05").unwrap().unapplied_credit, Money::MAX);
}

#[test]
fn payments_received_that_cannot_be_held_are_refused_even_when_applied() {
    // Each payment pays a charge, so no credit builds up; their sum still overflows.
    let charges = [charge("D1", "2026-01-05", i64::MAX), charge("D2", "2026-01-05", i64::MAX)];
    let pays = [payment("P1", "2026-01-05", i64::MAX), payment("P2", "2026-01-05", i64::MAX)];
    assert!(refused(eval("0", &charges, &pays, "2026-01-05")));
}

#[test]
fn a_month_of_interest_that_cannot_be_held_is_refused_not_saturated() {
    let huge = [charge("D1", "2026-01-01", i64::MAX)];
    // Accrued (not yet posted) on the 15th, and posted at the month end.
    assert!(refused(eval("0.18", &huge, &[], "2026-01-15")));
    assert!(refused(eval("0.18", &huge, &[], "2026-01-31")));
    // With no interest the same charge is held.
    assert_eq!(eval("0", &huge, &[], "2026-01-31").unwrap().balance(), Money::MAX);
}

#[test]
fn a_balance_with_accrued_interest_beyond_what_can_be_held_is_refused() {
    // Open charges just under the maximum, plus a little accrued interest.
    let charges = [charge("D1", "2026-01-01", i64::MAX - 1_000_000), charge("D2", "2026-01-01", 1)];
    let small = [charge("S1", "2026-01-01", 1_000_000_000)];
    assert!(refused(eval("0.18", &charges, &[], "2026-01-10")));
    assert!(eval("0.18", &small, &[], "2026-01-10").unwrap().accrued_interest.is_positive());
}

#[test]
fn apply_to_finds_a_document_by_number_only_once_it_is_charged() {
    let (b, a) = (charge("INV-B", "2026-01-01", 100), charge("INV-A", "2026-01-02", 100));
    let charges: Vec<(NaiveDate, &str, ToCharge<'_>)> =
        [&b, &a].iter().map(|c| (c.date, c.doc_no.as_str(), ToCharge::Recorded(c))).collect();
    let mut placed = Charged::new(&charges, true);
    assert_eq!(placed.find("INV-A"), None, "not charged yet");
    placed.at[0] = 0;
    placed.at[1] = 7;
    assert_eq!((placed.find("INV-B"), placed.find("INV-A")), (Some(0), Some(7)));
    assert_eq!(placed.find("INV-C"), None);
    assert_eq!(Charged::new(&charges, false).find("INV-B"), None, "not wanted: nothing is looked up");
}

fn ledger<'a>(rate: &str, charges: &'a [Charge], payments: &'a [Payment]) -> AccountLedger<'a> {
    AccountLedger { account_no: "A1", annual_rate: rate.parse().unwrap(), charges, payments, returns: &[] }
}

#[test]
fn each_checkpoint_sees_what_evaluating_that_day_alone_gives() {
    let charges = [charge("D1", "2026-01-05", 100_000), charge("D2", "2026-02-10", 50_000)];
    let pays = [payment("P1", "2026-02-01", 30_000), payment("P2", "2026-03-15", 200_000)];
    let l = ledger("0.18", &charges, &pays);
    let days = [d("2026-01-04"), d("2026-01-31"), d("2026-02-01"), d("2026-02-20"), d("2026-03-31")];
    let mut seen = Vec::new();
    evaluate_each(&l, &days, |p| seen.push((p.as_of, p.balance(), p.accrued_interest, p.unapplied_credit))).unwrap();
    let alone: Vec<_> = days
        .iter()
        .map(|day| {
            let p = evaluate(&l, *day).unwrap();
            (*day, p.balance(), p.accrued_interest, p.unapplied_credit)
        })
        .collect();
    assert_eq!(seen, alone);
    // The day after the last checkpoint: the whole evaluation, every checkpoint seen on the way.
    let mut n = 0;
    let last = evaluate_after(&l, &days, d("2026-04-10"), |_| n += 1).unwrap();
    assert_eq!(n, days.len());
    assert_eq!(last, evaluate(&l, d("2026-04-10")).unwrap());
}

#[test]
fn a_checkpoint_whose_figures_cannot_be_held_is_an_error_after_the_days_before_it() {
    // Held on the 4th; from the 5th the two charges' sum overflows.
    let two = [charge("D1", "2026-01-05", i64::MAX), charge("D2", "2026-01-05", 1)];
    let l = ledger("0", &two, &[]);
    let mut seen = Vec::new();
    let r = evaluate_each(&l, &[d("2026-01-04"), d("2026-01-05"), d("2026-01-06")], |p| seen.push(p.as_of));
    assert_eq!(r, Err(FigureTooLarge { account_no: "A1".into() }));
    assert_eq!(seen, [d("2026-01-04")]);
    assert!(evaluate_after(&l, &[d("2026-01-04")], d("2026-01-05"), |_| {}).is_err());
    // A month's interest on a huge charge overflows at a checkpoint too (accrued, not posted).
    let huge = [charge("D1", "2026-01-01", i64::MAX)];
    assert!(evaluate_each(&ledger("0.18", &huge, &[]), &[d("2026-01-15")], |_| {}).is_err());
    assert!(evaluate_each(&ledger("0", &huge, &[]), &[d("2026-01-15")], |_| {}).is_ok());
}

#[test]
fn apply_to_tells_apart_numbers_that_end_alike() {
    let docs = ["AAAA-12345678", "BBBB-12345678", "12345678", "2345678", "B-1", "A-1", "A-10"];
    assert_eq!(doc_key("AAAA-12345678"), doc_key("BBBB-12345678"));
    assert_ne!(doc_key("A-1"), doc_key("B-1"));
    assert_ne!(doc_key("A-1"), doc_key("A-10"));
    let owned: Vec<Charge> = docs.iter().map(|n| charge(n, "2026-01-01", 100)).collect();
    let charges: Vec<(NaiveDate, &str, ToCharge<'_>)> =
        owned.iter().map(|c| (c.date, c.doc_no.as_str(), ToCharge::Recorded(c))).collect();
    let mut placed = Charged::new(&charges, true);
    for (i, at) in placed.at.iter_mut().enumerate() {
        *at = 100 + i;
    }
    for (i, n) in docs.iter().enumerate() {
        assert_eq!(placed.find(n), Some(100 + i), "{n}");
    }
    for missing in ["CCCC-12345678", "345678", "A-", "A-100", ""] {
        assert_eq!(placed.find(missing), None, "{missing}");
    }
}

#[test]
fn overdue_days_count_only_days_after_the_due_date() {
    // Due the 10th: the 10th is not overdue, the 11th is.
    assert_eq!(overdue_days(d("2026-01-01"), d("2026-01-10"), d("2026-01-10")), 0);
    assert_eq!(overdue_days(d("2026-01-01"), d("2026-01-11"), d("2026-01-10")), 1);
    assert_eq!(overdue_days(d("2026-01-01"), d("2026-01-31"), d("2026-01-10")), 21);
    // Counted from `from` when the charge was already overdue, both ends included.
    assert_eq!(overdue_days(d("2026-01-20"), d("2026-01-31"), d("2026-01-10")), 12);
    assert_eq!(overdue_days(d("2026-01-31"), d("2026-01-31"), d("2026-01-10")), 1);
    // An empty run of days counts none (never negative).
    assert_eq!(overdue_days(d("2026-02-01"), d("2026-01-31"), d("2026-01-10")), 0);
}

#[test]
fn room_for_postings_is_one_a_month_from_the_first_charge_bounded() {
    assert_eq!(posting_room(None, d("2026-11-23")), 0);
    assert_eq!(posting_room(Some(d("2026-11-01")), d("2026-11-23")), 1);
    assert_eq!(posting_room(Some(d("2026-10-31")), d("2026-11-23")), 2);
    assert_eq!(posting_room(Some(d("2025-11-30")), d("2026-11-23")), 13);
    assert_eq!(posting_room(Some(d("2026-12-01")), d("2026-11-23")), 0);
    assert_eq!(posting_room(Some(d("1990-01-01")), d("2026-11-23")), 36);
}

#[test]
fn recycled_buffers_keep_their_room_and_hold_nothing() {
    let mut v: Vec<(NaiveDate, &str, usize)> = Vec::with_capacity(40);
    v.push((d("2026-01-01"), "D1", 1));
    let u: Vec<(NaiveDate, &'static str, usize)> = recycle(v);
    assert!(u.is_empty() && u.capacity() >= 40, "{}", u.capacity());
}

#[test]
fn a_ledger_evaluated_after_another_on_the_same_thread_is_as_if_alone() {
    let big: Vec<Charge> = (0..30).map(|i| charge(&format!("B{i:02}"), "2026-01-05", 10_000)).collect();
    let mut pays: Vec<Payment> = (0..5).map(|i| payment(&format!("BP{i}"), "2026-03-01", 5_000)).collect();
    pays[0].apply_to = Some("B07".into());
    let small = [charge("S1", "2026-02-01", 20_000)];
    let mut small_pay = [payment("SP", "2026-02-20", 5_000)];
    small_pay[0].apply_to = Some("B07".into());
    let alone = std::thread::scope(|s| {
        s.spawn(|| evaluate(&ledger("0.18", &small, &small_pay), d("2026-06-30")).unwrap()).join().unwrap()
    });
    evaluate(&ledger("0.18", &big, &pays), d("2026-06-30")).unwrap();
    assert_eq!(evaluate(&ledger("0.18", &small, &small_pay), d("2026-06-30")).unwrap(), alone);
    assert_eq!(alone.charges[0].outstanding, Money::from_cents(15_000), "B07 is not this ledger's");
}

#[test]
fn a_traced_charge_has_the_same_figures_as_evaluate_and_its_runs_add_up() {
    let charges = [charge("D1", "2026-01-05", 100_000)];
    let pays = [payment("P1", "2026-02-10", 40_000)];
    let l = ledger("0.18", &charges, &pays);
    let (position, runs) = evaluate_traced(&l, d("2026-03-20"), "D1").unwrap();
    assert_eq!(position, evaluate(&l, d("2026-03-20")).unwrap());
    let d1 = position.charges.iter().find(|c| c.doc_no == "D1").unwrap();
    assert_eq!(runs.iter().map(|r| r.cent_days).sum::<i128>(), d1.interest_cent_days);
    assert!(runs.len() >= 2, "the payment splits the runs: {runs:?}");
}
