//! The loop: draw when something changed, read every queued event, collect what the
//! workers finished, the clock's tick; then `app::update` each action and carry out
//! the effects, whose results are actions again.

use super::effects::carry_out;
use crate::app::{self, Action, App};
use crate::error::Result;
use crate::service::Service;
use crate::tui;
use chrono::NaiveDate;
use crossterm::event::{self, Event};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

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

/// The snapshot's worker threads, each with its own connection.
pub struct Workers {
    db: PathBuf,
    /// Where statements and letters are written.
    pub(super) documents: PathBuf,
    operator: String,
    send: Sender<Done>,
    receive: Receiver<Done>,
    generation: u64,
    job: Option<Job>,
}

impl Workers {
    /// Starts computing the snapshot as of `as_of` (after filling an empty database
    /// with demo data, if `demo`); a result of an older start is dropped.
    pub fn start(&mut self, as_of: NaiveDate, demo: bool) {
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
        let mut service = Service::open_existing(db, operator)?;
        let spec = crate::demo::DemoSpec { accounts: 40, invoices: 400, seed: 1, end: as_of };
        service.generate_demo(&spec)?;
    }
    // Its own connection: the UI thread's one stays free for the account view and writes.
    let store = crate::store::Store::open_existing(db)?;
    crate::read::build_snapshot(&store, as_of, total, done)
}

pub fn run(
    terminal: &mut tui::Tui,
    app: &mut App,
    service: &mut Service,
    db: &Path,
    documents: &Path,
) -> std::io::Result<()> {
    let (send, receive) = mpsc::channel();
    let mut workers = Workers {
        db: db.to_path_buf(),
        documents: documents.to_path_buf(),
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
                    Event::Paste(text) => {
                        actions.push(Action::Activity(Instant::now()));
                        actions.extend(app::handle_paste(app, text));
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
                    next.extend(carry_out(effect, app.as_of, service, &mut workers));
                }
            }
            actions = next;
        }
    }
}
