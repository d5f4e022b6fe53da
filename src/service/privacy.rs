//! Privacy requests (RULES.md section 5): access, correction, deletion, marketing
//! opt-out; the contact list that honours the opt-out; retention.

use super::{audit, Change, Service};
use crate::domain::dates::parse_iso;
use crate::domain::privacy::{self, Contact, PrivacyRequest, RequestKind, RequestStatus};
use crate::error::{Error, Result};
use crate::store::{self, Store, Tx};
use chrono::NaiveDate;
use serde_json::json;

/// Account fields that hold personal information: erased on deletion, never written
/// to the audit log.
pub const PERSONAL_ACCOUNT_FIELDS: [&str; 5] = ["name", "contact_name", "phone", "email", "address"];
/// Fields a correction request may change.
pub const CORRECTABLE_FIELDS: [&str; 6] = store::privacy::CORRECTABLE_COLUMNS;

/// What an operator records when a request arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub account_no: String,
    pub requester: String,
    pub agent: Option<String>,
    pub received_on: NaiveDate,
    /// For a correction: `field=value` pairs separated by `;`.
    pub details: Option<String>,
}

/// What completing a request did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Completion {
    pub request: i64,
    pub kind: RequestKind,
    pub outcome: serde_json::Value,
    /// For an access request: the export of everything held.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub export: Option<serde_json::Value>,
}

fn setting_days(store: &Store, key: &str, default: u64) -> Result<u64> {
    Ok(store::settings::get(store, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
}

/// Parses `field=value; field=value` against the correctable fields.
pub fn parse_corrections(details: &str) -> Result<Vec<(&'static str, String)>> {
    details
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (field, value) = pair
                .split_once('=')
                .ok_or_else(|| Error::invalid("details", format!("{pair:?} is not field=value")))?;
            let field = CORRECTABLE_FIELDS.into_iter().find(|f| *f == field.trim()).ok_or_else(|| {
                Error::invalid(
                    "details",
                    format!("{:?} cannot be corrected (one of {})", field.trim(), CORRECTABLE_FIELDS.join(", ")),
                )
            })?;
            Ok((field, value.trim().to_string()))
        })
        .collect()
}

impl Service {
    pub fn privacy_requests(&self) -> Result<Vec<PrivacyRequest>> {
        store::privacy::requests(self.store())
    }

    pub fn privacy_request(&self, id: i64) -> Result<PrivacyRequest> {
        load_request(self.store(), id)
    }

    /// Records a request; its due date is receipt + the configured days (default 30).
    pub fn open_privacy_request(&mut self, new: &NewRequest) -> Result<i64> {
        if new.requester.trim().is_empty() {
            return Err(Error::invalid("requester", "who made the request is required"));
        }
        if new.kind == RequestKind::Correction {
            parse_corrections(new.details.as_deref().unwrap_or(""))?
                .first()
                .ok_or_else(|| Error::invalid("details", "a correction says what to change: field=value"))?;
        }
        self.transact(|tx, op| {
            let account = store::accounts::by_no(tx, &new.account_no)?
                .ok_or_else(|| Error::invalid("account", format!("unknown account {:?}", new.account_no)))?;
            let days = setting_days(tx, "privacy_response_days", privacy::DEFAULT_RESPONSE_DAYS)?;
            let due = privacy::request_due(new.received_on, days);
            let id = store::privacy::insert(
                tx,
                &store::privacy::NewRequest {
                    kind: new.kind,
                    account_id: account.id,
                    requester: new.requester.trim(),
                    agent: new.agent.as_deref().map(str::trim).filter(|a| !a.is_empty()),
                    received_on: new.received_on,
                    due_on: due,
                    details: new.details.as_deref(),
                    recorded_by: &op.name,
                },
            )?;
            audit(
                tx,
                op,
                &Change::of("open", "privacy_request").key(&id.to_string()).account(&account.account_no).after(
                    json!({ "kind": new.kind, "received_on": new.received_on, "due_on": due, "status": "OPEN" }),
                ),
            )?;
            Ok(id)
        })
    }

    /// Records how the requester's identity was verified.
    pub fn verify_privacy_request(&mut self, id: i64, how: &str, on: NaiveDate) -> Result<()> {
        if how.trim().is_empty() {
            return Err(Error::invalid("how", "say how the identity was verified"));
        }
        self.update_request(id, "verify", |tx, op, r| {
            if r.status != RequestStatus::Open {
                return Err(Error::invalid("status", format!("request {id} is {}, not OPEN", r.status)));
            }
            store::privacy::verify(tx, id, how.trim(), &op.name, on)?;
            Ok(json!({ "status": "VERIFIED", "verified_by": op.name, "verified_on": on }))
        })
        .map(drop)
    }

