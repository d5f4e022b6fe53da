//! Issue #2: properties of the pure ledger rules (RULES.md sections 2.1–2.3) and of
//! `Money`, checked on random ledgers of one account.

use chrono::{Days, NaiveDate};
use creditdesk::domain::dates::month_end;
use creditdesk::domain::ledger::{evaluate_after, evaluate_each};
use creditdesk::domain::payment::RETURNED_CHECK_FEE;
use creditdesk::domain::*;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

const ACCOUNT: &str = "A1";

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).expect("date")
}

fn day(offset: u64) -> NaiveDate {
    base().checked_add_days(Days::new(offset)).expect("date")
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).expect("date")
}

const RECORDED_KINDS: [ChargeKind; 4] =
    [ChargeKind::Invoice, ChargeKind::Repair, ChargeKind::Fee, ChargeKind::CollectionCost];

/// One account's recorded ledger, and the day it is looked at.
#[derive(Debug, Clone)]
struct Scenario {
    rate: Decimal,
    charges: Vec<Charge>,
    payments: Vec<Payment>,
    returns: Vec<ReturnedCheck>,
    as_of: NaiveDate,
}

impl Scenario {
    fn ledger(&self) -> AccountLedger<'_> {
        AccountLedger {
            account_no: ACCOUNT,
            annual_rate: self.rate,
            charges: &self.charges,
            payments: &self.payments,
            returns: &self.returns,
        }
    }

    fn evaluate(&self) -> AccountPosition {
        self.at(self.as_of)
    }

    fn at(&self, as_of: NaiveDate) -> AccountPosition {
        evaluate(&self.ledger(), as_of).expect("figures of a small ledger are held")
    }

    fn without_payment(&self, reference: &str) -> Scenario {
        let mut s = self.clone();
        s.payments.retain(|p| p.reference != reference);
        s.returns.retain(|r| r.payment_ref != reference);
        s
    }

    fn without_return(&self, reference: &str) -> Scenario {
        let mut s = self.clone();
        s.returns.retain(|r| r.payment_ref != reference);
        s
    }
}

fn rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![Just(Decimal::ZERO), Just(Decimal::new(12, 2)), Just(Decimal::new(18, 2))]
}

/// A day offset within about six months; a few busy days come up often, so that
/// several events share a day (where the order of the rules matters) and month ends
/// (2026-01-31 = 30, 2026-02-28 = 58) are hit.
fn day_offset(max: u64) -> impl Strategy<Value = u64> {
    prop_oneof![3 => 0..max, 1 => prop::sample::select(vec![0u64, 10, 30, 31, 45, 58, 59])]
}

/// (kind, day offset, cents, due at +30)
fn charge_spec() -> impl Strategy<Value = (usize, u64, i64, bool)> {
    (0..RECORDED_KINDS.len(), day_offset(182), 1..=500_000i64, any::<bool>())
}

/// (day offset, method, cents, apply_to selector, return: (delay, waived))
type PaymentSpec = (u64, usize, i64, usize, Option<(u64, bool)>);

fn payment_spec() -> impl Strategy<Value = PaymentSpec> {
    (
        day_offset(200),
        // Checks are over-represented so that returns happen often.
        prop_oneof![Just(2usize), Just(3usize), 0..PaymentMethod::ALL.len()],
        1..=600_000i64,
        0..12usize,
        proptest::option::of((prop_oneof![0..60u64, Just(0u64), Just(1u64)], any::<bool>())),
    )
}

fn build(
    rate: Decimal,
    charge_specs: Vec<(usize, u64, i64, bool)>,
    payment_specs: Vec<PaymentSpec>,
    as_of: u64,
) -> Scenario {
    let charges: Vec<Charge> = charge_specs
        .into_iter()
        .enumerate()
        .map(|(i, (k, d, cents, net30))| {
            let date = day(d);
            Charge {
                doc_no: format!("D-{i}"),
                kind: RECORDED_KINDS[k],
                date,
                due: if net30 { plus(date, 30) } else { date },
                amount: Money::from_cents(cents),
            }
        })
        .collect();
    let mut payments = Vec::new();
    let mut returns = Vec::new();
    for (i, (d, m, cents, target, ret)) in payment_specs.into_iter().enumerate() {
        let reference = format!("P-{i}");
        let method = PaymentMethod::ALL[m];
        let apply_to = match target {
            t if t < charges.len() => Some(charges[t].doc_no.clone()),
            9 => Some("NO-SUCH-DOC".to_string()),
            10 => Some("RCF-P-0".to_string()),
            _ => None,
        };
        let date = day(d);
        if let (true, Some((delay, waived))) = (method.can_be_returned(), ret) {
            returns.push(ReturnedCheck {
                payment_ref: reference.clone(),
                returned_date: plus(date, delay),
                fee: RETURNED_CHECK_FEE,
                fee_waived: waived,
            });
        }
        payments.push(Payment { reference, date, method, amount: Money::from_cents(cents), apply_to });
    }
    Scenario { rate, charges, payments, returns, as_of: day(as_of) }
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (rate(), prop::collection::vec(charge_spec(), 0..7), prop::collection::vec(payment_spec(), 0..7), 0..260u64)
        .prop_map(|(rate, c, p, as_of)| build(rate, c, p, as_of))
}

