//! CPU time and peak memory of the `aging` and `invoices` CSV reports beside a bare SQL
//! pass over the same rows, in one run, as of two days (not a test).
//!
//! The machine is shared and has two cores: wall time says little, so each figure is the
//! CPU time (user + system) of a process of its own, measured by GNU time, with its peak
//! resident memory. The runs of one round are interleaved, so noise hits them alike.
//!
//! The SQL pass is what any report must at least do: on one connection, every charge and
//! every payment dated on or before the day read once (account, date, amount, and the
//! text columns the ledger needs: document number, kind, due date; reference, method,
//! `apply_to`), and the returned checks of the period, summed per account.
//!
//!     cargo bench --bench reports -- DB [ROUNDS] [DAY...]
//!
//! DB is a database made by `creditdesk demo` (benches/scale.sh makes one); the days
//! default to 2026-11-23 and 2025-12-31.

use std::process::Command;

const TIME: &str = "/usr/bin/time";

/// CPU seconds (user + system) and peak memory (KB) of a command.
fn measure(program: &str, args: &[&str]) -> (f64, f64, u64) {
    let out = Command::new(TIME)
        .args(["-f", "@@ %U %S %M"])
        .arg(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .expect("GNU time (apt-get install time)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{program} {args:?} failed: {stderr}");
    let line = stderr.lines().find_map(|l| l.strip_prefix("@@ ")).expect("time's line");
    let f: Vec<&str> = line.split_whitespace().collect();
    (f[0].parse().unwrap(), f[1].parse().unwrap(), f[2].parse().unwrap())
}

/// The SQL pass, in this process (started again with `--sql-pass DB DAY`).
fn sql_pass(db: &str, day: &str) {
    let store = creditdesk::store::Store::open(std::path::Path::new(db)).expect("open");
    let conn = store.conn();
    let mut sums: std::collections::HashMap<i64, (i64, usize)> = std::collections::HashMap::new();
    let mut text = 0usize;
    for sql in [
        "SELECT account_id, date, amount_cents, doc_no, kind, due_date FROM charges WHERE date <= ?1",
        "SELECT account_id, date, amount_cents, payment_ref, method, apply_to FROM payments WHERE date <= ?1",
        "SELECT p.account_id, r.returned_date, r.fee_cents, p.payment_ref, '', '' FROM returned_checks r
         JOIN payments p ON p.id = r.payment_id WHERE r.returned_date <= ?1",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let mut rows = stmt.query([day]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let e = sums.entry(r.get(0).unwrap()).or_default();
            e.0 += r.get::<_, i64>(2).unwrap();
            e.1 += r.get_ref(1).unwrap().as_str().unwrap().len();
            for i in 3..6 {
                text += r.get_ref(i).unwrap().as_str().map_or(0, str::len);
            }
        }
    }
    println!("{} accounts, {text} bytes of text", sums.len());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if args.first().map(String::as_str) == Some("--sql-pass") {
        return sql_pass(&args[1], &args[2]);
    }
    let Some(db) = args.first() else {
        eprintln!("usage: cargo bench --bench reports -- DB [ROUNDS] [DAY...]");
        return;
    };
    let rounds: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut days: Vec<&str> = args.iter().skip(2).map(String::as_str).collect();
    if days.is_empty() {
        days = vec!["2026-11-23", "2025-12-31"];
    }
    let me = std::env::current_exe().expect("this program");
    let me = me.to_str().expect("path");
    let bin = env!("CARGO_BIN_EXE_creditdesk");
    println!("{db}, {rounds} rounds; CPU seconds (user + system) and peak memory per run");
    for day in &days {
        let mut rows: Vec<(&str, Vec<(f64, u64)>)> =
            vec![("SQL pass", vec![]), ("aging", vec![]), ("invoices", vec![])];
        for _ in 0..rounds {
            let runs: [(usize, &str, Vec<&str>); 3] = [
                (0, me, vec!["--sql-pass", db, day]),
                (1, bin, vec!["--db", db, "--operator", "bench", "--as-of", day, "aging", "--format", "csv"]),
                (2, bin, vec!["--db", db, "--operator", "bench", "--as-of", day, "invoices", "--format", "csv"]),
            ];
            for (i, program, args) in runs {
                let (user, sys, kb) = measure(program, &args);
                rows[i].1.push((user + sys, kb));
            }
        }
        let median = |v: &[(f64, u64)]| {
            let mut cpu: Vec<f64> = v.iter().map(|x| x.0).collect();
            cpu.sort_by(f64::total_cmp);
            cpu[cpu.len() / 2]
        };
        let sql = median(&rows[0].1);
        println!("as of {day}:");
        for (name, v) in &rows {
            let cpu = median(v);
            let peak = v.iter().map(|x| x.1).max().unwrap_or(0);
            let all: Vec<String> = v.iter().map(|x| format!("{:.2}", x.0)).collect();
            println!(
                "  {name:<9} CPU median {cpu:>6.2} s ({:>5.2}x the SQL pass; runs {})  peak {:>4} MB",
                cpu / sql,
                all.join(" "),
                peak / 1024
            );
        }
    }
}
