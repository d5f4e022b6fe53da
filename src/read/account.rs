//! One account's view, opened with Enter: light (one ledger), read when opened.

use super::reports::{self, AuditLine};
use super::snapshot::ChargeLine;
use crate::domain::credit::CreditApplication;
use crate::domain::dealer::Verification;
use crate::domain::repairs::Ticket;
use crate::domain::{Money, PaymentMethod};
use crate::error::{Error, Result};
use crate::store::{self, Account, Store};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Entries of the account's audit trail the view shows (the newest).
const AUDIT_ROWS: usize = 200;

/// One payment of the account view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLine {
    pub reference: String,
    pub date: NaiveDate,
    pub method: PaymentMethod,
    pub amount: Money,
    pub apply_to: Option<String>,
    /// The day the bank returned it, for a returned check.
    pub returned_on: Option<NaiveDate>,
}

/// One account opened with Enter: everything about it, read when opened.
#[derive(Debug, Clone)]
pub struct AccountDetail {
    pub account: Account,
    pub exemption: Option<String>,
    /// The exemption's certificate is missing or expired (the text says which).
    pub exemption_warning: bool,
    /// The latest credit application, its identifier masked.
    pub credit: Option<CreditApplication>,
    pub verification: Option<Verification>,
    /// The identifier, unmasked for a moment after a manager's audited reveal.
    pub revealed: Option<String>,
    pub open_charges: Vec<ChargeLine>,
    pub accrued_interest: Money,
    pub unapplied_credit: Money,
    pub balance: Money,
    /// Dated on or before the day, by date, then reference.
    pub payments: Vec<PaymentLine>,
    pub tickets: Vec<Ticket>,
    /// The newest entries about the account, newest first.
    pub audit: Vec<AuditLine>,
    pub scroll: usize,
}

/// One account's view as of the day.
pub fn load_detail(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<AccountDetail> {
    let account = store::accounts::by_no(store, account_no)?
        .ok_or_else(|| Error::NotFound(format!("no account {account_no}")))?;
    let id = account.id;
    let exemption_record = store::exemptions::of_account(store, id)?;
    let exemption_warning = exemption_record.as_ref().is_some_and(|e| e.warning(as_of).is_some());
    let exemption = exemption_record.map(|e| {
        let state = match e.warning(as_of) {
            Some(w) => w.message(),
            None => format!(
                "certificate on file{}",
                e.certificate_expires.map(|d| format!(", expires {d}")).unwrap_or_default()
            ),
        };
        format!("{} ({state})", e.exemption_no)
    });
    let (data, position) = reports::account_position(store, &account, as_of)?;
    let balance = position.balance();
    let open_charges = position
        .charges
        .iter()
        .filter(|c| c.outstanding.is_positive())
        .map(|c| ChargeLine::of(account_no, c.clone(), as_of))
        .collect();
    // What happened by the day: later payments and later returns are not shown.
    let returned: HashMap<&str, NaiveDate> = data
        .returns
        .iter()
        .filter(|r| r.returned_date <= as_of)
        .map(|r| (r.payment_ref.as_str(), r.returned_date))
        .collect();
    let mut payments: Vec<PaymentLine> = data
        .payments
        .iter()
        .filter(|p| p.date <= as_of)
        .map(|p| PaymentLine {
            reference: p.reference.clone(),
            date: p.date,
            method: p.method,
            amount: p.amount,
            apply_to: p.apply_to.clone(),
            returned_on: returned.get(p.reference.as_str()).copied(),
        })
        .collect();
    payments.sort_by(|a, b| (a.date, &a.reference).cmp(&(b.date, &b.reference)));
    let tickets = super::tickets(store, as_of)?.into_iter().filter(|t| t.account_no == account_no).collect();
    Ok(AccountDetail {
        exemption_warning,
        credit: store::credit::latest(store, id)?,
        verification: store::dealers::last_verification(store, id)?,
        revealed: None,
        accrued_interest: position.accrued_interest,
        unapplied_credit: position.unapplied_credit,
        balance,
        account,
        exemption,
        open_charges,
        payments,
        tickets,
        audit: store::audit::newest_of_account(store, account_no, AUDIT_ROWS)?,
        scroll: 0,
    })
}
