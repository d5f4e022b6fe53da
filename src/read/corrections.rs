//! What a correction will change, read before it is confirmed (RULES 10): the balance
//! of the account with and without the document to be voided.

use super::reports::account_position;
use crate::domain::{evaluate, Money};
use crate::error::{Error, Result};
use crate::store::{self, Store};
use chrono::NaiveDate;

/// A document to void, or a returned check whose fee to waive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Voidable<'a> {
    Payment(&'a str),
    Charge(&'a str),
    ReturnedCheckFee(&'a str),
}

/// The document in words, and the account's balance as of the day before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidPreview {
    pub account_no: String,
    pub document: String,
    pub balance_before: Money,
    pub balance_after: Money,
}

/// What voiding `what` changes as of `as_of`.
pub fn void_preview(store: &Store, what: Voidable<'_>, as_of: NaiveDate) -> Result<VoidPreview> {
    let (account_no, document) = match what {
        Voidable::Payment(r) | Voidable::ReturnedCheckFee(r) => {
            let p = store::ledger::payment_by_ref(store, r)?
                .ok_or_else(|| Error::invalid("payment_ref", format!("no payment {r}")))?;
            let text = match what {
                Voidable::Payment(_) => format!("payment {r}: {} {} received {}", p.method, p.amount.grouped(), p.date),
                _ => format!("returned-check fee RCF-{r} (check of {} returned)", p.amount.grouped()),
            };
            (p.account_no, text)
        }
        Voidable::Charge(d) => {
            let c = store::ledger::charge_by_doc(store, d)?
                .ok_or_else(|| Error::invalid("doc_no", format!("no charge {d}")))?;
            (c.account_no, format!("charge {d}: {} {} of {}, due {}", c.kind, c.amount.grouped(), c.date, c.due))
        }
    };
    let account = super::account(store, &account_no)?;
    let (mut data, before) = account_position(store, &account, as_of)?;
    match what {
        Voidable::Payment(r) => {
            let surcharge = crate::domain::surcharge::surcharge_doc_no(r);
            data.payments.retain(|p| p.reference != r);
            data.charges.retain(|c| c.doc_no != surcharge);
        }
        Voidable::Charge(d) => data.charges.retain(|c| c.doc_no != d),
        Voidable::ReturnedCheckFee(r) => {
            data.returns.iter_mut().filter(|x| x.payment_ref == r).for_each(|x| x.fee_waived = true)
        }
    }
    let after = evaluate(&data.ledger(), as_of)?;
    Ok(VoidPreview { account_no, document, balance_before: before.balance(), balance_after: after.balance() })
}
