//! Carrying out an effect: start a snapshot, read an account, check a credit limit,
//! write through the service, reveal an identifier. What each yields is an action.

use super::event_loop::Workers;
use crate::app::{Action, Effect, Write, WriteError};
use crate::error::Error;
use crate::service::Service;
use chrono::NaiveDate;
use std::time::Instant;

/// Carries out one effect; what it yields goes back through `update`.
pub(super) fn carry_out(
    effect: Effect,
    as_of: NaiveDate,
    service: &mut Service,
    workers: &mut Workers,
) -> Option<Action> {
    match effect {
        Effect::Compute(as_of) => {
            workers.start(as_of, false);
            None
        }
        Effect::Follow(seen, as_of) => {
            workers.refresher.follow(seen, as_of);
            None
        }
        Effect::Look => {
            workers.refresher.look();
            None
        }
        Effect::LoadAudit(at, filter) => Some(Action::AuditLoaded(
            crate::read::snapshot::audit_window(service.store(), at, &filter).map_err(|e| e.to_string()),
        )),
        Effect::Check(w) => Some(Action::Checked(check(service, w))),
        Effect::GenerateDemo => {
            workers.start(as_of, true);
            None
        }
        Effect::LoadDetail(no, as_of) => Some(match crate::read::load_detail(service.store(), &no, as_of) {
            Ok(d) => Action::DetailLoaded(Box::new(d)),
            Err(e) => Action::DetailFailed(e.to_string()),
        }),
        Effect::Write(w) => {
            let done = write(service, w);
            workers.mine.extend(service.take_written());
            Some(Action::WriteDone(done))
        }
        Effect::CheckCredit(c) => Some(match check(service, Write::Charge(c.clone())) {
            Ok(()) => check_credit(service.store(), &c),
            Err(e) => Action::CreditChecked(Err(e)),
        }),
        Effect::Reveal(no) => Some(Action::Revealed(
            service.reveal_identifier(&no, crate::service::credit::Identifier::GovId).map_err(|e| e.to_string()),
            Instant::now(),
        )),
        Effect::Quit => None,
    }
}

/// Whether a charge takes its account over its credit limit, as of the charge's date.
pub fn check_credit(store: &crate::store::Store, c: &crate::service::operations::NewCharge) -> Action {
    let result = (|| {
        let amount = crate::domain::Money::parse(c.amount.trim())
            .map_err(|e| Error::invalid("amount", format!("{:?} is not an amount: {e}", c.amount)))?;
        let date = crate::domain::dates::parse_iso(c.date.trim())
            .ok_or_else(|| Error::invalid("date", format!("{:?} is not a date", c.date)))?;
        crate::read::credit_check(store, c.account_no.trim(), amount, date)
    })();
    Action::CreditChecked(result.map_err(WriteError::from))
}

/// Every check the service makes of a write, made before the question "save this?":
/// the write rehearsed in a transaction that is rolled back.
pub fn check(service: &mut Service, w: Write) -> std::result::Result<(), WriteError> {
    service.rehearse(|s| apply(s, w)).map_err(WriteError::from)
}

/// Writes through the service, the same door as the command line.
pub fn write(service: &mut Service, w: Write) -> std::result::Result<String, WriteError> {
    apply(service, w).map_err(WriteError::from)
}

/// The write, and what the status line says of it.
fn apply(service: &mut Service, w: Write) -> crate::Result<String> {
    match w {
        Write::Payment(p) => service.record_payment(&p).map(|done| {
            let mut m = format!("payment {} of {} recorded", done.reference, done.amount.grouped());
            if let Some((doc, fee)) = done.surcharge {
                m.push_str(&format!("; card surcharge {doc} {}", fee.grouped()));
            }
            m
        }),
        Write::Charge(c) => service.add_charge(&c).map(|due| format!("charge {} recorded, due {due}", c.doc_no)),
        Write::CollectionCost(c) => {
            service.record_collection_cost(&c).map(|_| format!("collection cost {} recorded", c.doc_no))
        }
        Write::ReturnedCheck(r) => {
            service.record_returned_check(&r).map(|()| format!("returned check {} recorded", r.payment_ref))
        }
        Write::Placement(p) => {
            service.place_with_agency(&p).map(|()| format!("{} placed with {}", p.account_no, p.agency))
        }
        Write::OpenTicket(t) => service.open_ticket(&t).map(|t| format!("ticket {} opened", t.ticket_no)),
        Write::AdvanceTicket(t) => service.advance_ticket(&t).map(|s| format!("ticket {t} is now {s}")),
        Write::TicketCharges(t, c) => {
            service.set_ticket_charges(&t, &c).map(|c| format!("ticket {t}: charges total {}", c.total().grouped()))
        }
        Write::WaiveHandling(t, reason) => {
            service.waive_handling_fee(&t, &reason).map(|()| format!("ticket {t}: handling fee waived"))
        }
        Write::CloseTicket(t, date) => service.close_ticket(&t, &date).map(|posted| match posted {
            Some((doc, amount)) => format!("ticket {t} closed; {doc} charged {}", amount.grouped()),
            None => format!("ticket {t} closed; nothing to charge"),
        }),
        Write::IssueRma(r) => service
            .issue_rma(&r)
            .map(|r| format!("{} issued for {} ({}): {}", r.rma_no, r.invoice, r.account_no, r.value.grouped())),
        Write::ReceiveRma(r) => service.receive_rma(&r).map(|r| {
            format!(
                "{} received; credit {}{}",
                r.rma_no,
                r.credit.unwrap_or_default().grouped(),
                r.credit_ref.map(|c| format!(" posted as {c}")).unwrap_or_default()
            )
        }),
        Write::OpenPrivacy(p) => {
            let new = crate::service::privacy::NewRequest {
                kind: p.kind,
                account_no: p.account_no.clone(),
                requester: p.requester,
                agent: Some(p.agent).filter(|a| !a.trim().is_empty()),
                received_on: p.received_on,
                details: Some(p.details).filter(|d| !d.trim().is_empty()),
            };
            service.open_privacy_request(&new).and_then(|id| service.privacy_request(id)).map(|r| {
                format!("privacy request #{} ({} for {}) recorded, due {}", r.id, r.kind, r.account_no, r.due_on)
            })
        }
        Write::VerifyPrivacy(id, how, on) => {
            service.verify_privacy_request(id, &how, on).map(|()| format!("request #{id} verified"))
        }
        Write::ExtendPrivacy(id, to, reason) => {
            service.extend_privacy_request(id, to, &reason).map(|()| format!("request #{id} now due {to}"))
        }
        Write::RejectPrivacy(id, reason, on) => {
            service.reject_privacy_request(id, &reason, on).map(|()| format!("request #{id} rejected"))
        }
        Write::CompletePrivacy(id, on) => {
            service.complete_privacy_request(id, on).map(|c| format!("request #{id} ({}) completed", c.kind))
        }
    }
}
