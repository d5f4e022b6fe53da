//! Returns (RMA), nonconforming-goods claims and nonstock items awaiting pickup
//! (RULES.md section 4). The rules themselves are in `domain::returns` and
//! `domain::nonstock`; here they meet the ledger: a received RMA or a full-credit claim
//! posts a `CREDIT_MEMO` payment applied to the invoice, a nonstock item returned to its
//! vendor posts the vendor's fees as a `FEE`.

use super::input::{self as input, optional, required};
use super::{audit, Change, Service};
use crate::domain::nonstock::{disposition, pickup_due_on, Disposition};
use crate::domain::returns::{
    check_claim, refusals, restocking_rate, return_credit, rma_label, ClaimReason, ClaimRemedy, ItemClass, ReturnLine,
    ReturnRefusal,
};
use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::store::{account_by_no, date_at, Account};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use std::str::FromStr;

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

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RmaLineView {
    pub line_no: u32,
    #[serde(flatten)]
    pub line: ReturnLine,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rma {
    pub rma_no: String,
    pub account_no: String,
    pub invoice: String,
    pub invoice_date: NaiveDate,
    pub issued_on: NaiveDate,
    pub status: String,
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
    pub status: String,
    pub remedy: Option<String>,
    pub resolved_on: Option<NaiveDate>,
    pub credit: Option<Money>,
    pub credit_ref: Option<String>,
    pub opened_by: String,
    pub resolved_by: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewNonstock {
    pub account_no: String,
    pub description: String,
    pub vendor: String,
    pub special_order: bool,
    pub received_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NonstockItem {
    pub item_no: String,
    pub account_no: String,
    pub description: String,
    pub vendor: String,
    pub special_order: bool,
    pub received_on: NaiveDate,
    /// The day it reaches 30 days.
    pub due_on: NaiveDate,
    pub status: String,
    /// For an item still awaiting pickup, as of the day asked.
    pub disposition: Option<Disposition>,
    pub closed_on: Option<NaiveDate>,
    pub fee_doc_no: Option<String>,
    pub fee: Option<Money>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
}

/// The invoice a return or claim is against.
struct Invoice {
    account: Account,
    doc_no: String,
    date: NaiveDate,
    amount: Money,
}

fn invoice(conn: &Connection, doc_no: &str) -> Result<Invoice> {
    let doc = required("invoice", doc_no)?;
    let found: Option<(String, String, NaiveDate, i64)> = conn
        .query_row(
            "SELECT a.account_no, c.kind, c.date, c.amount_cents FROM charges c JOIN accounts a ON a.id = c.account_id
             WHERE c.doc_no = ?1",
            [doc],
            |r| Ok((r.get(0)?, r.get(1)?, date_at(r, 2)?, r.get(3)?)),
        )
        .optional()?;
    let (account_no, kind, date, cents) =
        found.ok_or_else(|| Error::invalid("invoice", format!("no document {doc}")))?;
    if kind != ChargeKind::Invoice.as_str() {
        return Err(Error::invalid(
            "invoice",
            format!("{doc} is a {kind}, not an INVOICE: only goods sold are returned"),
        ));
    }
    let account = input::account(conn, &account_no)?;
    Ok(Invoice { account, doc_no: doc.to_string(), date, amount: Money::from_cents(cents) })
}

/// Value of the invoice already under an RMA or a claim: a return cannot exceed the sale.
fn value_already_returned(conn: &Connection, doc_no: &str) -> Result<Money> {
    let cents: i64 = conn.query_row(
        "SELECT (SELECT coalesce(sum(value_cents), 0) FROM rmas WHERE invoice_doc_no = ?1)
              + (SELECT coalesce(sum(value_cents), 0) FROM claims WHERE invoice_doc_no = ?1)",
        [doc_no],
        |r| r.get(0),
    )?;
    Ok(Money::from_cents(cents))
}

fn parse_line(i: usize, l: &NewRmaLine) -> Result<ReturnLine> {
    let f = |name: &str| format!("line {}: {name}", i + 1);
    let class: ItemClass = match optional(&l.class) {
        None => ItemClass::Stock,
        Some(c) => input::choice(&f("class"), c)?,
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

const RMA_COLUMNS: &str = "r.id, r.rma_no, a.account_no, r.invoice_doc_no, r.invoice_date, r.issued_on,
    r.manufacturer_approval, r.restocking_pct, r.status, r.received_on, r.value_cents, r.restocking_cents,
    r.vendor_fees_cents, r.credit_cents, r.credit_ref, r.issued_by, r.received_by";

fn rma_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(i64, Rma)> {
    let opt_date = |i| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| crate::domain::dates::parse_iso(&s)))
    };
    let money = |i| -> rusqlite::Result<Option<Money>> { Ok(r.get::<_, Option<i64>>(i)?.map(Money::from_cents)) };
    let rma_no: String = r.get(1)?;
    let invoice: String = r.get(3)?;
    let invoice_date = date_at(r, 4)?;
    let pct: String = r.get(7)?;
    Ok((
        r.get(0)?,
        Rma {
            label: rma_label(&rma_no, &invoice, invoice_date),
            rma_no,
            account_no: r.get(2)?,
            invoice,
            invoice_date,
            issued_on: date_at(r, 5)?,
            manufacturer_approval: r.get(6)?,
            restocking_pct: Decimal::from_str(&pct).unwrap_or(crate::domain::returns::DEFAULT_RESTOCKING_PCT),
            status: r.get(8)?,
            received_on: opt_date(9)?,
            value: Money::from_cents(r.get(10)?),
            restocking: money(11)?,
            vendor_fees: money(12)?,
            credit: money(13)?,
            credit_ref: r.get(14)?,
            issued_by: r.get(15)?,
            received_by: r.get(16)?,
            lines: Vec::new(),
        },
    ))
}

fn rma_lines(conn: &Connection, rma_id: i64) -> Result<Vec<RmaLineView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT line_no, item, value_cents, class, installed, vendor_restock_cents, vendor_freight_cents
         FROM rma_lines WHERE rma_id = ?1 ORDER BY line_no",
    )?;
    let rows = stmt.query_map([rma_id], |r| {
        let class: String = r.get(3)?;
        Ok(RmaLineView {
            line_no: r.get(0)?,
            line: ReturnLine {
                item: r.get(1)?,
                value: Money::from_cents(r.get(2)?),
                class: class.parse().unwrap_or_default(),
                installed: r.get(4)?,
                vendor_restocking: Money::from_cents(r.get(5)?),
                vendor_freight: Money::from_cents(r.get(6)?),
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// RMAs by number; filtered by account and status (`ISSUED`, `RECEIVED`) when given.
pub fn rmas(conn: &Connection, account_no: Option<&str>, status: Option<&str>) -> Result<Vec<Rma>> {
    let sql = format!(
        "SELECT {RMA_COLUMNS} FROM rmas r JOIN accounts a ON a.id = r.account_id
         WHERE (?1 IS NULL OR a.account_no = ?1) AND (?2 IS NULL OR r.status = ?2) ORDER BY r.rma_no"
    );
    let mut stmt = conn.prepare(&sql)?;
    let found: Vec<(i64, Rma)> =
        stmt.query_map(params![account_no, status], rma_from_row)?.collect::<rusqlite::Result<_>>()?;
    found
        .into_iter()
        .map(|(id, mut rma)| {
            rma.lines = rma_lines(conn, id)?;
            Ok(rma)
        })
        .collect()
}

pub fn rma(conn: &Connection, rma_no: &str) -> Result<Rma> {
    rma_with_id(conn, rma_no).map(|(_, r)| r)
}

fn rma_with_id(conn: &Connection, rma_no: &str) -> Result<(i64, Rma)> {
    let no = required("rma", rma_no)?;
    let sql = format!("SELECT {RMA_COLUMNS} FROM rmas r JOIN accounts a ON a.id = r.account_id WHERE r.rma_no = ?1");
    let (id, mut rma) = conn
        .query_row(&sql, [no], rma_from_row)
        .optional()?
        .ok_or_else(|| Error::invalid("rma", format!("no RMA {no}")))?;
    rma.lines = rma_lines(conn, id)?;
    Ok((id, rma))
}

const CLAIM_COLUMNS: &str = "c.claim_no, a.account_no, c.invoice_doc_no, c.received_on, c.reported_on, c.reason,
    c.description, c.value_cents, c.status, c.remedy, c.resolved_on, c.credit_ref, c.opened_by, c.resolved_by";

fn claim_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Claim> {
    let received_on = date_at(r, 3)?;
    let reported_on = date_at(r, 4)?;
    let remedy: Option<String> = r.get(9)?;
    let value = Money::from_cents(r.get(7)?);
    Ok(Claim {
        claim_no: r.get(0)?,
        account_no: r.get(1)?,
        invoice: r.get(2)?,
        received_on,
        reported_on,
        business_days: crate::domain::returns::business_days_between(received_on, reported_on),
        reason: r.get(5)?,
        description: r.get(6)?,
        value,
        status: r.get(8)?,
        credit: remedy.as_deref().and_then(|m| ClaimRemedy::from_str(m).ok()).map(|m| m.credit(value)),
        remedy,
        resolved_on: r.get::<_, Option<String>>(10)?.and_then(|s| crate::domain::dates::parse_iso(&s)),
        credit_ref: r.get(11)?,
        opened_by: r.get(12)?,
        resolved_by: r.get(13)?,
    })
}

/// Claims by number; only open ones when asked.
pub fn claims(conn: &Connection, open_only: bool) -> Result<Vec<Claim>> {
    let sql = format!(
        "SELECT {CLAIM_COLUMNS} FROM claims c JOIN accounts a ON a.id = c.account_id
         WHERE (?1 = 0 OR c.status = 'OPEN') ORDER BY c.claim_no"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([open_only], claim_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn claim(conn: &Connection, claim_no: &str) -> Result<Claim> {
    let no = required("claim", claim_no)?;
    let sql =
        format!("SELECT {CLAIM_COLUMNS} FROM claims c JOIN accounts a ON a.id = c.account_id WHERE c.claim_no = ?1");
    conn.query_row(&sql, [no], claim_from_row)
        .optional()?
        .ok_or_else(|| Error::invalid("claim", format!("no claim {no}")))
}

const NONSTOCK_COLUMNS: &str = "n.item_no, a.account_no, n.description, n.vendor, n.special_order, n.received_on,
    n.status, n.closed_on, n.fee_doc_no, n.fee_cents, n.decided_by, n.decision_note";

fn nonstock_from_row(r: &rusqlite::Row<'_>, as_of: NaiveDate) -> rusqlite::Result<NonstockItem> {
    let received_on = date_at(r, 5)?;
    let special_order: bool = r.get(4)?;
    let status: String = r.get(6)?;
    Ok(NonstockItem {
        item_no: r.get(0)?,
        account_no: r.get(1)?,
        description: r.get(2)?,
        vendor: r.get(3)?,
        special_order,
        received_on,
        due_on: pickup_due_on(received_on),
        disposition: (status == "AWAITING_PICKUP").then(|| disposition(received_on, special_order, as_of)),
        status,
        closed_on: r.get::<_, Option<String>>(7)?.and_then(|s| crate::domain::dates::parse_iso(&s)),
        fee_doc_no: r.get(8)?,
        fee: r.get::<_, Option<i64>>(9)?.map(Money::from_cents),
        decided_by: r.get(10)?,
        decision_note: r.get(11)?,
    })
}

/// Nonstock items by number, as of a day; `due_only` keeps the items awaiting pickup for
/// 30 days or more (to return to the vendor, or for a manager's decision).
pub fn nonstock_items(conn: &Connection, as_of: NaiveDate, due_only: bool) -> Result<Vec<NonstockItem>> {
    let sql = format!(
        "SELECT {NONSTOCK_COLUMNS} FROM nonstock_items n JOIN accounts a ON a.id = n.account_id
         WHERE n.received_on <= ?1 ORDER BY n.item_no"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([as_of.to_string()], |r| nonstock_from_row(r, as_of))?;
    let all: Vec<NonstockItem> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(all.into_iter().filter(|i| !due_only || i.disposition.is_some_and(|d| d.is_due())).collect())
}

fn nonstock_item(conn: &Connection, item_no: &str, as_of: NaiveDate) -> Result<(i64, NonstockItem)> {
    let no = required("item", item_no)?;
    let sql = format!(
        "SELECT {NONSTOCK_COLUMNS}, n.id FROM nonstock_items n JOIN accounts a ON a.id = n.account_id WHERE n.item_no = ?1"
    );
    conn.query_row(&sql, [no], |r| Ok((r.get(12)?, nonstock_from_row(r, as_of)?)))
        .optional()?
        .ok_or_else(|| Error::invalid("item", format!("no nonstock item {no}")))
}

fn to_json<T: serde::Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
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
            let value: Money = lines.iter().map(|l| l.value).sum();
            let already = value_already_returned(tx, &inv.doc_no)?;
            if already + value > inv.amount {
                return Err(Error::invalid(
                    "value",
                    format!(
                        "{} returned on top of {} already under RMA or claim exceeds invoice {} of {}",
                        value.grouped(),
                        already.grouped(),
                        inv.doc_no,
                        inv.amount.grouped()
                    ),
                ));
            }
            let rma_no = input::next_number(tx, "rmas", "RMA")?;
            tx.execute(
                "INSERT INTO rmas (rma_no, account_id, invoice_doc_no, invoice_date, issued_on, manufacturer_approval,
                     restocking_pct, value_cents, issued_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    rma_no,
                    inv.account.id,
                    inv.doc_no,
                    inv.date.to_string(),
                    issued_on.to_string(),
                    approval,
                    rate.to_string(),
                    value.cents(),
                    op.name
                ],
            )?;
            let rma_id = tx.last_insert_rowid();
            for (i, l) in lines.iter().enumerate() {
                tx.execute(
                    "INSERT INTO rma_lines (rma_id, line_no, item, value_cents, class, installed, vendor_restock_cents,
                         vendor_freight_cents) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        rma_id,
                        i as i64 + 1,
                        l.item,
                        l.value.cents(),
                        l.class.as_str(),
                        l.installed,
                        l.vendor_restocking.cents(),
                        l.vendor_freight.cents()
                    ],
                )?;
            }
            let issued = rma(tx, &rma_no)?;
            let mut after = to_json(&issued);
            if let Some(o) = after.as_object_mut() {
                o.remove("label");
            }
            audit(
                tx,
                op,
                &Change {
                    action: "issue",
                    entity: "rma",
                    entity_key: Some(&rma_no),
                    account_no: Some(&inv.account.account_no),
                    before: None,
                    after: Some(after),
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
            if before.status != "ISSUED" {
                return Err(Error::invalid("rma", format!("{} was already received on {}", before.rma_no, before.received_on.map_or_else(String::new, |d| d.to_string()))));
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
            let approval = optional(&r.manufacturer_approval).map(str::to_string).or(before.manufacturer_approval.clone());
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
            let account = account_by_no(tx, &before.account_no)?.ok_or_else(|| Error::NotFound(before.account_no.clone()))?;
            let credit_ref = format!("CM-{}", before.rma_no);
            if credit.credit.is_positive() {
                input::insert_credit_memo(tx, &account, &credit_ref, received_on, credit.credit, &before.invoice)?;
            }
            tx.execute(
                "UPDATE rmas SET status = 'RECEIVED', received_on = ?1, manufacturer_approval = ?2, restocking_cents = ?3,
                     vendor_fees_cents = ?4, credit_cents = ?5, credit_ref = ?6, received_by = ?7 WHERE id = ?8",
                params![
                    received_on.to_string(),
                    approval,
                    credit.restocking.cents(),
                    credit.vendor_fees.cents(),
                    credit.credit.cents(),
                    credit.credit.is_positive().then_some(&credit_ref),
                    op.name,
                    id
                ],
            )?;
            for l in &r.installed_lines {
                tx.execute("UPDATE rma_lines SET installed = 1 WHERE rma_id = ?1 AND line_no = ?2", params![id, l])?;
            }
            let after = rma(tx, &before.rma_no)?;
            let strip = |r: &Rma| {
                let mut v = to_json(r);
                if let Some(o) = v.as_object_mut() {
                    o.remove("label");
                }
                v
            };
            audit(
                tx,
                op,
                &Change {
                    action: "receive",
                    entity: "rma",
                    entity_key: Some(&before.rma_no),
                    account_no: Some(&before.account_no),
                    before: Some(strip(&before)),
                    after: Some(strip(&after)),
                },
            )?;
            Ok(after)
        })
    }

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
            let reason: ClaimReason = input::choice("reason", &c.reason)?;
            let description = required("description", &c.description)?;
            let value = input::positive_amount("value", &c.value)?;
            check_claim(received_on, reported_on)
                .map_err(|e| Error::Refused(format!("no claim against {}: {e}", inv.doc_no)))?;
            let already = value_already_returned(tx, &inv.doc_no)?;
            if already + value > inv.amount {
                return Err(Error::invalid(
                    "value",
                    format!(
                        "{} claimed on top of {} already under RMA or claim exceeds invoice {} of {}",
                        value.grouped(),
                        already.grouped(),
                        inv.doc_no,
                        inv.amount.grouped()
                    ),
                ));
            }
            let claim_no = input::next_number(tx, "claims", "NC")?;
            tx.execute(
                "INSERT INTO claims (claim_no, account_id, invoice_doc_no, received_on, reported_on, reason, description,
                     value_cents, opened_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    claim_no,
                    inv.account.id,
                    inv.doc_no,
                    received_on.to_string(),
                    reported_on.to_string(),
                    reason.as_str(),
                    description,
                    value.cents(),
                    op.name
                ],
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
            if before.status != "OPEN" {
                return Err(Error::invalid("claim", format!("{} is already resolved", before.claim_no)));
            }
            let remedy: ClaimRemedy = input::choice("remedy", remedy)?;
            let on = input::date("date", resolved_on)?;
            if on < before.reported_on {
                return Err(Error::invalid("date", format!("is before the claim was reported ({})", before.reported_on)));
            }
            let credit = remedy.credit(before.value);
            let credit_ref = format!("CM-{}", before.claim_no);
            if credit.is_positive() {
                let account = input::account(tx, &before.account_no)?;
                input::insert_credit_memo(tx, &account, &credit_ref, on, credit, &before.invoice)?;
            }
            tx.execute(
                "UPDATE claims SET status = 'RESOLVED', remedy = ?1, resolved_on = ?2, credit_ref = ?3, resolved_by = ?4
                 WHERE claim_no = ?5",
                params![remedy.as_str(), on.to_string(), credit.is_positive().then_some(&credit_ref), op.name, before.claim_no],
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

    /// Records a nonstock item received by the distributor for a customer (any operator).
    pub fn receive_nonstock(&mut self, n: &NewNonstock) -> Result<NonstockItem> {
        self.transact(|tx, op| {
            let account = input::account(tx, &n.account_no)?;
            let description = required("description", &n.description)?;
            let vendor = required("vendor", &n.vendor)?;
            let received_on = input::date("date", &n.received_on)?;
            let item_no = input::next_number(tx, "nonstock_items", "NS")?;
            tx.execute(
                "INSERT INTO nonstock_items (item_no, account_id, description, vendor, special_order, received_on, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![item_no, account.id, description, vendor, n.special_order, received_on.to_string(), op.name],
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
        self.close_nonstock(item_no, on, |_, _, _| Ok(("PICKED_UP", None, None, None)))
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
                let account = input::account(tx, &item.account_no)?;
                let memo = format!("vendor fees, nonstock {} returned to {}", item.item_no, item.vendor);
                input::insert_charge(tx, &account, &doc, ChargeKind::Fee, on, fees, Some(&memo))?;
            }
            Ok(("RETURNED_TO_VENDOR", fees.is_positive().then_some(doc), Some(fees), None))
        })
    }

    /// A manager's decision on unclaimed special-order nonstock, 30 days or more after
    /// receipt: charge the customer `amount` (a `FEE` `NSC-<item_no>`), or not (blank).
    pub fn decide_special_order(&mut self, item_no: &str, on: &str, amount: &str, note: &str) -> Result<NonstockItem> {
        self.require_manager(super::Act::DecideNonstock)?;
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
                    let account = input::account(tx, &item.account_no)?;
                    let doc = format!("NSC-{}", item.item_no);
                    let memo = format!("unclaimed special-order nonstock {}", item.item_no);
                    input::insert_charge(tx, &account, &doc, ChargeKind::Fee, on, amount, Some(&memo))?;
                    Ok(("CHARGED_TO_CUSTOMER", Some(doc), Some(amount), note.clone()))
                }
                None => Ok(("NOT_CHARGED", None, None, note.clone())),
            }
        })
    }

    /// Ends an item's wait: `decide` says the new status and any fee posted.
    fn close_nonstock(
        &mut self,
        item_no: &str,
        on: &str,
        decide: impl FnOnce(
            &Connection,
            &NonstockItem,
            NaiveDate,
        ) -> Result<(&'static str, Option<String>, Option<Money>, Option<String>)>,
    ) -> Result<NonstockItem> {
        self.transact(|tx, op| {
            let on = input::date("date", on)?;
            let (id, before) = nonstock_item(tx, item_no, on)?;
            if before.status != "AWAITING_PICKUP" {
                return Err(Error::invalid("item", format!("{} is already {}", before.item_no, before.status)));
            }
            if on < before.received_on {
                return Err(Error::invalid("date", format!("is before the item was received ({})", before.received_on)));
            }
            let (status, doc, fee, note) = decide(tx, &before, on)?;
            let decided_by = matches!(status, "CHARGED_TO_CUSTOMER" | "NOT_CHARGED").then_some(op.name.as_str());
            tx.execute(
                "UPDATE nonstock_items SET status = ?1, closed_on = ?2, fee_doc_no = ?3, fee_cents = ?4, decided_by = ?5,
                     decision_note = ?6 WHERE id = ?7",
                params![status, on.to_string(), doc, fee.map(Money::cents), decided_by, note, id],
            )?;
            let (_, after) = nonstock_item(tx, &before.item_no, on)?;
            audit(
                tx,
                op,
                &Change {
                    action: match status {
                        "PICKED_UP" => "pickup",
                        "RETURNED_TO_VENDOR" => "return_to_vendor",
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
