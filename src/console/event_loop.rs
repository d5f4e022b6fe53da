//! The loop: one channel brings everything that happens — each key and paste (read on
//! an input thread), a snapshot a worker finished, what the refresher read from the
//! change feed — and each is handled whole, in the order it came: `app::update`, then
//! the effects it returns, whose results are actions again. Only then is the next
//! taken, so a key typed while a form opens, a write is saved or the worker reports is
//! never lost nor taken by the wrong screen. The screen is drawn when the channel is
//! empty.

use super::effects::carry_out;
use super::refresher::{self, Refresher};
use crate::app::{self, Action, App};
use crate::read::{Changes, Snapshot};
use crate::service::Service;
use crate::tui;
use chrono::NaiveDate;
use crossterm::event::{self, Event};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What comes down the one channel.
pub(super) enum Msg {
    Input(Event),
    InputFailed(std::io::Error),
    /// A snapshot computed by a worker, of the given generation.
    Snapshot(u64, std::result::Result<Box<Snapshot>, String>),
    /// What the change feed held after the snapshot on screen.
    Changes(std::result::Result<Changes, String>),
}

/// A snapshot being computed: its generation (older ones are dropped) and its progress.
struct Job {
    generation: u64,
    total: Arc<AtomicUsize>,
    done: Arc<AtomicUsize>,
}

/// The snapshot's worker threads, each with its own connection, and the refresher that
/// follows the change feed after it.
pub struct Workers {
    db: PathBuf,
    /// Where statements and letters are written.
    pub(super) documents: PathBuf,
    operator: String,
    send: Sender<Msg>,
    generation: u64,
    job: Option<Job>,
    pub(super) refresher: Refresher,
    /// The audit entries this console wrote: the others' are another desk's work.
    pub(super) mine: Vec<RangeInclusive<i64>>,
}

impl Workers {
    /// Starts computing the snapshot as of `as_of` (after filling an empty database
    /// with demo data, if `demo`); a result of an older start is dropped. The refresher
    /// waits for it.
    pub fn start(&mut self, as_of: NaiveDate, demo: bool) {
        self.refresher.pause();
        self.generation += 1;
        let job = Job { generation: self.generation, total: Arc::default(), done: Arc::default() };
        let (total, done, generation) = (job.total.clone(), job.done.clone(), job.generation);
        let (db, operator, send) = (self.db.clone(), self.operator.clone(), self.send.clone());
        self.job = Some(job);
        std::thread::spawn(move || {
            let result = compute(&db, &operator, as_of, demo, &total, &done).map(Box::new).map_err(|e| e.to_string());
            let _ = send.send(Msg::Snapshot(generation, result));
        });
    }

    /// Whether an audit entry was written by this console.
    fn is_mine(&self, id: i64) -> bool {
        self.mine.iter().any(|r| r.contains(&id))
    }
}

fn compute(
    db: &Path,
    operator: &str,
    as_of: NaiveDate,
    demo: bool,
    total: &AtomicUsize,
    done: &AtomicUsize,
) -> crate::Result<Snapshot> {
    if demo {
        let mut service = Service::open_existing(db, operator)?;
        let spec = crate::demo::DemoSpec { accounts: 40, invoices: 400, seed: 1, end: as_of };
        service.generate_demo(&spec)?;
    }
    // Its own connection: the UI thread's one stays free for the account view and writes.
    let store = crate::store::Store::open_existing(db)?;
    crate::read::build_snapshot(&store, as_of, total, done)
}

/// Reads the terminal's events on their own thread, into the channel, until `stop`.
fn spawn_input(send: Sender<Msg>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while !stop.load(Ordering::Relaxed) {
            let next = match event::poll(Duration::from_millis(50)) {
                Ok(true) => event::read().map(Msg::Input),
                Ok(false) => continue,
                Err(e) => Err(e),
            };
            let failed = next.is_err();
            let msg = next.unwrap_or_else(Msg::InputFailed);
            if send.send(msg).is_err() || failed {
                return;
            }
        }
    });
}

