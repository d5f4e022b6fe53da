use super::*;
use crate::domain::dates::d;

fn line(value: i64, class: ItemClass) -> ReturnLine {
    ReturnLine {
        item: "KP-100".into(),
        value: Money::from_cents(value),
        class,
        installed: false,
        vendor_restocking: Money::ZERO,
        vendor_freight: Money::ZERO,
    }
}

#[test]
fn a_return_received_30_days_after_the_invoice_is_accepted() {
    assert_eq!(check_window(d("2026-02-15"), d("2026-03-17"), false), Ok(()));
}

#[test]
fn a_return_received_31_days_after_the_invoice_is_refused_by_the_30_day_rule() {
    let refusal = check_window(d("2026-02-15"), d("2026-03-18"), false).unwrap_err();
    assert_eq!(
        refusal,
        ReturnRefusal::AfterThirtyDays { invoice_date: d("2026-02-15"), received: d("2026-03-18"), days: 31 }
    );
    assert_eq!(refusal.rule(), "AFTER_THIRTY_DAYS");
    assert!(refusal.to_string().starts_with("30-day rule"), "{refusal}");
}

#[test]
fn a_late_return_with_the_manufacturers_approval_is_accepted() {
    assert_eq!(check_window(d("2026-02-15"), d("2026-05-01"), true), Ok(()));
}

#[test]
fn installed_goods_are_refused_by_the_installed_goods_rule() {
    let mut l = line(25_000, ItemClass::Stock);
    l.installed = true;
    let refusal = check_line(&l).unwrap_err();
    assert_eq!(refusal.rule(), "INSTALLED");
    assert!(refusal.to_string().contains("installed"), "{refusal}");
    // Manufacturer approval lifts only the date rule.
    assert_eq!(refusals(d("2026-02-15"), d("2026-02-20"), true, &[l]).len(), 1);
}

#[test]
fn special_order_nonstock_is_refused_by_the_special_order_rule() {
    let refusal = check_line(&line(25_000, ItemClass::SpecialOrderNonstock)).unwrap_err();
    assert_eq!(refusal.rule(), "SPECIAL_ORDER_NONSTOCK");
    assert!(check_line(&line(25_000, ItemClass::Nonstock)).is_ok());
}

#[test]
fn every_refusing_rule_is_named() {
    let mut installed = line(100, ItemClass::Stock);
    installed.installed = true;
    let all =
        refusals(d("2026-01-01"), d("2026-03-01"), false, &[installed, line(100, ItemClass::SpecialOrderNonstock)]);
    let rules: Vec<&str> = all.iter().map(ReturnRefusal::rule).collect();
    assert_eq!(rules, ["INSTALLED", "SPECIAL_ORDER_NONSTOCK", "AFTER_THIRTY_DAYS"]);
}

#[test]
fn restocking_is_15_percent_by_default_so_250_credits_212_50() {
    let c = return_credit(&[line(25_000, ItemClass::Stock)], restocking_rate(None).unwrap());
    assert_eq!(c.restocking, Money::from_cents(3750));
    assert_eq!(c.credit, Money::from_cents(21_250));
}

#[test]
fn the_manufacturers_higher_restocking_rate_applies_and_a_lower_one_is_refused() {
    let rate = restocking_rate(Some(Decimal::from(25))).unwrap();
    assert_eq!(return_credit(&[line(10_000, ItemClass::Stock)], rate).credit, Money::from_cents(7_500));
    assert!(restocking_rate(Some(Decimal::from(10))).is_err());
}

#[test]
fn a_manufacturer_rate_of_exactly_15_percent_is_the_terms_own_rate() {
    assert_eq!(restocking_rate(None), Ok(Decimal::from(15)));
    assert_eq!(restocking_rate(Some(Decimal::from(15))), Ok(Decimal::from(15)));
    assert!(restocking_rate(Some(Decimal::new(1499, 2))).is_err());
}

#[test]
fn a_restocking_rate_above_100_percent_is_refused_and_100_is_the_most() {
    assert_eq!(restocking_rate(Some(Decimal::ONE_HUNDRED)), Ok(Decimal::ONE_HUNDRED));
    let refusal = restocking_rate(Some(Decimal::new(10001, 2))).unwrap_err();
    assert!(refusal.contains("more than the goods are worth"), "{refusal}");
    assert!(restocking_rate(Some(Decimal::from(250))).is_err());
}

