//! Carrying out an effect: start a snapshot, read an account, check a credit limit,
//! write through the service, reveal an identifier. What each yields is an action.

use super::event_loop::Workers;
use crate::app::{Action, CreditAnswer, Effect, Write, WriteError};
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
        Effect::FindDocument(no, as_of) => Some(Action::Found(find(service.store(), &no, as_of))),
        Effect::Export { stem, csv, rows } => Some(Action::Exported(export(&stem, &csv, rows))),
        Effect::Quit => None,
    }
}

/// A document by number, and its account's view as of the day.
fn find(
    store: &crate::store::Store,
    no: &str,
    as_of: NaiveDate,
) -> std::result::Result<(String, Box<crate::app::AccountDetail>), String> {
    let found = crate::read::find_document(store, no).map_err(|e| e.to_string())?;
    let detail = crate::read::load_detail(store, &found.account_no, as_of).map_err(|e| e.to_string())?;
    Ok((found.what, Box::new(detail)))
}

/// Writes an exported pane to a new file in the working folder: `<stem>.csv`, or
/// `<stem>-2.csv`, … when that name is taken (nothing is overwritten).
pub fn export(stem: &str, csv: &str, rows: usize) -> std::result::Result<String, String> {
    use std::io::Write as _;
    for n in 1..1000 {
        let name = if n == 1 { format!("{stem}.csv") } else { format!("{stem}-{n}.csv") };
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&name) {
            Ok(mut file) => {
                file.write_all(csv.as_bytes()).map_err(|e| format!("{name}: {e}"))?;
                let folder = std::env::current_dir().map(|d| d.display().to_string()).unwrap_or_default();
                return Ok(format!("{rows} rows exported to {name} (in {folder})"));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(format!("{name}: {e}")),
        }
    }
    Err(format!("{stem}.csv: too many files of that name already"))
}

/// Whether a charge takes its account over its credit limit, and whether an invoice's
/// account is on credit hold, as of the charge's date.
pub fn check_credit(store: &crate::store::Store, c: &crate::service::operations::NewCharge) -> Action {
    let no = c.account_no.trim();
    let answer = || -> crate::Result<CreditAnswer> {
        let over = crate::read::credit_check(store, no, c.amount, c.date)?;
        let hold = match c.kind {
            crate::domain::ChargeKind::Invoice => crate::read::hold_of(store, no, c.date)?,
            _ => None,
        };
        Ok(CreditAnswer { over, hold })
    };
    Action::CreditChecked(answer().map_err(WriteError::from))
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
        Write::CloseTicket(t, date) => service.close_ticket(&t, date).map(|posted| match posted {
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
        Write::Note(n) => service.add_note(&n).map(|_| {
            let next = n.next_action_on.map(|d| format!("; next action {d}")).unwrap_or_default();
            format!("{} noted on {}{next}", n.kind, n.account_no)
        }),
        Write::Promise(p) => service
            .add_promise(&p)
            .map(|p2| format!("promise of {} by {} recorded on {}", p2.amount.grouped(), p2.promised_on, p.account_no)),
        Write::OpenDispute(d) => {
            service.open_dispute(&d).map(|()| format!("{} disputed from {}", d.doc_no, d.opened_on))
        }
        Write::ResolveDispute(doc, outcome, on) => {
            service.resolve_dispute(&doc, &outcome, on).map(|()| format!("dispute of {doc} resolved on {on}"))
        }
        Write::ChargeOverridingHold(c, reason) => service
            .add_charge_overriding_hold(&c, &reason)
            .map(|due| format!("charge {} recorded, due {due}; credit hold overridden (recorded)", c.doc_no)),
        Write::RegisterDealer(d) => {
            service.register_dealer(&d).map(|a| format!("{} registered as an APPLICANT", a.account_no))
        }
        Write::VerifyDealer(v) => {
            service.verify_dealer(&v).map(|c| format!("{}: {} screen recorded; now {}", c.account_no, v.outcome, c.to))
        }
        Write::ApplyForCredit(a) => service.apply_for_credit(&a).map(|app| {
            format!("credit application for {} recorded ({})", app.requested_limit.grouped(), app.account_no)
        }),
    };
    r.map_err(WriteError::from)
}
