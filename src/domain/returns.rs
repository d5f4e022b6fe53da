//! Returns under an RMA and nonconforming-goods claims (RULES.md section 4).
//!
//! A return is refused, naming the rule, when it arrives more than 30 days after the
//! invoice date without the manufacturer's recorded approval, when the goods were
//! installed, or when they are special-order nonstock. Stock goods carry a restocking
//! charge of 15% (or the manufacturer's higher rate); nonstock goods carry the vendor's
//! restocking and return-freight fees, entered by hand. The credit — returned value
//! less restocking — is posted as a `CREDIT_MEMO` payment applied to the invoice.
//! Nonconforming goods reported within 5 business days of receipt carry no restocking.

use super::Money;
use chrono::{Datelike, NaiveDate, Weekday};
use rust_decimal::Decimal;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

/// Days after the invoice date within which a return must be received.
pub const RETURN_WINDOW_DAYS: i64 = 30;
/// The default restocking charge, percent of the returned value.
pub const DEFAULT_RESTOCKING_PCT: Decimal = Decimal::from_parts(15, 0, 0, false, 0);
/// Business days (Monday–Friday) after receipt within which nonconforming goods are reported.
pub const INSPECTION_BUSINESS_DAYS: i64 = 5;

/// How the distributor stocks an item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ItemClass {
    /// A regular stocking item.
    #[default]
    Stock,
    /// Bought for a customer's request: the vendor's return policy and fees apply.
    Nonstock,
    /// Nonstock, specialised or altered at the customer's request: never returnable.
    SpecialOrderNonstock,
}

impl ItemClass {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One line of an RMA.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReturnLine {
    pub item: String,
    pub value: Money,
    pub class: ItemClass,
    pub installed: bool,
    /// Nonstock only: the vendor's restocking fee, entered by hand.
    pub vendor_restocking: Money,
    /// Nonstock only: the vendor's return-freight fee, entered by hand.
    pub vendor_freight: Money,
}

/// The rule that refuses a return.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[serde(tag = "rule", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ReturnRefusal {
    #[error("30-day rule: received {received}, {days} days after the invoice date {invoice_date}; a return must be received within 30 days of purchase unless the manufacturer approved it (record that approval on the receipt)")]
    AfterThirtyDays { invoice_date: NaiveDate, received: NaiveDate, days: i64 },
    #[error("installed-goods rule: {item} was installed, and installed goods cannot be returned")]
    Installed { item: String },
    #[error("special-order rule: {item} is special-order nonstock, specialised at the customer's request, and cannot be returned")]
    SpecialOrderNonstock { item: String },
}

impl ReturnRefusal {
    /// A short name of the rule, for scripts.
    pub fn rule(&self) -> &'static str {
        match self {
            ReturnRefusal::AfterThirtyDays { .. } => "AFTER_THIRTY_DAYS",
            ReturnRefusal::Installed { .. } => "INSTALLED",
            ReturnRefusal::SpecialOrderNonstock { .. } => "SPECIAL_ORDER_NONSTOCK",
        }
    }
}

/// Whether the 30-day window allows a return received (or expected) on `received`.
pub fn check_window(
    invoice_date: NaiveDate,
    received: NaiveDate,
    manufacturer_approved: bool,
) -> Result<(), ReturnRefusal> {
    let days = (received - invoice_date).num_days();
    if days > RETURN_WINDOW_DAYS && !manufacturer_approved {
        return Err(ReturnRefusal::AfterThirtyDays { invoice_date, received, days });
    }
    Ok(())
}

/// Whether a line may be returned at all, whatever the date.
pub fn check_line(line: &ReturnLine) -> Result<(), ReturnRefusal> {
    if line.class == ItemClass::SpecialOrderNonstock {
        return Err(ReturnRefusal::SpecialOrderNonstock { item: line.item.clone() });
    }
    if line.installed {
        return Err(ReturnRefusal::Installed { item: line.item.clone() });
    }
    Ok(())
}

/// Every rule that refuses this return (empty: it is accepted). Lines are checked
/// first, then the date, so each refused line is named.
pub fn refusals(
    invoice_date: NaiveDate,
    received: NaiveDate,
    manufacturer_approved: bool,
    lines: &[ReturnLine],
) -> Vec<ReturnRefusal> {
    let mut out: Vec<ReturnRefusal> = lines.iter().filter_map(|l| check_line(l).err()).collect();
    out.extend(check_window(invoice_date, received, manufacturer_approved).err());
    out
}

