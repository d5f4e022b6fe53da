//! Carrying out an effect: start a snapshot, read an account, check a credit limit,
//! write through the service, reveal an identifier. What each yields is an action.

use super::event_loop::Workers;
use crate::app::{Action, CreditAnswer, Effect, VoidKind, Write, WriteError};
use crate::domain::role::Act;
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
        Effect::CheckCredit(c) => Some(match credit_answer(service.store(), &c) {
            // On credit hold, the hold is answered first (a clerk is told why it is
            // refused); a manager's charge is rehearsed as it would be saved, overriding it.
            Ok(answer) if answer.hold.is_some() && !service.operator().role.may(Act::OverrideCreditHold) => {
                Action::CreditChecked(Ok(answer))
            }
            Ok(answer) => {
                let w = match answer.hold {
                    Some(_) => Write::ChargeOverridingHold(c, "a reason".into()),
                    None => Write::Charge(c),
                };
                Action::CreditChecked(check(service, w).map(|()| answer))
            }
            Err(e) => Action::CreditChecked(Err(e)),
        }),
        Effect::Preview(w, as_of) => Some(Action::Previewed(preview(service.store(), &w, as_of))),
        Effect::Reveal(no) => Some(Action::Revealed(
            service.reveal_identifier(&no, crate::service::credit::Identifier::GovId).map_err(|e| e.to_string()),
            Instant::now(),
        )),
        Effect::FindDocument(no, as_of) => Some(Action::Found(find(service.store(), &no, as_of))),
        Effect::Export { stem, csv, rows } => Some(Action::Exported(export(&stem, &csv, rows))),
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

/// Whether a charge takes its account over its credit limit, and whether an invoice's
/// account is on credit hold, as of the charge's date.
pub fn check_credit(store: &crate::store::Store, c: &crate::service::operations::NewCharge) -> Action {
    Action::CreditChecked(credit_answer(store, c))
}

/// Whether the charge takes its account over the credit limit, and whether an invoice's
/// account is on credit hold (read only).
fn credit_answer(
    store: &crate::store::Store,
    c: &crate::service::operations::NewCharge,
) -> std::result::Result<CreditAnswer, WriteError> {
    let no = c.account_no.trim();
    let answer = || -> crate::Result<CreditAnswer> {
        let over = crate::read::credit_check(store, no, c.amount, c.date)?;
        let hold = match c.kind {
            crate::domain::ChargeKind::Invoice => crate::read::hold_of(store, no, c.date)?,
            _ => None,
        };
        Ok(CreditAnswer { over, hold })
    };
    answer().map_err(WriteError::from)
}

/// Every check the service makes of a write, made before the question "save this?":
/// the write rehearsed in a transaction that is rolled back.
pub fn check(service: &mut Service, w: Write) -> std::result::Result<(), WriteError> {
    service.rehearse(|s| apply(s, w)).map_err(WriteError::from)
}

