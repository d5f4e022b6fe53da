//! Credit applications, credit limits and the card surcharge (RULES.md sections 1, 5, 6).
//! A clerk records an application; only a manager approves (terms become `NET30`, the
//! limit is set, approver and date recorded) or declines it with a reason. The
//! government identifier is stored as given and never read back: every read path,
//! message and audit entry carries only its last four digits, masked.

use super::input::{self as input, optional, required};
use super::{audit, Change, Operator, Role, Service};
use crate::domain::credit::{
    charge_needs_confirmation, decide, mask_last4, ApplicationStatus, CreditDecision, GovId, GovIdKind, OverLimit,
};
use crate::domain::surcharge::{card_surcharge, parse_surcharge_pct, DEFAULT_SURCHARGE_PCT, SURCHARGE_SETTING};
use crate::domain::{ChargeKind, Money, PaymentMethod};
use crate::error::{Error, Result};
use crate::store::Account;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

/// A credit application as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewCreditApplication {
    pub account_no: String,
    pub applied_on: String,
    pub requested_limit: String,
    /// At least one; blank entries are dropped.
    pub trade_references: Vec<String>,
    pub bank_reference: String,
    /// SSN or EIN. Never echoed back: every message names the field, not the value.
    pub gov_id: String,
}

/// A credit application as every read path shows it: the identifier masked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CreditApplication {
    pub id: i64,
    pub account_no: String,
    pub applied_on: NaiveDate,
    pub requested_limit: Money,
    pub trade_references: Vec<String>,
    pub bank_reference: String,
    pub gov_id_kind: GovIdKind,
    /// `*****6789`
    pub gov_id: String,
    pub status: ApplicationStatus,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
    pub approved_limit: Option<Money>,
    pub decline_reason: Option<String>,
    pub recorded_by: String,
}

/// The columns every read of `credit_applications` uses: `gov_id` itself is never among them.
const APPLICATION_COLUMNS: &str = "c.id, a.account_no, c.applied_on, c.requested_limit_cents, c.trade_references,
    c.bank_reference, c.gov_id_kind, c.gov_id_last4, c.status, c.decided_by, c.decided_on, c.approved_limit_cents,
    c.decline_reason, c.recorded_by";

fn application_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CreditApplication> {
    let refs: String = r.get(4)?;
    let kind: String = r.get(6)?;
    let last4: String = r.get(7)?;
    let status: String = r.get(8)?;
    let decided_on: Option<String> = r.get(10)?;
    Ok(CreditApplication {
        id: r.get(0)?,
        account_no: r.get(1)?,
        applied_on: crate::store::date_at(r, 2)?,
        requested_limit: Money::from_cents(r.get(3)?),
        trade_references: serde_json::from_str(&refs).unwrap_or_else(|_| vec![refs.clone()]),
        // A bank reference often carries an account number: shown masked, like identifiers.
        bank_reference: crate::domain::privacy::mask_digit_runs(&r.get::<_, String>(5)?),
        gov_id_kind: kind.parse().unwrap_or(GovIdKind::Tin),
        gov_id: mask_last4(&last4),
        status: status.parse().unwrap_or(ApplicationStatus::Pending),
        decided_by: r.get(9)?,
        decided_on: decided_on.and_then(|d| crate::domain::dates::parse_iso(&d)),
        approved_limit: r.get::<_, Option<i64>>(11)?.map(Money::from_cents),
        decline_reason: r.get(12)?,
        recorded_by: r.get(13)?,
    })
}

/// The newest application of an account.
pub fn latest_application(conn: &Connection, account_id: i64) -> Result<Option<CreditApplication>> {
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS} FROM credit_applications c JOIN accounts a ON a.id = c.account_id
         WHERE c.account_id = ?1 ORDER BY c.id DESC LIMIT 1"
    );
    Ok(conn.query_row(&sql, [account_id], application_from_row).optional()?)
}

