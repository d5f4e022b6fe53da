//! RULES.md section 10, properties over random ledgers imported through the service:
//! a void payment or charge gives, at every as-of date, exactly the `aging` and
//! `invoices` reports of the same ledger imported without it; paying the payoff amount,
//! or writing it off, settles the account: total 0.00 from that day on, out of `aging` at
//! each later month end (a write-off also suspends it).

use chrono::{Days, NaiveDate};
use creditdesk::cli::output::Format;
use creditdesk::cli::reports::{aging_report, invoices_report};
use creditdesk::domain::dates::{is_month_end, month_end};
use creditdesk::domain::{AccountStatus, ChargeKind, PaymentMethod};
use creditdesk::service::corrections::{NewVoid, NewWriteOff};
use creditdesk::service::import::ImportKind;
use creditdesk::service::operations::NewPayment;
use creditdesk::service::Service;
use creditdesk::store::Store;
use proptest::prelude::*;

mod common;

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("date").checked_add_days(Days::new(offset)).expect("date")
}

const ACCOUNTS: [&str; 2] = ["A1", "B2"];
const KINDS: [ChargeKind; 5] =
    [ChargeKind::Invoice, ChargeKind::Repair, ChargeKind::Fee, ChargeKind::CollectionCost, ChargeKind::Refund];

#[derive(Debug, Clone)]
struct ChargeRow {
    doc: String,
    account: usize,
    kind: ChargeKind,
    date: u64,
    cents: i64,
    due_in: Option<u64>,
}

#[derive(Debug, Clone)]
struct PaymentRow {
    reference: String,
    account: usize,
    date: u64,
    method: PaymentMethod,
    cents: i64,
    apply_to: Option<String>,
    returned: Option<(u64, bool)>,
}

#[derive(Debug, Clone)]
struct Ledger {
    net30: [bool; 2],
    caps: [Option<u32>; 2],
    charges: Vec<ChargeRow>,
    payments: Vec<PaymentRow>,
}

fn cents(c: i64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

impl Ledger {
    /// The four CSV files of the ledger, leaving out document `skip` (and a payment's
    /// `apply_to` naming it).
    fn files(&self, skip: Option<&str>) -> [(ImportKind, String); 4] {
        let mut customers = "account_no,name,state,terms,annual_rate_cap_pct\n".to_string();
        for (i, no) in ACCOUNTS.iter().enumerate() {
            let terms = if self.net30[i] { "NET30" } else { "PREPAY" };
            let cap = self.caps[i].map(|c| c.to_string()).unwrap_or_default();
            customers.push_str(&format!("{no},Dealer {no},MO,{terms},{cap}\n"));
        }
        let mut invoices = "doc_no,account_no,kind,date,amount,due_date\n".to_string();
        for c in self.charges.iter().filter(|c| Some(c.doc.as_str()) != skip) {
            let due = c.due_in.map(|n| day(c.date + n).to_string()).unwrap_or_default();
            let line =
                format!("{},{},{},{},{},{due}\n", c.doc, ACCOUNTS[c.account], c.kind, day(c.date), cents(c.cents));
            invoices.push_str(&line);
        }
        let mut payments = "payment_ref,account_no,date,method,amount,apply_to\n".to_string();
        let mut returns = "payment_ref,returned_date,fee_waived\n".to_string();
        for p in self.payments.iter().filter(|p| Some(p.reference.as_str()) != skip) {
            let apply = p.apply_to.as_deref().filter(|a| Some(*a) != skip).unwrap_or_default();
            payments.push_str(&format!(
                "{},{},{},{},{},{apply}\n",
                p.reference,
                ACCOUNTS[p.account],
                day(p.date),
                p.method,
                cents(p.cents)
            ));
            if let Some((delay, waived)) = p.returned {
                returns.push_str(&format!("{},{},{waived}\n", p.reference, day(p.date + delay)));
            }
        }
        [
            (ImportKind::Customers, customers),
            (ImportKind::Invoices, invoices),
            (ImportKind::Payments, payments),
            (ImportKind::ReturnedChecks, returns),
        ]
    }

    /// A database holding the ledger (without `skip`), imported file by file.
    fn import(&self, skip: Option<&str>) -> Service {
        self.import_into(Store::open_in_memory().expect("store"), skip)
    }

    fn import_into(&self, store: Store, skip: Option<&str>) -> Service {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut service = Service::with_store(store, "tester").expect("service");
        for (kind, text) in self.files(skip) {
            let path = dir.path().join(format!("{}.csv", kind.entity()));
            std::fs::write(&path, text).expect("write");
            service.import(kind, &path).unwrap_or_else(|e| panic!("import {}: {e}", kind.entity()));
        }
        service
    }

    /// The ledger as it stood on day `on`: nothing dated later, no return the bank made
    /// later, no `apply_to` naming a charge that did not exist yet.
    fn until(mut self, on: u64) -> Ledger {
        self.charges.retain(|c| c.date <= on);
        self.payments.retain(|p| p.date <= on);
        let docs: Vec<String> = self.charges.iter().map(|c| c.doc.clone()).collect();
        for p in &mut self.payments {
            p.returned = p.returned.filter(|(delay, _)| p.date + delay <= on);
            p.apply_to = p.apply_to.take().filter(|a| docs.contains(a));
        }
        self
    }

    /// Documents that may be voided: every charge, every payment the bank did not return.
    fn voidable(&self) -> Vec<(bool, String)> {
        let charges = self.charges.iter().map(|c| (false, c.doc.clone()));
        let payments = self.payments.iter().filter(|p| p.returned.is_none()).map(|p| (true, p.reference.clone()));
        charges.chain(payments).collect()
    }
}

/// Both reports of section 7 as CSV, as of `as_of`.
fn reports(service: &Service, as_of: NaiveDate) -> String {
    let store = service.store();
    let mut out = Vec::new();
    aging_report(&creditdesk::read::aging(store, as_of).expect("aging")).print(Format::Csv, &mut out).expect("csv");
    let invoices = creditdesk::read::open_charges(store, as_of).expect("invoices");
    invoices_report(&invoices).print(Format::Csv, &mut out).expect("csv");
    String::from_utf8(out).expect("utf-8")
}

fn offset() -> impl Strategy<Value = u64> {
    prop_oneof![3 => 0..150u64, 1 => prop::sample::select(vec![0u64, 30, 31, 58, 59, 89])]
}

fn ledger() -> impl Strategy<Value = Ledger> {
    let charge = (0..2usize, 0..KINDS.len(), offset(), 1..=300_000i64, proptest::option::of(0..45u64));
    let payment = (
        0..2usize,
        offset(),
        prop_oneof![Just(2usize), 0..PaymentMethod::ALL.len()],
        1..=300_000i64,
        0..10usize,
        proptest::option::of((0..40u64, any::<bool>())),
    );
    (
        any::<[bool; 2]>(),
        [proptest::option::of(0..20u32), proptest::option::of(0..20u32)],
        prop::collection::vec(charge, 1..7),
        prop::collection::vec(payment, 0..6),
    )
        .prop_map(|(net30, caps, charges, payments)| {
            let charges: Vec<ChargeRow> = charges
                .into_iter()
                .enumerate()
                .map(|(i, (account, k, date, cents, due_in))| ChargeRow {
                    doc: format!("D-{i}"),
                    account,
                    kind: KINDS[k],
                    date,
                    cents,
                    due_in,
                })
                .collect();
            let payments = payments
                .into_iter()
                .enumerate()
                .map(|(i, (account, date, m, cents, target, ret))| {
                    let method = PaymentMethod::ALL[m];
                    // apply_to names a document of the same account (the import insists).
                    let apply_to = charges.get(target).filter(|c| c.account == account).map(|c| c.doc.clone());
                    PaymentRow {
                        reference: format!("P-{i}"),
                        account,
                        date,
                        method,
                        cents,
                        apply_to,
                        returned: ret.filter(|_| method.can_be_returned()),
                    }
                })
                .collect();
            Ledger { net30, caps, charges, payments }
        })
}

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(48)
}