#[test]
fn restocking_rounds_half_away_from_zero() {
    // 0.10 × 15% = 0.015 → 0.02
    let c = return_credit(&[line(10, ItemClass::Stock)], DEFAULT_RESTOCKING_PCT);
    assert_eq!(c.restocking, Money::from_cents(2));
}

#[test]
fn nonstock_follows_the_vendors_fees_entered_by_hand() {
    let mut l = line(40_000, ItemClass::Nonstock);
    l.vendor_restocking = Money::from_cents(4_000);
    l.vendor_freight = Money::from_cents(1_250);
    let c = return_credit(&[l, line(10_000, ItemClass::Stock)], DEFAULT_RESTOCKING_PCT);
    assert_eq!(c.vendor_fees, Money::from_cents(5_250));
    assert_eq!(c.restocking, Money::from_cents(1_500));
    assert_eq!(c.credit, Money::from_cents(50_000 - 5_250 - 1_500));
}

#[test]
fn the_rma_label_names_carton_invoice_and_rma_number() {
    let label = rma_label("RMA-000001", "INV-1002", d("2026-02-15"));
    assert!(label.contains("ORIGINAL CARTON"));
    assert!(label.contains("invoice INV-1002 dated 2026-02-15"));
    assert!(label.contains("RMA number RMA-000001 on the OUTSIDE"));
}

#[test]
fn business_days_skip_weekends() {
    // 2026-03-06 is a Friday.
    assert_eq!(business_days_between(d("2026-03-06"), d("2026-03-07")), 0);
    assert_eq!(business_days_between(d("2026-03-06"), d("2026-03-09")), 1);
    assert_eq!(business_days_between(d("2026-03-06"), d("2026-03-13")), 5);
    assert_eq!(business_days_between(d("2026-03-06"), d("2026-03-16")), 6);
    assert_eq!(business_days_between(d("2026-03-02"), d("2026-03-30")), 20);
    assert_eq!(business_days_between(d("2026-03-07"), d("2026-03-08")), 0);
}

#[test]
fn business_days_between_a_day_and_itself_are_none_and_reversed_dates_count_negative() {
    assert_eq!(business_days_between(d("2026-03-04"), d("2026-03-04")), 0);
    assert_eq!(business_days_between(d("2026-03-13"), d("2026-03-06")), -5);
    assert_eq!(business_days_between(d("2026-03-16"), d("2026-03-06")), -6);
}

#[test]
fn a_claim_reported_the_day_of_receipt_is_in_time() {
    assert_eq!(check_claim(d("2026-03-06"), d("2026-03-06")), Ok(()));
}

#[test]
fn a_claim_reported_before_the_goods_were_received_is_refused() {
    assert_eq!(
        check_claim(d("2026-03-06"), d("2026-03-05")),
        Err(ClaimRefusal::ReportedBeforeReceipt { received: d("2026-03-06"), reported: d("2026-03-05") })
    );
}

#[test]
fn a_friday_receipt_claimed_the_next_friday_is_within_5_business_days() {
    // Calendar days would say 7; Mon–Fri count says 5: in time.
    assert_eq!(check_claim(d("2026-03-06"), d("2026-03-13")), Ok(()));
}

#[test]
fn a_claim_six_business_days_after_receipt_is_refused_by_the_5_business_day_rule() {
    let refusal = check_claim(d("2026-03-06"), d("2026-03-16")).unwrap_err();
    assert_eq!(
        refusal,
        ClaimRefusal::ReportedLate { received: d("2026-03-06"), reported: d("2026-03-16"), business_days: 6 }
    );
    assert!(refusal.to_string().starts_with("5-business-day rule"));
    // Monday receipt, reported the next Tuesday: six business days too.
    assert!(check_claim(d("2026-03-02"), d("2026-03-10")).is_err());
    assert!(check_claim(d("2026-03-02"), d("2026-03-09")).is_ok());
}