/// What a correction will change, in words, before it asks `y`.
pub fn preview(store: &crate::store::Store, w: &Write, as_of: NaiveDate) -> std::result::Result<String, WriteError> {
    use crate::read::corrections::{void_preview, Voidable};
    let ask = "y = make this correction, n = keep editing";
    let text = match w {
        Write::Void(kind, v) => {
            let doc = v.document.trim();
            let what = match kind {
                VoidKind::Payment => Voidable::Payment(doc),
                VoidKind::Charge => Voidable::Charge(doc),
                VoidKind::ReturnedCheckFee => Voidable::ReturnedCheckFee(doc),
            };
            let p = void_preview(store, what, as_of)?;
            let verb = if *kind == VoidKind::ReturnedCheckFee { "WAIVE" } else { "VOID" };
            format!(
                "{verb} {} of account {}.\nIt will count nowhere, at any as-of date; the row stays, marked void, with your reason.\nBalance as of {as_of}: {} → {}.\n{ask}",
                p.document,
                p.account_no,
                p.balance_before.grouped(),
                p.balance_after.grouped()
            )
        }
        Write::EditAccount(e) => {
            let a = crate::read::account(store, &e.account_no)?;
            let held = crate::store::accounts::details(store, a.id)?;
            let new = [&e.name, &e.contact_name, &e.phone, &e.email, &e.address, &e.state];
            let changes: Vec<String> = crate::store::accounts::DetailField::ALL
                .iter()
                .zip(held.iter().zip(new))
                .filter_map(|(f, (old, new))| {
                    let shown =
                        |v: Option<&str>| v.filter(|v| !v.is_empty()).map_or("(blank)".to_string(), str::to_string);
                    new.as_ref().map(|n| format!("  {}: {} → {}", f.column(), shown(old.as_deref()), shown(Some(n))))
                })
                .collect();
            format!("Account {} will change:\n{}\n{ask}", a.account_no, changes.join("\n"))
        }
        Write::CreditLimit(no, limit) => {
            let a = crate::read::account(store, no)?;
            let balance = crate::read::balance(store, &a, as_of)?;
            format!(
                "Credit limit of {} ({}): {} → {}; its balance as of {as_of} is {}.\n{ask}",
                a.account_no,
                a.terms,
                a.credit_limit.grouped(),
                limit.grouped(),
                balance.grouped()
            )
        }
        Write::Settings(c) => {
            let held = crate::read::settings(store)?;
            let mut lines: Vec<String> = c
                .values
                .iter()
                .map(|v| {
                    let key = v.setting().key();
                    let old = held.iter().find(|l| l.key == key).map_or(String::new(), |l| l.value.clone());
                    format!("  {key}: {old} → {v}")
                })
                .collect();
            if let Some((state, pct)) = &c.state_cap {
                let caps = crate::read::state_caps(store)?;
                let state = state.trim().to_ascii_uppercase();
                let old = caps.iter().find(|s| s.state == state).map(|s| s.cap_pct);
                let shown = |p: Option<rust_decimal::Decimal>| p.map_or("none".to_string(), |p| format!("{p}%"));
                lines.push(format!("  rate cap of {state}: {} → {}", shown(old), shown(*pct)));
            }
            format!("The settings will change:\n{}\n{ask}", lines.join("\n"))
        }
        Write::WriteOff(w) => {
            let a = crate::read::account(store, &w.account_no)?;
            let payoff = crate::read::payoff(store, &a.account_no, w.date)?.payoff;
            let status = crate::domain::corrections::status_after_write_off(a.status);
            format!(
                "WRITE OFF account {} on {}: a WRITE_OFF payment of its payoff, {}.\nThe account becomes {status} (it is {}).\n{ask}",
                a.account_no,
                w.date,
                payoff.grouped(),
                a.status
            )
        }
        Write::Refund(r) => {
            let a = crate::read::account(store, &r.account_no)?;
            let credit = crate::read::account_position(store, &a, r.date)?.1.unapplied_credit;
            if let Some(why) = crate::domain::corrections::refund_refused(r.amount, credit) {
                return Err(WriteError::field("amount", why));
            }
            format!(
                "REFUND {} to {} by {} {} on {}: a REFUND charge the credit pays at once.\nUnapplied credit that day: {} → {}.\n{ask}",
                r.amount.grouped(),
                a.account_no,
                r.method,
                r.reference.trim(),
                r.date,
                credit.grouped(),
                (credit - r.amount).grouped()
            )
        }
        _ => "Save this? y = save, n = keep editing".to_string(),
    };
    Ok(text)
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
        Write::Void(kind, v) => match kind {
            VoidKind::Payment => service.void_payment(&v),
            VoidKind::Charge => service.void_charge(&v),
            VoidKind::ReturnedCheckFee => service.waive_returned_check_fee(&v),
        }
        .map(|v| v.line()),
        Write::EditAccount(e) => {
            service.edit_account(&e).map(|changed| format!("account {}: changed {}", e.account_no, changed.join(", ")))
        }
        Write::CreditLimit(no, limit) => service
            .set_credit_limit(&no, limit)
            .map(|old| format!("{no}: credit limit {} (was {})", limit.grouped(), old.grouped())),
        Write::WriteOff(w) => service.write_off(&w).map(|w| w.line()),
        Write::Refund(r) => service.refund_credit(&r).map(|done| done.line()),
        Write::Settings(c) => service.change_settings(&c).map(|done| {
            let mut parts: Vec<String> =
                done.settings.iter().map(|(k, old, new)| format!("{k} {new} (was {old})")).collect();
            if let Some((state, _, new)) = done.state_cap {
                parts.push(format!("{state} rate cap {}", new.map_or("none".to_string(), |p| format!("{p}%"))));
            }
            format!("settings saved: {}", parts.join("; "))
        }),
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
    }
}
