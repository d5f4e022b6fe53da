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
        Effect::GenerateDemo => {
            workers.start(as_of, true);
            None
        }
        Effect::LoadDetail(no, as_of) => Some(match crate::read::load_detail(service.store(), &no, as_of) {
            Ok(d) => Action::DetailLoaded(Box::new(d)),
            Err(e) => Action::DetailFailed(e.to_string()),
        }),
        Effect::Write(w) => Some(Action::WriteDone(write(service, w))),
        Effect::CheckCredit(c) => Some(check_credit(service.store(), &c)),
        Effect::Reveal(no) => Some(Action::Revealed(
            service.reveal_identifier(&no, crate::service::credit::Identifier::GovId).map_err(|e| e.to_string()),
            Instant::now(),
        )),
        Effect::WriteStatement(no, as_of) => Some(Action::Written(
            write_statement(service, &no, as_of, &workers.documents.join("statements")).map_err(|e| e.to_string()),
        )),
        Effect::Explain(doc, as_of) => Some(Action::Explained(
            crate::read::explain::explain(service.store(), &doc, as_of).map(Box::new).map_err(|e| e.to_string()),
        )),
        Effect::PreviewDunning(as_of) => Some(Action::DunningPreviewed(
            as_of,
            crate::read::dunning::letters_due(service.store(), as_of).map_err(|e| e.to_string()),
        )),
        Effect::SendDunning(letters) => {
            let dir = workers.documents.join("letters");
            let today = chrono::Local::now().date_naive();
            Some(Action::Written(
                crate::print::files::send_letters(service, &letters, &dir, today)
                    .map(|(_, r)| {
                        let skipped = if r.skipped.is_empty() {
                            String::new()
                        } else {
                            format!("; {} left out, sent meanwhile", r.skipped.len())
                        };
                        format!("{} letters written to {} and recorded{skipped}", r.recorded, dir.display())
                    })
                    .map_err(|e| {
                        tracing::error!(error = %e, "dunning run from the console");
                        e.to_string()
                    }),
            ))
        }
        Effect::Quit => None,
    }
}

/// Writes an account's statement PDF into `dir`; says where.
fn write_statement(
    service: &Service,
    account_no: &str,
    as_of: NaiveDate,
    dir: &std::path::Path,
) -> crate::Result<String> {
    let config = crate::config::Config::load()?;
    let (s, contact) = crate::read::statement::statement(service.store(), account_no, as_of)?;
    let path = crate::print::files::write_statement(dir, &s, &contact, &config)?;
    tracing::info!(account = account_no, file = %path.display(), "statement written from the console");
    Ok(format!("statement of {account_no} as of {as_of} written to {}", path.display()))
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

/// Writes through the service, the same door as the command line.
pub fn write(service: &mut Service, w: Write) -> std::result::Result<String, WriteError> {
    let r = match w {
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
    };
    r.map_err(WriteError::from)
}
