//! Carrying out an effect: start a snapshot, read an account, check a credit limit,
//! write through the service, reveal an identifier. What each yields is an action.

use super::event_loop::Workers;
use crate::app::forms::add_charge::OverridingHold;
use crate::app::{Action, CreditAnswer, Effect, Write, WriteError};
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
                    Some(_) => Write::new(OverridingHold { charge: c, reason: "a reason".into() }),
                    None => Write::new(c),
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
    service.rehearse(|s| w.save(s)).map_err(WriteError::from)
}

/// What a correction will change, in words, before it asks `y` (the form's own words);
/// any other write asks the usual question.
pub fn preview(store: &crate::store::Store, w: &Write, as_of: NaiveDate) -> std::result::Result<String, WriteError> {
    w.preview(store, as_of).unwrap_or_else(|| Ok(crate::app::SAVE_THIS.to_string()))
}

/// Writes through the service, the same door as the command line.
pub fn write(service: &mut Service, w: Write) -> std::result::Result<String, WriteError> {
    w.save(service).map_err(WriteError::from)
}
