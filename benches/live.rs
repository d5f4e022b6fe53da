//! The live console at scale, through a real terminal (a pseudo-terminal read back with
//! a vt100 parser), not a test:
//!
//! - start: from launch to the first frame, and to every figure on screen;
//! - write to screen: a payment saved through the console's form (`y` at the question)
//!   until the account's new balance is on screen (p50/p95 over N writes);
//! - another desk: a payment recorded by another process (`creditdesk payment record`)
//!   until it shows, no key pressed (p50/p95 over N/4 payments).
//!
//! It WRITES payments of 0.01 into the database it is given: use a scratch copy.
//!
//!     cargo bench --bench live -- DB [N] [AS_OF]      (N = 60, AS_OF = today: the day new payments are dated)

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_creditdesk");

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits (polling every millisecond) until `done` holds of the screen; the time it took.
    fn until(&self, what: &str, done: impl Fn(&str) -> bool) -> Duration {
        let start = Instant::now();
        loop {
            if done(&self.text()) {
                return start.elapsed();
            }
            assert!(start.elapsed() < Duration::from_secs(120), "timed out waiting for {what}:\n{}", self.text());
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    fn keys(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

/// The first account's line on the Accounts pane (it is selected when the console opens).
fn first_row(screen: &str) -> String {
    screen.lines().nth(4).unwrap_or_default().to_string()
}

fn percentiles(mut v: Vec<Duration>) -> String {
    v.sort();
    let p = |q: f64| v[((v.len() - 1) as f64 * q).round() as usize];
    format!("n={} p50 {:.1?} p95 {:.1?} max {:.1?}", v.len(), p(0.5), p(0.95), v[v.len() - 1])
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let Some(db) = args.first().cloned() else {
        eprintln!("usage: cargo bench --bench live -- DB [N] [AS_OF]");
        return;
    };
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(60);
    // Today by default: the payment form dates a payment today, and a payment after the
    // day viewed would not move the balance on screen.
    let as_of = args.get(2).cloned().unwrap_or_else(|| chrono::Local::now().date_naive().to_string());
    let accounts: String = {
        let out = std::process::Command::new("sqlite3").args([&db, "SELECT count(*) FROM accounts"]).output();
        out.map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).unwrap_or_default()
    };
    let (rows, cols) = (45, 160);
    let pair = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["--db", &db, "--as-of", &as_of, "--operator", "bench", "--idle-minutes", "0"]);
    cmd.env("TERM", "xterm-256color");
    let child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let writer = pair.master.take_writer().expect("writer");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let feed = parser.clone();
    std::thread::spawn(move || {
        let _master = pair.master;
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            feed.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut s = Screen { parser, writer, child };
    let first = s.until("the first frame", |t| t.contains(&format!("as of {as_of}")));
    let every = s.until("every figure", |t| t.contains(&format!("Accounts {accounts}")) && !t.contains("computing"));
    println!("{db}: {accounts} accounts, as of {as_of}, {cols}x{rows}");
    println!("start: first frame {:.2?}, every figure on screen {:.2?}", first, every.max(first));
    // The console opens on Today; the writes are measured on the Accounts pane's first row.
    s.keys("1");
    s.until("the Accounts pane", |t| t.contains("[1 Accounts"));

    let row = first_row(&s.text());
    let account = row.trim_start_matches('│').split_whitespace().next().unwrap_or_default().to_string();
    let tag = std::process::id();
    let mut writes = Vec::new();
    for i in 0..n {
        let before = first_row(&s.text());
        s.keys("p");
        s.until("the payment form", |t| t.contains("Record a payment"));
        s.keys(&format!("0.01\t\t\tLAT-{tag}-{i}\r"));
        s.until("the question", |t| t.contains("Save this?"));
        s.keys("y");
        writes.push(s.until("the new balance", |t| first_row(t) != before && !t.contains("Record a payment")));
    }
    println!("write to screen (payment saved with y until {account}'s new balance shows): {}", percentiles(writes));

    let mut others = Vec::new();
    for i in 0..(n / 4).max(5) {
        let before = first_row(&s.text());
        let reference = format!("DESK-{tag}-{i}");
        let out = std::process::Command::new(BIN)
            .args(["--db", &db, "--operator", "bench", "--as-of", &as_of, "payment", "record", &account])
            .args(["--amount", "0.01", "--method", "WIRE", "--reference", &reference])
            .output()
            .expect("payment record");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        others.push(s.until("another desk's payment", |t| first_row(t) != before));
        s.until("the note", |t| t.contains(&reference));
    }
    println!("another desk's payment (committed by another process until it shows, no key): {}", percentiles(others));
    s.keys("q");
    let _ = s.child.wait();
}
