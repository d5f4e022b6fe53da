//! RMAs: issued for lines of an invoice, received with the credit the rules allow.

use super::{check_value, invoice, to_json};
use crate::domain::returns::{
    refusals, restocking_rate, return_credit, ItemClass, ReturnLine, ReturnRefusal, Rma, RmaStatus,
};
use crate::error::{Error, Result};
use crate::input;
use crate::service::{audit, Change, Service};
use crate::store::{self, Store};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One line of an RMA as given, checked when the RMA is issued (`parse_line`).
pub type NewRmaLine = ReturnLine;

/// One RMA line as written in a command or a form:
/// `ITEM=VALUE[,class=...][,installed][,vendor_restock=AMOUNT][,vendor_freight=AMOUNT]`
pub fn parse_line_spec(spec: &str) -> Result<NewRmaLine> {
    let bad = |why: String| {
        Error::invalid("line", format!("{spec:?}: {why}; write ITEM=VALUE[,class=NONSTOCK][,installed][,vendor_restock=AMOUNT][,vendor_freight=AMOUNT]"))
    };
    let mut parts = spec.split(',');
    let head = parts.next().unwrap_or("");
    let (item, value) = head.rsplit_once('=').ok_or_else(|| bad("no ITEM=VALUE".into()))?;
    let mut line = NewRmaLine {
        item: item.trim().to_string(),
        value: input::positive_amount("value", value).map_err(|e| bad(e.to_string()))?,
        ..Default::default()
    };
    for part in parts {
        let part = part.trim();
        match part.split_once('=') {
            None if part == "installed" => line.installed = true,
            Some(("class", v)) => {
                line.class = input::choice("class", &v.trim().to_ascii_uppercase()).map_err(|e| bad(e.to_string()))?
            }
            Some(("vendor_restock", v)) => {
                line.vendor_restocking = input::amount("vendor_restock", v).map_err(|e| bad(e.to_string()))?
            }
            Some(("vendor_freight", v)) => {
                line.vendor_freight = input::amount("vendor_freight", v).map_err(|e| bad(e.to_string()))?
            }
            _ => return Err(bad(format!("unknown part {part:?}"))),
        }
    }
    Ok(line)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRma {
    /// The invoice's document number; the account is the invoice's.
    pub invoice: String,
    pub issued_on: NaiveDate,
    /// The manufacturer's approval of a late return (who/reference).
    pub manufacturer_approval: Option<String>,
    /// The manufacturer's restocking rate when above 15%; none = 15.
    pub restocking_pct: Option<Decimal>,
    pub lines: Vec<NewRmaLine>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RmaReceipt {
    pub rma_no: String,
    pub received_on: NaiveDate,
    /// Line numbers found installed on inspection.
    pub installed_lines: Vec<u32>,
    /// Approval of a late return recorded now; none keeps the one recorded at issue.
    pub manufacturer_approval: Option<String>,
}

fn parse_line(i: usize, l: &NewRmaLine) -> Result<ReturnLine> {
    let f = |name: &str| format!("line {}: {name}", i + 1);
    let (vendor_restocking, vendor_freight) = (l.vendor_restocking, l.vendor_freight);
    if vendor_restocking.cents() < 0 || vendor_freight.cents() < 0 {
        return Err(Error::invalid(f("vendor fees"), "may not be negative"));
    }
    if l.class == ItemClass::Stock && (vendor_restocking.is_positive() || vendor_freight.is_positive()) {
        return Err(Error::invalid(
            f("vendor fees"),
            "vendor fees apply to nonstock items only; stock items carry the restocking percentage",
        ));
    }
    Ok(ReturnLine {
        item: input::identifier(&f("item"), &l.item)?.to_string(),
        value: input::positive(&f("value"), l.value)?,
        ..l.clone()
    })
}

fn refused(what: &str, all: &[ReturnRefusal]) -> Error {
    let reasons: Vec<String> = all.iter().map(ToString::to_string).collect();
    Error::Refused(format!("{what}: {}", reasons.join("; ")))
}

fn rma_with_id(store: &Store, rma_no: &str) -> Result<(i64, Rma)> {
    let no = input::identifier("rma", rma_no)?;
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
            let issued_on = input::within_limits("date", r.issued_on)?;
            if issued_on < inv.date {
                return Err(Error::invalid("date", format!("is before the invoice's date {}", inv.date)));
            }
            let approval =
                input::optional_text("manufacturer_approval", r.manufacturer_approval.as_deref().unwrap_or(""))?;
            let rate = restocking_rate(r.restocking_pct).map_err(|e| Error::invalid("restocking_pct", e))?;
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
                &Change::of("issue", "rma").key(&rma_no).account(&inv.account.account_no).after(audited(&issued)),
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
            let received_on = input::within_limits("date", r.received_on)?;
            if received_on < before.issued_on {
                return Err(Error::invalid("date", format!("is before the RMA was issued ({})", before.issued_on)));
            }
            for n in &r.installed_lines {
                if !before.lines.iter().any(|l| l.line_no == *n) {
                    return Err(Error::invalid("installed", format!("{} has no line {n}", before.rma_no)));
                }
            }
            let approval =
                input::optional_text("manufacturer_approval", r.manufacturer_approval.as_deref().unwrap_or(""))?
                    .map(str::to_string)
                    .or(before.manufacturer_approval.clone());
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
                crate::service::documents::insert_credit_memo(
                    tx,
                    &account,
                    &credit_ref,
                    received_on,
                    credit.credit,
                    &before.invoice,
                )?;
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
                &Change::of("receive", "rma")
                    .key(&before.rma_no)
                    .account(&before.account_no)
                    .before(audited(&before))
                    .after(audited(&after)),
            )?;
            Ok(after)
        })
    }
}
