//! Privacy requests (RULES.md section 5): access, correction, deletion, marketing
//! opt-out; the contact list that honours the opt-out; retention.

use super::{audit, Change, Service};
use crate::domain::dates::parse_iso;
use crate::domain::privacy::{self, RequestKind, RequestStatus, Urgency};
use crate::error::{Error, Result};
use crate::store;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Transaction};
use serde_json::json;

/// Account fields that hold personal information: erased on deletion, never written
/// to the audit log.
pub const PERSONAL_ACCOUNT_FIELDS: [&str; 5] = ["name", "contact_name", "phone", "email", "address"];
/// Fields a correction request may change.
pub const CORRECTABLE_FIELDS: [&str; 6] = ["name", "contact_name", "phone", "email", "address", "state"];

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrivacyRequest {
    pub id: i64,
    pub kind: RequestKind,
    pub account_no: String,
    pub requester: String,
    pub agent: Option<String>,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub verified_how: Option<String>,
    pub verified_by: Option<String>,
    pub verified_on: Option<String>,
    pub extension_reason: Option<String>,
    pub status: RequestStatus,
    pub details: Option<String>,
    pub outcome: Option<String>,
    pub closed_on: Option<String>,
    pub recorded_by: String,
}

impl PrivacyRequest {
    pub fn urgency(&self, as_of: NaiveDate) -> Urgency {
        privacy::urgency(self.status, self.due_on, as_of)
    }
}

/// What an operator records when a request arrives.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub kind: RequestKind,
    pub account_no: String,
    pub requester: String,
    pub agent: Option<String>,
    pub received_on: NaiveDate,
    /// For a correction: `field=value` pairs separated by `;`.
    pub details: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub account_no: String,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
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

const REQUEST_COLUMNS: &str =
    "r.id, r.kind, a.account_no, r.requester, r.agent, r.received_on, r.due_on, r.verified_how,
     r.verified_by, r.verified_on, r.extension_reason, r.status, r.details, r.outcome, r.closed_on, r.recorded_by";

fn request_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PrivacyRequest> {
    let text = |i: usize| r.get::<_, String>(i);
    let bad = |i: usize, v: String| {
        rusqlite::Error::InvalidColumnType(i, format!("unexpected {v:?}"), rusqlite::types::Type::Text)
    };
    Ok(PrivacyRequest {
        id: r.get(0)?,
        kind: text(1)?.parse().map_err(|_| bad(1, text(1).unwrap_or_default()))?,
        account_no: text(2)?,
        requester: text(3)?,
        agent: r.get(4)?,
        received_on: store::date_at(r, 5)?,
        due_on: store::date_at(r, 6)?,
        verified_how: r.get(7)?,
        verified_by: r.get(8)?,
        verified_on: r.get(9)?,
        extension_reason: r.get(10)?,
        status: text(11)?.parse().map_err(|_| bad(11, text(11).unwrap_or_default()))?,
        details: r.get(12)?,
        outcome: r.get(13)?,
        closed_on: r.get(14)?,
        recorded_by: text(15)?,
    })
}

