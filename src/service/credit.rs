//! Credit applications, credit limits and the card surcharge (RULES.md sections 1, 5, 6).
//! A clerk records an application; only a manager approves (terms become `NET30`, the
//! limit is set, approver and date recorded) or declines it with a reason. The
//! government identifier is stored as given and never read back: every read path,
//! message and audit entry carries only its last four digits, masked.

use super::documents::insert_charge;
use super::{audit, Change, Operator, Role, Service};
use crate::domain::credit::{decide, ApplicationStatus, CreditApplication, CreditDecision, GovId};
use crate::domain::surcharge::{card_surcharge, check_surcharge_pct};
use crate::domain::{ChargeKind, Money, PaymentMethod};
use crate::error::{Error, Result};
use crate::input;
use crate::read::account;
use crate::store::{self, Account, Store, Tx};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::json;

/// A credit application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCreditApplication {
    pub account_no: String,
    pub applied_on: NaiveDate,
    pub requested_limit: Money,
    /// At least one; blank entries are dropped.
    pub trade_references: Vec<String>,
    pub bank_reference: String,
    /// SSN or EIN. Never echoed back: every message names the field, not the value.
    pub gov_id: String,
}

fn pending_application(store: &Store, account: &Account) -> Result<CreditApplication> {
    store::credit::list(store, Some(&account.account_no), Some(ApplicationStatus::Pending))?
        .into_iter()
        .next()
        .ok_or_else(|| {
            Error::invalid("account", format!("account {} has no pending credit application", account.account_no))
        })
}

/// The payment a surcharge is posted for, as the payment form recorded it.
#[derive(Debug, Clone, Copy)]
pub struct PaymentForSurcharge<'a> {
    pub account: &'a Account,
    pub payment_ref: &'a str,
    pub method: PaymentMethod,
    pub date: NaiveDate,
    pub amount: Money,
    /// A manager's waiver, with its reason; `None` posts the surcharge.
    pub waiver_reason: Option<&'a str>,
}

pub use crate::domain::surcharge::surcharge_doc_no;

/// Posts the surcharge of a payment being recorded in `tx`: a `FEE` `SUR-<ref>` of the
/// configured percentage, on the payment's date. Nothing for other methods or a zero
/// surcharge. A waiver (with its reason) is a manager's, and posts nothing. Returns the
/// posted (document, amount) for the caller's audit entry, which covers the whole payment.
pub fn record_card_surcharge(
    tx: &Tx<'_>,
    operator: &Operator,
    p: &PaymentForSurcharge<'_>,
) -> Result<Option<(String, Money)>> {
    let PaymentForSurcharge { account, payment_ref, method, date, amount, waiver_reason } = *p;
    let fee = card_surcharge(method, amount, store::settings::surcharge_pct(tx)?);
    if !fee.is_positive() {
        return Ok(None);
    }
    if let Some(reason) = waiver_reason {
        if !Role::may(operator.role, super::Act::WaiveCardSurcharge) {
            return Err(Error::Refused(format!(
                "only a manager may waive the card surcharge; {} is a clerk",
                operator.name
            )));
        }
        if reason.trim().is_empty() {
            return Err(Error::invalid("waiver_reason", "say why the surcharge is waived"));
        }
        return Ok(None);
    }
    let doc = surcharge_doc_no(payment_ref);
    let pct = store::settings::surcharge_pct(tx)?;
    insert_charge(tx, account, &doc, ChargeKind::Fee, date, fee, Some(&format!("card surcharge {pct}%")))?;
    Ok(Some((doc, fee)))
}

