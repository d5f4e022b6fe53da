//! The trend in one pass against the same figures month by month (not a test).
//!
//! Builds a demo database (default 20,000 accounts / 200,000 invoices), then, side by
//! side in one run: `read::trend` (every ledger read once and seen as of the 12 month
//! ends in one pass), and the 12 `read::aging` reports as of each month end summed —
//! what the trend would cost evaluated month after month from scratch. Both must agree.
//! Prints wall time and CPU seconds (user + system, from /proc/self/stat) for each.
//!
//!     cargo bench --bench trend [-- ACCOUNTS INVOICES]

use creditdesk::demo::DemoSpec;
use creditdesk::domain::trend::month_ends;
use creditdesk::domain::Money;
use creditdesk::service::Service;
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

/// CPU seconds this process has used so far (user + system), on Linux.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which may hold spaces) start after ") ".
    let rest = stat.rsplit_once(") ").map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the whole line: 11 and 12 here.
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let args: Vec<u32> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let accounts = args.first().copied().unwrap_or(20_000);
    let invoices = args.get(1).copied().unwrap_or(200_000);
    let as_of = creditdesk::domain::dates::parse_iso("2026-11-23").expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut service = Service::open(&path, "bench").expect("open");
    let counts = service.generate_demo(&DemoSpec { accounts, invoices, seed: 1, end: as_of }).expect("demo");
    println!("data: {} accounts, {} charges, {} payments", counts.accounts, counts.charges, counts.payments);
    let store = service.store();

    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let points = creditdesk::read::trend(store, as_of, 12, &AtomicUsize::new(0)).expect("trend");
    let one_pass = (wall.elapsed(), cpu_seconds() - cpu);

    let (wall, cpu) = (Instant::now(), cpu_seconds());
    let monthly: Vec<(Money, Money)> = month_ends(as_of, 12)
        .into_iter()
        .map(|m| {
            let rows = creditdesk::read::aging(store, m).expect("aging");
            (rows.iter().map(|r| r.total).sum(), rows.iter().map(|r| r.past_60()).sum())
        })
        .collect();
    let month_by_month = (wall.elapsed(), cpu_seconds() - cpu);

    let agree = points.iter().zip(&monthly).all(|(p, (t, p60))| p.total == *t && p.past_60 == *p60);
    assert!(agree, "the trend and the aging reports disagree");
    println!("12 month ends, one pass (read::trend):    {:>8.2?} wall, {:>6.2} s CPU", one_pass.0, one_pass.1);
    println!(
        "12 month ends, 12 aging reports summed:   {:>8.2?} wall, {:>6.2} s CPU",
        month_by_month.0, month_by_month.1
    );
    println!("the same figures: yes");
}