    /// Moves the due date, at most three months from receipt, with a reason.
    pub fn extend_privacy_request(&mut self, id: i64, to: NaiveDate, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "an extension needs a reason"));
        }
        self.update_request(id, "extend", |tx, _, r| {
            if r.status.is_closed() {
                return Err(Error::invalid("status", format!("request {id} is already {}", r.status)));
            }
            privacy::check_extension(r.received_on, to, r.due_on).map_err(|e| Error::invalid("to", e))?;
            store::privacy::extend(tx, id, to, reason.trim())?;
            Ok(json!({ "due_on": to, "extension_reason": reason.trim() }))
        })
        .map(drop)
    }

    pub fn reject_privacy_request(&mut self, id: i64, reason: &str, on: NaiveDate) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Error::invalid("reason", "a rejection needs a reason"));
        }
        self.update_request(id, "reject", |tx, _, r| {
            if r.status.is_closed() {
                return Err(Error::invalid("status", format!("request {id} is already {}", r.status)));
            }
            store::privacy::reject(tx, id, reason.trim(), on)?;
            Ok(json!({ "status": "REJECTED", "outcome": reason.trim() }))
        })
        .map(drop)
    }

    /// Carries a verified request out: an access request exports everything held, a
    /// correction changes the fields named, a deletion erases personal fields (manager
    /// only) and keeps the financial records, an opt-out sets the flag.
    pub fn complete_privacy_request(&mut self, id: i64, on: NaiveDate) -> Result<Completion> {
        let request = self.privacy_request(id)?;
        if request.kind == RequestKind::Deletion {
            self.require_manager(super::Act::ErasePersonalData)?;
        }
        if request.status != RequestStatus::Verified {
            return Err(Error::invalid(
                "status",
                format!("request {id} is {}; verify the requester's identity before completing it", request.status),
            ));
        }
        let export = match request.kind {
            RequestKind::Access => Some(self.access_export(&request.account_no, on)?),
            _ => None,
        };
        let kind = request.kind;
        let outcome = self.update_request(id, "complete", |tx, _, r| {
            let account_id = store::privacy::account_of_request(tx, id)?;
            let outcome = match kind {
                RequestKind::Access => json!({ "exported": "every record held about the account, identifiers masked" }),
                RequestKind::OptOutMarketing => {
                    store::privacy::set_marketing_opt_out(tx, account_id)?;
                    json!({ "marketing_opt_out": true, "honoured_by": "every contact export" })
                }
                RequestKind::Correction => {
                    let changes = parse_corrections(r.details.as_deref().unwrap_or(""))?;
                    for (field, value) in &changes {
                        store::privacy::correct(tx, account_id, field, value)?;
                    }
                    json!({ "corrected": changes.iter().map(|(f, _)| *f).collect::<Vec<_>>() })
                }
                RequestKind::Deletion => erase_account(tx, account_id, on)?,
            };
            store::privacy::complete(tx, id, &outcome.to_string(), on)?;
            Ok(json!({ "status": "COMPLETED", "outcome": outcome }))
        })?;
        if kind == RequestKind::Deletion {
            // Freed pages must not keep what was erased: rebuild the file, empty the WAL.
            store::privacy::purge_freed_pages(self.store())?;
        }
        Ok(Completion { request: id, kind, outcome: outcome["outcome"].clone(), export })
    }

    fn update_request(
        &mut self,
        id: i64,
        action: &str,
        work: impl FnOnce(&Tx<'_>, &super::Operator, &PrivacyRequest) -> Result<serde_json::Value>,
    ) -> Result<serde_json::Value> {
        self.transact(|tx, op| {
            let before = load_request(tx, id)?;
            let after = work(tx, op, &before)?;
            audit(
                tx,
                op,
                &Change {
                    action,
                    entity: "privacy_request",
                    entity_key: Some(&id.to_string()),
                    account_no: Some(&before.account_no),
                    before: Some(json!({ "status": before.status, "due_on": before.due_on })),
                    after: Some(after.clone()),
                },
            )?;
            Ok(after)
        })
    }

    /// Everything held about an account, machine-readable; identifiers masked: every
    /// table that refers to the account has its part here (a test keeps it so).
    pub fn access_export(&self, account_no: &str, as_of: NaiveDate) -> Result<serde_json::Value> {
        let store = self.store();
        let account = store::accounts::by_no(store, account_no)?
            .ok_or_else(|| Error::NotFound(format!("unknown account {account_no:?}")))?;
        let contact = store::privacy::contact(store, account.id)?;
        let contact = json!({
            "contact_name": contact.contact_name,
            "phone": contact.phone,
            "email": contact.email,
            "address": contact.address,
        });
        let (data, position) = crate::read::account_position(store, &account, as_of)?;
        let payments: Vec<_> = data
            .payments
            .iter()
            .map(|p| json!({ "payment_ref": p.reference, "date": p.date, "method": p.method, "amount": p.amount, "apply_to": p.apply_to }))
            .collect();
        let returns: Vec<_> = data
            .returns
            .iter()
            .map(|r| json!({ "payment_ref": r.payment_ref, "returned_date": r.returned_date, "fee": r.fee, "fee_waived": r.fee_waived }))
            .collect();
        // Void documents count nowhere, but they are held: the export says so.
        let void_charges: Vec<_> = store::ledger::voided_charges(store, account.id)?
            .into_iter()
            .map(|(c, v)| json!({ "doc_no": c.doc_no, "kind": c.kind, "date": c.date, "amount": c.amount, "void": v }))
            .collect();
        let void_payments: Vec<_> = store::ledger::voided_payments(store, account.id)?
            .into_iter()
            .map(|(p, v)| json!({ "payment_ref": p.reference, "date": p.date, "method": p.method, "amount": p.amount, "void": v }))
            .collect();
        let requests: Vec<_> = self.privacy_requests()?.into_iter().filter(|r| r.account_no == account_no).collect();
        let audit = crate::read::audit_trail(store, Some(account_no), None)?;
        let opted_out = store::privacy::marketing_opt_out(store, account.id)?;
        let mine = |no: &str| no == account_no;
        let tickets: Vec<_> = store::tickets::all(store)?.into_iter().filter(|t| mine(&t.account_no)).collect();
        let claims: Vec<_> = store::claims::list(store, false)?.into_iter().filter(|c| mine(&c.account_no)).collect();
        let nonstock: Vec<_> =
            store::nonstock::list(store, as_of)?.into_iter().filter(|n| mine(&n.account_no)).collect();
        Ok(json!({
            "exported_on": as_of,
            "account": account,
            "contact": contact,
            "marketing_opt_out": opted_out,
            "balance_as_of_export": position.balance(),
            "charges": position.charges,
            "payments": payments,
            "returned_checks": returns,
            "void_documents": { "charges": void_charges, "payments": void_payments },
            "privacy_requests": requests,
            "credit_applications": store::credit::list(store, Some(account_no), None)?,
            "verifications": store::dealers::verifications(store, account.id)?,
            "tax_exemption": store::exemptions::of_account(store, account.id)?,
            "repair_tickets": tickets,
            "rmas": store::rmas::list(store, Some(account_no), None)?,
            "claims": claims,
            "nonstock_items": nonstock,
            "agency_placements": store::placements::of_account(store, account.id)?,
            "dunning_letters": store::dunning::list(store, Some(account_no), as_of)?,
            "disputes": store::disputes::of_account(store, account.id)?,
            "notes": store::notes::of_account(store, account.id, as_of)?,
            "promises": crate::read::collections::promises(store, Some(account_no), as_of)?,
            "hold_overrides": store::holds::list(store, Some(account_no))?,
            "audit_trail": audit,
        }))
    }

    /// The contact list for marketing: accounts that opted out, or were erased, are left out.
    pub fn marketing_contacts(&self) -> Result<Vec<Contact>> {
        store::privacy::marketing_contacts(self.store())
    }

    /// Closed accounts whose personal data has outlived the retention period
    /// (`retention_years` setting, default 7) and is still held: listed for destruction.
    pub fn retention_due(&self, as_of: NaiveDate) -> Result<Vec<(String, NaiveDate)>> {
        let store = self.store();
        let years = setting_days(store, "retention_years", 7)?;
        let cutoff = as_of.checked_sub_months(chrono::Months::new((years * 12) as u32)).unwrap_or(NaiveDate::MIN);
        Ok(store::privacy::closed_not_erased(store, cutoff)?
            .into_iter()
            .map(|c| (c.account_no, parse_iso(&c.closed_on).unwrap_or(NaiveDate::MIN)))
            .collect())
    }
}

