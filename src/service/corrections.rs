//! Corrections (RULES.md section 10), each a manager's act with a reason: void a
//! payment or a charge, waive a returned-check fee already posted, write an account
//! off, refund unapplied credit. A void document stays, marked with who voided it, on
//! which day and why, and counts nowhere from then on, at any as-of date.

use super::documents::insert_charge;
use super::{audit, Act, Change, Service};
use crate::domain::charge::has_reserved_prefix;
use crate::domain::corrections::{
    charge_void_refused, payment_void_refused, payoff, refund_refused, status_after_write_off, waived_fee_doc_no,
    write_off_ref, RefundMethod,
};
use crate::domain::{evaluate, ChargeKind, Money, PaymentMethod};
use crate::error::{Error, Result};
use crate::input::{identifier, not_after_today, positive, text};
use crate::read::account;
use crate::store::{self, ledger::VoidMark, Tx};
use chrono::NaiveDate;
use serde_json::json;

/// A payment or charge to void, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVoid {
    /// The payment's reference or the charge's document number.
    pub document: String,
    pub reason: String,
}

/// What a void did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Voided {
    /// "payment", "charge" or "returned-check fee".
    pub what: &'static str,
    pub document: String,
    pub account_no: String,
    pub amount: Money,
    /// A card payment's surcharge, voided with it.
    pub also: Option<String>,
}

/// A write-off of an account's payoff amount on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWriteOff {
    pub account_no: String,
    pub date: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WrittenOff {
    pub account_no: String,
    pub reference: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub status: crate::domain::AccountStatus,
}

/// Unapplied credit paid back to the dealer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRefund {
    pub account_no: String,
    pub amount: Money,
    pub method: RefundMethod,
    /// The check number or wire reference: the `REFUND` charge's document number.
    pub reference: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Refunded {
    pub account_no: String,
    pub doc_no: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub credit_before: Money,
    pub credit_after: Money,
}

fn mark(on: NaiveDate, by: &str, reason: &str) -> VoidMark {
    VoidMark { on, by: by.to_string(), reason: reason.to_string() }
}

/// The payment a void or a waiver names, and the reason given.
fn payment_named<'v>(tx: &Tx<'_>, v: &'v NewVoid) -> Result<(&'v str, &'v str, store::ledger::FoundPayment)> {
    let reference = identifier("payment_ref", &v.document)?;
    let reason = text("reason", &v.reason)?;
    let p = store::ledger::payment_by_ref(tx, reference)?
        .ok_or_else(|| Error::invalid("payment_ref", format!("no payment {reference}")))?;
    Ok((reference, reason, p))
}

/// The account's unapplied credit as of `on`, from its ledger as it stands in `tx`.
fn credit_on(tx: &Tx<'_>, a: &store::Account, on: NaiveDate) -> Result<Money> {
    let data = store::ledger::load(tx, a.clone())?;
    Ok(evaluate(&data.ledger(), on)?.unapplied_credit)
}

impl WrittenOff {
    /// In one line, as the console and the command line say it.
    pub fn line(&self) -> String {
        format!(
            "{}: {} written off on {} as {} (WRITE_OFF); the account is {}",
            self.account_no,
            self.amount.grouped(),
            self.date,
            self.reference,
            self.status
        )
    }
}

impl Refunded {
    /// In one line, as the console and the command line say it.
    pub fn line(&self) -> String {
        format!(
            "{}: refund {} of {} on {}; unapplied credit {} → {}",
            self.account_no,
            self.doc_no,
            self.amount.grouped(),
            self.date,
            self.credit_before.grouped(),
            self.credit_after.grouped()
        )
    }
}

impl Voided {
    /// In one line, as the console and the command line say it.
    pub fn line(&self) -> String {
        let verb = if self.what == "returned-check fee" { "waived" } else { "voided" };
        let also = self.also.as_ref().map(|d| format!("; its surcharge {d} voided with it")).unwrap_or_default();
        format!("{} {} of {} ({}) {verb}{also}", self.what, self.document, self.amount.grouped(), self.account_no)
    }
}

