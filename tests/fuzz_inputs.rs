//! Issue #9: random bytes into the CSV importer and random text into every field of
//! every console form (through its parser and on into the service), seeded so a
//! failure replays. Nothing panics, and what is refused writes nothing: the database's
//! row counts are the same after a refusal as before it.
//!
//! Figures: run with `--nocapture` to see cases tried and how many were refused.

mod common;

use common::Db;
use creditdesk::app::forms::{self, FormDef};
use creditdesk::app::{AccountDetail, App, Mode, Pane};
use creditdesk::service::import::ImportKind;
use creditdesk::service::{Role, Service};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use std::cell::{Cell, RefCell};
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

/// Rows of every table, and the audit log's newest entry: what a write would change.
fn counts(service: &Service) -> Vec<(String, i64)> {
    let conn = service.store().conn();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

fn config(cases: u32) -> Config {
    Config { cases, rng_seed: RngSeed::Fixed(9), failure_persistence: None, ..Config::default() }
}

/// A cell: something plausible, printable noise, any characters (control characters
/// included), quotes and separators, or a huge number.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "A100",
            "B200",
            "C300",
            "INV-1001",
            "INV-9",
            "P-1",
            "P-3",
            "2026-01-05",
            "2026-02-30",
            "0026-03-01",
            "9999-12-31",
            "12.50",
            "0",
            "-5",
            "1e3",
            "INVOICE",
            "FEE",
            "INTEREST",
            "WIRE",
            "CHECK",
            "NET30",
            "PREPAY",
            "true",
            "TRUE",
            "nope",
            "",
            "FC-A100-2026-01",
            "RCF-P-1",
            "12",
        ])
        .prop_map(str::to_string),
        "\\PC{0,16}",
        ".{0,16}",
        "[,\"\r\n ]{0,6}",
        "9{15,40}(\\.9{1,3})?",
    ]
}

/// A file for `kind`: random bytes, or a header of its columns (shuffled, maybe with
/// one too many) and rows of cells, joined as CSV would be (or not quite).
fn file(kind: ImportKind) -> impl Strategy<Value = Vec<u8>> {
    let (required, optional) = kind.columns();
    let columns: Vec<String> = required.iter().chain(optional).map(|c| c.to_string()).collect();
    let n = columns.len();
    let header = (Just(columns).prop_shuffle(), 0..=n + 1).prop_map(|(mut c, take)| {
        if take > c.len() {
            c.push("extra".into());
        }
        c.truncate(take.max(1));
        c
    });
    let structured = (header, prop::collection::vec(prop::collection::vec(cell(), 0..n + 2), 0..6), any::<bool>())
        .prop_map(|(header, rows, crlf)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = header.join(",") + end;
            for row in rows {
                text.push_str(&row.join(","));
                text.push_str(end);
            }
            text.into_bytes()
        });
    prop_oneof![1 => prop::collection::vec(any::<u8>(), 0..300), 4 => structured]
}

#[test]
fn random_files_into_the_importer_never_panic_and_a_refusal_writes_nothing() {
    let db = Db::with_example("basic");
    // The runner's closure is a `Fn`: the service and the tallies sit in cells.
    let service = RefCell::new(Service::open_existing(&db.path, "tester").unwrap());
    let path = db.dir.path().join("fuzz.csv");
    let kinds = [ImportKind::Customers, ImportKind::Invoices, ImportKind::Payments, ImportKind::ReturnedChecks];
    let (tried, refused) = (Cell::new(0usize), Cell::new(0usize));
    for kind in kinds {
        let mut runner = TestRunner::new(config(1_000));
        runner
            .run(&file(kind), |bytes| {
                std::fs::write(&path, &bytes).unwrap();
                let mut service = service.borrow_mut();
                let before = counts(&service);
                tried.set(tried.get() + 1);
                match service.import(kind, &path) {
                    Ok(summary) => {
                        let after = counts(&service);
                        let added: i64 = after.iter().zip(&before).map(|(a, b)| a.1 - b.1).sum();
                        // The rows imported (a returned check may add its fee's row) and one audit entry.
                        prop_assert!(added > summary.rows as i64 || summary.rows == 0, "{summary:?}");
                    }
                    Err(e) => {
                        refused.set(refused.get() + 1);
                        prop_assert_eq!(counts(&service), before, "refused ({}) but written", e);
                        prop_assert!(!e.to_string().is_empty());
                    }
                }
                Ok(())
            })
            .unwrap();
    }
    let (tried, refused) = (tried.get(), refused.get());
    println!("importer: {tried} files tried, {refused} refused cleanly, {} imported", tried - refused);
    assert!(tried >= 4_000);
}

