//! The console: the terminal, the event loop that turns keys into actions and carries
//! out the effects `app::update` returns, and the work it does for them. Computing a
//! snapshot runs on a worker thread with its own SQLite connection; the loop keeps
//! drawing (with progress) meanwhile.

mod effects;
mod event_loop;
mod refresher;

pub use effects::{check, check_credit, write};

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
}

pub fn run(config: &ConsoleConfig) -> Result<()> {
    // Open (and migrate) before the screen changes, so an error prints plainly.
    let mut service = Service::open(&config.db, &config.operator)?;
    if config.demo {
        let empty = crate::store::accounts::count(service.store())?;
        if empty == 0 {
            let spec = crate::demo::DemoSpec { accounts: 40, invoices: 400, seed: 1, end: config.as_of };
            service.generate_demo(&spec)?;
        }
    }
    let op = service.operator().clone();
    let mut app = App::new(config.db.display().to_string(), op.name.clone(), op.role, config.as_of);
    // Read once, at the edge: new records are dated today whatever day is viewed.
    app.today = chrono::Local::now().date_naive();
    app.idle_limit = (config.idle_minutes > 0).then(|| Duration::from_secs(config.idle_minutes.saturating_mul(60)));
    let io = |e: std::io::Error| Error::File { path: PathBuf::from("<terminal>"), source: e };
    let mut terminal = tui::enter().map_err(io)?;
    let result = event_loop::run(&mut terminal, &mut app, &mut service, &config.db).map_err(io);
    let left = tui::leave().map_err(io);
    result.and(left)
}