proptest! {
    #![proptest_config(config())]

    /// RULES 10: a void document counts nowhere, at every as-of date — the reports are
    /// exactly those of the same ledger imported without it (a payment meant for a void
    /// charge taking nothing there, as one meant for no document).
    #[test]
    fn a_void_document_gives_the_reports_of_the_ledger_imported_without_it(
        l in ledger(),
        pick in any::<prop::sample::Index>(),
    ) {
        let voidable = l.voidable();
        let (is_payment, doc) = pick.get(&voidable).clone();
        let mut voided = l.import(None);
        let v = NewVoid { document: doc.clone(), reason: "a mistake".into() };
        if is_payment { voided.void_payment(&v) } else { voided.void_charge(&v) }.expect("void");
        let without = l.import(Some(&doc));
        for offset in 0..200 {
            let d = day(offset);
            prop_assert_eq!(reports(&voided, d), reports(&without, d), "{} void, as of {}", doc, d);
        }
    }

    /// RULES 10: a write-off on D pays the payoff amount with WRITE_OFF: the account's
    /// total is 0.00 as of D, it is out of `aging` at each later month end (and as of D
    /// itself when D is one), and it is suspended.
    #[test]
    fn a_write_off_leaves_the_account_out_of_aging_and_suspended(l in ledger(), on in offset()) {
        after(l, on, false, written_off)?;
    }

    /// RULES 10: a payment of the payoff amount on D, by check without `apply_to`,
    /// leaves the account's total at 0.00 as of D and every later day while nothing else
    /// happens, and the account out of `aging` at each later month end (and as of D when
    /// D is one). As of D itself, a day that is not a month end, the account may still be
    /// listed with a total of 0.00: the month's accrued interest and the credit that
    /// will pay it are both figures other than 0.00 until the month end posts the one
    /// against the other (the listing rule of section 7).
    #[test]
    fn paying_the_payoff_amount_settles_the_account(l in ledger(), on in offset()) {
        after(l, on, false, paid_off)?;
    }
}

