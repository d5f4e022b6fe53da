//! "Why this interest?": one charge's interest derivation, read and evaluated as of a day.

use crate::domain::evaluate_traced;
use crate::domain::explain::{explain as explain_charge, Explanation};
use crate::error::{Error, Result};
use crate::store::{self, Store};
use chrono::NaiveDate;

/// The account a document belongs to: a recorded charge's, or a derived one's
/// (`FC-<account>-<YYYY-MM>`, `RCF-<payment reference>`).
fn account_of(store: &Store, doc_no: &str) -> Result<Option<String>> {
    if let Some(found) = store::ledger::charge_by_doc(store, doc_no)? {
        if let Some(void) = found.void {
            return Err(Error::NotFound(format!("{doc_no} was voided on {}: it counts nowhere", void.on)));
        }
        return Ok(Some(found.account_no));
    }
    if let Some(reference) = doc_no.strip_prefix("RCF-") {
        return Ok(store::ledger::payment_by_ref(store, reference)?.map(|p| p.account_no));
    }
    if let Some(rest) = doc_no.strip_prefix("FC-") {
        let month = rest.len().checked_sub(8).and_then(|at| rest.get(at..).map(|m| (at, m)));
        if let Some((at, m)) = month.filter(|(_, m)| m.starts_with('-')) {
            let account_no = &rest[..at];
            if crate::domain::dates::parse_iso(&format!("{}-01", &m[1..])).is_some()
                && store::accounts::exists(store, account_no)?
            {
                return Ok(Some(account_no.to_string()));
            }
        }
    }
    Ok(None)
}

/// The interest of charge `doc_no` as of `as_of`, run by run, as the engine counted it.
pub fn explain(store: &Store, doc_no: &str, as_of: NaiveDate) -> Result<Explanation> {
    let doc = doc_no.trim();
    let account_no = account_of(store, doc)?.ok_or_else(|| Error::NotFound(format!("no charge {doc}")))?;
    let account = super::account(store, &account_no)?;
    let data = store::ledger::load(store, account)?;
    let (position, runs) = evaluate_traced(&data.ledger(), as_of, doc)?;
    let charge = position
        .charges
        .iter()
        .find(|c| c.doc_no == doc)
        .ok_or_else(|| Error::NotFound(format!("{doc} is not charged as of {as_of}")))?;
    Ok(explain_charge(&account_no, charge, &position, runs, data.annual_rate, as_of))
}
