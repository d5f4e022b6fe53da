//! The writes of documents every operation shares: a charge, a credit memo, and whether
//! a document belongs to an account.

use crate::domain::dates::parse_iso;
use crate::domain::{ChargeKind, Money, PaymentMethod};
use crate::error::{Error, Result};
use crate::store::{self, Account, Store, Tx};
use chrono::NaiveDate;

/// Writes a charge whose fields have been checked, due by the account's terms in force
/// today (RULES 2); returns its due date. Document numbers are unique.
pub fn insert_charge(
    tx: &Tx<'_>,
    account: &Account,
    doc_no: &str,
    kind: ChargeKind,
    date: NaiveDate,
    amount: Money,
    memo: Option<&str>,
) -> Result<NaiveDate> {
    if store::ledger::doc_exists(tx, doc_no)? {
        return Err(Error::invalid("doc_no", format!("document {doc_no} already exists")));
    }
    let due = crate::domain::charge::due_date(kind, date, account.terms, None);
    store::ledger::insert_charge(
        tx,
        &store::ledger::NewCharge { doc_no, account_id: account.id, kind, date, due, amount, memo },
    )?;
    Ok(due)
}

/// A `CREDIT_MEMO` payment applied to a document (an RMA's or a claim's credit).
pub fn insert_credit_memo(
    tx: &Tx<'_>,
    account: &Account,
    reference: &str,
    date: NaiveDate,
    amount: Money,
    apply_to: &str,
) -> Result<()> {
    if store::ledger::payment_exists(tx, reference)? {
        return Err(Error::invalid("reference", format!("payment {reference} already exists")));
    }
    store::ledger::insert_payment(
        tx,
        &store::ledger::NewPayment {
            reference,
            account_id: account.id,
            date,
            method: PaymentMethod::CreditMemo,
            amount,
            apply_to: Some(apply_to),
        },
    )
}

/// Whether `doc` names a charge of the account: a recorded one, or a derived one
/// (`FC-<account_no>-<YYYY-MM>`, `RCF-<one of its payments>`).
pub fn document_of_account(store: &Store, account_id: i64, doc: &str) -> Result<bool> {
    if store::ledger::is_charge_of(store, account_id, doc)? {
        return Ok(true);
    }
    if let Some(reference) = doc.strip_prefix("RCF-") {
        return store::ledger::is_payment_of(store, account_id, reference);
    }
    if let Some(rest) = doc.strip_prefix("FC-") {
        let account_no = store::accounts::account_no_of(store, account_id)?;
        return Ok(rest
            .strip_prefix(account_no.as_str())
            .and_then(|m| m.strip_prefix('-'))
            .is_some_and(|m| parse_iso(&format!("{m}-01")).is_some()));
    }
    Ok(false)
}
