//! Returns (RMA), nonconforming-goods claims and nonstock items awaiting pickup
//! (RULES.md section 4). The rules themselves are in `domain::returns` and
//! `domain::nonstock`; here they meet the ledger: a received RMA or a full-credit claim
//! posts a `CREDIT_MEMO` payment applied to the invoice, a nonstock item returned to its
//! vendor posts the vendor's fees as a `FEE`.

use super::input::{self as input, optional, required};
use super::{audit, Change, Service};
use crate::domain::nonstock::{disposition, Disposition, NonstockItem, NonstockStatus};
use crate::domain::returns::{
    check_claim, refusals, restocking_rate, return_credit, Claim, ClaimReason, ClaimRemedy, ClaimStatus, ItemClass,
    ReturnLine, ReturnRefusal, Rma, RmaStatus,
};
use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::store::{self, Account, Store, Tx};
use chrono::NaiveDate;

/// The invoice a return or claim is against.
struct Invoice {
    account: Account,
    doc_no: String,
    date: NaiveDate,
    amount: Money,
}

fn invoice(store: &Store, doc_no: &str) -> Result<Invoice> {
    let doc = required("invoice", doc_no)?;
    let found = store::ledger::charge_by_doc(store, doc)?
        .ok_or_else(|| Error::invalid("invoice", format!("no document {doc}")))?;
    if found.kind != ChargeKind::Invoice.as_str() {
        return Err(Error::invalid(
            "invoice",
            format!("{doc} is a {}, not an INVOICE: only goods sold are returned", found.kind),
        ));
    }
    let account = crate::read::account(store, &found.account_no)?;
    Ok(Invoice { account, doc_no: doc.to_string(), date: found.date, amount: found.amount })
}

