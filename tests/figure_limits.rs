//! Issue #9: the engine at the edges of its arithmetic (RULES.md section 9). Amounts up
//! to the largest an import takes (and beyond, up to what a file edited by another tool
//! could hold), dates across 1990–2099: every figure is exact, or the evaluation fails
//! naming the account — never a wrapped or saturated number, never a panic.

use chrono::{Days, NaiveDate};
use creditdesk::domain::money::MAX_CENTS;
use creditdesk::domain::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use rust_decimal::Decimal;

const ACCOUNT: &str = "Z9";

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()
}

fn last_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2099, 12, 31).unwrap()
}

/// A day of 1990–2099 from an offset (clamped to the last day).
fn day(offset: u64) -> NaiveDate {
    first_day().checked_add_days(Days::new(offset)).unwrap().min(last_day())
}

const SPAN: u64 = 40_177; // days from 1990-01-01 to 2099-12-31

/// An amount: small, near the import ceiling, or anything an edited file could hold.
fn amount() -> impl Strategy<Value = Money> + Clone {
    prop_oneof![
        (1i64..=1_000_000).prop_map(Money::from_cents),
        (MAX_CENTS - 1_000..=MAX_CENTS).prop_map(Money::from_cents),
        (1i64..=i64::MAX).prop_map(Money::from_cents),
        (i64::MAX - 1_000..=i64::MAX).prop_map(Money::from_cents),
    ]
}

#[derive(Debug, Clone)]
struct Ledger {
    rate: Decimal,
    charges: Vec<Charge>,
    payments: Vec<Payment>,
    as_of: NaiveDate,
}

impl Ledger {
    fn evaluate(&self) -> Result<AccountPosition, ledger::FigureTooLarge> {
        evaluate(
            &AccountLedger {
                account_no: ACCOUNT,
                annual_rate: self.rate,
                charges: &self.charges,
                payments: &self.payments,
                returns: &[],
            },
            self.as_of,
        )
    }
}

fn ledger(amounts: impl Strategy<Value = Money> + Clone) -> impl Strategy<Value = Ledger> {
    let charge = (0..SPAN, 0u64..90, amounts.clone());
    let payment = (0..SPAN, amounts, any::<bool>());
    (
        prop_oneof![Just(Decimal::new(18, 2)), Just(Decimal::new(5, 2)), Just(Decimal::ZERO)],
        prop::collection::vec(charge, 1..6),
        prop::collection::vec(payment, 0..4),
        0..SPAN,
    )
        .prop_map(|(rate, charges, payments, as_of)| {
            let charges: Vec<Charge> = charges
                .into_iter()
                .enumerate()
                .map(|(i, (d, due_in, amount))| Charge {
                    doc_no: format!("D{i}"),
                    kind: ChargeKind::Invoice,
                    date: day(d),
                    due: day(d + due_in),
                    amount,
                })
                .collect();
            let payments = payments
                .into_iter()
                .enumerate()
                .map(|(i, (d, amount, targeted))| Payment {
                    reference: format!("P{i}"),
                    date: day(d),
                    method: PaymentMethod::Wire,
                    amount,
                    apply_to: targeted.then(|| "D0".to_string()),
                })
                .collect();
            Ledger { rate, charges, payments, as_of: day(as_of) }
        })
}

fn config(cases: u32) -> Config {
    Config { cases, rng_seed: RngSeed::Fixed(9), failure_persistence: None, ..Config::default() }
}

proptest! {
    #![proptest_config(config(600))]

    /// Exact or refused: when the evaluation answers, nothing was created or lost (every
    /// payment counted is applied to a charge or held as credit, in exact i128
    /// arithmetic) and every figure is in its range; when it refuses, it names the account.
    #[test]
    fn every_figure_is_exact_or_the_account_is_named(l in ledger(amount())) {
        match l.evaluate() {
            Ok(p) => {
                let applied: i128 = p.charges.iter().map(|c| i128::from(c.amount.cents() - c.outstanding.cents())).sum();
                prop_assert_eq!(
                    i128::from(p.payments_received.cents()),
                    applied + i128::from(p.unapplied_credit.cents())
                );
                for c in &p.charges {
                    prop_assert!(Money::ZERO <= c.outstanding && c.outstanding <= c.amount, "{:?}", c);
                    prop_assert!(!c.interest.cents().is_negative());
                }
                prop_assert!(!p.unapplied_credit.cents().is_negative());
                prop_assert!(!p.accrued_interest.cents().is_negative());
                let row = AgingRow::of(ACCOUNT, &p, l.as_of);
                prop_assert_eq!(row.total, p.balance());
                let open: i128 = p.open_charges().map(|c| i128::from(c.outstanding.cents())).sum();
                prop_assert_eq!(
                    i128::from(p.balance().cents()),
                    open + i128::from(p.accrued_interest.cents()) - i128::from(p.unapplied_credit.cents())
                );
            }
            Err(e) => prop_assert_eq!(e.account_no, ACCOUNT),
        }
    }

    /// No false alarm: ledgers of ordinary size (up to $1,000,000 a document, a few
    /// documents) over the whole 110 years are always evaluated.
    #[test]
    fn ordinary_figures_are_never_refused(l in ledger((1i64..=100_000_000).prop_map(Money::from_cents as fn(i64) -> Money))) {
        prop_assert!(l.evaluate().is_ok());
    }
}

fn one_invoice(cents: i64, as_of: NaiveDate) -> Ledger {
    Ledger {
        rate: Decimal::new(18, 2),
        charges: vec![Charge {
            doc_no: "INV-BIG".into(),
            kind: ChargeKind::Invoice,
            date: first_day(),
            due: first_day(),
            amount: Money::from_cents(cents),
        }],
        payments: vec![],
        as_of,
    }
}

#[test]
fn the_largest_invoice_unpaid_for_decades_is_refused_naming_the_account_not_wrapped() {
    // $99,999,999,999.99 compounding at 1.5% a month passes i64 cents after ~77 years.
    let err = one_invoice(MAX_CENTS - 1, last_day()).evaluate().expect_err("too large by 2099");
    assert_eq!(err.account_no, ACCOUNT);
    assert_eq!(
        creditdesk::Error::from(err).to_string(),
        "account Z9: figure too large to be held exactly (beyond 92,233,720,368,547,758.07); nothing was reported"
    );
    // The same invoice ten years on is still exact: interest posted monthly, compounding.
    let p = one_invoice(MAX_CENTS - 1, NaiveDate::from_ymd_opt(1999, 12, 31).unwrap()).evaluate().expect("held");
    assert!(p.balance() > Money::from_cents(MAX_CENTS * 5), "{}", p.balance());
    assert_eq!(p.charges.len(), 1 + 120, "one interest charge a month");
}

#[test]
fn a_payment_of_the_largest_amount_twice_is_refused_not_wrapped() {
    let mut l = one_invoice(1, first_day());
    l.payments = (0..2)
        .map(|i| Payment {
            reference: format!("P{i}"),
            date: first_day(),
            method: PaymentMethod::Wire,
            amount: Money::MAX,
            apply_to: None,
        })
        .collect();
    assert_eq!(l.evaluate().expect_err("two of i64::MAX cannot be held").account_no, ACCOUNT);
}
