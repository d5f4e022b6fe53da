//! The real binary in a pseudo-terminal: keys in, the screen read back through a vt100
//! parser. Waits poll the screen with a timeout rather than sleeping fixed times.

mod common;

use common::{Db, BIN};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Console {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Console {
    /// The console on the Accounts pane (it opens on Today: `1` goes there).
    fn open(db: &Db) -> Console {
        let mut c = Console::open_with(db, None);
        c.wait_for("[0 Today");
        c.keys("1");
        c
    }

    /// The console on the Accounts pane, with the payment form open for A100.
    fn payment_form(db: &Db) -> Console {
        let mut c = Console::open(db);
        c.wait_for("Allied Alarm Co");
        c.keys("p");
        c.wait_for("Record a payment");
        c
    }

    fn open_with(db: &Db, fault: Option<&str>) -> Console {
        Console::open_sized(db, fault, 30, 120)
    }

    fn open_sized(db: &Db, fault: Option<&str>, rows: u16, cols: u16) -> Console {
        let pair =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(["--db", db.path.to_str().unwrap(), "--as-of", "2026-04-30", "--operator", "tester"]);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("CREDITDESK_DB");
        // This test's configuration, log and documents folder, not the user's.
        cmd.env("CREDITDESK_CONFIG_DIR", db.dir.path().join("config"));
        cmd.env("XDG_STATE_HOME", db.dir.path().join("state"));
        cmd.env("XDG_DATA_HOME", db.dir.path().join("data"));
        match fault {
            Some(f) => cmd.env("CREDITDESK_FAULT", f),
            None => cmd.env_remove("CREDITDESK_FAULT"),
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn creditdesk");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let feed = parser.clone();
        std::thread::spawn(move || {
            let _master = pair.master; // kept open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        Console { parser, writer, child }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen after 10 s.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; the screen:\n{}", self.screen());
    }

    /// Sends `bytes` in one write: a burst, as a fast typist or a paste without
    /// bracketing sends it.
    fn burst(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits until the screen stops changing (nothing new for 300 ms); returns it.
    fn settled(&self) -> String {
        let mut last = self.screen();
        let mut since = Instant::now();
        let start = Instant::now();
        while since.elapsed() < Duration::from_millis(300) && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.screen();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
        last
    }

    /// Ends the console without a key (a form may hold input).
    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn keys(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Let the console read them as separate keys.
        std::thread::sleep(Duration::from_millis(30));
    }

    fn quit(mut self) {
        self.keys("q");
        assert!(self.exit().success());
    }

    /// Waits for the process to end, then checks the terminal was given back:
    /// main screen, cursor shown.
    fn exit(mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "did not exit");
            std::thread::sleep(Duration::from_millis(20));
        };
        std::thread::sleep(Duration::from_millis(150));
        let p = self.parser.lock().unwrap();
        assert!(!p.screen().alternate_screen(), "the terminal was left in the alternate screen");
        assert!(!p.screen().hide_cursor(), "the cursor was left hidden");
        status
    }
}

const TAB: &str = "\t";
const CTRL_U: &str = "\x15";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";

fn a100_total_from_aging(db: &Db) -> String {
    let csv = db.ok(&["aging", "--as-of", "2026-04-30", "--format", "csv"]);
    let line = csv.lines().find(|l| l.starts_with("A100,")).expect("A100 in aging");
    line.split(',').nth(8).unwrap().to_string()
}

#[test]
fn a_payment_recorded_through_the_form_shows_on_screen_and_in_the_aging() {
    let db = Db::with_example("basic");
    assert_eq!(a100_total_from_aging(&db), "685.61");
    let mut c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    c.wait_for("685.61");
    c.keys("p");
    c.wait_for("Record a payment");
    c.keys("100");
    c.keys(TAB);
    c.keys(TAB);
    // The date is today's unless typed: dated on the day viewed, it is back-dated.
    c.keys(CTRL_U);
    c.keys("2026-04-30");
    c.keys(TAB);
    c.keys("PTY-1");
    c.keys(ENTER);
    c.wait_for("BACK-DATED: date 2026-04-30");
    c.wait_for("Save this?");
    c.keys("y");
    c.wait_for("payment PTY-1 of 100.00 recorded");
    // The figures follow once the snapshot is recomputed off the UI thread.
    let start = Instant::now();
    while c.screen().contains("685.61") && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let screen = c.screen();
    c.quit();
    let total = a100_total_from_aging(&db);
    assert_ne!(total, "685.61");
    assert!(screen.contains(&total), "the aging total {total} is not on the screen:\n{screen}");
}

#[test]
fn invalid_input_in_a_form_writes_nothing() {
    let db = Db::with_example("basic");
    let before = db.fingerprint();
    let mut c = Console::payment_form(&db);
    c.keys("-5");
    c.keys(ENTER);
    c.wait_for("is not an amount");
    assert!(c.screen().contains("-5"), "the typed value is kept");
    c.keys(ESC);
    c.wait_for("nothing was written");
    c.quit();
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn the_terminal_is_restored_after_a_panic() {
    let db = Db::with_example("basic");
    let console = Console::open_with(&db, Some("panic"));
    console.wait_for("injected fault");
    let parser = console.parser.clone();
    let status = console.exit();
    assert!(!status.success(), "a panic must not exit 0");
    assert!(parser.lock().unwrap().screen().contents().contains("CREDITDESK_FAULT=panic"));
}

#[test]
fn the_terminal_is_restored_after_an_error() {
    let db = Db::with_example("basic");
    let console = Console::open_with(&db, Some("error"));
    console.wait_for("error: ");
    let parser = console.parser.clone();
    let status = console.exit();
    assert!(!status.success(), "an error must not exit 0");
    assert!(parser.lock().unwrap().screen().contents().contains("injected fault (CREDITDESK_FAULT=error)"));
}

#[test]
fn a_privacy_request_recorded_through_the_form_of_pane_8_is_in_the_database() {
    let db = Db::with_example("basic");
    let mut c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    c.keys("8");
    c.wait_for("No privacy requests");
    c.keys("o");
    c.wait_for("Record a privacy request");
    // Kind ACCESS is filled in; the cursor is on the (empty) account.
    c.keys("A100");
    c.keys(TAB);
    c.keys("Pat Allied");
    // Received on the day viewed (it is dated today unless typed).
    c.keys(TAB);
    c.keys(TAB);
    c.keys(CTRL_U);
    c.keys("2026-04-30");
    c.keys(ENTER);
    c.wait_for("Save this?");
    c.keys("y");
    c.wait_for("privacy request #1 (ACCESS for A100) recorded, due 2026-05-30");
    // The list follows once the snapshot is recomputed.
    c.wait_for("Pat Allied");
    c.quit();
    let listed = db.ok(&["privacy", "list", "--format", "csv"]);
    assert!(listed.contains("ACCESS") && listed.contains("A100") && listed.contains("Pat Allied"), "{listed}");
}

/// Bracketed paste, as a terminal sends it when text is pasted.
fn paste(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

const LEFT: &str = "\x1b[D";

#[test]
fn text_pasted_into_a_form_field_lands_at_the_cursor_and_is_saved() {
    let db = Db::with_example("basic");
    let mut c = Console::payment_form(&db);
    // The cursor is on the (empty) amount: paste 1250, go back two, type the point.
    c.keys(&paste("1250"));
    c.wait_for("1250");
    c.keys(LEFT);
    c.keys(LEFT);
    c.keys(".");
    c.wait_for("12.50");
    c.keys(TAB);
    c.keys(TAB);
    c.keys(TAB);
    c.keys(&paste("PASTED-7\n"));
    c.wait_for("PASTED-7");
    c.keys(ENTER);
    c.wait_for("Save this?");
    c.keys("y");
    c.wait_for("payment PASTED-7 of 12.50 recorded");
    c.quit();
    let audit = db.ok(&["audit", "--account", "A100", "--format", "csv"]);
    let line =
        audit.lines().find(|l| l.contains("PASTED-7")).unwrap_or_else(|| panic!("not in the audit log:\n{audit}"));
    assert!(line.contains("12.50"), "{line}");
}

#[test]
fn text_pasted_into_the_filter_narrows_the_list() {
    let db = Db::with_example("basic");
    let mut c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    c.keys("/");
    c.keys(&paste("cardinal"));
    c.wait_for("filter “cardinal”");
    assert!(!c.screen().contains("Allied Alarm Co"), "{}", c.screen());
    c.keys(ESC);
    c.wait_for("Allied Alarm Co");
    c.quit();
}

/// Keys typed one at a time, then the same keys in one write: the screens are the same.
#[test]
fn a_burst_of_keys_in_one_write_gives_the_same_screen_as_slow_typing() {
    let db = Db::with_example("basic");
    // A filter typed and kept, a form opened on the row it leaves, a field typed into:
    // each key changes what the next one means.
    let script = ["2", "/", "c", "3", "0", "0", ENTER, "j", "p", "1", "2", "5", TAB, "W", "I", "R", "E"];
    let mut slow = Console::open(&db);
    slow.wait_for("Allied Alarm Co");
    for k in script {
        slow.keys(k);
    }
    let typed = slow.settled();
    slow.kill();
    assert!(typed.contains("Record a payment") && typed.contains("125"), "{typed}");
    let mut fast = Console::open(&db);
    fast.wait_for("Allied Alarm Co");
    fast.burst(&script.concat());
    let burst = fast.settled();
    fast.kill();
    // (Cells written blank and cells never written read alike on a terminal.)
    let visible = |s: &str| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    assert_eq!(visible(&burst), visible(&typed), "a burst lost or misplaced keys");
}

/// Another process (the command line, another console) records a payment: it shows,
/// with a note, and no key is pressed.
#[test]
fn a_payment_recorded_by_another_process_appears_without_a_key() {
    let db = Db::with_example("basic");
    let c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    c.wait_for("685.61");
    db.pay("A100", "100", "WIRE", "ELSEWHERE-1");
    let total = a100_total_from_aging(&db);
    assert_ne!(total, "685.61");
    c.wait_for(&total);
    c.wait_for("another desk's work");
    let screen = c.screen();
    assert!(!screen.contains("685.61"), "{screen}");
    assert!(screen.contains("ELSEWHERE-1"), "the note names the payment: {screen}");
    c.quit();
}

/// `1234567.8` as the console groups it: `1,234,567.80`.
fn grouped(plain: &str) -> String {
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain), |r| ("-", r));
    let (whole, frac) = rest.split_once('.').unwrap_or((rest, "00"));
    let mut out = String::from(sign);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{out}.{frac}")
}

/// A screen line's words.
fn words(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || c == '│').filter(|w| !w.is_empty()).collect()
}

#[test]
fn at_80_by_24_every_amount_on_the_accounts_and_invoices_panes_is_whole() {
    let db = Db::with_example("basic");
    // Amounts of ten million and more, and a long name and document number.
    let customers = db.write("big.csv", "account_no,name,terms,credit_limit\nD400,Dunmore Integrated Security Systems of the Tri-County Area,NET30,25000000\n");
    db.ok(&["import", "customers", customers.to_str().unwrap()]);
    let invoices = db.write(
        "big-inv.csv",
        "doc_no,account_no,kind,date,amount\nINV-D400-2026-0000001,D400,INVOICE,2026-03-02,12345678.90\nINV-D400-2026-0000002,D400,INVOICE,2026-04-01,452.68\n",
    );
    db.ok(&["import", "invoices", invoices.to_str().unwrap()]);
    let aging = db.ok(&["aging", "--as-of", "2026-04-30", "--format", "csv"]);
    let invoices = db.ok(&["invoices", "--as-of", "2026-04-30", "--format", "csv"]);
    let mut c = Console::open_sized(&db, None, 24, 80);
    // The console opens on Today: the Accounts pane is 1.
    c.wait_for("Today, 2026-04-30");
    c.keys("1");
    c.wait_for("Allied Alarm");
    let screen = c.settled();
    for line in aging.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let row =
            screen.lines().find(|l| words(l).first() == Some(&f[0])).unwrap_or_else(|| panic!("{}:\n{screen}", f[0]));
        assert!(words(row).contains(&grouped(f[8]).as_str()), "balance {} of {} not whole:\n{screen}", f[8], f[0]);
    }
    c.keys("2");
    c.wait_for("Open charges");
    let screen = c.settled();
    let mut shown = 0;
    for line in invoices.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let Some(row) = screen.lines().find(|l| words(l).first() == Some(&f[0])) else { continue };
        shown += 1;
        assert!(words(row).contains(&grouped(f[6]).as_str()), "outstanding {} of {} not whole:\n{screen}", f[6], f[0]);
    }
    assert!(shown >= 10, "the rows on screen are checked ({shown}):\n{screen}");
    assert!(screen.contains("12,345,678.90"), "{screen}");
    assert!(screen.contains("hidden"), "the columns that gave way are named:\n{screen}");
    c.quit();
}