/// Refuses a return or claim whose value, with what is already under an RMA or a claim,
/// would exceed the invoice: `what` says "returned" or "claimed".
fn check_value(store: &Store, inv: &Invoice, value: Money, what: &str) -> Result<()> {
    let already = store::rmas::value_under_return(store, &inv.doc_no)?;
    if already + value > inv.amount {
        return Err(Error::invalid(
            "value",
            format!(
                "{} {what} on top of {} already under RMA or claim exceeds invoice {} of {}",
                value.grouped(),
                already.grouped(),
                inv.doc_no,
                inv.amount.grouped()
            ),
        ));
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

/// One line of an RMA as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRmaLine {
    pub item: String,
    pub value: String,
    /// `STOCK` (blank), `NONSTOCK` or `SPECIAL_ORDER_NONSTOCK`.
    pub class: String,
    pub installed: bool,
    /// Nonstock: the vendor's restocking fee (blank = 0).
    pub vendor_restocking: String,
    /// Nonstock: the vendor's return-freight fee (blank = 0).
    pub vendor_freight: String,
}

/// One RMA line as written in a command or a form:
/// `ITEM=VALUE[,class=...][,installed][,vendor_restock=AMOUNT][,vendor_freight=AMOUNT]`
pub fn parse_line_spec(spec: &str) -> Result<NewRmaLine> {
    let bad = |why: String| {
        Error::invalid("line", format!("{spec:?}: {why}; write ITEM=VALUE[,class=NONSTOCK][,installed][,vendor_restock=AMOUNT][,vendor_freight=AMOUNT]"))
    };
    let mut parts = spec.split(',');
    let head = parts.next().unwrap_or("");
    let (item, value) = head.rsplit_once('=').ok_or_else(|| bad("no ITEM=VALUE".into()))?;
    let mut line = NewRmaLine { item: item.trim().to_string(), value: value.trim().to_string(), ..Default::default() };
    for part in parts {
        let part = part.trim();
        match part.split_once('=') {
            None if part == "installed" => line.installed = true,
            Some(("class", v)) => line.class = v.trim().to_string(),
            Some(("vendor_restock", v)) => line.vendor_restocking = v.trim().to_string(),
            Some(("vendor_freight", v)) => line.vendor_freight = v.trim().to_string(),
            _ => return Err(bad(format!("unknown part {part:?}"))),
        }
    }
    Ok(line)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRma {
    /// The invoice's document number; the account is the invoice's.
    pub invoice: String,
    pub issued_on: String,
    /// The manufacturer's approval of a late return (who/reference); blank = none.
    pub manufacturer_approval: String,
    /// The manufacturer's restocking rate when above 15%; blank = 15.
    pub restocking_pct: String,
    pub lines: Vec<NewRmaLine>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RmaReceipt {
    pub rma_no: String,
    pub received_on: String,
    /// Line numbers found installed on inspection.
    pub installed_lines: Vec<u32>,
    /// Approval of a late return recorded now; blank keeps the one recorded at issue.
    pub manufacturer_approval: String,
}

fn parse_line(i: usize, l: &NewRmaLine) -> Result<ReturnLine> {
    let f = |name: &str| format!("line {}: {name}", i + 1);
    let class: ItemClass = match optional(&l.class) {
        None => ItemClass::Stock,
        Some(c) => input::choice(&f("class"), c, "STOCK, NONSTOCK, SPECIAL_ORDER_NONSTOCK")?,
    };
    let vendor_restocking = input::amount_or_zero(&f("vendor_restocking"), &l.vendor_restocking)?;
    let vendor_freight = input::amount_or_zero(&f("vendor_freight"), &l.vendor_freight)?;
    if class == ItemClass::Stock && (vendor_restocking.is_positive() || vendor_freight.is_positive()) {
        return Err(Error::invalid(
            f("vendor fees"),
            "vendor fees apply to nonstock items only; stock items carry the restocking percentage",
        ));
    }
    Ok(ReturnLine {
        item: required(&f("item"), &l.item)?.to_string(),
        value: input::positive_amount(&f("value"), &l.value)?,
        class,
        installed: l.installed,
        vendor_restocking,
        vendor_freight,
    })
}

fn refused(what: &str, all: &[ReturnRefusal]) -> Error {
    let reasons: Vec<String> = all.iter().map(ToString::to_string).collect();
    Error::Refused(format!("{what}: {}", reasons.join("; ")))
}

fn rma_with_id(store: &Store, rma_no: &str) -> Result<(i64, Rma)> {
    let no = required("rma", rma_no)?;
    store::rmas::by_no(store, no)?.ok_or_else(|| Error::invalid("rma", format!("no RMA {no}")))
}

/// An RMA for the audit log: the label is derived text, left out.
fn audited(r: &Rma) -> serde_json::Value {
    let mut v = to_json(r);
    if let Some(o) = v.as_object_mut() {
        o.remove("label");
    }
    v
}

impl Service {
    /// Issues an RMA for lines of an invoice (any operator). Lines that can never be
    /// returned (installed, special-order nonstock) and a return that could no longer
    /// arrive within 30 days without the manufacturer's approval are refused now,
    /// naming the rule, and nothing is recorded.
    pub fn issue_rma(&mut self, r: &NewRma) -> Result<Rma> {
        self.transact(|tx, op| {
            let inv = invoice(tx, &r.invoice)?;
            let issued_on = input::date("date", &r.issued_on)?;
            if issued_on < inv.date {
                return Err(Error::invalid("date", format!("is before the invoice's date {}", inv.date)));
            }
            let approval = optional(&r.manufacturer_approval);
            let rate = match optional(&r.restocking_pct) {
                None => restocking_rate(None),
                Some(p) => crate::service::import::parse_percent(p)
                    .ok_or_else(|| format!("{p:?} is not a percentage (like 15 or 20.5)"))
                    .and_then(|p| restocking_rate(Some(p))),
            }
            .map_err(|e| Error::invalid("restocking_pct", e))?;
            if r.lines.is_empty() {
                return Err(Error::invalid("lines", "an RMA needs at least one line"));
            }
            let lines: Vec<ReturnLine> =
                r.lines.iter().enumerate().map(|(i, l)| parse_line(i, l)).collect::<Result<_>>()?;
            let all = refusals(inv.date, issued_on, approval.is_some(), &lines);
            if !all.is_empty() {
                return Err(refused(&format!("no RMA for {}", inv.doc_no), &all));
            }
            let value: crate::domain::Money = lines.iter().map(|l| l.value).sum();
            check_value(tx, &inv, value, "returned")?;
            let rma_no = store::rmas::next_no(tx)?;
            store::rmas::insert(
                tx,
                &store::rmas::NewRma {
                    rma_no: &rma_no,
                    account_id: inv.account.id,
                    invoice_doc_no: &inv.doc_no,
                    invoice_date: inv.date,
                    issued_on,
                    manufacturer_approval: approval,
                    restocking_pct: rate,
                    value,
                    issued_by: &op.name,
                },
                &lines,
            )?;
            let (_, issued) = rma_with_id(tx, &rma_no)?;
            audit(
                tx,
                op,
                &Change {
                    action: "issue",
                    entity: "rma",
                    entity_key: Some(&rma_no),
                    account_no: Some(&inv.account.account_no),
                    before: None,
                    after: Some(audited(&issued)),
                },
            )?;
            Ok(issued)
        })
    }

    /// Receives the goods of an RMA (any operator). The rules decide: any refusal
    /// (named) leaves everything as it was; an accepted return posts its credit
    /// (value − restocking − vendor fees) as a `CREDIT_MEMO` payment `CM-<rma_no>`
    /// dated the receipt day and applied to the invoice.
    pub fn receive_rma(&mut self, r: &RmaReceipt) -> Result<Rma> {
        self.transact(|tx, op| {
            let (id, before) = rma_with_id(tx, &r.rma_no)?;
            if before.status != RmaStatus::Issued {
                return Err(Error::invalid(
                    "rma",
                    format!(
                        "{} was already received on {}",
                        before.rma_no,
                        before.received_on.map_or_else(String::new, |d| d.to_string())
                    ),
                ));
            }
            let received_on = input::date("date", &r.received_on)?;
            if received_on < before.issued_on {
                return Err(Error::invalid("date", format!("is before the RMA was issued ({})", before.issued_on)));
            }
            for n in &r.installed_lines {
                if !before.lines.iter().any(|l| l.line_no == *n) {
                    return Err(Error::invalid("installed", format!("{} has no line {n}", before.rma_no)));
                }
            }
            let approval =
                optional(&r.manufacturer_approval).map(str::to_string).or(before.manufacturer_approval.clone());
            let lines: Vec<ReturnLine> = before
                .lines
                .iter()
                .map(|l| {
                    let mut line = l.line.clone();
                    line.installed |= r.installed_lines.contains(&l.line_no);
                    line
                })
                .collect();
            let all = refusals(before.invoice_date, received_on, approval.is_some(), &lines);
            if !all.is_empty() {
                return Err(refused(&format!("{} cannot be received", before.rma_no), &all));
            }
            let credit = return_credit(&lines, before.restocking_pct);
            let account = store::accounts::by_no(tx, &before.account_no)?
                .ok_or_else(|| Error::NotFound(before.account_no.clone()))?;
            let credit_ref = format!("CM-{}", before.rma_no);
            if credit.credit.is_positive() {
                input::insert_credit_memo(tx, &account, &credit_ref, received_on, credit.credit, &before.invoice)?;
            }
            store::rmas::receive(
                tx,
                id,
                &store::rmas::Receipt {
                    received_on,
                    manufacturer_approval: approval.as_deref(),
                    restocking: credit.restocking,
                    vendor_fees: credit.vendor_fees,
                    credit: credit.credit,
                    credit_ref: credit.credit.is_positive().then_some(credit_ref.as_str()),
                    received_by: &op.name,
                    installed_lines: &r.installed_lines,
                },
            )?;
            let (_, after) = rma_with_id(tx, &before.rma_no)?;
            audit(
                tx,
                op,
                &Change {
                    action: "receive",
                    entity: "rma",
                    entity_key: Some(&before.rma_no),
                    account_no: Some(&before.account_no),
                    before: Some(audited(&before)),
                    after: Some(audited(&after)),
                },
            )?;
            Ok(after)
        })
    }
}

/// A nonconforming-goods claim as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewClaim {
    pub invoice: String,
    pub received_on: String,
    pub reported_on: String,
    /// `WRONG_PRODUCT` or `MISLABELED`.
    pub reason: String,
    pub description: String,
    pub value: String,
}

fn claim(store: &Store, claim_no: &str) -> Result<Claim> {
    let no = required("claim", claim_no)?;
    store::claims::by_no(store, no)?.ok_or_else(|| Error::invalid("claim", format!("no claim {no}")))
}

impl Service {
    /// Opens a nonconforming-goods claim (any operator); refused, naming the rule, when
    /// reported more than 5 business days after receipt.
    pub fn open_claim(&mut self, c: &NewClaim) -> Result<Claim> {
        self.transact(|tx, op| {
            let inv = invoice(tx, &c.invoice)?;
            let received_on = input::date("received", &c.received_on)?;
            let reported_on = input::date("reported", &c.reported_on)?;
            if received_on < inv.date {
                return Err(Error::invalid("received", format!("is before the invoice's date {}", inv.date)));
            }
            let reason: ClaimReason = input::choice("reason", &c.reason, "WRONG_PRODUCT, MISLABELED")?;
            let description = required("description", &c.description)?;
            let value = input::positive_amount("value", &c.value)?;
            check_claim(received_on, reported_on)
                .map_err(|e| Error::Refused(format!("no claim against {}: {e}", inv.doc_no)))?;
            check_value(tx, &inv, value, "claimed")?;
            let claim_no = store::claims::next_no(tx)?;
            store::claims::insert(
                tx,
                &store::claims::NewClaim {
                    claim_no: &claim_no,
                    account_id: inv.account.id,
                    invoice_doc_no: &inv.doc_no,
                    received_on,
                    reported_on,
                    reason,
                    description,
                    value,
                    opened_by: &op.name,
                },
            )?;
            let opened = claim(tx, &claim_no)?;
            audit(
                tx,
                op,
                &Change {
                    action: "open",
                    entity: "claim",
                    entity_key: Some(&claim_no),
                    account_no: Some(&inv.account.account_no),
                    before: None,
                    after: Some(to_json(&opened)),
                },
            )?;
            Ok(opened)
        })
    }

    /// Resolves a claim by replacement or full credit (no restocking); full credit posts
    /// a `CREDIT_MEMO` `CM-<claim_no>` of the claimed value applied to the invoice.
    pub fn resolve_claim(&mut self, claim_no: &str, remedy: &str, resolved_on: &str) -> Result<Claim> {
        self.transact(|tx, op| {
            let before = claim(tx, claim_no)?;
            if before.status != ClaimStatus::Open {
                return Err(Error::invalid("claim", format!("{} is already resolved", before.claim_no)));
            }
            let remedy: ClaimRemedy = input::choice("remedy", remedy, "REPLACEMENT, FULL_CREDIT")?;
            let on = input::date("date", resolved_on)?;
            if on < before.reported_on {
                return Err(Error::invalid(
                    "date",
                    format!("is before the claim was reported ({})", before.reported_on),
                ));
            }
            let credit = remedy.credit(before.value);
            let credit_ref = format!("CM-{}", before.claim_no);
            if credit.is_positive() {
                let account = crate::read::account(tx, &before.account_no)?;
                input::insert_credit_memo(tx, &account, &credit_ref, on, credit, &before.invoice)?;
            }
            store::claims::resolve(
                tx,
                &before.claim_no,
                remedy,
                on,
                credit.is_positive().then_some(credit_ref.as_str()),
                &op.name,
            )?;
            let after = claim(tx, &before.claim_no)?;
            audit(
                tx,
                op,
                &Change {
                    action: "resolve",
                    entity: "claim",
                    entity_key: Some(&before.claim_no),
                    account_no: Some(&before.account_no),
                    before: Some(to_json(&before)),
                    after: Some(to_json(&after)),
                },
            )?;
            Ok(after)
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewNonstock {
    pub account_no: String,
    pub description: String,
    pub vendor: String,
    pub special_order: bool,
    pub received_on: String,
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
            let description = required("description", &n.description)?;
            let vendor = required("vendor", &n.vendor)?;
            let received_on = input::date("date", &n.received_on)?;
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
                &Change {
                    action: "receive",
                    entity: "nonstock_item",
                    entity_key: Some(&item_no),
                    account_no: Some(&account.account_no),
                    before: None,
                    after: Some(to_json(&item)),
                },
            )?;
            Ok(item)
        })
    }

    /// The customer picked the item up, or it was released for shipment (any operator).
    pub fn pickup_nonstock(&mut self, item_no: &str, on: &str) -> Result<NonstockItem> {
        self.close_nonstock(item_no, on, |_, _, _| {
            Ok(Outcome { status: NonstockStatus::PickedUp, fee_doc_no: None, fee: None, note: None })
        })
    }

    /// Returns an unclaimed nonstock item to its vendor, 30 days or more after receipt;
    /// the vendor's fees (entered by hand) are posted as a `FEE` `NSF-<item_no>`.
    pub fn return_nonstock_to_vendor(&mut self, item_no: &str, on: &str, vendor_fees: &str) -> Result<NonstockItem> {
        let fees = input::amount_or_zero("vendor_fees", vendor_fees)?;
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
                input::insert_charge(tx, &account, &doc, ChargeKind::Fee, on, fees, Some(&memo))?;
            }
            Ok(Outcome {
                status: NonstockStatus::ReturnedToVendor,
                fee_doc_no: fees.is_positive().then_some(doc),
                fee: Some(fees),
                note: None,
            })
        })
    }

    /// A manager's decision on unclaimed special-order nonstock, 30 days or more after
    /// receipt: charge the customer `amount` (a `FEE` `NSC-<item_no>`), or not (blank).
    pub fn decide_special_order(&mut self, item_no: &str, on: &str, amount: &str, note: &str) -> Result<NonstockItem> {
        self.require_manager("decide on unclaimed special-order nonstock")?;
        let charge = optional(amount).map(|a| input::positive_amount("amount", a)).transpose()?;
        let note = optional(note).map(str::to_string);
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
                    input::insert_charge(tx, &account, &doc, ChargeKind::Fee, on, amount, Some(&memo))?;
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
        on: &str,
        decide: impl FnOnce(&Tx<'_>, &NonstockItem, NaiveDate) -> Result<Outcome>,
    ) -> Result<NonstockItem> {
        self.transact(|tx, op| {
            let on = input::date("date", on)?;
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
                &Change {
                    action: match status {
                        NonstockStatus::PickedUp => "pickup",
                        NonstockStatus::ReturnedToVendor => "return_to_vendor",
                        _ => "decide",
                    },
                    entity: "nonstock_item",
                    entity_key: Some(&before.item_no),
                    account_no: Some(&before.account_no),
                    before: Some(to_json(&before)),
                    after: Some(to_json(&after)),
                },
            )?;
            Ok(after)
        })
    }
}
