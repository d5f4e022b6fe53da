//! Eight desks writing to one account at once, through the binary, on each backend:
//! every acknowledged write is there, the balance is exact, and the audit log has one
//! entry per write (issue 14).

mod common;
use common::{backends, Db};

const WRITERS: usize = 8;
const EACH: usize = 5;

#[test]
fn eight_concurrent_writers_on_one_account_lose_nothing() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let audit = |db: &Db| db.ok(&["audit", "--format", "csv"]).lines().count();
        let before = audit(&db);
        let acknowledged: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..WRITERS)
                .map(|w| {
                    let db = &db;
                    scope.spawn(move || {
                        (0..EACH)
                            .filter_map(|i| {
                                let reference = format!("CW-{w}-{i}");
                                let out = db.run(&[
                                    "--as-of",
                                    "2026-04-30",
                                    "payment",
                                    "record",
                                    "B200",
                                    "--amount",
                                    "1.01",
                                    "--method",
                                    "WIRE",
                                    "--reference",
                                    &reference,
                                    "--date",
                                    "2026-04-30",
                                ]);
                                out.status.success().then_some(reference)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("writer")).collect()
        });
        assert_eq!(acknowledged.len(), WRITERS * EACH, "{backend:?}: a write was refused");
        let aging = db.ok(&["--as-of", "2026-04-30", "aging", "--format", "csv"]);
        let b200 = aging.lines().find(|l| l.starts_with("B200,")).expect("B200 in aging");
        // B200 owes nothing on the example's last day: every cent paid is unapplied credit.
        let credit = format!("{:.2}", 1.01 * (WRITERS * EACH) as f64);
        assert!(b200.contains(&format!(",{credit},-{credit},")), "{backend:?}: {b200}");
        assert_eq!(audit(&db), before + WRITERS * EACH, "{backend:?}: audit entries");
        let history = db.ok(&["account", "history", "B200", "--format", "csv"]);
        for reference in &acknowledged {
            assert!(history.contains(reference.as_str()), "{backend:?}: {reference} missing");
        }
        db.ok(&["check"]);
    }
}
