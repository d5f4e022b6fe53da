//! What `synchronous=FULL` costs (not a test): the same work under FULL (what the
//! program uses: a commit is on disk before it is acknowledged, power cut included) and
//! NORMAL (WAL's lighter mode, which can lose the last commits on a power cut), side by
//! side in one run.
//!
//! 1. A payment's commit: one transaction that inserts a payment and its audit entry, as
//!    `payment record` does, repeated, the two modes taking turns.
//! 2. The demo load at scale (default 100,000 accounts / 1,000,000 invoices).
//!
//!     cargo bench --bench durability [-- ACCOUNTS INVOICES PAYMENTS]

use creditdesk::demo::DemoSpec;
use creditdesk::domain::{Money, PaymentMethod};
use creditdesk::service::{audit, Change, Service};
use creditdesk::store;
use std::time::{Duration, Instant};

const MODES: [&str; 2] = ["FULL", "NORMAL"];

/// CPU seconds (user + system) this process has used so far.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line: 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

fn open(dir: &std::path::Path, name: &str, mode: &str) -> Service {
    let service = Service::open(&dir.join(name), "bench").expect("open");
    service.store().conn().pragma_update(None, "synchronous", mode).expect("synchronous");
    service
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let accounts = args.first().copied().unwrap_or(100_000);
    let invoices = args.get(1).copied().unwrap_or(1_000_000);
    let payments = args.get(2).copied().unwrap_or(300) as usize;
    let as_of = creditdesk::domain::dates::parse_iso("2026-11-23").expect("date");
    let dir = tempfile::tempdir_in(".").expect("temp dir on the project's disk");
    println!(
        "machine: {} cores; files on the project's disk",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );

    // 1. A payment's commit, the modes taking turns so drift hits both alike.
    let mut services: Vec<Service> = MODES.iter().map(|m| open(dir.path(), &format!("pay-{m}.db"), m)).collect();
    for s in &mut services {
        s.generate_demo(&DemoSpec { accounts: 40, invoices: 400, seed: 1, end: as_of }).expect("demo");
        s.store().conn().pragma_update(None, "synchronous", "FULL").ok();
    }
    for (s, mode) in services.iter().zip(MODES) {
        s.store().conn().pragma_update(None, "synchronous", mode).expect("synchronous");
    }
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); MODES.len()];
    let mut cpu = vec![0.0; MODES.len()];
    for i in 0..payments {
        for (m, s) in services.iter_mut().enumerate() {
            let account = store::accounts::by_no(s.store(), "A10000").expect("read").expect("demo account");
            let reference = format!("BENCH-{i}");
            let (start, cpu_start) = (Instant::now(), cpu_seconds());
            s.transact(|tx, op| {
                store::ledger::insert_payment(
                    tx,
                    &store::ledger::NewPayment {
                        reference: &reference,
                        account_id: account.id,
                        date: as_of,
                        method: PaymentMethod::Wire,
                        amount: Money::from_cents(100),
                        apply_to: None,
                    },
                )?;
                audit(
                    tx,
                    op,
                    &Change {
                        action: "record",
                        entity: "payment",
                        entity_key: Some(&reference),
                        account_no: Some("A10000"),
                        before: None,
                        after: None,
                    },
                )
            })
            .expect("payment");
            times[m].push(start.elapsed());
            cpu[m] += cpu_seconds() - cpu_start;
        }
    }
    println!("payment commit ({payments} each, taking turns):");
    for (m, mode) in MODES.iter().enumerate() {
        let mut t = times[m].clone();
        t.sort();
        let mean = t.iter().sum::<Duration>() / t.len() as u32;
        println!(
            "  synchronous={mode:<6} p50 {:>8.2?}  p95 {:>8.2?}  max {:>8.2?}  mean {:>8.2?}  CPU {:.2} s",
            percentile(&t, 0.5),
            percentile(&t, 0.95),
            t[t.len() - 1],
            mean,
            cpu[m]
        );
    }
    drop(services);

    // 2. The demo load at scale, once per mode.
    println!("demo load: --accounts {accounts} --invoices {invoices} --seed 1");
    for mode in MODES {
        let mut s = open(dir.path(), &format!("demo-{mode}.db"), mode);
        let (start, cpu_start) = (Instant::now(), cpu_seconds());
        let counts = s.generate_demo(&DemoSpec { accounts, invoices, seed: 1, end: as_of }).expect("demo");
        println!(
            "  synchronous={mode:<6} {:>6.2?} wall, CPU {:.1} s ({} accounts, {} charges, {} payments)",
            start.elapsed(),
            cpu_seconds() - cpu_start,
            counts.accounts,
            counts.charges,
            counts.payments
        );
    }
}