/// Every request, open ones first by due date.
pub fn requests(conn: &rusqlite::Connection) -> Result<Vec<PrivacyRequest>> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM privacy_requests r JOIN accounts a ON a.id = r.account_id
         ORDER BY r.status IN ('COMPLETED', 'REJECTED'), r.due_on, r.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], request_from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn setting(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

fn setting_days(conn: &rusqlite::Connection, key: &str, default: u64) -> Result<u64> {
    Ok(setting(conn, key)?.and_then(|v| v.parse().ok()).unwrap_or(default))
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
        requests(self.store().conn())
    }

    pub fn privacy_request(&self, id: i64) -> Result<PrivacyRequest> {
        load_request(self.store().conn(), id)
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
            let account = store::account_by_no(tx, &new.account_no)?
                .ok_or_else(|| Error::invalid("account", format!("unknown account {:?}", new.account_no)))?;
            let days = setting_days(tx, "privacy_response_days", privacy::DEFAULT_RESPONSE_DAYS)?;
            let due = privacy::request_due(new.received_on, days);
            tx.execute(
                "INSERT INTO privacy_requests (kind, account_id, requester, agent, received_on, due_on, details, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new.kind.as_str(),
                    account.id,
                    new.requester.trim(),
                    new.agent.as_deref().map(str::trim).filter(|a| !a.is_empty()),
                    new.received_on.to_string(),
                    due.to_string(),
                    new.details,
                    op.name
                ],
            )?;
            let id = tx.last_insert_rowid();
            audit(tx, op, &Change {
                action: "open",
                entity: "privacy_request",
                entity_key: Some(&id.to_string()),
                account_no: Some(&account.account_no),
                before: None,
                after: Some(json!({ "kind": new.kind, "received_on": new.received_on, "due_on": due, "status": "OPEN" })),
            })?;
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
            tx.execute(
                "UPDATE privacy_requests SET status = 'VERIFIED', verified_how = ?2, verified_by = ?3, verified_on = ?4 WHERE id = ?1",
                params![id, how.trim(), op.name, on.to_string()],
            )?;
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
            tx.execute(
                "UPDATE privacy_requests SET due_on = ?2, extension_reason = ?3 WHERE id = ?1",
                params![id, to.to_string(), reason.trim()],
            )?;
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
            tx.execute(
                "UPDATE privacy_requests SET status = 'REJECTED', outcome = ?2, closed_on = ?3 WHERE id = ?1",
                params![id, reason.trim(), on.to_string()],
            )?;
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
            let account_id: i64 =
                tx.query_row("SELECT account_id FROM privacy_requests WHERE id = ?1", [id], |x| x.get(0))?;
            let outcome = match kind {
                RequestKind::Access => json!({ "exported": "every record held about the account, identifiers masked" }),
                RequestKind::OptOutMarketing => {
                    tx.execute("UPDATE accounts SET marketing_opt_out = 1 WHERE id = ?1", [account_id])?;
                    json!({ "marketing_opt_out": true, "honoured_by": "every contact export" })
                }
                RequestKind::Correction => {
                    let changes = parse_corrections(r.details.as_deref().unwrap_or(""))?;
                    for (field, value) in &changes {
                        // `field` comes from CORRECTABLE_FIELDS, never from the request text.
                        tx.execute(
                            &format!("UPDATE accounts SET {field} = ?2 WHERE id = ?1"),
                            params![account_id, value],
                        )?;
                    }
                    json!({ "corrected": changes.iter().map(|(f, _)| *f).collect::<Vec<_>>() })
                }
                RequestKind::Deletion => erase_account(tx, account_id, on)?,
            };
            tx.execute(
                "UPDATE privacy_requests SET status = 'COMPLETED', outcome = ?2, closed_on = ?3 WHERE id = ?1",
                params![id, outcome.to_string(), on.to_string()],
            )?;
            Ok(json!({ "status": "COMPLETED", "outcome": outcome }))
        })?;
        if kind == RequestKind::Deletion {
            // Freed pages must not keep what was erased: rebuild the file, empty the WAL.
            let conn = self.store().conn();
            conn.execute_batch("VACUUM;")?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        Ok(Completion { request: id, kind, outcome: outcome["outcome"].clone(), export })
    }

    fn update_request(
        &mut self,
        id: i64,
        action: &str,
        work: impl FnOnce(&Transaction<'_>, &super::Operator, &PrivacyRequest) -> Result<serde_json::Value>,
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

    /// Everything held about an account, machine-readable; identifiers masked.
    pub fn access_export(&self, account_no: &str, as_of: NaiveDate) -> Result<serde_json::Value> {
        let conn = self.store().conn();
        let account = store::account_by_no(conn, account_no)?
            .ok_or_else(|| Error::NotFound(format!("unknown account {account_no:?}")))?;
        let contact = contact_of(conn, account.id)?;
        let (data, position) = crate::report::account_position(conn, &account, as_of)?;
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
        let requests: Vec<_> = self.privacy_requests()?.into_iter().filter(|r| r.account_no == account_no).collect();
        let audit = crate::report::audit_trail(conn, Some(account_no), None)?;
        let opted_out: bool =
            conn.query_row("SELECT marketing_opt_out FROM accounts WHERE id = ?1", [account.id], |r| r.get(0))?;
        Ok(json!({
            "exported_on": as_of,
            "account": account,
            "contact": contact,
            "marketing_opt_out": opted_out,
            "balance_as_of_export": position.balance(),
            "charges": position.charges,
            "payments": payments,
            "returned_checks": returns,
            "privacy_requests": requests,
            "audit_trail": audit,
        }))
    }

    /// The contact list for marketing: accounts that opted out, or were erased, are left out.
    pub fn marketing_contacts(&self) -> Result<Vec<Contact>> {
        let mut stmt = self.store().conn().prepare(
            "SELECT account_no, name, contact_name, phone, email, address FROM accounts
             WHERE marketing_opt_out = 0 AND erased_on IS NULL AND status <> 'CLOSED' ORDER BY account_no",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Contact {
                account_no: r.get(0)?,
                name: r.get(1)?,
                contact_name: r.get(2)?,
                phone: r.get(3)?,
                email: r.get(4)?,
                address: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Closed accounts whose personal data has outlived the retention period
    /// (`retention_years` setting, default 7) and is still held: listed for destruction.
    pub fn retention_due(&self, as_of: NaiveDate) -> Result<Vec<(String, NaiveDate)>> {
        let conn = self.store().conn();
        let years = setting_days(conn, "retention_years", 7)?;
        let cutoff = as_of.checked_sub_months(chrono::Months::new((years * 12) as u32)).unwrap_or(NaiveDate::MIN);
        let mut stmt = conn.prepare(
            "SELECT account_no, closed_on FROM accounts
             WHERE status = 'CLOSED' AND erased_on IS NULL AND closed_on IS NOT NULL AND closed_on <= ?1
             ORDER BY closed_on, account_no",
        )?;
        let rows = stmt.query_map([cutoff.to_string()], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (no, closed) = row?;
            out.push((no, parse_iso(&closed).unwrap_or(NaiveDate::MIN)));
        }
        Ok(out)
    }
}

fn contact_of(conn: &rusqlite::Connection, account_id: i64) -> Result<serde_json::Value> {
    Ok(conn.query_row("SELECT contact_name, phone, email, address FROM accounts WHERE id = ?1", [account_id], |r| {
        Ok(json!({
            "contact_name": r.get::<_, Option<String>>(0)?,
            "phone": r.get::<_, Option<String>>(1)?,
            "email": r.get::<_, Option<String>>(2)?,
            "address": r.get::<_, Option<String>>(3)?,
        }))
    })?)
}

fn load_request(conn: &rusqlite::Connection, id: i64) -> Result<PrivacyRequest> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM privacy_requests r JOIN accounts a ON a.id = r.account_id WHERE r.id = ?1"
    );
    conn.query_row(&sql, [id], request_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no privacy request {id}")))
}

/// Erases an account's personal fields and the names on its privacy requests; keeps
/// every financial record. Returns the outcome: what was erased, what was kept and why.
fn erase_account(tx: &Transaction<'_>, account_id: i64, on: NaiveDate) -> Result<serde_json::Value> {
    tx.execute_batch("PRAGMA secure_delete = ON;")?;
    let account_no: String =
        tx.query_row("SELECT account_no FROM accounts WHERE id = ?1", [account_id], |r| r.get(0))?;
    tx.execute(
        "UPDATE accounts SET name = ?2, contact_name = NULL, phone = NULL, email = NULL, address = NULL,
                             marketing_opt_out = 1, erased_on = ?3
         WHERE id = ?1",
        params![account_id, format!("Erased account {account_no}"), on.to_string()],
    )?;
    // Credit applications keep their decision (limit, dates, who decided); the
    // identifiers and references that name people or their accounts go.
    tx.execute(
        "UPDATE credit_applications SET gov_id = '(erased)', gov_id_last4 = '****', bank_reference = '(erased)',
                trade_references = '[\"(erased)\"]' WHERE account_id = ?1",
        [account_id],
    )?;
    tx.execute("UPDATE dealer_verifications SET notes = NULL WHERE account_id = ?1", [account_id])?;
    tx.execute(
        "UPDATE privacy_requests SET requester = '(erased)', agent = NULL,
                verified_how = CASE WHEN verified_how IS NULL THEN NULL ELSE '(erased)' END
         WHERE account_id = ?1",
        [account_id],
    )?;
    Ok(json!({
        "erased": ["name", "contact_name", "phone", "email", "address",
                   "government identifier, bank reference and trade references of its credit applications",
                   "notes of its verification phone screens",
                   "requester and agent names on its privacy requests", "how identity was verified"],
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