pub fn run(
    terminal: &mut tui::Tui,
    app: &mut App,
    service: &mut Service,
    db: &Path,
    documents: &Path,
) -> std::io::Result<()> {
    let (send, receive) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    spawn_input(send.clone(), stop.clone());
    let mut workers = Workers {
        db: db.to_path_buf(),
        documents: documents.to_path_buf(),
        operator: service.operator().name.clone(),
        refresher: refresher::spawn(db.to_path_buf(), send.clone()),
        send,
        generation: 0,
        job: None,
        mine: Vec::new(),
    };
    workers.start(app.as_of, false);
    let result = run_loop(terminal, app, service, &mut workers, &receive);
    stop.store(true, Ordering::Relaxed);
    result
}

fn run_loop(
    terminal: &mut tui::Tui,
    app: &mut App,
    service: &mut Service,
    workers: &mut Workers,
    receive: &Receiver<Msg>,
) -> std::io::Result<()> {
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
            handle(app, service, workers, Action::Resize(page));
            dirty = true;
        }
        if super::SCREEN_WRITTEN.swap(false, Ordering::SeqCst) {
            // The busy notice wrote on the screen: draw every cell again.
            terminal.clear()?;
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
        // Progress is shown while computing; otherwise the clock (idle lock, reveal) ticks.
        let wait = if workers.job.is_some() { Duration::from_millis(100) } else { Duration::from_millis(250) };
        let mut next = match receive.recv_timeout(wait) {
            Ok(msg) => Some(msg),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        // Everything already queued is handled, one at a time and in order, before drawing.
        while let Some(msg) = next {
            dirty |= on_message(app, service, workers, msg)?;
            if app.quit {
                break;
            }
            next = receive.try_recv().ok();
        }
        let now = Instant::now();
        if app.tick_due(now) {
            handle(app, service, workers, Action::Tick(now));
            dirty = true;
        }
        if let Some(job) = &workers.job {
            let (done, total) = (job.done.load(Ordering::Relaxed), job.total.load(Ordering::Relaxed));
            if app.computing != Some((done, total)) {
                handle(app, service, workers, Action::Progress { done, total });
                dirty = true;
            }
        }
    }
}

/// Handles one message whole; returns whether the screen changed.
fn on_message(app: &mut App, service: &mut Service, workers: &mut Workers, msg: Msg) -> std::io::Result<bool> {
    let action = match msg {
        Msg::Input(Event::Key(key)) => {
            handle(app, service, workers, Action::Activity(Instant::now()));
            app::handle_key(app, key)
        }
        Msg::Input(Event::Paste(text)) => {
            handle(app, service, workers, Action::Activity(Instant::now()));
            app::handle_paste(app, text)
        }
        Msg::Input(Event::Resize(..)) => return Ok(true),
        Msg::Input(_) => return Ok(false),
        Msg::InputFailed(e) => return Err(e),
        Msg::Snapshot(generation, result) => {
            if generation != workers.generation {
                return Ok(false);
            }
            workers.job = None;
            Some(match result {
                Ok(s) => Action::SnapshotReady(Arc::new(*s)),
                Err(e) => Action::SnapshotFailed(e),
            })
        }
        Msg::Changes(Ok(Changes::None)) => None,
        Msg::Changes(Ok(Changes::Delta(delta))) => {
            let others = delta.audit.iter().map(|e| e.id).filter(|id| !workers.is_mine(*id)).collect();
            // The feed is read in order: what this delta covered never comes again.
            workers.mine.retain(|r| *r.end() > delta.seen);
            Some(Action::Refreshed { delta, others })
        }
        Msg::Changes(Ok(Changes::Everything(entries))) => {
            let others = entries.into_iter().filter(|e| !workers.is_mine(e.id)).collect();
            Some(Action::RefreshWhole { others })
        }
        Msg::Changes(Err(e)) => {
            app.toast = Some(format!("✗ could not read what changed: {e}"));
            return Ok(true);
        }
    };
    match action {
        Some(a) => {
            handle(app, service, workers, a);
            Ok(true)
        }
        None => Ok(false),
    }
}

/// `update` an action, then carry out its effects, whose results are actions again,
/// until nothing is left.
fn handle(app: &mut App, service: &mut Service, workers: &mut Workers, action: Action) {
    let mut actions = vec![action];
    while !actions.is_empty() {
        let mut next = Vec::new();
        for action in actions.drain(..) {
            for effect in app::update(app, action) {
                next.extend(carry_out(effect, app.as_of, service, workers));
            }
        }
        actions = next;
    }
}
