//! Nonstock items awaiting pickup: received, picked up, returned to the vendor after
//! 30 days, or (special order) charged or not by a manager's decision.

use super::to_json;
use crate::domain::nonstock::{disposition, Disposition, NonstockItem, NonstockStatus};
use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::input::{self, identifier as required};
use crate::service::documents::insert_charge;
use crate::service::{audit, Change, Service};
use crate::store::{self, Store, Tx};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNonstock {
    pub account_no: String,
    pub description: String,
    pub vendor: String,
    pub special_order: bool,
    pub received_on: NaiveDate,
}

/// How an item's wait ends: its new status, the fee posted (document and amount) and
/// a manager's note.
struct Outcome {
    status: NonstockStatus,
    fee_doc_no: Option<String>,
    fee: Option<Money>,
    note: Option<String>,
}

fn nonstock_item(store: &Store, item_no: &str, as_of: NaiveDate) -> Result<(i64, NonstockItem)> {
    let no = required("item", item_no)?;
    store::nonstock::by_no(store, no, as_of)?.ok_or_else(|| Error::invalid("item", format!("no nonstock item {no}")))
}

impl Service {
    /// Records a nonstock item received by the distributor for a customer (any operator).
    pub fn receive_nonstock(&mut self, n: &NewNonstock) -> Result<NonstockItem> {
        self.transact(|tx, op| {
            let account = crate::read::account(tx, &n.account_no)?;
            let description = input::text("description", &n.description)?;
            let vendor = input::text("vendor", &n.vendor)?;
            let received_on = input::within_limits("date", n.received_on)?;
            let item_no = store::nonstock::next_no(tx)?;
            store::nonstock::insert(
                tx,
                &store::nonstock::NewItem {
                    item_no: &item_no,
                    account_id: account.id,
                    description,
                    vendor,
                    special_order: n.special_order,
                    received_on,
                    recorded_by: &op.name,
                },
            )?;
            let (_, item) = nonstock_item(tx, &item_no, received_on)?;
            audit(
                tx,
                op,
                &Change::of("receive", "nonstock_item")
                    .key(&item_no)
                    .account(&account.account_no)
                    .after(to_json(&item)),
            )?;
            Ok(item)
        })
    }

    /// The customer picked the item up, or it was released for shipment (any operator).
    pub fn pickup_nonstock(&mut self, item_no: &str, on: NaiveDate) -> Result<NonstockItem> {
        self.close_nonstock(item_no, on, |_, _, _| {
            Ok(Outcome { status: NonstockStatus::PickedUp, fee_doc_no: None, fee: None, note: None })
        })
    }

    /// Returns an unclaimed nonstock item to its vendor, from day 31 after receipt;
    /// the vendor's fees (entered by hand) are posted as a `FEE` `NSF-<item_no>`.
    pub fn return_nonstock_to_vendor(&mut self, item_no: &str, on: NaiveDate, fees: Money) -> Result<NonstockItem> {
        if fees.cents() < 0 {
            return Err(Error::invalid("vendor_fees", "may not be negative"));
        }
        self.close_nonstock(item_no, on, move |tx, item, on| {
            match disposition(item.received_on, item.special_order, on) {
                Disposition::ReturnToVendor { .. } => {}
                Disposition::ManagerDecision { .. } => {
                    return Err(Error::Refused(format!(
                        "{} is special-order nonstock: it cannot go back to the vendor; a manager decides whether to charge it (nonstock charge)",
                        item.item_no
                    )))
                }
                Disposition::Waiting { due_on, .. } => {
                    return Err(Error::Refused(format!(
                        "{} is within its 30 days awaiting pickup (received {}); it is returned to the vendor from {due_on}",
                        item.item_no, item.received_on
                    )))
                }
            }
            let doc = format!("NSF-{}", item.item_no);
            if fees.is_positive() {
                let account = crate::read::account(tx, &item.account_no)?;
                let memo = format!("vendor fees, nonstock {} returned to {}", item.item_no, item.vendor);
                insert_charge(tx, &account, &doc, ChargeKind::Fee, on, fees, Some(&memo))?;
            }
            Ok(Outcome {
                status: NonstockStatus::ReturnedToVendor,
                fee_doc_no: fees.is_positive().then_some(doc),
                fee: Some(fees),
                note: None,
            })
        })
    }

