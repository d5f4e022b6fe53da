//! A write that meets a database busy with another program's write waits for it,
//! saying so once (on stderr, or in the console's status line), up to `timeout()`
//! (60 s unless `CREDITDESK_BUSY_TIMEOUT` says how many seconds), then gives up and
//! writes nothing (`Error::Busy`).

use std::cell::Cell;
use std::sync::{OnceLock, RwLock};
use std::time::{Duration, Instant};

/// How long a write waits for another program's write by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(60);

/// The environment variable that sets the wait in seconds (scripts, the tests).
pub const WAIT_VAR: &str = "CREDITDESK_BUSY_TIMEOUT";

/// How long a write waits for a busy database, read once.
pub fn timeout() -> Duration {
    static WAIT: OnceLock<Duration> = OnceLock::new();
    *WAIT.get_or_init(|| {
        std::env::var(WAIT_VAR).ok().and_then(|s| s.trim().parse().ok()).map_or(DEFAULT_WAIT, Duration::from_secs)
    })
}

type Notice = Box<dyn Fn(&str) + Send + Sync>;

static NOTICE: RwLock<Option<Notice>> = RwLock::new(None);

/// Where the "waiting" message goes: `None` is standard error (the command line); the
/// console sets its status line while its screen is up.
pub fn set_notice(notice: Option<Notice>) {
    if let Ok(mut n) = NOTICE.write() {
        *n = notice;
    }
}

/// The message a wait starts with.
pub fn waiting_message() -> String {
    format!("the database is busy: another program is writing to it; waiting up to {} s…", timeout().as_secs())
}

fn notify(message: &str) {
    match NOTICE.read().ok().as_deref() {
        Some(Some(notice)) => notice(message),
        _ => eprintln!("creditdesk: {message}"),
    }
}

thread_local! {
    /// When the current wait began.
    static SINCE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// SQLite's busy handler: `count` is how many times it was called for this wait.
/// Returns whether to try again.
pub(super) fn handler(count: i32) -> bool {
    let now = Instant::now();
    if count == 0 {
        SINCE.set(Some(now));
        notify(&waiting_message());
    }
    let since = SINCE.get().unwrap_or(now);
    if now.duration_since(since) >= timeout() {
        return false;
    }
    // Short sleeps at first (most waits are brief), then a steady 50 ms.
    std::thread::sleep(Duration::from_millis(if count < 10 { 5 } else { 50 }));
    true
}
