//! The console: the terminal, the event loop that turns keys into actions and carries
//! out the effects `app::update` returns, and the work it does for them. Computing a
//! snapshot runs on a worker thread with its own SQLite connection; the loop keeps
//! drawing (with progress) meanwhile.

mod effects;
mod event_loop;
mod refresher;

pub use effects::{check, check_credit, export, preview, write};

use crate::app::App;
use crate::error::{Error, Result};
use crate::service::Service;
use crate::tui;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::time::Duration;

/// What the console needs to start; the command line builds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleConfig {
    /// The database file. An encrypted one's key is in `CREDITDESK_KEY` before this
    /// starts (the command line asks for it when told to).
    pub db: PathBuf,
    pub operator: String,
    pub as_of: NaiveDate,
    /// Lock the screen after this many minutes without a key; 0 = never.
    pub idle_minutes: u64,
    /// First fill an empty database with demo data ending at `as_of`.
    pub demo: bool,
    /// Where statements and letters are written.
    pub documents: PathBuf,
}

pub fn run(config: &ConsoleConfig) -> Result<()> {
    // Open (and migrate) before the screen changes, so an error prints plainly.
    // Only --demo makes a new file; otherwise a mistyped --db is refused.
    let mut service = match config.demo {
        true => Service::open(&config.db, &config.operator)?,
        false => Service::open_existing(&config.db, &config.operator)?,
    };
    if config.demo {
        let empty = crate::store::accounts::count(service.store())?;
        if empty == 0 {
            let spec = crate::demo::DemoSpec { accounts: 40, invoices: 400, seed: 1, end: config.as_of };
            service.generate_demo(&spec)?;
        }
    }
    tracing::info!(db = %config.db.display(), as_of = %config.as_of, "console opened");
    let op = service.operator().clone();
    let mut app = App::new(config.db.display().to_string(), op.name.clone(), op.role, config.as_of);
    // The service's day, read once: new records are dated today whatever day is viewed.
    app.today = service.today();
    // The console opens on what needs doing today.
    app.pane = crate::app::Pane::Today;
    app.idle_limit = (config.idle_minutes > 0).then(|| Duration::from_secs(config.idle_minutes.saturating_mul(60)));
    let io = |e: std::io::Error| Error::File { path: PathBuf::from("<terminal>"), source: e };
    let mut terminal = tui::enter().map_err(io)?;
    crate::store::busy::set_notice(Some(Box::new(busy_on_status_line(std::thread::current().id()))));
    let result = event_loop::run(&mut terminal, &mut app, &mut service, &config.db, &config.documents).map_err(io);
    crate::store::busy::set_notice(None);
    let left = tui::leave().map_err(io);
    result.and(left)
}

/// Set when the busy notice wrote on the screen behind the drawing's back: the next
/// frame is drawn whole.
pub(crate) static SCREEN_WRITTEN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The console's busy notice: a write waiting for another program blocks the UI
/// thread, so the notice writes the status line itself (the next frame redraws it all).
/// A worker thread's wait (a read, rarely) is left to the progress line.
fn busy_on_status_line(ui: std::thread::ThreadId) -> impl Fn(&str) + Send + Sync {
    move |message: &str| {
        use crossterm::{cursor, style, terminal};
        if std::thread::current().id() != ui {
            return;
        }
        let rows = terminal::size().map_or(2, |(_, rows)| rows);
        let line = format!(" {} ", crate::domain::text::visible(message));
        let mut out = std::io::stdout();
        let _ = crossterm::execute!(
            out,
            cursor::MoveTo(0, rows.saturating_sub(2)),
            terminal::Clear(terminal::ClearType::CurrentLine),
            style::Print(line)
        );
        SCREEN_WRITTEN.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}