#[test]
fn nonconforming_goods_carry_no_restocking_full_credit_or_replacement() {
    assert_eq!(ClaimRemedy::FullCredit.credit(Money::from_cents(25_000)), Money::from_cents(25_000));
    assert_eq!(ClaimRemedy::Replacement.credit(Money::from_cents(25_000)), Money::ZERO);
}

#[test]
fn rma_and_claim_statuses_are_spelled_as_stored() {
    for (status, text) in [(RmaStatus::Issued, "ISSUED"), (RmaStatus::Received, "RECEIVED")] {
        assert_eq!(
            (status.as_str(), status.to_string(), text.parse::<RmaStatus>().ok()),
            (text, text.into(), Some(status))
        );
        assert_eq!(serde_json::to_value(status).unwrap(), serde_json::json!(text));
    }
    for (status, text) in [(ClaimStatus::Open, "OPEN"), (ClaimStatus::Resolved, "RESOLVED")] {
        assert_eq!(
            (status.as_str(), status.to_string(), text.parse::<ClaimStatus>().ok()),
            (text, text.into(), Some(status))
        );
        assert_eq!(serde_json::to_value(status).unwrap(), serde_json::json!(text));
    }
}

fn received_rma() -> Rma {
    Rma {
        rma_no: "RMA-000001".into(),
        account_no: "A100".into(),
        invoice: "INV-1".into(),
        invoice_date: d("2026-02-01"),
        issued_on: d("2026-02-20"),
        status: RmaStatus::Received,
        manufacturer_approval: None,
        restocking_pct: DEFAULT_RESTOCKING_PCT,
        value: Money::from_cents(10_000),
        lines: Vec::new(),
        received_on: Some(d("2026-03-05")),
        restocking: Some(Money::from_cents(1_500)),
        vendor_fees: Some(Money::ZERO),
        credit: Some(Money::from_cents(8_500)),
        credit_ref: Some("CM-RMA-000001".into()),
        issued_by: "tester".into(),
        received_by: Some("tester".into()),
        label: String::new(),
    }
}

#[test]
fn an_rma_exists_from_the_day_it_was_issued() {
    let r = received_rma();
    assert_eq!(r.as_of(d("2026-02-19")), None);
    assert!(r.as_of(d("2026-02-20")).is_some());
}

#[test]
fn an_rma_received_after_the_day_shows_as_issued_without_its_credit() {
    let r = received_rma();
    let before = r.as_of(d("2026-03-04")).unwrap();
    assert_eq!((before.status, before.received_on, before.credit), (RmaStatus::Issued, None, None));
    assert_eq!((before.credit_ref, before.restocking, before.received_by), (None, None, None));
    assert_eq!(r.as_of(d("2026-03-05")).unwrap(), r, "received on the day itself");
}

fn resolved_claim() -> Claim {
    Claim {
        claim_no: "NC-000001".into(),
        account_no: "A100".into(),
        invoice: "INV-1".into(),
        received_on: d("2026-02-02"),
        reported_on: d("2026-02-04"),
        business_days: 2,
        reason: "WRONG_PRODUCT".into(),
        description: "x".into(),
        value: Money::from_cents(5_000),
        status: ClaimStatus::Resolved,
        remedy: Some("CREDIT".into()),
        resolved_on: Some(d("2026-02-10")),
        credit: Some(Money::from_cents(5_000)),
        credit_ref: Some("CM-NC-000001".into()),
        opened_by: "tester".into(),
        resolved_by: Some("tester".into()),
    }
}

#[test]
fn a_claim_exists_from_the_day_it_was_reported_and_is_open_until_resolved() {
    let c = resolved_claim();
    assert_eq!(c.as_of(d("2026-02-03")), None);
    let reported = c.as_of(d("2026-02-04")).expect("listed on the day it was reported");
    assert_eq!(reported.status, ClaimStatus::Open);
    let open = c.as_of(d("2026-02-09")).unwrap();
    assert_eq!((open.status, open.remedy, open.resolved_on, open.credit), (ClaimStatus::Open, None, None, None));
    assert_eq!((open.credit_ref, open.resolved_by), (None, None));
    assert_eq!(c.as_of(d("2026-02-10")).unwrap(), c, "resolved on the day itself");
}