/// The restocking rate: 15%, or the manufacturer's rate when it is higher. A rate
/// below 15% is not the distributor's policy and is refused rather than ignored.
pub fn restocking_rate(manufacturer_pct: Option<Decimal>) -> Result<Decimal, String> {
    match manufacturer_pct {
        None => Ok(DEFAULT_RESTOCKING_PCT),
        Some(p) if p < DEFAULT_RESTOCKING_PCT => {
            Err(format!("{p}% is below the 15% restocking charge of the terms of sale; give 15 or more"))
        }
        Some(p) if p > Decimal::ONE_HUNDRED => Err(format!("{p}% is more than the goods are worth")),
        Some(p) => Ok(p),
    }
}

/// What a received return credits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct ReturnCredit {
    pub value: Money,
    /// The restocking charge on stock lines (rate × their value, rounded once).
    pub restocking: Money,
    /// The vendor's fees on nonstock lines, as entered.
    pub vendor_fees: Money,
    /// value − restocking − vendor fees, never below zero.
    pub credit: Money,
}

/// The credit for accepted lines at a restocking rate (percent).
pub fn return_credit(lines: &[ReturnLine], rate_pct: Decimal) -> ReturnCredit {
    let value: Money = lines.iter().map(|l| l.value).sum();
    let stock: Money = lines.iter().filter(|l| l.class == ItemClass::Stock).map(|l| l.value).sum();
    let restocking = stock.percent(rate_pct).unwrap_or(stock);
    let vendor_fees: Money =
        lines.iter().filter(|l| l.class != ItemClass::Stock).map(|l| l.vendor_restocking + l.vendor_freight).sum();
    let credit = value - restocking - vendor_fees;
    ReturnCredit { value, restocking, vendor_fees, credit: if credit.is_positive() { credit } else { Money::ZERO } }
}

/// The text of the RMA form's carton label.
pub fn rma_label(rma_no: &str, invoice_no: &str, invoice_date: NaiveDate) -> String {
    format!(
        "RETURN MERCHANDISE AUTHORIZATION {rma_no}\n\
         Ship prepaid, in the ORIGINAL CARTON, with invoice {invoice_no} dated {invoice_date}.\n\
         Write the RMA number {rma_no} on the OUTSIDE of the shipping carton.\n\
         Goods without an RMA number are not accepted. Returns must be received within 30 days of purchase\n\
         (later only with the manufacturer's approval); installed goods and special-order nonstock items cannot be returned.\n"
    )
}

pub fn is_business_day(d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Business days (Monday–Friday) after `from` up to and including `to`: the day of
/// receipt itself is day 0. Negative when `to` is before `from`.
pub fn business_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return -business_days_between(to, from);
    }
    let days = (to - from).num_days();
    let (weeks, rest) = (days / 7, days % 7);
    let mut n = weeks * 5;
    let mut d = from;
    for _ in 0..rest {
        d = d.succ_opt().unwrap_or(d);
        if is_business_day(d) {
            n += 1;
        }
    }
    n
}

/// Why goods are nonconforming: the only two reasons of the terms of sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ClaimReason {
    /// The product shipped differs from the purchase order.
    WrongProduct,
    /// The label or packaging misidentifies the contents.
    Mislabeled,
}

impl ClaimReason {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// The distributor's remedy for nonconforming goods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ClaimRemedy {
    Replacement,
    /// The full value, no restocking charge.
    FullCredit,
}

impl ClaimRemedy {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    /// What the remedy credits for goods of `value`: nothing is held back.
    pub fn credit(self, value: Money) -> Money {
        match self {
            ClaimRemedy::Replacement => Money::ZERO,
            ClaimRemedy::FullCredit => value,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, thiserror::Error)]
#[serde(tag = "rule", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ClaimRefusal {
    #[error("5-business-day rule: goods received {received} were reported {reported}, {business_days} business days (Mon–Fri) later; nonconforming goods must be reported within 5 business days of receipt")]
    ReportedLate { received: NaiveDate, reported: NaiveDate, business_days: i64 },
    #[error("reported {reported}, before the goods were received {received}")]
    ReportedBeforeReceipt { received: NaiveDate, reported: NaiveDate },
}

