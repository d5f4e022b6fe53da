//! An account's overview with its flags (over the credit limit, exemption certificate
//! warnings, a pending application), and the credit check of a new charge.

use super::reports;
use crate::domain::credit::{charge_needs_confirmation, over_limit, ApplicationStatus, CreditApplication, OverLimit};
use crate::domain::dealer::Verification;
use crate::domain::exemption::{Exemption, ExemptionWarning};
use crate::domain::{AccountStatus, Money, Terms};
use crate::error::{Error, Result};
use crate::store::{self, Account, Store};
use chrono::NaiveDate;

/// Everything the credit department sees on one account, with its flags.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AccountOverview {
    pub account_no: String,
    pub name: String,
    pub status: AccountStatus,
    /// The day it took that status, when a change recorded it.
    pub status_since: Option<NaiveDate>,
    pub rate_cap_pct: Option<rust_decimal::Decimal>,
    pub terms: Terms,
    pub credit_limit: Money,
    pub balance: Money,
    pub over_limit: Option<OverLimit>,
    pub exemption: Option<Exemption>,
    pub exemption_warning: Option<ExemptionWarning>,
    pub can_be_invoiced: bool,
    pub last_verification: Option<Verification>,
    pub credit_application: Option<CreditApplication>,
    /// Short texts for every flag, for a status line.
    pub flags: Vec<String>,
}

/// One account's overview as of a day.
pub fn account_overview(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<AccountOverview> {
    let account = store::accounts::by_no(store, account_no)?
        .ok_or_else(|| Error::NotFound(format!("no account {account_no}")))?;
    let balance = reports::balance(store, &account, as_of)?;
    overview(store, account, balance, as_of)
}

/// Every account's overview, by account number (balances from one evaluation of the ledger).
pub fn account_overviews(store: &Store, as_of: NaiveDate) -> Result<Vec<AccountOverview>> {
    let totals: std::collections::HashMap<String, Money> =
        reports::aging(store, as_of)?.into_iter().map(|r| (r.account_no, r.total)).collect();
    store::accounts::all(store)?
        .into_iter()
        .map(|a| {
            let balance = totals.get(&a.account_no).copied().unwrap_or_default();
            overview(store, a, balance, as_of)
        })
        .collect()
}

fn overview(store: &Store, account: Account, balance: Money, as_of: NaiveDate) -> Result<AccountOverview> {
    let over = over_limit(account.terms, account.credit_limit, balance);
    let exemption = store::exemptions::of_account(store, account.id)?;
    let warning = exemption.as_ref().and_then(|e| e.warning(as_of));
    let application = store::credit::latest(store, account.id)?;
    let mut flags = Vec::new();
    if let Some(o) = &over {
        flags.push(format!("OVER CREDIT LIMIT by {} (limit {})", o.excess.grouped(), o.credit_limit.grouped()));
    }
    if let Some(w) = &warning {
        flags.push(w.message().to_uppercase());
    }
    if !account.status.can_be_invoiced() {
        flags.push(format!("{}: no new invoices", account.status));
    }
    if application.as_ref().is_some_and(|a| a.status == ApplicationStatus::Pending) {
        flags.push("credit application pending".to_string());
    }
    Ok(AccountOverview {
        last_verification: store::dealers::last_verification(store, account.id)?,
        account_no: account.account_no,
        name: account.name,
        can_be_invoiced: account.status.can_be_invoiced(),
        status_since: store::accounts::status_since(store, account.id)?,
        rate_cap_pct: account.rate_cap_pct,
        status: account.status,
        terms: account.terms,
        credit_limit: account.credit_limit,
        balance,
        over_limit: over,
        exemption,
        exemption_warning: warning,
        credit_application: application,
        flags,
    })
}

/// Whether a new charge of `amount` would take the account over its credit limit as of
/// `as_of`: the console asks for confirmation when this is `Some`.
pub fn credit_check(store: &Store, account_no: &str, amount: Money, as_of: NaiveDate) -> Result<Option<OverLimit>> {
    let account = super::account(store, account_no)?;
    let balance = reports::balance(store, &account, as_of)?;
    balance_after(&account, balance, amount)?;
    Ok(charge_needs_confirmation(account.terms, account.credit_limit, balance, amount))
}

/// The balance after a new charge of `amount`, or an error naming the account when it
/// cannot be held.
pub fn balance_after(account: &Account, balance: Money, amount: Money) -> Result<Money> {
    balance.checked_add(amount).ok_or_else(|| Error::TooLarge { what: format!("account {}", account.account_no) })
}