/// The console's app with a snapshot of the book, so every form can open.
fn app_on(service: &Service) -> App {
    let as_of = creditdesk::domain::dates::parse_iso("2026-04-30").unwrap();
    let mut app = App::new("fuzz", "tester", Role::Manager, as_of);
    let (total, done) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let snapshot = creditdesk::read::build_snapshot(service.store(), as_of, &total, &done).unwrap();
    app.snapshot = Some(Arc::new(snapshot));
    app
}

/// `def` opened where it can be: on the first pane whose selection (one of its first
/// three rows) it accepts, else in A100's account view (the corrections open there, on
/// its selected document).
fn open(app: &mut App, def: &'static FormDef, detail: &AccountDetail) -> Option<creditdesk::app::form::Form> {
    app.mode = Mode::Normal;
    let on_a_pane = Pane::ALL.iter().find_map(|pane| {
        app.pane = *pane;
        let rows = app.rows(*pane).clamp(1, 3);
        let form = (0..rows).find_map(|row| {
            app.views[pane.index()].selected = row;
            (def.open)(app, Some("A100".into())).ok()
        });
        app.views[pane.index()].selected = 0;
        form
    });
    on_a_pane.or_else(|| {
        app.mode = Mode::Detail(Box::new(detail.clone()));
        let form = (def.open)(app, Some("A100".into())).ok();
        app.mode = Mode::Normal;
        form
    })
}

#[test]
fn random_text_in_every_field_of_every_form_never_panics_and_a_refusal_writes_nothing() {
    let db = Db::with_example("basic");
    db.ok(&["--as-of", "2026-04-01", "repair", "open", "T-1", "--account", "A100", "--manufacturer", "DSC"]
        .into_iter()
        .chain(["--model", "PC1864", "--serial", "8", "--fault", "no AC"])
        .collect::<Vec<_>>());
    db.ok(&[
        "--as-of",
        "2026-04-01",
        "privacy",
        "open",
        "--kind",
        "ACCESS",
        "--account",
        "A100",
        "--requester",
        "Dana",
    ]);
    // A disputed charge (the second on Invoices), so the form that resolves a dispute opens too.
    db.ok(&["--as-of", "2026-04-01", "dispute", "open", "INV-1002", "--reason", "price agreed lower"]);
    let service = RefCell::new(Service::open_existing(&db.path, "tester").unwrap());
    let mut app = app_on(&service.borrow());
    let as_of = creditdesk::domain::dates::parse_iso("2026-04-30").unwrap();
    let detail = creditdesk::read::load_detail(service.borrow().store(), "A100", as_of).unwrap();
    let opened: Vec<_> =
        forms::ALL.iter().filter_map(|def| open(&mut app, def, &detail).map(|f| (def.name, f))).collect();
    let shut: Vec<&str> = forms::ALL.iter().map(|d| d.name).filter(|n| !opened.iter().any(|(o, _)| o == n)).collect();
    assert!(shut.is_empty(), "every form opens somewhere; not: {shut:?}");
    let (tried, refused, written) = (Cell::new(0usize), Cell::new(0usize), Cell::new(0usize));
    let bump = |c: &Cell<usize>| c.set(c.get() + 1);
    // Each field keeps what the form opened with (filled from the selection) or, one
    // time in three, takes a random text: so the service sees many a valid form too.
    let strategy = (0..opened.len(), prop::collection::vec(prop::option::weighted(0.35, cell()), 12));
    let mut runner = TestRunner::new(config(3_000));
    runner
        .run(&strategy, |(which, texts)| {
            let (name, form) = &opened[which];
            let mut form = form.clone();
            for (field, text) in form.fields.iter_mut().zip(&texts) {
                if let Some(text) = text {
                    field.input = creditdesk::app::text::TextInput::new(text.clone());
                }
            }
            bump(&tried);
            match (form.def.write)(&form) {
                Err(_) | Ok(None) => bump(&refused),
                Ok(Some(w)) => {
                    let mut service = service.borrow_mut();
                    let before = counts(&service);
                    match creditdesk::console::write(&mut service, w) {
                        Ok(_) => bump(&written),
                        Err(e) => {
                            bump(&refused);
                            prop_assert_eq!(counts(&service), before, "{} refused ({:?}) but written", name, e);
                        }
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    let (tried, refused, written) = (tried.get(), refused.get(), written.get());
    println!(
        "forms: {tried} filled in at random over {} forms, {refused} refused cleanly, {written} written",
        opened.len()
    );
    assert!(tried >= 3_000);
}
