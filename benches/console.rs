//! Keystroke-to-frame benchmark of the console at scale (not a test).
//!
//! Builds a demo database (default 100,000 accounts / 1,000,000 invoices), computes the
//! console's snapshot as the worker thread does, then times each keystroke from the key
//! event to a finished frame on a 160×45 `TestBackend`: key handling, `update`, and
//! drawing the visible rows. Prints percentiles per kind of key.
//!
//!     cargo bench --bench console [-- ACCOUNTS INVOICES]
//!     cargo bench --bench console -- --db PATH [--snapshot-only]   (a database made before)

use creditdesk::app::{self, Action, App};
use creditdesk::demo::DemoSpec;
use creditdesk::service::Service;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let all: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<u32> = all.iter().filter_map(|a| a.parse().ok()).collect();
    let accounts = args.first().copied().unwrap_or(100_000);
    let invoices = args.get(1).copied().unwrap_or(1_000_000);
    let as_of = creditdesk::domain::dates::parse_iso("2026-11-23").expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let given = all.iter().position(|a| a == "--db").and_then(|i| all.get(i + 1));
    let path = given.map_or_else(|| dir.path().join("bench.db"), std::path::PathBuf::from);

    let mut service = Service::open(&path, "bench").expect("open");
    if given.is_none() {
        let started = Instant::now();
        let counts = service.generate_demo(&DemoSpec { accounts, invoices, seed: 1, end: as_of }).expect("demo");
        println!(
            "demo: {} accounts, {} charges, {} payments in {:.2?}",
            counts.accounts,
            counts.charges,
            counts.payments,
            started.elapsed()
        );
    }

    let started = Instant::now();
    let (total, done) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let snapshot = creditdesk::read::build_snapshot(service.store(), as_of, &total, &done).expect("snapshot");
    println!("snapshot (every account evaluated, off the UI thread): {:.2?}", started.elapsed());
    if all.iter().any(|a| a == "--snapshot-only") {
        return;
    }

    let (width, height) = (160, 45);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    let mut app = App::new(path.display().to_string(), "bench", creditdesk::service::Role::Manager, as_of);
    let started = Instant::now();
    app::update(&mut app, Action::SnapshotReady(Arc::new(snapshot)));
    let page = creditdesk::ui::page_rows(height, app.pane);
    app::update(&mut app, Action::Resize(page));
    terminal.draw(|f| creditdesk::ui::draw(f, &app)).expect("draw");
    println!("first full frame after the snapshot arrives: {:.2?}", started.elapsed());

    let scripts: Vec<(&str, Vec<KeyEvent>)> = vec![
        ("move down (j)", vec![key(KeyCode::Char('j')); 200]),
        ("move up (k)", vec![key(KeyCode::Char('k')); 200]),
        ("page down", vec![key(KeyCode::PageDown); 200]),
        ("last/first row (G/g)", [key(KeyCode::Char('G')), key(KeyCode::Char('g'))].repeat(50)),
        (
            "switch pane (1-8, Tab)",
            "12345678".chars().map(|c| key(KeyCode::Char(c))).chain([key(KeyCode::Tab)]).collect::<Vec<_>>().repeat(20),
        ),
        ("sort by each column (2, O × 12)", {
            let mut v = vec![key(KeyCode::Char('2'))];
            v.extend([key(KeyCode::Char('O')); 12].repeat(3));
            v
        }),
        ("filter as you type (/B1 … Esc)", {
            let mut v = vec![key(KeyCode::Char('1'))];
            for _ in 0..20 {
                v.push(key(KeyCode::Char('/')));
                v.extend("B1099".chars().map(|c| key(KeyCode::Char(c))));
                v.extend([key(KeyCode::Backspace), key(KeyCode::Esc)]);
            }
            v
        }),
    ];
    println!("keystroke to frame ({width}x{height}):");
    for (name, keys) in scripts {
        let mut times = Vec::with_capacity(keys.len());
        for k in keys {
            let started = Instant::now();
            if let Some(action) = app::handle_key(&app, k) {
                // Effects (writes, account loads) are the loop's business, not timed here.
                let _ = app::update(&mut app, action);
            }
            terminal.draw(|f| creditdesk::ui::draw(f, &app)).expect("draw");
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "  {name:<32} n={:<4} p50 {:>9.2?}  p95 {:>9.2?}  max {:>9.2?}",
            times.len(),
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            times[times.len() - 1]
        );
    }
}
