//! Account upkeep (RULES.md section 10): a clerk keeps an account's name and contact
//! details up to date; a manager changes its credit limit and rate cap, takes NET30
//! back, maintains the settings and the per-state rate caps, and recalls a placement.

use super::{audit, Act, Change, Service};
use crate::domain::settings::{check_rate_cap, check_state, Setting, SettingValue};
use crate::domain::{Money, Terms};
use crate::error::{Error, Result};
use crate::input::{optional_text, text};
use crate::read::account;
use crate::store::{self, accounts::DetailField};
use rust_decimal::Decimal;
use serde_json::json;

/// New values for an account's details; `None` leaves a field as it is, a blank value
/// clears it (never the name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountEdit {
    pub account_no: String,
    pub name: Option<String>,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    /// Two letters (it selects the state's rate cap).
    pub state: Option<String>,
}

impl AccountEdit {
    fn given(&self) -> [(DetailField, Option<&String>); 6] {
        [
            (DetailField::Name, self.name.as_ref()),
            (DetailField::ContactName, self.contact_name.as_ref()),
            (DetailField::Phone, self.phone.as_ref()),
            (DetailField::Email, self.email.as_ref()),
            (DetailField::Address, self.address.as_ref()),
            (DetailField::State, self.state.as_ref()),
        ]
    }
}

/// A change of the settings and the per-state rate caps, in one transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SettingsChange {
    pub values: Vec<SettingValue>,
    /// A state's annual cap in percent, or `None` to remove it.
    pub state_cap: Option<(String, Option<Decimal>)>,
}

/// What a settings change did: each setting (old → new), and the state cap.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SettingsChanged {
    pub settings: Vec<(String, String, String)>,
    pub state_cap: Option<(String, Option<Decimal>, Option<Decimal>)>,
}

