//! Returns (RMA), nonconforming-goods claims and nonstock items awaiting pickup
//! (RULES.md section 4). The rules themselves are in `domain::returns` and
//! `domain::nonstock`; here they meet the ledger: a received RMA or a full-credit claim
//! posts a `CREDIT_MEMO` payment applied to the invoice, a nonstock item returned to its
//! vendor posts the vendor's fees as a `FEE`.

pub mod claim;
pub mod nonstock;
pub mod rma;

pub use claim::NewClaim;
pub use nonstock::NewNonstock;
pub use rma::{parse_line_spec, NewRma, NewRmaLine, RmaReceipt};

use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::input::identifier as required;
use crate::store::{self, Account, Store};
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
    if found.void.is_some() {
        return Err(Error::invalid("invoice", format!("{doc} is void: nothing was sold on it")));
    }
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
