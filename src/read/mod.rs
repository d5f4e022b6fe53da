//! The read side: what the console's panes, the account view, the reports and the
//! commands' lists show. Loads through `store`, evaluates with `domain`, as of a day;
//! returns view structs with named fields. Nothing here writes.

pub mod account;
pub mod changes;
pub mod check;
pub mod collections;
pub mod corrections;
pub mod dunning;
pub mod explain;
pub mod history;
pub mod journal;
pub mod overview;
pub mod reports;
pub mod snapshot;
pub mod statement;
pub mod today;

pub use crate::store::ledger::VoidMark;
pub use account::{load_detail, AccountDetail, Document, PaymentLine, VoidCharge};
pub use collections::{hold_list, hold_of, promises, trend, HoldLine, PromiseLine};
pub use history::{find_document, history, HistoryLine};
pub use overview::{account_overview, account_overviews, credit_check, AccountOverview};
pub use reports::{
    account_position, aging, aging_each, aging_of, audit_trail, balance, evaluate_all, evaluate_each, for_all,
    map_each, open_charges, open_charges_each, open_charges_of, payoff, returned_checks, AuditLine, OpenCharge, Payoff,
    ReturnedCheckLine,
};
pub use snapshot::{build_snapshot, changes_since, Changes, Delta, Snapshot};
pub use today::{today, TodayKind, TodayLine};

use crate::domain::nonstock::NonstockItem;
use crate::domain::privacy::PrivacyRequest;
use crate::domain::repairs::Ticket;
use crate::domain::returns::{Claim, Rma};
use crate::error::{Error, Result};
use crate::store::{self, Account, Store};
use chrono::NaiveDate;

// The lists the commands and panes show, as stored.
pub use store::credit::list as credit_applications;
pub use store::disputes::list as disputes;
pub use store::exemptions::lines as exemptions;
pub use store::holds::list as hold_overrides;
pub use store::placements::all as placements;
pub use store::settings::surcharge_pct;

// The lists that follow the as-of date: what existed at the end of that day, as it stood.

/// RMAs by number as they stood at the end of `as_of`; filtered by account and by
/// status on that day (`ISSUED`, `RECEIVED`) when given.
pub fn rmas(store: &Store, as_of: NaiveDate, account_no: Option<&str>, status: Option<&str>) -> Result<Vec<Rma>> {
    let all = store::rmas::list(store, account_no, None)?;
    Ok(all.iter().filter_map(|r| r.as_of(as_of)).filter(|r| status.is_none_or(|s| r.status.as_str() == s)).collect())
}

/// Nonconforming-goods claims by number as they stood at the end of `as_of`; only the
/// ones open on that day when asked.
pub fn claims(store: &Store, as_of: NaiveDate, open_only: bool) -> Result<Vec<Claim>> {
    let all = store::claims::list(store, false)?;
    Ok(all
        .iter()
        .filter_map(|c| c.as_of(as_of))
        .filter(|c| !open_only || c.status == crate::domain::returns::ClaimStatus::Open)
        .collect())
}

/// Repair tickets as they stood at the end of `as_of`: open ones first, then by the day
/// opened and number.
pub fn tickets(store: &Store, as_of: NaiveDate) -> Result<Vec<Ticket>> {
    let mut all: Vec<Ticket> = store::tickets::all(store)?.iter().filter_map(|t| t.as_of(as_of)).collect();
    all.sort_by(|a, b| {
        (!a.status.is_open(), a.opened_on, &a.ticket_no).cmp(&(!b.status.is_open(), b.opened_on, &b.ticket_no))
    });
    Ok(all)
}

/// Privacy requests as they stood at the end of `as_of`: open ones first, by due date.
pub fn privacy_requests(store: &Store, as_of: NaiveDate) -> Result<Vec<PrivacyRequest>> {
    let mut all: Vec<PrivacyRequest> = store::privacy::requests(store)?.iter().filter_map(|r| r.as_of(as_of)).collect();
    all.sort_by_key(|r| (r.status.is_closed(), r.due_on, r.id));
    Ok(all)
}

/// Text a form or command names a record by: a field error when blank.
fn named<'a>(field: &str, value: &'a str) -> Result<&'a str> {
    Some(value.trim()).filter(|v| !v.is_empty()).ok_or_else(|| Error::invalid(field, "is required"))
}

/// The account a form or command names: a field error when blank or unknown.
pub fn account(store: &Store, account_no: &str) -> Result<Account> {
    let no = named("account", account_no)?;
    store::accounts::by_no(store, no)?.ok_or_else(|| Error::invalid("account", format!("no account {no}")))
}

/// The RMA a form or command names: a field error when blank or unknown.
pub fn rma(store: &Store, rma_no: &str) -> Result<Rma> {
    let no = named("rma", rma_no)?;
    let (_, rma) = store::rmas::by_no(store, no)?.ok_or_else(|| Error::invalid("rma", format!("no RMA {no}")))?;
    Ok(rma)
}

/// A setting as the list shows it: its value, or the default when never set.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SettingLine {
    pub key: &'static str,
    pub value: String,
    pub is_default: bool,
    pub meaning: &'static str,
}

/// Every setting, in `Setting::ALL` order.
pub fn settings(store: &Store) -> Result<Vec<SettingLine>> {
    crate::domain::settings::Setting::ALL
        .into_iter()
        .map(|s| {
            let stored = store::settings::get(store, s.key())?;
            Ok(SettingLine {
                key: s.key(),
                is_default: stored.is_none(),
                value: stored.unwrap_or_else(|| s.default_value().to_string()),
                meaning: s.meaning(),
            })
        })
        .collect()
}

/// One line of the per-state rate-cap table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StateCap {
    pub state: String,
    pub cap_pct: rust_decimal::Decimal,
}

/// The per-state rate caps, by state.
pub fn state_caps(store: &Store) -> Result<Vec<StateCap>> {
    Ok(store::settings::state_cap_list(store)?
        .into_iter()
        .map(|(state, cap_pct)| StateCap { state, cap_pct })
        .collect())
}

/// Nonstock items by number as of a day; `due_only` keeps the items awaiting pickup
/// past their 30 days, from day 31 (to return to the vendor, or for a manager's decision).
pub fn nonstock_items(store: &Store, as_of: NaiveDate, due_only: bool) -> Result<Vec<NonstockItem>> {
    let all = store::nonstock::list(store, as_of)?;
    Ok(all.into_iter().filter(|i| !due_only || i.disposition.is_some_and(|d| d.is_due())).collect())
}

/// One account's notes written by `as_of`, newest first.
pub fn notes(store: &Store, account_no: &str, as_of: NaiveDate) -> Result<Vec<crate::domain::notes::Note>> {
    let a = account(store, account_no)?;
    store::notes::of_account(store, a.id, as_of)
}