/// Applications, newest first within each account; `status` filters.
pub fn credit_applications(
    conn: &Connection,
    account_no: Option<&str>,
    status: Option<ApplicationStatus>,
) -> Result<Vec<CreditApplication>> {
    let sql = format!(
        "SELECT {APPLICATION_COLUMNS} FROM credit_applications c JOIN accounts a ON a.id = c.account_id
         WHERE (?1 IS NULL OR a.account_no = ?1) AND (?2 IS NULL OR c.status = ?2)
         ORDER BY a.account_no, c.id DESC"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![account_no, status.map(|s| s.as_str())], application_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn pending_application(conn: &Connection, account: &Account) -> Result<CreditApplication> {
    credit_applications(conn, Some(&account.account_no), Some(ApplicationStatus::Pending))?
        .into_iter()
        .next()
        .ok_or_else(|| {
            Error::invalid("account", format!("account {} has no pending credit application", account.account_no))
        })
}

/// Whether a new charge of `amount` would take the account over its credit limit as of
/// `as_of`: the console asks for confirmation when this is `Some`.
pub fn credit_check(conn: &Connection, account_no: &str, amount: Money, as_of: NaiveDate) -> Result<Option<OverLimit>> {
    let account = input::account(conn, account_no)?;
    let balance = input::balance(conn, &account, as_of)?;
    Ok(charge_needs_confirmation(account.terms, account.credit_limit, balance, amount))
}

/// The card surcharge percentage from the settings (3.00 when unset).
pub fn surcharge_pct(conn: &Connection) -> Result<Decimal> {
    let v: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [SURCHARGE_SETTING], |r| r.get(0)).optional()?;
    match v {
        None => Ok(DEFAULT_SURCHARGE_PCT),
        Some(v) => Decimal::from_str(&v)
            .map_err(|_| Error::Incompatible(format!("setting {SURCHARGE_SETTING} holds {v:?}, not a percentage"))),
    }
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

/// `SUR-<payment_ref>`: the surcharge document of a card payment (as the payment form names it).
pub fn surcharge_doc_no(payment_ref: &str) -> String {
    format!("SUR-{payment_ref}")
}

/// Posts the surcharge of a payment being recorded in `tx`: a `FEE` `SUR-<ref>` of the
/// configured percentage, on the payment's date. Nothing for other methods or a zero
/// surcharge. A waiver (with its reason) is a manager's, and posts nothing. Returns the
/// posted (document, amount) for the caller's audit entry, which covers the whole payment.
pub fn record_card_surcharge(
    tx: &Connection,
    operator: &Operator,
    p: &PaymentForSurcharge<'_>,
) -> Result<Option<(String, Money)>> {
    let PaymentForSurcharge { account, payment_ref, method, date, amount, waiver_reason } = *p;
    let fee = card_surcharge(method, amount, surcharge_pct(tx)?);
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
    let pct = surcharge_pct(tx)?;
    input::insert_charge(tx, account, &doc, ChargeKind::Fee, date, fee, Some(&format!("card surcharge {pct}%")))?;
    Ok(Some((doc, fee)))
}

impl Service {
    /// Records a credit application (any operator). One pending application per account.
    pub fn apply_for_credit(&mut self, a: &NewCreditApplication) -> Result<CreditApplication> {
        self.transact(|tx, op| {
            let account = input::account(tx, &a.account_no)?;
            if account.status == crate::domain::AccountStatus::Closed {
                return Err(Error::Refused(format!("account {} is closed", account.account_no)));
            }
            let applied_on = input::date("date", &a.applied_on)?;
            let requested = input::positive_amount("requested_limit", &a.requested_limit)?;
            let refs: Vec<&str> = a.trade_references.iter().filter_map(|r| optional(r)).collect();
            if refs.is_empty() {
                return Err(Error::invalid("trade_reference", "at least one trade reference is required"));
            }
            let bank = required("bank_reference", &a.bank_reference)?;
            let gov_id = GovId::parse(&a.gov_id).map_err(|reason| Error::invalid("gov_id", reason))?;
            if !credit_applications(tx, Some(&account.account_no), Some(ApplicationStatus::Pending))?.is_empty() {
                return Err(Error::invalid(
                    "account",
                    format!("account {} already has a pending credit application", account.account_no),
                ));
            }
            tx.execute(
                "INSERT INTO credit_applications (account_id, applied_on, requested_limit_cents, trade_references,
                     bank_reference, gov_id, gov_id_kind, gov_id_last4, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    account.id,
                    applied_on.to_string(),
                    requested.cents(),
                    serde_json::to_string(&refs).unwrap_or_default(),
                    bank,
                    gov_id.as_given(),
                    gov_id.kind().as_str(),
                    gov_id.last4(),
                    op.name
                ],
            )?;
            let saved = latest_application(tx, account.id)?
                .ok_or_else(|| Error::NotFound("the application just recorded".into()))?;
            audit(
                tx,
                op,
                &Change {
                    action: "apply",
                    entity: "credit_application",
                    entity_key: Some(&saved.id.to_string()),
                    account_no: Some(&account.account_no),
                    before: None,
                    after: Some(serde_json::to_value(&saved).unwrap_or_default()),
                },
            )?;
            Ok(saved)
        })
    }

    /// Approves the account's pending application (manager only): terms `NET30`, the
    /// limit (blank = the requested one), approver and date recorded.
    pub fn approve_credit(&mut self, account_no: &str, limit: &str, decided_on: &str) -> Result<CreditApplication> {
        self.require_manager(super::Act::ApproveCredit)?;
        self.decide_credit(account_no, decided_on, |app| {
            let limit = match optional(limit) {
                Some(l) => input::positive_amount("limit", l)?,
                None => app.requested_limit,
            };
            Ok(CreditDecision::Approve { limit })
        })
    }

    /// Declines the account's pending application with a reason (manager only).
    pub fn decline_credit(&mut self, account_no: &str, reason: &str, decided_on: &str) -> Result<CreditApplication> {
        self.require_manager(super::Act::DeclineCredit)?;
        self.decide_credit(account_no, decided_on, |_| {
            Ok(CreditDecision::Decline { reason: reason.trim().to_string() })
        })
    }

    fn decide_credit(
        &mut self,
        account_no: &str,
        decided_on: &str,
        decision: impl FnOnce(&CreditApplication) -> Result<CreditDecision>,
    ) -> Result<CreditApplication> {
        self.transact(|tx, op| {
            let account = input::account(tx, account_no)?;
            let app = pending_application(tx, &account)?;
            let on = input::date("date", decided_on)?;
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
                    tx.execute(
                        "UPDATE credit_applications SET status = 'APPROVED', decided_by = ?1, decided_on = ?2,
                             approved_limit_cents = ?3 WHERE id = ?4",
                        params![op.name, on.to_string(), a.credit_limit.cents(), app.id],
                    )?;
                    tx.execute(
                        "UPDATE accounts SET terms = ?1, credit_limit_cents = ?2 WHERE id = ?3",
                        params![a.terms.as_str(), a.credit_limit.cents(), account.id],
                    )?;
                }
                (CreditDecision::Decline { reason }, None) => {
                    tx.execute(
                        "UPDATE credit_applications SET status = 'DECLINED', decided_by = ?1, decided_on = ?2,
                             decline_reason = ?3 WHERE id = ?4",
                        params![op.name, on.to_string(), reason, app.id],
                    )?;
                }
                (CreditDecision::Approve { .. }, None) => unreachable!("an approval yields terms"),
            }
            let after = latest_application(tx, account.id)?.ok_or_else(|| Error::NotFound("the application".into()))?;
            audit(
                tx,
                op,
                &Change {
                    action: if approved.is_some() { "approve" } else { "decline" },
                    entity: "credit_application",
                    entity_key: Some(&app.id.to_string()),
                    account_no: Some(&account.account_no),
                    before: Some(
                        json!({"application": app, "terms": account.terms, "credit_limit": account.credit_limit}),
                    ),
                    after: Some(json!({
                        "application": after,
                        "terms": approved.map_or(account.terms, |a| a.terms),
                        "credit_limit": approved.map_or(account.credit_limit, |a| a.credit_limit),
                    })),
                },
            )?;
            Ok(after)
        })
    }

    /// Sets the card surcharge percentage (manager only).
    pub fn set_surcharge_pct(&mut self, pct: &str) -> Result<Decimal> {
        self.require_manager(super::Act::ChangeCardSurcharge)?;
        let new = parse_surcharge_pct(pct).map_err(|reason| Error::invalid("percent", reason))?;
        self.transact(|tx, op| {
            let old = surcharge_pct(tx)?;
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![SURCHARGE_SETTING, new.to_string()],
            )?;
            audit(
                tx,
                op,
                &Change {
                    action: "set",
                    entity: "setting",
                    entity_key: Some(SURCHARGE_SETTING),
                    account_no: None,
                    before: Some(json!({"card_surcharge_pct": old.to_string()})),
                    after: Some(json!({"card_surcharge_pct": new.to_string()})),
                },
            )?;
            Ok(new)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(surcharge_pct(service.store().conn()).unwrap(), DEFAULT_SURCHARGE_PCT);
        let posted = service
            .transact(|tx, op| record_card_surcharge(tx, op, &payment(&account, PaymentMethod::Card, None)))
            .unwrap();
        assert_eq!(posted, Some(("SUR-P-9".to_string(), Money::from_cents(1440))));
        let (kind, date, due): (String, String, String) = service
            .store()
            .conn()
            .query_row("SELECT kind, date, due_date FROM charges WHERE doc_no = 'SUR-P-9'", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .unwrap();
        assert_eq!((kind.as_str(), date.as_str(), due.as_str()), ("FEE", "2026-03-02", "2026-03-02"));
        let none = service
            .transact(|tx, op| record_card_surcharge(tx, op, &payment(&account, PaymentMethod::Wire, None)))
            .unwrap();
        assert_eq!(none, None);
    }

    #[test]
    fn only_a_manager_waives_the_card_surcharge() {
        let (service, account) = service_with_account();
        let conn = service.store().conn();
        let clerk = Operator { name: "clerk1".into(), role: Role::Clerk };
        let err =
            record_card_surcharge(conn, &clerk, &payment(&account, PaymentMethod::Card, Some("regular"))).unwrap_err();
        assert!(err.to_string().contains("only a manager"), "{err}");
        let manager = Operator { name: "mgr".into(), role: Role::Manager };
        assert_eq!(
            record_card_surcharge(conn, &manager, &payment(&account, PaymentMethod::Card, Some("regular"))).unwrap(),
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
            let account = input::account(tx, account_no)?;
            let column = match what {
                Identifier::GovId => "gov_id",
                Identifier::BankReference => "bank_reference",
            };
            let value: Option<String> = tx
                .query_row(
                    &format!("SELECT {column} FROM credit_applications WHERE account_id = ?1 ORDER BY id DESC LIMIT 1"),
                    [account.id],
                    |r| r.get(0),
                )
                .optional()?;
            let value =
                value.ok_or_else(|| Error::NotFound(format!("account {account_no} has no credit application")))?;
            audit(
                tx,
                op,
                &Change {
                    action: "reveal",
                    entity: "credit_application",
                    entity_key: Some(column),
                    account_no: Some(&account.account_no),
                    before: None,
                    after: Some(serde_json::json!({ "revealed": column })),
                },
            )?;
            Ok(value)
        })
    }
}