fn load_request(store: &Store, id: i64) -> Result<PrivacyRequest> {
    store::privacy::request(store, id)?.ok_or_else(|| Error::NotFound(format!("no privacy request {id}")))
}

/// Erases an account's personal fields and the names on its privacy requests; keeps
/// every financial record. Returns the outcome: what was erased, what was kept and why.
fn erase_account(tx: &Tx<'_>, account_id: i64, on: NaiveDate) -> Result<serde_json::Value> {
    store::privacy::erase(tx, account_id, on)?;
    Ok(json!({
        "erased": ["name", "contact_name", "phone", "email", "address",
                   "government identifier, bank reference and trade references of its credit applications",
                   "notes of its verification phone screens",
                   "requester and agent names on its privacy requests", "how identity was verified",
                   "the details of its privacy requests (the values a correction set)",
                   "the text of its notes (what was said on a call names people)"],
        "kept": [
            { "what": "credit decisions (status, approved limit, who decided and when)",
              "why": "they record a money decision and carry no personal information once the identifiers are gone" },
            { "what": "account number, state, status, terms, credit limit, rate cap",
              "why": "they carry no personal information and keep the ledger whole" },
            { "what": "charges, payments, returned checks and their amounts and dates",
              "why": "financial records must be kept for their own legal retention period (tax and accounting law); the ledger still balances to the cent" },
            { "what": "the audit log",
              "why": "append-only accountability record required for money decisions; it never holds personal field values" },
            { "what": "the privacy requests themselves (kind, dates, outcome)",
              "why": "proof that the request was honoured" }
        ]
    }))
}