#[test]
fn enter_at_the_confirmation_writes_nothing() {
    let db = Db::with_example("basic");
    let before = db.fingerprint();
    let mut c = Console::payment_form(&db);
    c.keys("100");
    c.keys(TAB);
    c.keys(TAB);
    c.keys(TAB);
    c.keys("ENTER-TWICE");
    c.keys(ENTER);
    c.wait_for("Save this? y = save, n = keep editing");
    c.keys(ENTER);
    c.keys(ENTER);
    let screen = c.settled();
    assert!(screen.contains("Save this?"), "Enter answered the question:\n{screen}");
    assert!(!screen.contains("recorded"), "{screen}");
    c.keys("n");
    c.keys(ESC);
    c.wait_for("nothing was written");
    c.quit();
    assert_eq!(db.fingerprint(), before);
}

#[test]
fn a_filters_totals_are_the_totals_of_the_rows_it_leaves() {
    let db = Db::with_example("basic");
    let invoices = db.ok(&["invoices", "--as-of", "2026-04-30", "--format", "csv"]);
    let cents = |s: &str| -> i64 {
        let (w, f) = s.split_once('.').unwrap();
        w.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap()
    };
    let c300: i64 = invoices
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(1) == Some("C300"))
        .map(|l| cents(l.split(',').nth(6).unwrap()))
        .sum();
    let all: i64 = invoices.lines().skip(1).map(|l| cents(l.split(',').nth(6).unwrap())).sum();
    let money = |c: i64| grouped(&format!("{}.{:02}", c / 100, c % 100));
    let mut c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    c.keys("2");
    c.wait_for(&format!("all: {}", money(all)));
    c.keys("/");
    for k in ["c", "3", "0", "0"] {
        c.keys(k);
    }
    c.wait_for("Totals of the filter");
    c.wait_for(&format!("all: {}", money(c300)));
    c.keys(ESC);
    c.wait_for(&format!("all: {}", money(all)));
    c.quit();
}