impl Service {
    /// Voids a payment (manager): it counts nowhere, at every as-of date. A check the
    /// bank returned is not voided (its return already voids it). A card payment's
    /// surcharge `SUR-<ref>` was posted with it and is voided with it.
    pub fn void_payment(&mut self, v: &NewVoid) -> Result<Voided> {
        self.require_manager(Act::VoidPayment)?;
        let today = self.today();
        self.transact(|tx, op| {
            let (reference, reason, p) = payment_named(tx, v)?;
            if let Some(m) = &p.void {
                return Err(Error::invalid(
                    "payment_ref",
                    format!("{reference} was already voided on {} by {}", m.on, m.by),
                ));
            }
            let returned = store::ledger::returned_fee(tx, p.id)?.map(|r| r.returned_date);
            if let Some(why) = payment_void_refused(reference, returned) {
                return Err(Error::Refused(why));
            }
            let m = mark(today, &op.name, reason);
            store::ledger::void_payment(tx, p.id, &m)?;
            let surcharge = super::credit::surcharge_doc_no(reference);
            let also = match store::ledger::charge_by_doc(tx, &surcharge)? {
                Some(c) if c.void.is_none() && c.account_no == p.account_no => {
                    store::ledger::void_charge(tx, &surcharge, &m)?;
                    Some(surcharge)
                }
                _ => None,
            };
            audit(
                tx,
                op,
                &Change::of("void", "payment")
                    .key(reference)
                    .account(&p.account_no)
                    .before(json!({
                        "payment_ref": reference, "date": p.date, "method": p.method, "amount": p.amount,
                        "apply_to": p.apply_to,
                    }))
                    .after(json!({ "void": m, "surcharge_voided": also })),
            )?;
            Ok(Voided {
                what: "payment",
                document: reference.to_string(),
                account_no: p.account_no,
                amount: p.amount,
                also,
            })
        })
    }

    /// Voids a recorded charge (manager): it counts nowhere, at every as-of date; a
    /// payment meant for it (`apply_to`) takes nothing there. Interest (`FC-`) is never
    /// voided; a returned-check fee (`RCF-`) is waived instead (`waive_returned_check_fee`).
    pub fn void_charge(&mut self, v: &NewVoid) -> Result<Voided> {
        self.require_manager(Act::VoidCharge)?;
        let today = self.today();
        self.transact(|tx, op| {
            let doc_no = identifier("doc_no", &v.document)?;
            if let Some(why) = charge_void_refused(doc_no) {
                return Err(Error::Refused(why));
            }
            let reason = text("reason", &v.reason)?;
            let c = store::ledger::charge_by_doc(tx, doc_no)?
                .ok_or_else(|| Error::invalid("doc_no", format!("no charge {doc_no}")))?;
            if let Some(m) = &c.void {
                return Err(Error::invalid("doc_no", format!("{doc_no} was already voided on {} by {}", m.on, m.by)));
            }
            let m = mark(today, &op.name, reason);
            store::ledger::void_charge(tx, doc_no, &m)?;
            audit(
                tx,
                op,
                &Change::of("void", "charge")
                    .key(doc_no)
                    .account(&c.account_no)
                    .before(json!({
                        "doc_no": doc_no, "kind": c.kind, "date": c.date, "due_date": c.due, "amount": c.amount,
                        "memo": c.memo,
                    }))
                    .after(json!({ "void": m })),
            )?;
            Ok(Voided {
                what: "charge",
                document: doc_no.to_string(),
                account_no: c.account_no,
                amount: c.amount,
                also: None,
            })
        })
    }

    /// Waives a returned-check fee already posted (manager, with a reason): `RCF-<ref>`
    /// counts nowhere from then on, at any as-of date, as if it had been waived when the
    /// check was returned. The fee log keeps who waived it and why.
    pub fn waive_returned_check_fee(&mut self, v: &NewVoid) -> Result<Voided> {
        self.require_manager(Act::WaiveReturnedCheckFee)?;
        let today = self.today();
        self.transact(|tx, op| {
            let (reference, reason, p) = payment_named(tx, v)?;
            let fee = store::ledger::returned_fee(tx, p.id)?.ok_or_else(|| {
                Error::invalid("payment_ref", format!("{reference} was not returned by the bank: it carries no fee"))
            })?;
            if fee.fee_waived {
                let by = fee.waived_by.map(|b| format!(" by {b}")).unwrap_or_default();
                return Err(Error::invalid("payment_ref", format!("the fee of {reference} is already waived{by}")));
            }
            let m = mark(today, &op.name, reason);
            store::ledger::waive_posted_fee(tx, p.id, &m)?;
            let doc = waived_fee_doc_no(reference);
            audit(tx, op, &Change::of("waive", "returned_check").key(reference).account(&p.account_no).before(json!({ "doc_no": doc, "fee": fee.fee, "returned_date": fee.returned_date, "fee_waived": false })).after(json!({ "doc_no": doc, "fee_waived": true, "void": m })))?;
            Ok(Voided { what: "returned-check fee", document: doc, account_no: p.account_no, amount: fee.fee, also: None })
        })
    }

