//! Collections work (RULES.md section 11) through the one door: notes, promises to pay,
//! disputes. Each is any operator's act, one transaction and one audit entry.

use super::{audit, Change, Service};
use crate::domain::notes::NoteKind;
use crate::domain::promise::Promise;
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::input::{identifier, not_after_today, positive, text, within_limits};
use crate::read::account;
use crate::store::{self, Store};
use chrono::NaiveDate;
use serde_json::json;

/// A call, an e-mail, a visit or a letter to note on an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNote {
    pub account_no: String,
    pub kind: NoteKind,
    pub text: String,
    /// The day it was made (not after today).
    pub noted_on: NaiveDate,
    /// The day of the next action, if any (not before the note's day).
    pub next_action_on: Option<NaiveDate>,
}

/// A promise to pay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPromise {
    pub account_no: String,
    pub amount: Money,
    pub promised_on: NaiveDate,
    /// The day the customer made it (not after today).
    pub recorded_on: NaiveDate,
}

/// A charge the customer disputes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDispute {
    pub doc_no: String,
    pub reason: String,
    pub opened_on: NaiveDate,
}

/// The charge a dispute names: its account, and its row when it is a recorded charge
/// (a derived `FC-` or `RCF-` charge has none).
struct Disputable {
    account_id: i64,
    account_no: String,
    charge_id: Option<i64>,
    date: Option<NaiveDate>,
}

fn disputable(store: &Store, doc_no: &str) -> Result<Disputable> {
    let found = crate::read::find_document(store, doc_no)
        .map_err(|_| Error::invalid("doc_no", format!("no charge {doc_no}")))?;
    if store::ledger::payment_by_ref(store, doc_no)?.is_some() {
        return Err(Error::invalid("doc_no", format!("{doc_no} is a payment; a dispute names a charge")));
    }
    let account = account(store, &found.account_no)?;
    let charge = store::ledger::charge_by_doc(store, doc_no)?;
    Ok(Disputable {
        account_id: account.id,
        account_no: account.account_no,
        charge_id: store::ledger::charge_id(store, doc_no)?,
        date: charge.map(|c| c.date),
    })
}

impl Service {
    /// Notes a call, an e-mail, a visit or a letter on an account (any operator).
    pub fn add_note(&mut self, n: &NewNote) -> Result<i64> {
        let today = self.today();
        self.transact(|tx, op| {
            let account = account(tx, &n.account_no)?;
            let body = crate::input::note("text", &n.text)?.ok_or_else(|| Error::invalid("text", "is required"))?;
            let noted_on = not_after_today("date", n.noted_on, today)?;
            let next = n.next_action_on.map(|d| within_limits("next", d)).transpose()?;
            if next.is_some_and(|d| d < noted_on) {
                return Err(Error::invalid("next", format!("is before the note's day ({noted_on})")));
            }
            let id = store::notes::insert(
                tx,
                &store::notes::NewNote {
                    account_id: account.id,
                    kind: n.kind,
                    noted_on,
                    text: body,
                    next_action_on: next,
                    written_by: &op.name,
                    recorded_at: &super::timestamp(),
                },
            )?;
            audit(
                tx,
                op,
                &Change {
                    action: "record",
                    entity: "note",
                    entity_key: Some(&id.to_string()),
                    account_no: Some(&account.account_no),
                    before: None,
                    // The text names people: it stays in the note (which a deletion
                    // erases), never in the append-only log (RULES 5).
                    after: Some(json!({
                        "kind": n.kind.as_str(), "noted_on": noted_on.to_string(),
                        "next_action_on": next.map(|d| d.to_string()), "text_chars": body.chars().count(),
                    })),
                },
            )?;
            Ok(id)
        })
    }

    /// Records a promise to pay (any operator): an amount by a day, made on a day.
    pub fn add_promise(&mut self, p: &NewPromise) -> Result<Promise> {
        let today = self.today();
        self.transact(|tx, op| {
            let account = account(tx, &p.account_no)?;
            let amount = positive("amount", p.amount)?;
            let recorded_on = not_after_today("recorded_on", p.recorded_on, today)?;
            let promised_on = within_limits("date", p.promised_on)?;
            if promised_on < recorded_on {
                return Err(Error::invalid("date", format!("is before the day the promise was made ({recorded_on})")));
            }
            let promise = Promise { amount, promised_on, recorded_on };
            let id = store::promises::insert(
                tx,
                &store::promises::NewPromise { account_id: account.id, promise, recorded_by: &op.name },
            )?;
            audit(
                tx,
                op,
                &Change::of("record", "promise").key(&id.to_string()).account(&account.account_no).after(json!({
                    "amount": amount, "promised_on": promised_on.to_string(), "recorded_on": recorded_on.to_string(),
                })),
            )?;
            Ok(promise)
        })
    }

    /// Opens a dispute on a charge (any operator). It still ages and accrues interest;
    /// it is left out of the credit hold and of dunning letters.
    pub fn open_dispute(&mut self, d: &NewDispute) -> Result<()> {
        let today = self.today();
        self.transact(|tx, op| {
            let doc_no = identifier("doc_no", &d.doc_no)?;
            let reason = text("reason", &d.reason)?;
            let opened_on = not_after_today("date", d.opened_on, today)?;
            let charge = disputable(tx, doc_no)?;
            if charge.date.is_some_and(|c| opened_on < c) {
                return Err(Error::invalid(
                    "date",
                    format!("is before the charge's own date ({})", charge.date.unwrap_or(opened_on)),
                ));
            }
            if let Some(open) = store::disputes::open_of(tx, doc_no)? {
                return Err(Error::invalid(
                    "doc_no",
                    format!("{doc_no} is already disputed since {} ({})", open.opened_on, open.reason),
                ));
            }
            store::disputes::insert(
                tx,
                &store::disputes::NewDispute {
                    account_id: charge.account_id,
                    doc_no,
                    charge_id: charge.charge_id,
                    reason,
                    opened_on,
                    opened_by: &op.name,
                },
            )?;
            audit(
                tx,
                op,
                &Change::of("open", "dispute")
                    .key(doc_no)
                    .account(&charge.account_no)
                    .after(json!({ "doc_no": doc_no, "reason": reason, "opened_on": opened_on.to_string() })),
            )?;
            Ok(())
        })
    }

    /// Resolves the open dispute of a charge with its outcome (any operator).
    pub fn resolve_dispute(&mut self, doc_no: &str, outcome: &str, resolved_on: NaiveDate) -> Result<()> {
        let today = self.today();
        self.transact(|tx, op| {
            let doc_no = identifier("doc_no", doc_no)?;
            let outcome = text("outcome", outcome)?;
            let on = not_after_today("date", resolved_on, today)?;
            let open = store::disputes::open_of(tx, doc_no)?
                .ok_or_else(|| Error::invalid("doc_no", format!("{doc_no} has no open dispute")))?;
            if on < open.opened_on {
                return Err(Error::invalid("date", format!("is before the dispute was opened ({})", open.opened_on)));
            }
            store::disputes::resolve(tx, doc_no, on, outcome, &op.name)?;
            audit(
                tx,
                op,
                &Change::of("resolve", "dispute")
                    .key(doc_no)
                    .account(&open.account_no)
                    .before(json!({ "doc_no": doc_no, "reason": open.reason, "opened_on": open.opened_on.to_string() }))
                    .after(json!({ "doc_no": doc_no, "outcome": outcome, "resolved_on": on.to_string() })),
            )?;
            Ok(())
        })
    }
}
