//! Eight desks writing to one account at once, through the binary, on each backend:
//! every acknowledged write is there, the balance is exact, and the audit log has one
//! entry per write (issue 14).

mod common;
use common::{backends, Db};

const WRITERS: usize = 8;
const EACH: usize = 5;

/// Writer `w`'s `i`th write to B200 as of 2026-04-30: the even writers record payments
/// of 2.00 (`CW-P-w-i`), the odd ones invoices of 1.01 (`CW-C-w-i`).
fn write(db: &Db, w: usize, i: usize) -> Option<String> {
    let day = ["--as-of", "2026-04-30"];
    let (reference, out) = if w.is_multiple_of(2) {
        let reference = format!("CW-P-{w}-{i}");
        let args = ["payment", "record", "B200", "--amount", "2.00", "--method", "WIRE", "--reference", &reference];
        let out = db.run(&[&day[..], &args, &["--date", "2026-04-30"]].concat());
        (reference, out)
    } else {
        let reference = format!("CW-C-{w}-{i}");
        let args = ["charge", "add", "B200", "--doc-no", &reference, "--kind", "invoice", "--amount", "1.01"];
        let out = db.run(&[&day[..], &args, &["--date", "2026-04-30"]].concat());
        (reference, out)
    };
    out.status.success().then_some(reference)
}

#[test]
fn eight_concurrent_writers_on_one_account_lose_nothing() {
    for backend in backends() {
        let db = Db::with_example_on(backend, "basic");
        let audit = |db: &Db| db.ok(&["audit", "--format", "csv"]).lines().count();
        let before = audit(&db);
        // The eight start together: each waits for the others before its first write.
        let start = std::sync::Barrier::new(WRITERS);
        let acknowledged: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..WRITERS)
                .map(|w| {
                    let (db, start) = (&db, &start);
                    scope.spawn(move || {
                        start.wait();
                        (0..EACH).filter_map(|i| write(db, w, i)).collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().flat_map(|h| h.join().expect("writer")).collect()
        });
        assert_eq!(acknowledged.len(), WRITERS * EACH, "{backend:?}: a write was refused");
        // B200 owed nothing on the example's last day: 20 invoices of 1.01 (20.20) are
        // paid by 20 payments of 2.00 (40.00), leaving 19.80 of unapplied credit.
        let aging = db.ok(&["--as-of", "2026-04-30", "aging", "--format", "csv"]);
        let b200 = aging.lines().find(|l| l.starts_with("B200,")).expect("B200 in aging");
        assert_eq!(b200, "B200,0.00,0.00,0.00,0.00,0.00,0.00,19.80,-19.80,false", "{backend:?}");
        let invoices = db.ok(&["--as-of", "2026-04-30", "invoices", "--format", "csv"]);
        assert!(!invoices.contains("CW-C-"), "{backend:?}: every invoice paid:\n{invoices}");
        assert_eq!(audit(&db), before + WRITERS * EACH, "{backend:?}: audit entries");
        let history = db.ok(&["account", "history", "B200", "--format", "csv"]);
        for reference in &acknowledged {
            assert!(history.contains(reference.as_str()), "{backend:?}: {reference} missing");
        }
        db.ok(&["check"]);
    }
}