impl Service {
    /// Changes an account's name, contact, phone, e-mail, address and state (any
    /// operator). The audit log names the fields changed, never their values (they are
    /// personal data). Returns the fields that changed.
    pub fn edit_account(&mut self, e: &AccountEdit) -> Result<Vec<&'static str>> {
        if e.given().iter().all(|(_, v)| v.is_none()) {
            return Err(Error::invalid("account", "name at least one field to change"));
        }
        self.transact(|tx, op| {
            let a = account(tx, &e.account_no)?;
            let current = store::accounts::details(tx, a.id)?;
            let mut changed = Vec::new();
            for (i, (field, value)) in e.given().into_iter().enumerate() {
                let Some(value) = value else { continue };
                let key = field.column();
                let new: Option<String> = match field {
                    DetailField::Name => Some(text(key, value)?.to_string()),
                    DetailField::State => {
                        optional_text(key, value)?.map(check_state).transpose().map_err(|r| Error::invalid(key, r))?
                    }
                    _ => optional_text(key, value)?.map(str::to_string),
                };
                if new != current[i] {
                    store::accounts::set_detail(tx, a.id, field, new.as_deref())?;
                    changed.push(key);
                }
            }
            if changed.is_empty() {
                return Err(Error::invalid("account", format!("{}: the values given are the ones held", a.account_no)));
            }
            audit(tx, op, &Change::of_account("edit", &a.account_no).after(json!({ "fields_changed": changed })))?;
            Ok(changed)
        })
    }

    /// A new credit limit (manager). Returns the old one.
    pub fn set_credit_limit(&mut self, account_no: &str, limit: Money) -> Result<Money> {
        self.require_manager(Act::ChangeCreditLimit)?;
        if limit.cents() < 0 {
            return Err(Error::invalid("amount", "may not be negative"));
        }
        self.transact(|tx, op| {
            let a = account(tx, account_no)?;
            store::accounts::set_credit_limit(tx, a.id, limit)?;
            audit(
                tx,
                op,
                &Change::of_account("set_limit", &a.account_no)
                    .before(json!({ "credit_limit": a.credit_limit }))
                    .after(json!({ "credit_limit": limit })),
            )?;
            Ok(a.credit_limit)
        })
    }

    /// Takes NET30 back (manager, with a reason): the account is on PREPAY from now on;
    /// the due dates already fixed stay as they are (RULES 2).
    pub fn revoke_credit(&mut self, account_no: &str, reason: &str) -> Result<()> {
        self.require_manager(Act::RevokeCredit)?;
        self.transact(|tx, op| {
            let a = account(tx, account_no)?;
            let reason = text("reason", reason)?;
            if a.terms != Terms::Net30 {
                return Err(Error::Refused(format!("account {} is on {}, not NET30", a.account_no, a.terms)));
            }
            store::accounts::set_terms_only(tx, a.id, Terms::Prepay)?;
            audit(
                tx,
                op,
                &Change::of_account("revoke", &a.account_no)
                    .before(json!({ "terms": a.terms }))
                    .after(json!({ "terms": Terms::Prepay, "reason": reason })),
            )?;
            Ok(())
        })
    }

    /// The account's own annual rate cap, percent per year, or none (manager).
    pub fn set_rate_cap(&mut self, account_no: &str, cap_pct: Option<Decimal>) -> Result<()> {
        self.require_manager(Act::SetRateCap)?;
        let cap = cap_pct.map(check_rate_cap).transpose().map_err(|r| Error::invalid("pct", r))?;
        self.transact(|tx, op| {
            let a = account(tx, account_no)?;
            store::accounts::set_rate_cap(tx, a.id, cap)?;
            audit(
                tx,
                op,
                &Change::of_account("set_rate_cap", &a.account_no)
                    .before(json!({ "rate_cap_pct": a.rate_cap_pct }))
                    .after(json!({ "rate_cap_pct": cap })),
            )?;
            Ok(())
        })
    }

    /// Changes settings and a state's rate cap (manager), in one transaction, one audit
    /// entry each.
    pub fn change_settings(&mut self, c: &SettingsChange) -> Result<SettingsChanged> {
        if c.values.is_empty() && c.state_cap.is_none() {
            return Err(Error::invalid("setting", "nothing to change"));
        }
        for v in &c.values {
            self.require_manager(v.setting().act())?;
        }
        if c.state_cap.is_some() {
            self.require_manager(Act::SetStateCap)?;
        }
        let values: Vec<(Setting, String)> = c
            .values
            .iter()
            .map(|v| v.checked_text().map(|t| (v.setting(), t)).map_err(|r| Error::invalid(v.setting().key(), r)))
            .collect::<Result<_>>()?;
        let state_cap = match &c.state_cap {
            Some((state, cap)) => Some((
                check_state(state).map_err(|r| Error::invalid("state", r))?,
                cap.map(check_rate_cap).transpose().map_err(|r| Error::invalid("pct", r))?,
            )),
            None => None,
        };
        self.transact(|tx, op| {
            let mut done = SettingsChanged::default();
            for (setting, new) in &values {
                let key = setting.key();
                let old = store::settings::get(tx, key)?.unwrap_or_else(|| setting.default_value().to_string());
                store::settings::set(tx, key, new)?;
                audit(
                    tx,
                    op,
                    &Change::of("set", "setting").key(key).before(json!({ key: old })).after(json!({ key: new })),
                )?;
                done.settings.push((key.to_string(), old, new.clone()));
            }
            if let Some((state, cap)) = &state_cap {
                let old = store::settings::state_caps(tx)?.get(state).copied();
                store::settings::set_state_cap(tx, state, *cap)?;
                audit(
                    tx,
                    op,
                    &Change::of("set", "state_rate_cap")
                        .key(state)
                        .before(json!({ "state": state, "cap_pct": old }))
                        .after(json!({ "state": state, "cap_pct": cap })),
                )?;
                done.state_cap = Some((state.clone(), old, *cap));
            }
            Ok(done)
        })
    }

    /// Recalls the account's placement from the agency (manager, with a reason), today.
    pub fn recall_placement(&mut self, account_no: &str, reason: &str) -> Result<usize> {
        self.require_manager(Act::RecallPlacement)?;
        let today = self.today();
        self.transact(|tx, op| {
            let a = account(tx, account_no)?;
            let reason = text("reason", reason)?;
            let active: Vec<_> =
                store::placements::of_account(tx, a.id)?.into_iter().filter(|p| p.is_active()).collect();
            if active.is_empty() {
                return Err(Error::Refused(format!("account {} is not placed with an agency", a.account_no)));
            }
            let n = store::placements::recall(tx, a.id, today, &op.name, reason)?;
            audit(
                tx,
                op,
                &Change {
                    action: "recall",
                    entity: "agency_placement",
                    entity_key: active.last().map(|p| p.agency.as_str()),
                    account_no: Some(&a.account_no),
                    before: Some(json!({ "placements": active.len() })),
                    after: Some(json!({ "recalled_on": today, "reason": reason })),
                },
            )?;
            Ok(n)
        })
    }
}
