//! The console's event loop: keys become actions, `app::update` turns them into
//! effects, and this carries the effects out. Computing a snapshot runs on a worker
//! thread with its own SQLite connection; the loop keeps drawing (with progress) meanwhile.

use crate::app::{self, Action, App, Effect, Write, WriteError};
use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::service::Service;
use crate::tui;
use chrono::NaiveDate;
use crossterm::event::{self, Event};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(cli: &Cli) -> Result<()> {
    // Open (and migrate) before the screen changes, so an error prints plainly.
    let mut service = cli.open()?;
    if cli.demo {
        let empty = crate::store::accounts::count(service.store())?;
        if empty == 0 {
            let spec = crate::demo::DemoSpec { accounts: 40, invoices: 400, seed: 1, end: cli.as_of() };
            service.generate_demo(&spec)?;
        }
    }
    let op = service.operator().clone();
    let mut app = App::new(cli.db.display().to_string(), op.name.clone(), op.role.to_string(), cli.as_of());
    app.idle_limit = (cli.idle_minutes > 0).then(|| Duration::from_secs(cli.idle_minutes.saturating_mul(60)));
    let io = |e: std::io::Error| Error::File { path: PathBuf::from("<terminal>"), source: e };
    let mut terminal = tui::enter().map_err(io)?;
    let result = event_loop(&mut terminal, &mut app, &mut service, &cli.db).map_err(io);
    let left = tui::leave().map_err(io);
    result.and(left)
}

/// What a worker sends back.
enum Done {
    Snapshot(u64, std::result::Result<app::snapshot::Snapshot, String>),
}

/// A snapshot being computed: its generation (older ones are dropped) and its progress.
struct Job {
    generation: u64,
    total: Arc<AtomicUsize>,
    done: Arc<AtomicUsize>,
}

struct Workers {
    db: PathBuf,
    operator: String,
    send: Sender<Done>,
    receive: Receiver<Done>,
    generation: u64,
    job: Option<Job>,
}

impl Workers {
    fn start(&mut self, as_of: NaiveDate, demo: bool) {
        self.generation += 1;
        let job = Job { generation: self.generation, total: Arc::default(), done: Arc::default() };
        let (total, done, generation) = (job.total.clone(), job.done.clone(), job.generation);
        let (db, operator, send) = (self.db.clone(), self.operator.clone(), self.send.clone());
        self.job = Some(job);
        std::thread::spawn(move || {
            let result = compute(&db, &operator, as_of, demo, &total, &done).map_err(|e| e.to_string());
            let _ = send.send(Done::Snapshot(generation, result));
        });
    }
}

fn compute(
    db: &Path,
    operator: &str,
    as_of: NaiveDate,
    demo: bool,
    total: &AtomicUsize,
    done: &AtomicUsize,
) -> Result<app::snapshot::Snapshot> {
    if demo {
        let mut service = Service::open(db, operator)?;
        let spec = crate::demo::DemoSpec { accounts: 40, invoices: 400, seed: 1, end: as_of };
        service.generate_demo(&spec)?;
    }
    // Its own connection: the UI thread's one stays free for the account view and writes.
    let store = crate::store::Store::open(db)?;
    crate::read::build_snapshot(&store, as_of, total, done)
}

fn event_loop(terminal: &mut tui::Tui, app: &mut App, service: &mut Service, db: &Path) -> std::io::Result<()> {
    let (send, receive) = mpsc::channel();
    let mut workers = Workers {
        db: db.to_path_buf(),
        operator: service.operator().name.clone(),
        send,
        receive,
        generation: 0,
        job: None,
    };
    workers.start(app.as_of, false);
    // Fault injection for the tests that prove the terminal is restored after an error
    // and after a panic (tests/console_pty.rs); read once, acted on after the first frame.
    let fault = std::env::var("CREDITDESK_FAULT").ok();
    let mut dirty = true;
    let mut height = 0;
    loop {
        let size = terminal.size()?;
        let page = crate::ui::page_rows(size.height, app.pane);
        if size.height != height || page != app.page {
            height = size.height;
            app::update(app, Action::Resize(page));
            dirty = true;
        }
        if dirty {
            terminal.draw(|f| crate::ui::draw(f, app))?;
            dirty = false;
            match fault.as_deref() {
                Some("panic") => panic!("injected fault (CREDITDESK_FAULT=panic)"),
                Some("error") => return Err(std::io::Error::other("injected fault (CREDITDESK_FAULT=error)")),
                _ => {}
            }
        }
        if app.quit {
            return Ok(());
        }
        let mut actions = Vec::new();
        let wait = if workers.job.is_some() { Duration::from_millis(100) } else { Duration::from_millis(250) };
        if event::poll(wait)? {
            // Take every queued event before drawing again: a held key does not lag.
            loop {
                match event::read()? {
                    Event::Key(key) => {
                        actions.push(Action::Activity(Instant::now()));
                        actions.extend(app::handle_key(app, key));
                    }
                    Event::Resize(..) => dirty = true,
                    _ => {}
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        while let Ok(Done::Snapshot(generation, result)) = workers.receive.try_recv() {
            if generation != workers.generation {
                continue;
            }
            workers.job = None;
            actions.push(match result {
                Ok(s) => Action::SnapshotReady(Arc::new(s)),
                Err(e) => Action::SnapshotFailed(e),
            });
        }
        let now = Instant::now();
        if app.tick_due(now) {
            actions.push(Action::Tick(now));
        }
        if let Some(job) = &workers.job {
            let (done, total) = (job.done.load(Ordering::Relaxed), job.total.load(Ordering::Relaxed));
            if app.computing != Some((done, total)) {
                actions.push(Action::Progress { done, total });
            }
        }
        while !actions.is_empty() {
            dirty = true;
            let mut next = Vec::new();
            for action in actions.drain(..) {
                for effect in app::update(app, action) {
                    next.extend(carry_out(effect, app, service, &mut workers));
                }
            }
            actions = next;
        }
    }
}

/// Carries out one effect; what it yields goes back through `update`.
fn carry_out(effect: Effect, _app: &App, service: &mut Service, workers: &mut Workers) -> Option<Action> {
    match effect {
        Effect::Compute(as_of) => {
            workers.start(as_of, false);
            None
        }
        Effect::GenerateDemo => {
            workers.start(_app.as_of, true);
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
    Action::CreditChecked(result.map_err(write_error))
}

fn write_error(e: Error) -> WriteError {
    match e {
        Error::Invalid { field, reason } => WriteError { field: Some(field), message: reason },
        other => WriteError { field: None, message: other.to_string() },
    }
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
    r.map_err(write_error)
}