    /// Writes an account off on a day (manager, with a reason): a `WRITE_OFF` payment of
    /// the payoff amount that day, `WO-<account>-<date>`, and the account suspended
    /// (a closed one stays closed).
    pub fn write_off(&mut self, w: &NewWriteOff) -> Result<WrittenOff> {
        self.require_manager(Act::WriteOff)?;
        let today = self.today();
        self.transact(|tx, op| {
            let a = account(tx, &w.account_no)?;
            let date = not_after_today("date", w.date, today)?;
            let reason = text("reason", &w.reason)?;
            let data = store::ledger::load(tx, a.clone())?;
            let amount = payoff(&data.ledger(), date)?;
            if !amount.is_positive() {
                return Err(Error::Refused(format!(
                    "account {} owes nothing as of {date}: nothing to write off",
                    a.account_no
                )));
            }
            let reference = write_off_ref(&a.account_no, date);
            if store::ledger::payment_exists(tx, &reference)? {
                return Err(Error::invalid("date", format!("{reference} is already recorded: one write-off a day")));
            }
            store::ledger::insert_payment(
                tx,
                &store::ledger::NewPayment {
                    reference: &reference,
                    account_id: a.id,
                    date,
                    method: PaymentMethod::WriteOff,
                    amount,
                    apply_to: None,
                },
            )?;
            let status = status_after_write_off(a.status);
            if status != a.status {
                store::accounts::set_status_on(tx, a.id, status, date)?;
            }
            audit(
                tx,
                op,
                &Change::of_account("write_off", &a.account_no)
                    .before(json!({ "status": a.status, "payoff": amount }))
                    .after(json!({
                        "payment_ref": reference, "method": PaymentMethod::WriteOff, "date": date, "amount": amount,
                        "status": status, "reason": reason,
                    })),
            )?;
            Ok(WrittenOff { account_no: a.account_no.clone(), reference, date, amount, status })
        })
    }

    /// Refunds unapplied credit (manager): a `REFUND` charge due on its own date, which
    /// the credit pays at once. Refused, writing nothing, when larger than the credit
    /// as of its date.
    pub fn refund_credit(&mut self, r: &NewRefund) -> Result<Refunded> {
        self.require_manager(Act::RefundCredit)?;
        let today = self.today();
        self.transact(|tx, op| {
            let a = account(tx, &r.account_no)?;
            let date = not_after_today("date", r.date, today)?;
            let amount = positive("amount", r.amount)?;
            let doc_no = identifier("reference", &r.reference)?;
            if has_reserved_prefix(doc_no) {
                return Err(Error::invalid("reference", "FC- and RCF- are reserved for derived charges"));
            }
            let credit = credit_on(tx, &a, date)?;
            if let Some(why) = refund_refused(amount, credit) {
                return Err(Error::Refused(format!("account {}: a refund of {why} ({date})", a.account_no)));
            }
            let memo = format!("refund of unapplied credit by {} {doc_no}", r.method);
            insert_charge(tx, &a, doc_no, ChargeKind::Refund, date, amount, Some(&memo)).map_err(|e| match e {
                Error::Invalid(f) if f.field == "doc_no" => Error::invalid("reference", f.reason),
                other => other,
            })?;
            let after = credit_on(tx, &a, date)?;
            audit(
                tx,
                op,
                &Change::of("refund", "charge")
                    .key(doc_no)
                    .account(&a.account_no)
                    .before(json!({ "unapplied_credit": credit }))
                    .after(json!({
                        "doc_no": doc_no, "kind": ChargeKind::Refund, "date": date, "amount": amount,
                        "method": r.method, "unapplied_credit": after,
                    })),
            )?;
            Ok(Refunded {
                account_no: a.account_no.clone(),
                doc_no: doc_no.to_string(),
                date,
                amount,
                credit_before: credit,
                credit_after: after,
            })
        })
    }
}