#[test]
fn a_call_logged_from_today_shows_in_the_account_view() {
    let db = Db::with_example("basic");
    let mut c = Console::open_with(&db, None);
    // The console opens on Today; its first line is A100's credit hold.
    c.wait_for("Today, 2026-04-30: 4 things to do");
    c.wait_for("CREDIT_HOLD A100");
    c.keys("n");
    c.wait_for("Log a call — A100");
    // The cursor is on what was said (account and kind are filled in).
    c.keys("Pat promised a cheque for Friday");
    c.keys(TAB);
    c.keys("2026-05-01");
    // Dated today unless typed: the call was made on the day viewed.
    c.keys(TAB);
    c.keys(CTRL_U);
    c.keys("2026-04-30");
    c.keys(ENTER);
    c.wait_for("BACK-DATED: date 2026-04-30");
    c.wait_for("Save this?");
    c.keys("y");
    c.wait_for("CALL noted on A100; next action 2026-05-01");
    c.keys(ENTER);
    c.wait_for("Account A100");
    c.wait_for("Pat promised a cheque for Friday  → next action 2026-05-01");
    c.keys(ESC);
    c.quit();
    let notes = db.ok(&["--as-of", "2026-04-30", "note", "list", "A100", "--format", "csv"]);
    assert!(notes.contains("A100,2026-04-30,CALL,2026-05-01,tester,Pat promised a cheque for Friday"), "{notes}");
    // On 2026-05-01 the next action brings A100 back on Today.
    let today = db.ok(&["--as-of", "2026-05-01", "today", "--format", "csv"]);
    assert!(
        today.contains("NEXT_ACTION,A100,CALL 2026-04-30 by tester: Pat promised a cheque for Friday,2026-05-01"),
        "{today}"
    );
}