/// Whether a nonconforming-goods report is in time.
pub fn check_claim(received: NaiveDate, reported: NaiveDate) -> Result<(), ClaimRefusal> {
    if reported < received {
        return Err(ClaimRefusal::ReportedBeforeReceipt { received, reported });
    }
    let business_days = business_days_between(received, reported);
    if business_days > INSPECTION_BUSINESS_DAYS {
        return Err(ClaimRefusal::ReportedLate { received, reported, business_days });
    }
    Ok(())
}

/// Where an RMA stands: issued (the goods are on their way back) or received.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, strum::Display, strum::EnumString, strum::IntoStaticStr,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RmaStatus {
    Issued,
    Received,
}

impl RmaStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Where a nonconforming-goods claim stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, strum::Display, strum::EnumString, strum::IntoStaticStr,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ClaimStatus {
    Open,
    Resolved,
}

impl ClaimStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One numbered line of an RMA.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RmaLineView {
    pub line_no: u32,
    #[serde(flatten)]
    pub line: ReturnLine,
}

/// An RMA as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rma {
    pub rma_no: String,
    pub account_no: String,
    pub invoice: String,
    pub invoice_date: NaiveDate,
    pub issued_on: NaiveDate,
    pub status: RmaStatus,
    pub manufacturer_approval: Option<String>,
    pub restocking_pct: Decimal,
    pub value: Money,
    pub lines: Vec<RmaLineView>,
    pub received_on: Option<NaiveDate>,
    pub restocking: Option<Money>,
    pub vendor_fees: Option<Money>,
    pub credit: Option<Money>,
    /// The `CREDIT_MEMO` payment that carries the credit.
    pub credit_ref: Option<String>,
    pub issued_by: String,
    pub received_by: Option<String>,
    /// The text of the RMA form's carton label.
    pub label: String,
}

/// A nonconforming-goods claim as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Claim {
    pub claim_no: String,
    pub account_no: String,
    pub invoice: String,
    pub received_on: NaiveDate,
    pub reported_on: NaiveDate,
    pub business_days: i64,
    pub reason: String,
    pub description: String,
    pub value: Money,
    pub status: ClaimStatus,
    pub remedy: Option<String>,
    pub resolved_on: Option<NaiveDate>,
    pub credit: Option<Money>,
    pub credit_ref: Option<String>,
    pub opened_by: String,
    pub resolved_by: Option<String>,
}

impl Rma {
    /// The RMA as it stood at the end of `day`: none before the day it was issued;
    /// issued and not yet received (no credit, no receipt) before the day it was received.
    pub fn as_of(&self, day: NaiveDate) -> Option<Rma> {
        if self.issued_on > day {
            return None;
        }
        let mut rma = self.clone();
        if rma.received_on.is_some_and(|r| r > day) {
            rma.status = RmaStatus::Issued;
            rma.received_on = None;
            rma.received_by = None;
            rma.restocking = None;
            rma.vendor_fees = None;
            rma.credit = None;
            rma.credit_ref = None;
        }
        Some(rma)
    }
}

impl Claim {
    /// The claim as it stood at the end of `day`: none before the day it was reported;
    /// open (no remedy, no credit) before the day it was resolved.
    pub fn as_of(&self, day: NaiveDate) -> Option<Claim> {
        if self.reported_on > day {
            return None;
        }
        let mut claim = self.clone();
        if claim.resolved_on.is_some_and(|r| r > day) {
            claim.status = ClaimStatus::Open;
            claim.remedy = None;
            claim.resolved_on = None;
            claim.resolved_by = None;
            claim.credit = None;
            claim.credit_ref = None;
        }
        Some(claim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::parse_iso;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

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
        let open = c.as_of(d("2026-02-09")).unwrap();
        assert_eq!((open.status, open.remedy, open.resolved_on, open.credit), (ClaimStatus::Open, None, None, None));
        assert_eq!((open.credit_ref, open.resolved_by), (None, None));
        assert_eq!(c.as_of(d("2026-02-10")).unwrap(), c, "resolved on the day itself");
    }
}
