//! Returns under an RMA and nonconforming-goods claims (RULES.md section 4).
//!
//! A return is refused, naming the rule, when it arrives more than 30 days after the
//! invoice date without the manufacturer's recorded approval, when the goods were
//! installed, or when they are special-order nonstock. Stock goods carry a restocking
//! charge of 15% (or the manufacturer's higher rate); nonstock goods carry the vendor's
//! restocking and return-freight fees, entered by hand. The credit — returned value
//! less restocking — is posted as a `CREDIT_MEMO` payment applied to the invoice.
//! Nonconforming goods reported within 5 business days of receipt carry no restocking.

use super::dates::as_it_stood;
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
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
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
        as_it_stood(self, day, self.issued_on, self.received_on, |rma| {
            rma.status = RmaStatus::Issued;
            rma.received_on = None;
            rma.received_by = None;
            rma.restocking = None;
            rma.vendor_fees = None;
            rma.credit = None;
            rma.credit_ref = None;
        })
    }
}

impl Claim {
    /// The claim as it stood at the end of `day`: none before the day it was reported;
    /// open (no remedy, no credit) before the day it was resolved.
    pub fn as_of(&self, day: NaiveDate) -> Option<Claim> {
        as_it_stood(self, day, self.reported_on, self.resolved_on, |claim| {
            claim.status = ClaimStatus::Open;
            claim.remedy = None;
            claim.resolved_on = None;
            claim.resolved_by = None;
            claim.credit = None;
            claim.credit_ref = None;
        })
    }
}

#[cfg(test)]
mod tests;