/// The ledger as it stood on day `on`, with a charge at least, kept in a book (on the
/// test server when `on_server`, when it has one; else in memory), proved by `prove`.
fn after(
    l: Ledger,
    on: u64,
    on_server: bool,
    prove: fn(&mut Service, u64) -> Result<(), TestCaseError>,
) -> Result<(), TestCaseError> {
    if on_server && common::pg_server().is_none() {
        return Ok(());
    }
    let l = l.until(on);
    prop_assume!(!l.charges.is_empty());
    if !on_server {
        return prove(&mut l.import(None), on);
    }
    let (book, mut service) = self::on_server(&l);
    prove(&mut service, on)?;
    drop(service);
    drop(book);
    Ok(())
}

/// Writes A1 off on day `on` and proves it settled and suspended (or, owing nothing,
/// the write-off refused).
fn written_off(service: &mut Service, on: u64) -> Result<(), TestCaseError> {
    let d = day(on);
    let owed = creditdesk::read::payoff(service.store(), "A1", d).expect("payoff").payoff;
    let done = service.write_off(&NewWriteOff { account_no: "A1".into(), date: d, reason: "uncollectable".into() });
    if !owed.is_positive() {
        prop_assert!(done.is_err(), "nothing to write off");
        return Ok(());
    }
    let done = done.expect("write-off");
    prop_assert_eq!(done.amount, owed);
    prop_assert_eq!(done.status, AccountStatus::Suspended);
    settled_from(service, d)
}

/// Pays A1's payoff amount on day `on` by check and proves it settled.
fn paid_off(service: &mut Service, on: u64) -> Result<(), TestCaseError> {
    let d = day(on);
    let owed = creditdesk::read::payoff(service.store(), "A1", d).expect("payoff").payoff;
    prop_assume!(owed.is_positive());
    service
        .record_payment(&NewPayment {
            account_no: "A1".into(),
            amount: owed,
            method: PaymentMethod::Check,
            date: d,
            reference: "PAYOFF".into(),
            apply_to: None,
            surcharge_waiver: None,
        })
        .expect("payment");
    settled_from(service, d)
}

/// The account A1's total is 0.00 as of `d` and each of the 120 days after it, and it is
/// out of `aging` at each of the next four month ends (`d` included when it is one).
fn settled_from(service: &Service, d: NaiveDate) -> Result<(), TestCaseError> {
    let row = |as_of: NaiveDate| {
        creditdesk::read::aging(service.store(), as_of).expect("aging").into_iter().find(|r| r.account_no == "A1")
    };
    for later in 0..=120 {
        let as_of = d + Days::new(later);
        prop_assert_eq!(
            row(as_of).map(|r| r.total).unwrap_or_default(),
            creditdesk::domain::Money::ZERO,
            "as of {}",
            as_of
        );
    }
    let mut end = if is_month_end(d) { d } else { month_end(d) };
    for _ in 0..4 {
        prop_assert!(row(end).is_none_or(|r| !r.has_any_figure()), "A1 in the aging as of {}: {:?}", end, row(end));
        end = month_end(end.succ_opt().expect("day"));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The same on PostgreSQL (when the tests have a server): the voided ledger kept in a
    /// book on the server gives the reports of the ledger imported without the document
    /// into SQLite, every fifth day (fewer cases: each makes a database on the server).
    #[test]
    fn on_postgresql_a_void_document_gives_the_reports_of_the_ledger_imported_without_it(
        l in ledger(),
        pick in any::<prop::sample::Index>(),
    ) {
        if common::pg_server().is_none() {
            return Ok(());
        }
        let voidable = l.voidable();
        let (is_payment, doc) = pick.get(&voidable).clone();
        let (book, mut voided) = on_server(&l);
        let v = NewVoid { document: doc.clone(), reason: "a mistake".into() };
        if is_payment { voided.void_payment(&v) } else { voided.void_charge(&v) }.expect("void");
        let without = l.import(Some(&doc));
        for offset in (0..200).step_by(5) {
            let d = day(offset);
            prop_assert_eq!(reports(&voided, d), reports(&without, d), "{} void, as of {}", doc, d);
        }
        drop(voided);
        drop(book);
    }

    /// The write-off's property on PostgreSQL.
    #[test]
    fn on_postgresql_a_write_off_leaves_the_account_out_of_aging_and_suspended(l in ledger(), on in offset()) {
        after(l, on, true, written_off)?;
    }

    /// The payoff's property on PostgreSQL.
    #[test]
    fn on_postgresql_paying_the_payoff_amount_settles_the_account(l in ledger(), on in offset()) {
        after(l, on, true, paid_off)?;
    }
}

/// A new book on the test server holding the ledger, and the service on it as the
/// manager's login (the book is dropped with the `Db`, after the service).
fn on_server(l: &Ledger) -> (common::Db, Service) {
    let book = common::Db::on(common::Backend::Postgres);
    let url = book.pg.as_ref().expect("a PostgreSQL book").login("tester", None);
    let service = l.import_into(Store::open_existing(std::path::Path::new(&url)).expect("store"), None);
    (book, service)
}