#[test]
fn s_writes_the_accounts_statement_pdf_and_says_where_and_the_letters_preview_sends_on_y() {
    let db = Db::with_example("basic");
    let mut c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    c.keys("s");
    c.wait_for("statement of A100 as of 2026-04-30 written to");
    let pdf = db.dir.path().join("data/creditdesk/documents/statements/statement-A100-2026-04-30.pdf");
    assert!(std::fs::read(&pdf).expect("the PDF").starts_with(b"%PDF-"));
    c.keys("3");
    c.keys("L");
    c.wait_for("2 letters due as of 2026-04-30");
    c.keys("y");
    c.wait_for("2 letters written to");
    c.quit();
    let sent = db.ok(&["dunning", "list", "--format", "csv"]);
    assert_eq!(sent.lines().count(), 3, "{sent}");
    assert!(db.dir.path().join("data/creditdesk/documents/letters/dunning-2026-04-30-A100-level3.pdf").exists());
}

#[test]
fn a_payment_voided_through_the_console_changes_the_balance_on_screen_and_in_the_aging() {
    let db = Db::with_example("basic");
    assert_eq!(a100_total_from_aging(&db), "685.61");
    let mut c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    c.keys(ENTER);
    c.wait_for("Account A100");
    c.wait_for("balance 685.61");
    // Five open charges, then the payments: P-1 (500.00 CHECK) is the sixth document.
    c.keys("jjjjj");
    c.keys("V");
    c.wait_for("Void payment P-1");
    c.keys("entered twice");
    c.keys(ENTER);
    c.wait_for("Balance as of 2026-04-30: 685.61 → 1,198.50");
    c.keys("y");
    c.wait_for("payment P-1 of 500.00 (A100) voided");
    c.wait_for("balance 1,198.50");
    c.wait_for("VOID");
    c.quit();
    assert_eq!(a100_total_from_aging(&db), "1198.50");
}