/// A scenario with one payment (`P-0`) turned into a check returned `delay` days
/// after it was received, with the fee waived or not.
fn with_returned_check() -> impl Strategy<Value = (Scenario, u64, bool)> {
    (
        rate(),
        prop::collection::vec(charge_spec(), 1..7),
        prop::collection::vec(payment_spec(), 1..7),
        prop_oneof![Just(2usize), Just(3usize)],
        1..60u64,
        any::<bool>(),
    )
        .prop_map(|(rate, c, mut p, method, delay, waived)| {
            p[0].1 = method;
            p[0].4 = None;
            let mut s = build(rate, c, p, 0);
            let paid = s.payments[0].date;
            s.returns.push(ReturnedCheck {
                payment_ref: "P-0".to_string(),
                returned_date: plus(paid, delay),
                fee: RETURNED_CHECK_FEE,
                fee_waived: waived,
            });
            (s, delay, waived)
        })
}

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(256)
}

/// The fields RULES.md 2.2 speaks of: each charge's document, outstanding amount and
/// interest, the accrued interest and the unapplied credit.
fn summary(p: &AccountPosition) -> (Vec<(String, Money, Money)>, Money, Money) {
    (
        p.charges.iter().map(|c| (c.doc_no.to_string(), c.outstanding, c.interest)).collect(),
        p.accrued_interest,
        p.unapplied_credit,
    )
}