impl Service {
    /// Records a credit application (any operator). One pending application per account.
    pub fn apply_for_credit(&mut self, a: &NewCreditApplication) -> Result<CreditApplication> {
        self.transact(|tx, op| {
            let account = account(tx, &a.account_no)?;
            if account.status == crate::domain::AccountStatus::Closed {
                return Err(Error::Refused(format!("account {} is closed", account.account_no)));
            }
            let applied_on = input::within_limits("date", a.applied_on)?;
            let requested = input::positive("requested_limit", a.requested_limit)?;
            let refs: Vec<&str> = a
                .trade_references
                .iter()
                .map(|r| input::optional_text("trade_reference", r))
                .filter_map(Result::transpose)
                .collect::<std::result::Result<_, _>>()?;
            if refs.is_empty() {
                return Err(Error::invalid("trade_reference", "at least one trade reference is required"));
            }
            let bank = input::text("bank_reference", &a.bank_reference)?;
            let gov_id = GovId::parse(&a.gov_id).map_err(|reason| Error::invalid("gov_id", reason))?;
            if !store::credit::list(tx, Some(&account.account_no), Some(ApplicationStatus::Pending))?.is_empty() {
                return Err(Error::invalid(
                    "account",
                    format!("account {} already has a pending credit application", account.account_no),
                ));
            }
            store::credit::insert(
                tx,
                &store::credit::NewApplication {
                    account_id: account.id,
                    applied_on,
                    requested_limit: requested,
                    trade_references: &refs,
                    bank_reference: bank,
                    gov_id: &gov_id,
                    recorded_by: &op.name,
                },
            )?;
            let saved = store::credit::latest(tx, account.id)?
                .ok_or_else(|| Error::NotFound("the application just recorded".into()))?;
            audit(
                tx,
                op,
                &Change::of("apply", "credit_application")
                    .key(&saved.id.to_string())
                    .account(&account.account_no)
                    .after(serde_json::to_value(&saved).unwrap_or_default()),
            )?;
            Ok(saved)
        })
    }

    /// Approves the account's pending application (manager only): terms `NET30`, the
    /// limit (blank = the requested one), approver and date recorded.
    pub fn approve_credit(
        &mut self,
        account_no: &str,
        limit: Option<Money>,
        decided_on: NaiveDate,
    ) -> Result<CreditApplication> {
        self.require_manager(super::Act::ApproveCredit)?;
        self.decide_credit(account_no, decided_on, |app| {
            let limit = match limit {
                Some(l) => input::positive("limit", l)?,
                None => app.requested_limit,
            };
            Ok(CreditDecision::Approve { limit })
        })
    }

    /// Declines the account's pending application with a reason (manager only).
    pub fn decline_credit(
        &mut self,
        account_no: &str,
        reason: &str,
        decided_on: NaiveDate,
    ) -> Result<CreditApplication> {
        self.require_manager(super::Act::DeclineCredit)?;
        let reason = input::optional_text("reason", reason)?.unwrap_or_default().to_string();
        self.decide_credit(account_no, decided_on, |_| Ok(CreditDecision::Decline { reason }))
    }

    fn decide_credit(
        &mut self,
        account_no: &str,
        decided_on: NaiveDate,
        decision: impl FnOnce(&CreditApplication) -> Result<CreditDecision>,
    ) -> Result<CreditApplication> {
        self.transact(|tx, op| {
            let account = account(tx, account_no)?;
            let app = pending_application(tx, &account)?;
            let on = input::within_limits("date", decided_on)?;
            if on < app.applied_on {
                return Err(Error::invalid("date", format!("is before the application's date {}", app.applied_on)));
            }
            let decision = decision(&app)?;
            let approved = decide(app.status, &decision).map_err(|reason| match &decision {
                CreditDecision::Approve { .. } => Error::invalid("limit", reason),
                CreditDecision::Decline { .. } => Error::invalid("reason", reason),
            })?;
            match (&decision, approved) {
                (_, Some(a)) => {
                    store::credit::approve(tx, app.id, &op.name, on, a.credit_limit)?;
                    store::accounts::set_terms(tx, account.id, a.terms, a.credit_limit)?;
                }
                (CreditDecision::Decline { reason }, None) => {
                    store::credit::decline(tx, app.id, &op.name, on, reason)?;
                }
                (CreditDecision::Approve { .. }, None) => unreachable!("an approval yields terms"),
            }
            let after =
                store::credit::latest(tx, account.id)?.ok_or_else(|| Error::NotFound("the application".into()))?;
            audit(
                tx,
                op,
                &Change::of(if approved.is_some() { "approve" } else { "decline" }, "credit_application")
                    .key(&app.id.to_string())
                    .account(&account.account_no)
                    .before(json!({"application": app, "terms": account.terms, "credit_limit": account.credit_limit}))
                    .after(json!({
                        "application": after,
                        "terms": approved.map_or(account.terms, |a| a.terms),
                        "credit_limit": approved.map_or(account.credit_limit, |a| a.credit_limit),
                    })),
            )?;
            Ok(after)
        })
    }