#[test]
fn escape_sequences_in_the_data_leave_the_window_title_and_the_screen_intact() {
    let db = Db::with_example("basic");
    let conn = rusqlite::Connection::open(&db.path).unwrap();
    conn.execute("UPDATE accounts SET name = ?1 WHERE account_no = 'A100'", ["\x1b]0;pwned\x07T"]).unwrap();
    conn.execute("UPDATE accounts SET name = ?1 WHERE account_no = 'B200'", ["\x1b[2JClear"]).unwrap();
    conn.execute("UPDATE charges SET doc_no = ?1 WHERE doc_no = 'INV-1001'", ["INV\x1b[?1049l-1001"]).unwrap();
    drop(conn);
    let mut c = Console::open(&db);
    c.wait_for("\\u{1b}]0;pwned\\u{7}T");
    c.wait_for("\\u{1b}[2JClear");
    let intact = |c: &Console, shown: &str| {
        let p = c.parser.lock().unwrap();
        assert_eq!(p.screen().title(), "", "the window title was changed");
        assert!(p.screen().alternate_screen(), "the console left the alternate screen");
        let screen = p.screen().contents();
        assert!(screen.contains("creditdesk │") && screen.contains(shown), "{screen}");
    };
    intact(&c, "Cardinal Locksmiths");
    // Other panes, and back: the damage does not come later either.
    c.keys("2");
    // (The document number is shortened with "…" to fit beside every other column.)
    c.wait_for("INV\\u{1b}[?1049l-");
    intact(&c, "FC-A100-2026-02");
    c.keys("1");
    c.wait_for("Cardinal Locksmiths");
    c.keys(ENTER);
    c.wait_for("Esc goes back");
    intact(&c, "Open charges");
    c.keys(ESC);
    c.quit();
}

#[test]
fn a_save_meeting_a_busy_database_says_it_waits_in_the_status_line_then_goes_through() {
    let db = Db::with_example("basic");
    let mut c = Console::open(&db);
    c.wait_for("Allied Alarm Co");
    let holder = rusqlite::Connection::open(&db.path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    c.keys("p");
    c.wait_for("Record a payment");
    c.keys("7");
    c.keys(TAB);
    c.keys(TAB);
    c.keys(TAB);
    c.keys("BUSY-7");
    c.keys(ENTER);
    c.wait_for("Save this?");
    c.keys("y");
    c.wait_for("the database is busy: another program is writing to it; waiting up to 60 s");
    holder.execute_batch("COMMIT;").unwrap();
    c.wait_for("payment BUSY-7 of 7.00 recorded");
    c.quit();
}