proptest! {
    #![proptest_config(config())]

    /// Every cent charged (derived charges included) is either still outstanding or
    /// was paid by a payment that counts; what payments did not pay is credit.
    #[test]
    fn nothing_is_created_or_lost(s in scenario()) {
        let p = s.evaluate();
        let charged: Money = p.charges.iter().map(|c| c.amount).sum();
        let outstanding: Money = p.charges.iter().map(|c| c.outstanding).sum();
        prop_assert_eq!(charged, outstanding + (p.payments_received - p.unapplied_credit), "{:#?}", p);
        // payments_received is exactly the payments that count as of the day.
        let returned: Vec<&str> = s.returns.iter().filter(|r| r.returned_date <= s.as_of)
            .map(|r| r.payment_ref.as_str()).collect();
        let counted: Money = s.payments.iter()
            .filter(|x| x.date <= s.as_of && !returned.contains(&x.reference.as_str()))
            .map(|x| x.amount).sum();
        prop_assert_eq!(p.payments_received, counted);
    }

    /// Unapplied credit is never negative, every outstanding amount lies between 0 and
    /// the charge's amount, and credit never sits beside an open charge.
    #[test]
    fn balances_stay_in_range_and_credit_never_sits_beside_an_open_charge(s in scenario()) {
        let p = s.evaluate();
        prop_assert!(!p.unapplied_credit.is_positive() || p.open_charges().next().is_none(),
            "credit {} beside open charges: {:#?}", p.unapplied_credit, p);
        prop_assert!(p.unapplied_credit >= Money::ZERO, "{:#?}", p);
        prop_assert!(p.accrued_interest >= Money::ZERO, "{:#?}", p);
        for c in &p.charges {
            prop_assert!(c.amount.is_positive(), "{:?}", c);
            prop_assert!(c.outstanding >= Money::ZERO && c.outstanding <= c.amount, "{:?}", c);
            prop_assert!(c.date <= s.as_of, "{:?} is after {}", c, s.as_of);
        }
    }

    /// The position is a function of the ledger, not of the order it was read in.
    #[test]
    fn result_does_not_depend_on_input_order(
        (s, charges, payments, returns) in scenario().prop_flat_map(|s| {
            let (c, p, r) = (s.charges.clone(), s.payments.clone(), s.returns.clone());
            (Just(s), Just(c).prop_shuffle(), Just(p).prop_shuffle(), Just(r).prop_shuffle())
        })
    ) {
        let shuffled = Scenario { charges, payments, returns, ..s.clone() };
        prop_assert_eq!(s.evaluate(), shuffled.evaluate());
    }

    /// From its returned date on, a returned check is void as if never received; its
    /// fee, unless waived, is a RETURNED_CHECK_FEE charge `RCF-<ref>` of 25.00 dated and
    /// due that day.
    #[test]
    fn returned_check_restores_exactly_what_its_payment_paid(
        (s, delay, waived) in with_returned_check(),
        after in 0..120u64,
    ) {
        let returned_on = plus(s.payments[0].date, delay);
        let as_of = plus(returned_on, after);
        let mut reference = s.without_payment("P-0");
        if !waived {
            reference.charges.push(Charge {
                doc_no: "RCF-P-0".to_string(),
                kind: ChargeKind::ReturnedCheckFee,
                date: returned_on,
                due: returned_on,
                amount: Money::from_cents(2500),
            });
        }
        let got = s.at(as_of);
        let want = reference.at(as_of);
        prop_assert_eq!(summary(&got), summary(&want));
        prop_assert_eq!(got, want);
    }

    /// As of a day before its returned date, a returned check still counts.
    #[test]
    fn returned_check_still_counts_before_its_returned_date(
        (s, delay, _waived) in with_returned_check(),
        before in 1..60u64,
    ) {
        let before = before.min(delay);
        let as_of = plus(s.payments[0].date, delay - before);
        let got = s.at(as_of);
        prop_assert_eq!(&got, &s.without_return("P-0").at(as_of));
        prop_assert!(got.charges.iter().all(|c| c.doc_no != "RCF-P-0"));
    }

    /// RULES 10: paying the payoff amount on D (no `apply_to`) leaves the total at 0.00 as
    /// of D and after, and the account out of `aging` at each later month end (and as of
    /// D itself when D is one), while nothing else happens; a cent less does not.
    #[test]
    fn paying_the_payoff_amount_leaves_the_account_out_of_aging(s in scenario(), later in 1..90u64) {
        let d = s.as_of;
        let mut s = s;
        s.charges.retain(|c| c.date <= d);
        s.payments.retain(|p| p.date <= d);
        s.returns.retain(|r| r.returned_date <= d);
        let amount = creditdesk::domain::corrections::payoff(&s.ledger(), d).expect("figures of a small ledger are held");
        let pay = |cents: i64| {
            let mut paid = s.clone();
            paid.payments.push(Payment {
                reference: "PAYOFF".into(),
                date: d,
                method: PaymentMethod::Wire,
                amount: Money::from_cents(cents),
                apply_to: None,
            });
            paid
        };
        if !amount.is_positive() {
            prop_assert!(s.at(d).balance() <= Money::ZERO, "nothing owed: {:#?}", s.at(d));
            return Ok(());
        }
        let paid = pay(amount.cents());
        prop_assert_eq!(paid.at(d).balance(), Money::ZERO);
        prop_assert_eq!(paid.at(plus(d, later)).balance(), Money::ZERO);
        let mut end = month_end(d);
        for _ in 0..3 {
            let row = AgingRow::of(ACCOUNT, &paid.at(end), end);
            prop_assert!(!row.has_any_figure(), "as of {}: {:?}", end, row);
            end = month_end(plus(end, 1));
        }
        prop_assert!(pay(amount.cents() - 1).at(d).balance().is_positive(), "a cent less leaves something owed");
    }

    /// As of a month end the month's interest has just been posted: nothing is accrued.
    #[test]
    fn accrued_interest_is_zero_as_of_a_month_end(s in scenario(), month in 1..10u32) {
        let end = month_end(NaiveDate::from_ymd_opt(2026, month, 1).expect("date"));
        let p = s.at(end);
        prop_assert_eq!(p.accrued_interest, Money::ZERO, "{:#?}", p);
    }

    /// One pass over many days (the trend, a hold's first day) sees each day exactly as
    /// evaluating that day alone does, returned checks between the days included.
    #[test]
    fn one_pass_over_many_days_equals_evaluating_each_day(
        (s, _, _) in with_returned_check(),
        picks in prop::collection::btree_set(0..260u64, 1..12),
    ) {
        let days: Vec<NaiveDate> = picks.into_iter().map(day).collect();
        let mut seen = Vec::new();
        evaluate_each(&s.ledger(), &days, |p| {
            let outstanding: Vec<(String, Money)> =
                p.charges.iter().map(|c| (c.doc_no.to_string(), c.outstanding)).collect();
            seen.push((p.as_of, outstanding, p.accrued_interest, p.unapplied_credit, AgingRow::at(ACCOUNT, &p)));
        })
        .expect("figures that can be held");
        prop_assert_eq!(seen.len(), days.len());
        for (d, outstanding, accrued, credit, row) in seen {
            let alone = s.at(d);
            let want: Vec<(String, Money)> = alone.charges.iter().map(|c| (c.doc_no.to_string(), c.outstanding)).collect();
            prop_assert_eq!(outstanding, want, "as of {}", d);
            prop_assert_eq!((accrued, credit), (alone.accrued_interest, alone.unapplied_credit), "as of {}", d);
            prop_assert_eq!(row, AgingRow::of(ACCOUNT, &alone, d));
        }
    }

    /// The position as of a day, seen after earlier days in the same pass, is the whole
    /// `evaluate` of that day (lifetime interest of each charge included).
    #[test]
    fn a_day_seen_after_earlier_days_in_one_pass_is_its_whole_evaluation(
        (s, _, _) in with_returned_check(),
        picks in prop::collection::btree_set(0..260u64, 2..8),
    ) {
        let mut days: Vec<NaiveDate> = picks.into_iter().map(day).collect();
        let last = days.pop().expect("two days");
        let mut seen = Vec::new();
        let position = evaluate_after(&s.ledger(), &days, last, |p| seen.push((p.as_of, AgingRow::at(ACCOUNT, &p))))
            .expect("figures that can be held");
        prop_assert_eq!(&position, &s.at(last));
        prop_assert_eq!(seen.len(), days.len());
        for (d, row) in seen {
            prop_assert_eq!(row, AgingRow::of(ACCOUNT, &s.at(d), d));
        }
    }
}