    /// Sets the card surcharge percentage (manager only): the settings' door
    /// (`change_settings`) with this one value.
    pub fn set_surcharge_pct(&mut self, pct: Decimal) -> Result<Decimal> {
        self.require_manager(super::Act::ChangeCardSurcharge)?;
        let new = check_surcharge_pct(pct).map_err(|reason| Error::invalid("percent", reason))?;
        self.change_settings(&super::upkeep::SettingsChange {
            values: vec![crate::domain::settings::SettingValue::CardSurchargePct(new)],
            state_cap: None,
        })?;
        Ok(new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::surcharge::DEFAULT_SURCHARGE_PCT;
    use crate::service::dealers::NewDealer;
    use crate::store::Store;

    fn service_with_account() -> (Service, Account) {
        let mut service = Service::with_store(Store::open_in_memory().unwrap(), "mgr").unwrap();
        let account = service
            .register_dealer(&NewDealer { account_no: "D1".into(), name: "Delta".into(), ..Default::default() })
            .unwrap();
        (service, account)
    }

    fn payment<'a>(account: &'a Account, method: PaymentMethod, waiver: Option<&'a str>) -> PaymentForSurcharge<'a> {
        PaymentForSurcharge {
            account,
            payment_ref: "P-9",
            method,
            date: crate::domain::dates::parse_iso("2026-03-02").unwrap(),
            amount: Money::from_cents(48_000),
            waiver_reason: waiver,
        }
    }

    #[test]
    fn a_card_payment_posts_its_surcharge_as_a_fee_on_the_payment_date() {
        let (mut service, account) = service_with_account();
        assert_eq!(store::settings::surcharge_pct(service.store()).unwrap(), DEFAULT_SURCHARGE_PCT);
        let posted = service
            .transact(|tx, op| record_card_surcharge(tx, op, &payment(&account, PaymentMethod::Card, None)))
            .unwrap();
        assert_eq!(posted, Some(("SUR-P-9".to_string(), Money::from_cents(1440))));
        let ledger = store::ledger::load(service.store(), account.clone()).unwrap();
        let posted_charge = ledger.charges.iter().find(|c| c.doc_no == "SUR-P-9").unwrap();
        let (kind, date, due) =
            (posted_charge.kind.as_str().to_string(), posted_charge.date.to_string(), posted_charge.due.to_string());
        assert_eq!((kind.as_str(), date.as_str(), due.as_str()), ("FEE", "2026-03-02", "2026-03-02"));
        let none = service
            .transact(|tx, op| record_card_surcharge(tx, op, &payment(&account, PaymentMethod::Wire, None)))
            .unwrap();
        assert_eq!(none, None);
    }

    #[test]
    fn only_a_manager_waives_the_card_surcharge() {
        let (mut service, account) = service_with_account();
        let clerk = Operator { name: "clerk1".into(), role: Role::Clerk };
        let err = service
            .transact(|tx, _| {
                record_card_surcharge(tx, &clerk, &payment(&account, PaymentMethod::Card, Some("regular")))
            })
            .unwrap_err();
        assert!(err.to_string().contains("only a manager"), "{err}");
        let manager = Operator { name: "mgr".into(), role: Role::Manager };
        assert_eq!(
            service
                .transact(|tx, _| record_card_surcharge(
                    tx,
                    &manager,
                    &payment(&account, PaymentMethod::Card, Some("regular"))
                ))
                .unwrap(),
            None
        );
    }
}

/// What a manager may reveal for a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Identifier {
    /// The SSN or EIN of the account's latest credit application.
    GovId,
    /// The bank reference of that application, account number included.
    BankReference,
}

impl Service {
    /// Shows one identifier unmasked: a manager's act, written to the audit log (which
    /// records that it was revealed, never the value).
    pub fn reveal_identifier(&mut self, account_no: &str, what: Identifier) -> Result<String> {
        self.require_manager(super::Act::RevealIdentifiers)?;
        self.transact(|tx, op| {
            let account = account(tx, account_no)?;
            let what = match what {
                Identifier::GovId => store::credit::Revealable::GovId,
                Identifier::BankReference => store::credit::Revealable::BankReference,
            };
            let column = what.column();
            let value = store::credit::revealed(tx, account.id, what)?
                .ok_or_else(|| Error::NotFound(format!("account {account_no} has no credit application")))?;
            audit(
                tx,
                op,
                &Change::of("reveal", "credit_application")
                    .key(column)
                    .account(&account.account_no)
                    .after(serde_json::json!({ "revealed": column })),
            )?;
            Ok(value)
        })
    }
}
