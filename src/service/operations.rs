//! Everyday changes from the console's forms (and any other door): payments, charges,
//! returned checks, agency placements and collection costs. Each is one transaction,
//! validates every field by name, and writes one audit entry with before/after.

use super::documents::{document_of_account, insert_charge};
use super::{audit, Change, Service};
use crate::domain::charge::has_reserved_prefix;
use crate::domain::payment::RETURNED_CHECK_FEE;
use crate::domain::{ChargeKind, Money, PaymentMethod};
use crate::error::{Error, Result};
use crate::input::{identifier, optional_text, positive, text, within_limits};
use crate::read::account;
use crate::store;
use chrono::NaiveDate;
use serde_json::json;

/// A payment to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPayment {
    pub account_no: String,
    pub amount: Money,
    pub method: PaymentMethod,
    pub date: NaiveDate,
    pub reference: String,
    pub apply_to: Option<String>,
    /// Why a card payment's surcharge is waived (a manager's act); none posts it.
    pub surcharge_waiver: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecorded {
    pub reference: String,
    pub amount: Money,
    /// The card surcharge posted with it, if any: (doc_no, amount).
    pub surcharge: Option<(String, Money)>,
}

/// A charge to record: `INVOICE`, `REPAIR`, `FEE` or `COLLECTION_COST`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCharge {
    pub account_no: String,
    pub doc_no: String,
    pub kind: ChargeKind,
    pub date: NaiveDate,
    pub amount: Money,
    pub memo: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReturnedCheck {
    pub payment_ref: String,
    pub returned_date: NaiveDate,
    pub waive_fee: bool,
    pub waiver_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlacement {
    pub account_no: String,
    pub agency: String,
    pub placed_on: NaiveDate,
    pub amount: Money,
    pub note: Option<String>,
}

impl Service {
    /// Records a payment; a card payment also posts its surcharge (3.00% unless the
    /// setting says otherwise) as a `FEE` charge `SUR-<ref>` on the payment's date
    /// (RULES.md section 1).
    pub fn record_payment(&mut self, p: &NewPayment) -> Result<PaymentRecorded> {
        let today = self.today();
        self.transact(|tx, op| {
            let account = account(tx, &p.account_no)?;
            let amount = positive("amount", p.amount)?;
            let method = p.method;
            if !method.is_recorded_by_hand() {
                return Err(Error::invalid("method", "a write-off is a manager's act of its own: writeoff"));
            }
            let date = crate::input::not_after_today("date", p.date, today)?;
            let reference = identifier("reference", &p.reference)?;
            if store::ledger::payment_exists(tx, reference)? {
                return Err(Error::invalid("reference", format!("{reference} is already recorded")));
            }
            let apply_to = p.apply_to.as_deref().map(|a| identifier("apply_to", a)).transpose()?;
            if let Some(apply_to) = apply_to {
                if !document_of_account(tx, account.id, apply_to)? {
                    return Err(Error::invalid(
                        "apply_to",
                        format!("{apply_to} is not a document of account {}", account.account_no),
                    ));
                }
            }
            store::ledger::insert_payment(
                tx,
                &store::ledger::NewPayment { reference, account_id: account.id, date, method, amount, apply_to },
            )?;
            // A card payment posts its surcharge (the configured percentage) in the same transaction.
            let surcharge = super::credit::record_card_surcharge(
                tx,
                op,
                &super::credit::PaymentForSurcharge {
                    account: &account,
                    payment_ref: reference,
                    method,
                    date,
                    amount,
                    waiver_reason: optional_text("surcharge_waiver", p.surcharge_waiver.as_deref().unwrap_or(""))?,
                },
            )?;
            audit(
                tx,
                op,
                &Change::of("record", "payment").key(reference).account(&account.account_no).after(json!({
                    "payment_ref": reference, "date": date.to_string(), "method": method.as_str(),
                    "amount": amount, "apply_to": apply_to,
                    "surcharge": surcharge.as_ref().map(|(d, f)| json!({"doc_no": d, "amount": f})),
                })),
            )?;
            Ok(PaymentRecorded { reference: reference.to_string(), amount, surcharge })
        })
    }

    /// Adds a charge to an `ACTIVE` account: `INVOICE`, `REPAIR`, `FEE` or
    /// `COLLECTION_COST` (which a `SUSPENDED` or `CLOSED` account takes too), due per
    /// the account's terms today. A new `INVOICE` for an account on credit hold (as of
    /// its date) is refused, naming the hold.
    pub fn add_charge(&mut self, c: &NewCharge) -> Result<NaiveDate> {
        self.charge(c, None)
    }

    /// `add_charge` for an invoice to an account on credit hold: a manager overrides the
    /// hold for this one invoice, with a reason (recorded with the hold it overrode).
    pub fn add_charge_overriding_hold(&mut self, c: &NewCharge, reason: &str) -> Result<NaiveDate> {
        self.require_manager(super::Act::OverrideCreditHold)?;
        self.charge(c, Some(reason))
    }

    fn charge(&mut self, c: &NewCharge, override_hold: Option<&str>) -> Result<NaiveDate> {
        let today = self.today();
        self.transact(|tx, op| {
            let account = account(tx, &c.account_no)?;
            if c.kind == ChargeKind::CollectionCost {
                if !account.status.takes_collection_costs() {
                    return Err(Error::invalid(
                        "account",
                        format!("{} is {}; it takes no collection costs", account.account_no, account.status),
                    ));
                }
            } else if !account.status.can_be_invoiced() {
                return Err(Error::invalid(
                    "account",
                    format!(
                        "{} is {}; only an ACTIVE account receives new charges",
                        account.account_no, account.status
                    ),
                ));
            }
            let doc_no = identifier("doc_no", &c.doc_no)?;
            if has_reserved_prefix(doc_no) {
                return Err(Error::invalid("doc_no", "FC- and RCF- are reserved for derived charges"));
            }
            if store::ledger::doc_exists(tx, doc_no)? {
                return Err(Error::invalid("doc_no", format!("{doc_no} is already recorded")));
            }
            let kind = c.kind;
            if !ChargeKind::RECORDED.contains(&kind) {
                return Err(Error::invalid("kind", "use INVOICE, REPAIR, FEE or COLLECTION_COST (a refund: refund)"));
            }
            let date = crate::input::not_after_today("date", c.date, today)?;
            let amount = positive("amount", c.amount)?;
            let memo = optional_text("memo", c.memo.as_deref().unwrap_or(""))?;
            let overridden = match crate::read::hold_of(tx, &account.account_no, date)?.filter(|_| kind == ChargeKind::Invoice) {
                None => None,
                Some(hold) => {
                    let Some(reason) = override_hold else {
                        return Err(Error::Refused(format!(
                            "account {} is on credit hold since {}: {}; no new invoice unless a manager overrides the hold for it, with a reason",
                            account.account_no,
                            hold.since.map_or("today".to_string(), |d| d.to_string()),
                            hold.reason
                        )));
                    };
                    let reason = text("override_hold", reason)?;
                    let o = store::holds::HoldOverride {
                        account_no: account.account_no.clone(),
                        doc_no: doc_no.to_string(),
                        hold: hold.reason,
                        reason: reason.to_string(),
                        overridden_on: date,
                        overridden_by: op.name.clone(),
                    };
                    store::holds::insert(tx, account.id, &o)?;
                    Some(o)
                }
            };
            let due = insert_charge(tx, &account, doc_no, kind, date, amount, memo)?;
            audit(tx, op, &Change::of("record", "charge").key(doc_no).account(&account.account_no).after(json!({
                        "doc_no": doc_no, "kind": kind.as_str(), "date": date.to_string(),
                        "due_date": due.to_string(), "amount": amount, "memo": memo,
                        "hold_overridden": overridden.map(|o| json!({"hold": o.hold, "reason": o.reason})),
                    })))?;
            Ok(due)
        })
    }

    /// A collection cost (attorney fees and the like): a `COLLECTION_COST` charge.
    pub fn record_collection_cost(&mut self, c: &NewCharge) -> Result<NaiveDate> {
        let c = NewCharge { kind: ChargeKind::CollectionCost, ..c.clone() };
        self.add_charge(&c)
    }

    /// A check the bank returned unpaid (RULES.md 2.2): the $25.00 fee is posted by the
    /// rules unless a manager waives it, with a reason.
    pub fn record_returned_check(&mut self, r: &NewReturnedCheck) -> Result<()> {
        if r.waive_fee {
            self.require_manager(super::Act::WaiveReturnedCheckFee)?;
        }
        let today = self.today();
        self.transact(|tx, op| {
            let reference = identifier("payment_ref", &r.payment_ref)?;
            let found = store::ledger::payment_by_ref(tx, reference)?
                .ok_or_else(|| Error::invalid("payment_ref", format!("no payment {reference}")))?;
            if let Some(v) = &found.void {
                return Err(Error::invalid(
                    "payment_ref",
                    format!("{reference} was voided on {}: it cannot be returned", v.on),
                ));
            }
            let (id, method, paid_on, account_no) = (found.id, found.method, found.date, found.account_no);
            if !method.parse::<PaymentMethod>().is_ok_and(PaymentMethod::can_be_returned) {
                return Err(Error::invalid(
                    "payment_ref",
                    format!("{reference} was paid by {method}; only a check can be returned"),
                ));
            }
            if store::ledger::returned_on(tx, id)?.is_some() {
                return Err(Error::invalid("payment_ref", format!("{reference} is already recorded as returned")));
            }
            let date = crate::input::not_after_today("returned_date", r.returned_date, today)?;
            if date.to_string() < paid_on {
                return Err(Error::invalid("returned_date", format!("is before the check was received ({paid_on})")));
            }
            let reason = optional_text("waiver_reason", r.waiver_reason.as_deref().unwrap_or(""))?.unwrap_or("");
            if r.waive_fee && reason.is_empty() {
                return Err(Error::invalid("waiver_reason", "a waiver needs a reason"));
            }
            let waived = r.waive_fee;
            store::ledger::insert_returned_check(
                tx,
                &store::ledger::NewReturnedCheck {
                    payment_id: id,
                    returned_date: date,
                    fee: RETURNED_CHECK_FEE,
                    fee_waived: waived,
                    waived_by: waived.then_some(op.name.as_str()),
                    waiver_reason: waived.then_some(reason),
                    recorded_by: &op.name,
                },
            )?;
            audit(
                tx,
                op,
                &Change::of("record", "returned_check")
                    .key(reference)
                    .account(&account_no)
                    .before(json!({"payment_ref": reference, "returned": false}))
                    .after(json!({
                        "payment_ref": reference, "returned_date": date.to_string(), "fee": RETURNED_CHECK_FEE,
                        "fee_waived": waived, "waiver_reason": waived.then_some(reason),
                    })),
            )?;
            Ok(())
        })
    }

    /// Places an account with an outside collection agency (manager only).
    pub fn place_with_agency(&mut self, p: &NewPlacement) -> Result<()> {
        self.require_manager(super::Act::PlaceWithAgency)?;
        self.transact(|tx, op| {
            let account = account(tx, &p.account_no)?;
            let agency = text("agency", &p.agency)?;
            let placed_on = within_limits("placed_on", p.placed_on)?;
            let amount = positive("amount", p.amount)?;
            let note = crate::input::note("note", p.note.as_deref().unwrap_or(""))?;
            let before = store::placements::of_account(tx, account.id)?;
            store::placements::insert(tx, account.id, agency, placed_on, amount, note, &op.name)?;
            audit(
                tx,
                op,
                &Change::of("place", "agency_placement")
                    .key(agency)
                    .account(&account.account_no)
                    .before(json!({ "placements": before.len() }))
                    .after(json!({
                        "agency": agency, "placed_on": placed_on.to_string(), "amount": amount, "note": note,
                    })),
            )?;
            Ok(())
        })
    }
}
