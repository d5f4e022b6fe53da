//! Every document of an account, paid ones included (`account history`, the account
//! view), and finding any document by its number.

use super::collections::disputed_on;
use crate::domain::charge::has_reserved_prefix;
use crate::domain::dates::parse_iso;
use crate::domain::{ChargeKind, Money};
use crate::error::{Error, Result};
use crate::store::ledger::VoidMark;
use crate::store::{self, Store};
use chrono::NaiveDate;
use std::collections::HashMap;
use strum::{Display, IntoStaticStr};

/// Where a document stands as of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Display, IntoStaticStr)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentStatus {
    /// A charge with an outstanding amount.
    Open,
    Paid,
    /// A payment that counts.
    Received,
    /// A check the bank returned: it never counted.
    Returned,
    /// Voided (RULES 10): it counts nowhere, at any date.
    Void,
}

/// One document of an account: a charge (recorded or derived) or a payment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryLine {
    pub date: NaiveDate,
    pub doc_no: String,
    /// A charge's kind, or a payment's method.
    pub kind: String,
    pub amount: Money,
    pub due_date: Option<NaiveDate>,
    /// For a charge.
    pub outstanding: Option<Money>,
    pub status: DocumentStatus,
    pub disputed: bool,
    /// A payment's document it was meant for.
    pub apply_to: Option<String>,
    /// Who voided it, when, why.
    pub void: Option<VoidMark>,
}

impl HistoryLine {
    pub fn is_open(&self) -> bool {
        self.status == DocumentStatus::Open
    }
}

/// Every document of the account dated on or before `as_of`, in date order (charges
/// before payments on a day): what was charged, derived charges included, and every
/// payment, paid, returned and void ones too.
pub fn history(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Vec<HistoryLine>> {
    let account = super::account(store, account_no)?;
    let (data, position) = super::reports::account_position(store, &account, as_of)?;
    let disputes = store::disputes::list(store, Some(&account.account_no))?;
    let mut lines: Vec<HistoryLine> = position
        .charges
        .iter()
        .map(|c| HistoryLine {
            date: c.date,
            doc_no: c.doc_no.to_string(),
            kind: c.kind.to_string(),
            amount: c.amount,
            due_date: Some(c.due),
            outstanding: Some(c.outstanding),
            status: if c.outstanding.is_positive() { DocumentStatus::Open } else { DocumentStatus::Paid },
            disputed: disputed_on(&disputes, &c.doc_no, as_of),
            apply_to: None,
            void: None,
        })
        .collect();
    let returned: HashMap<&str, NaiveDate> =
        data.returns.iter().map(|r| (r.payment_ref.as_str(), r.returned_date)).collect();
    lines.extend(data.payments.iter().filter(|p| p.date <= as_of).map(|p| HistoryLine {
        date: p.date,
        doc_no: p.reference.clone(),
        kind: p.method.to_string(),
        amount: p.amount,
        due_date: None,
        outstanding: None,
        status: match returned.get(p.reference.as_str()) {
            Some(r) if *r <= as_of => DocumentStatus::Returned,
            _ => DocumentStatus::Received,
        },
        disputed: false,
        apply_to: p.apply_to.clone(),
        void: None,
    }));
    let void = |date: NaiveDate, doc_no: String, kind: String, amount, due, void| HistoryLine {
        date,
        doc_no,
        kind,
        amount,
        due_date: due,
        outstanding: None,
        status: DocumentStatus::Void,
        disputed: false,
        apply_to: None,
        void: Some(void),
    };
    for (c, mark) in store::ledger::voided_charges(store, account.id)?.into_iter().filter(|(c, _)| c.date <= as_of) {
        lines.push(void(c.date, c.doc_no, c.kind.to_string(), c.amount, Some(c.due), mark));
    }
    for (p, mark) in store::ledger::voided_payments(store, account.id)?.into_iter().filter(|(p, _)| p.date <= as_of) {
        lines.push(HistoryLine {
            apply_to: p.apply_to,
            ..void(p.date, p.reference, p.method.to_string(), p.amount, None, mark)
        });
    }
    lines.sort_by(|a, b| {
        (a.date, a.outstanding.is_none(), &a.doc_no).cmp(&(b.date, b.outstanding.is_none(), &b.doc_no))
    });
    Ok(lines)
}

/// A document found by its number: which account it belongs to, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub account_no: String,
    pub what: String,
}

/// Finds any document by its exact number, paid or not: a charge, a payment, a derived
/// charge (`FC-<account>-<YYYY-MM>`, `RCF-<payment>`).
pub fn find_document(store: &Store, number: &str) -> Result<Found> {
    let no = crate::input::identifier("document", number)?;
    if let Some(c) = store::ledger::charge_by_doc(store, no)? {
        return Ok(Found { account_no: c.account_no, what: format!("{} {no} of {}", c.kind, c.date) });
    }
    if let Some(p) = store::ledger::payment_by_ref(store, no)? {
        return Ok(Found { account_no: p.account_no, what: format!("payment {no} ({}) of {}", p.method, p.date) });
    }
    if has_reserved_prefix(no) {
        if let Some(reference) = no.strip_prefix("RCF-") {
            if let Some(p) = store::ledger::payment_by_ref(store, reference)? {
                let what = format!("{} {no}", ChargeKind::ReturnedCheckFee);
                return Ok(Found { account_no: p.account_no, what });
            }
        }
        if let Some(account_no) = interest_account(no) {
            if store::accounts::exists(store, account_no)? {
                let what = format!("{} {no}", ChargeKind::Interest);
                return Ok(Found { account_no: account_no.to_string(), what });
            }
        }
    }
    Err(Error::invalid("document", format!("no document or payment {no}")))
}

/// The account number in `FC-<account_no>-<YYYY-MM>`: what lies between.
fn interest_account(doc: &str) -> Option<&str> {
    let rest = doc.strip_prefix("FC-")?;
    let at = rest.len().checked_sub(8).filter(|i| rest.is_char_boundary(*i))?;
    let (account, month) = rest.split_at(at);
    parse_iso(&format!("{}-01", month.strip_prefix('-')?))?;
    (!account.is_empty()).then_some(account)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_interest_charge_names_its_account_between_the_prefix_and_the_month() {
        assert_eq!(interest_account("FC-A100-2026-02"), Some("A100"));
        assert_eq!(interest_account("FC-B-20-2026-12"), Some("B-20"), "a dash in the account number");
        assert_eq!(interest_account("FC-A100-2026-13"), None, "no such month");
        assert_eq!(interest_account("FC--2026-02"), None);
        assert_eq!(interest_account("FC-é2026-02"), None);
        assert_eq!(interest_account("INV-A100-2026-02"), None);
    }
}