    /// A manager's decision on unclaimed special-order nonstock, from day 31 after
    /// receipt: charge the customer `amount` (a `FEE` `NSC-<item_no>`), or not (blank).
    pub fn decide_special_order(
        &mut self,
        item_no: &str,
        on: NaiveDate,
        charge: Option<Money>,
        note: Option<&str>,
    ) -> Result<NonstockItem> {
        self.require_manager(super::super::Act::DecideNonstock)?;
        let charge = charge.map(|a| input::positive("amount", a)).transpose()?;
        let note = input::note("note", note.unwrap_or(""))?.map(str::to_string);
        self.close_nonstock(item_no, on, move |tx, item, on| {
            match disposition(item.received_on, item.special_order, on) {
                Disposition::ManagerDecision { .. } => {}
                Disposition::ReturnToVendor { .. } => {
                    return Err(Error::Refused(format!(
                        "{} is nonstock but not special order: it goes back to the vendor (nonstock return)",
                        item.item_no
                    )))
                }
                Disposition::Waiting { due_on, .. } => {
                    return Err(Error::Refused(format!(
                        "{} is within its 30 days awaiting pickup (received {}); a decision is possible from {due_on}",
                        item.item_no, item.received_on
                    )))
                }
            }
            match charge {
                Some(amount) => {
                    let account = crate::read::account(tx, &item.account_no)?;
                    let doc = format!("NSC-{}", item.item_no);
                    let memo = format!("unclaimed special-order nonstock {}", item.item_no);
                    insert_charge(tx, &account, &doc, ChargeKind::Fee, on, amount, Some(&memo))?;
                    Ok(Outcome {
                        status: NonstockStatus::ChargedToCustomer,
                        fee_doc_no: Some(doc),
                        fee: Some(amount),
                        note: note.clone(),
                    })
                }
                None => {
                    Ok(Outcome { status: NonstockStatus::NotCharged, fee_doc_no: None, fee: None, note: note.clone() })
                }
            }
        })
    }

    /// Ends an item's wait: `decide` says the new status and any fee posted.
    fn close_nonstock(
        &mut self,
        item_no: &str,
        on: NaiveDate,
        decide: impl FnOnce(&Tx<'_>, &NonstockItem, NaiveDate) -> Result<Outcome>,
    ) -> Result<NonstockItem> {
        self.transact(|tx, op| {
            let on = input::within_limits("date", on)?;
            let (id, before) = nonstock_item(tx, item_no, on)?;
            if before.status != NonstockStatus::AwaitingPickup {
                return Err(Error::invalid("item", format!("{} is already {}", before.item_no, before.status)));
            }
            if on < before.received_on {
                return Err(Error::invalid(
                    "date",
                    format!("is before the item was received ({})", before.received_on),
                ));
            }
            let outcome = decide(tx, &before, on)?;
            let status = outcome.status;
            store::nonstock::close(
                tx,
                id,
                &store::nonstock::Closing {
                    status,
                    closed_on: on,
                    fee_doc_no: outcome.fee_doc_no,
                    fee: outcome.fee,
                    decided_by: status.is_decision().then_some(op.name.as_str()),
                    decision_note: outcome.note,
                },
            )?;
            let (_, after) = nonstock_item(tx, &before.item_no, on)?;
            audit(
                tx,
                op,
                &Change::of(
                    match status {
                        NonstockStatus::PickedUp => "pickup",
                        NonstockStatus::ReturnedToVendor => "return_to_vendor",
                        _ => "decide",
                    },
                    "nonstock_item",
                )
                .key(&before.item_no)
                .account(&before.account_no)
                .before(to_json(&before))
                .after(to_json(&after)),
            )?;
            Ok(after)
        })
    }
}