// ---------------------------------------------------------------------------------
// Money

/// Rounds `num / den` to the nearest integer, half away from zero (integer reference).
fn div_half_away(num: i128, den: i128) -> i128 {
    let (q, r) = (num / den, num % den);
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn money_parse_of_display_is_identity(cents in 0..=creditdesk::domain::money::MAX_CENTS) {
        let m = Money::from_cents(cents);
        prop_assert_eq!(Money::parse(&m.to_string()), Ok(m));
    }

    #[test]
    fn money_grouped_without_commas_is_display(cents in any::<i64>()) {
        let m = Money::from_cents(cents);
        prop_assert_eq!(m.grouped().replace(',', ""), m.to_string());
        let whole = m.grouped();
        let whole = whole.trim_start_matches('-').split('.').next().unwrap_or_default().to_string();
        for (i, group) in whole.split(',').enumerate() {
            prop_assert!(group.len() == 3 || (i == 0 && (1..=3).contains(&group.len())), "{}", m.grouped());
        }
    }

    /// `Money::percent` rounds half away from zero, as a rust_decimal computation and an
    /// exact integer one both say.
    #[test]
    fn money_percent_rounds_half_away_from_zero(
        (cents, pct_units, scale) in prop_oneof![
            (-100_000_000i64..=100_000_000, 0i64..=100_000, 0u32..=4),
            // exact half cents: 50% of an odd number of cents, 0.5% of 100 + 200k cents
            (-1_000_000i64..=1_000_000, Just(50i64), Just(0u32)).prop_map(|(c, p, s)| (2 * c + 1, p, s)),
            (-1_000_000i64..=1_000_000, Just(5i64), Just(1u32)).prop_map(|(c, p, s)| (200 * c + 100, p, s)),
        ],
    ) {
        let pct = Decimal::new(pct_units, scale);
        let got = Money::from_cents(cents).percent(pct).expect("percent");
        let reference = (Decimal::new(cents, 2) * pct / Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(got.to_decimal(), reference);
        // cents × units / (100 × 10^scale), rounded to whole cents.
        let exact = div_half_away(i128::from(cents) * i128::from(pct_units), 100 * 10i128.pow(scale));
        prop_assert_eq!(i128::from(got.cents()), exact);
    }
}
