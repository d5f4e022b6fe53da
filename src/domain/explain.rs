//! "Why this interest?" (RULES.md 2.3): one charge's interest as the runs of days the
//! engine counted, and the month postings they fed. Built from `evaluate_traced`, so
//! the total is the engine's own figure, never a second computation.

use super::charge::interest_doc_no;
use super::dates::month_end;
use super::interest::interest_on;
use super::ledger::{as_text, InterestRun};
use super::{AccountPosition, ChargeStatus, Money};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// A run of days, with its exact interest and the month it went into.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RunLine {
    #[serde(flatten)]
    pub run: InterestRun,
    /// `outstanding × annual rate × days / 365`, unrounded (to 10 places).
    pub exact_interest: Decimal,
    /// `YYYY-MM`: the month whose posting this run fed.
    pub month: String,
}

/// What became of one month's accruals of this charge.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MonthLine {
    pub month: String,
    /// This charge's cent-days in the month.
    #[serde(serialize_with = "as_text")]
    pub cent_days: i128,
    pub exact_interest: Decimal,
    /// The account's interest charge for the month (`FC-…`), when posted as of the day.
    pub posted_as: Option<String>,
    /// That posting's amount: every overdue charge of the account that month, rounded once.
    pub posting_amount: Option<Money>,
    /// In words: posted, rounded to nothing, or still accruing.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Explanation {
    pub doc_no: String,
    pub account_no: String,
    pub as_of: NaiveDate,
    pub due_date: NaiveDate,
    pub outstanding: Money,
    /// Annual rate as a fraction (0.18 = 18%).
    pub annual_rate: Decimal,
    pub runs: Vec<RunLine>,
    pub months: Vec<MonthLine>,
    #[serde(serialize_with = "as_text")]
    pub total_cent_days: i128,
    pub total_exact: Decimal,
    /// The charge's lifetime interest, rounded once: the invoices report's `interest_accrued`.
    pub total: Money,
}

/// `cent_days × rate / 365`, in dollars, to 10 places (for people; the rounding to
/// cents is `interest_on`'s, on the sums).
pub fn exact_interest(cent_days: i128, rate: Decimal) -> Decimal {
    Decimal::try_from_i128_with_scale(cent_days, 2)
        .ok()
        .and_then(|cd| cd.checked_mul(rate))
        .and_then(|x| x.checked_div(Decimal::from(365)))
        .map(|x| x.round_dp_with_strategy(10, rust_decimal::RoundingStrategy::MidpointAwayFromZero))
        .unwrap_or_default()
}

fn month_of(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// The explanation of `charge` (a charge of `position`, evaluated as of `as_of` with
/// its runs traced).
pub fn explain(
    account_no: &str,
    charge: &ChargeStatus,
    position: &AccountPosition,
    runs: Vec<InterestRun>,
    rate: Decimal,
    as_of: NaiveDate,
) -> Explanation {
    let mut months: Vec<MonthLine> = Vec::new();
    let lines: Vec<RunLine> = runs
        .into_iter()
        .map(|run| {
            let month = month_of(run.to);
            match months.last_mut().filter(|m| m.month == month) {
                Some(m) => m.cent_days += run.cent_days,
                None => months.push(MonthLine {
                    month: month.clone(),
                    cent_days: run.cent_days,
                    exact_interest: Decimal::ZERO,
                    posted_as: None,
                    posting_amount: None,
                    note: String::new(),
                }),
            }
            RunLine { run, exact_interest: exact_interest(run.cent_days, rate), month }
        })
        .collect();
    for m in &mut months {
        m.exact_interest = exact_interest(m.cent_days, rate);
        let end = lines.iter().find(|l| l.month == m.month).map(|l| month_end(l.run.to)).unwrap_or(as_of);
        let doc = interest_doc_no(account_no, end);
        let posting = position.charges.iter().find(|c| c.doc_no == doc);
        m.note = match posting {
            Some(p) => {
                m.posted_as = Some(doc.to_string());
                m.posting_amount = Some(p.amount);
                format!("posted {end} as {doc}")
            }
            None if end <= as_of => "the account's month rounded to 0.00: nothing posted".into(),
            None => format!("accruing: posts on {end}"),
        };
    }
    let total_cent_days = lines.iter().map(|l| l.run.cent_days).sum();
    Explanation {
        doc_no: charge.doc_no.to_string(),
        account_no: account_no.to_string(),
        as_of,
        due_date: charge.due,
        outstanding: charge.outstanding,
        annual_rate: rate,
        total_exact: exact_interest(total_cent_days, rate),
        // The same sum the engine rounded (it held it, so this cannot overflow).
        total: interest_on(total_cent_days, rate).unwrap_or(charge.interest),
        total_cent_days,
        runs: lines,
        months,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;
    use crate::domain::{evaluate, evaluate_traced, AccountLedger, Charge, ChargeKind, Payment, PaymentMethod};

    #[test]
    fn the_worked_example_inv_1001_accrues_28_days_of_february_posted_as_fc_a100_2026_02() {
        let charges = [Charge {
            doc_no: "INV-1001".into(),
            kind: ChargeKind::Invoice,
            date: d("2026-01-01"),
            due: d("2026-01-31"),
            amount: Money::from_cents(100_000),
        }];
        let rate: Decimal = "0.18".parse().unwrap();
        let l = AccountLedger { account_no: "A100", annual_rate: rate, charges: &charges, payments: &[], returns: &[] };
        let as_of = d("2026-02-28");
        let (p, runs) = evaluate_traced(&l, as_of, "INV-1001").unwrap();
        assert_eq!(p, evaluate(&l, as_of).unwrap(), "tracing changes nothing");
        let c = p.charges.iter().find(|c| c.doc_no == "INV-1001").unwrap();
        let e = explain("A100", c, &p, runs, rate, as_of);
        assert_eq!(e.runs.len(), 1);
        let r = e.runs[0].run;
        assert_eq!(
            (r.from, r.to, r.days, r.outstanding),
            (d("2026-02-01"), d("2026-02-28"), 28, Money::from_cents(100_000))
        );
        assert_eq!(r.cent_days, 2_800_000);
        assert_eq!(e.total, Money::from_cents(1381));
        assert_eq!(e.total, c.interest);
        assert_eq!(e.months[0].posted_as.as_deref(), Some("FC-A100-2026-02"));
        assert_eq!(e.months[0].posting_amount, Some(Money::from_cents(1381)));
        assert_eq!(e.total_exact.to_string(), "13.8082191781");
    }

    #[test]
    fn a_payment_splits_the_runs_and_the_total_is_the_engines_own() {
        let charges = [Charge {
            doc_no: "INV-1".into(),
            kind: ChargeKind::Invoice,
            date: d("2026-01-01"),
            due: d("2026-01-10"),
            amount: Money::from_cents(50_000),
        }];
        let payments = [Payment {
            reference: "P-1".into(),
            date: d("2026-02-05"),
            method: PaymentMethod::Wire,
            amount: Money::from_cents(20_000),
            apply_to: None,
        }];
        let rate: Decimal = "0.12".parse().unwrap();
        let l =
            AccountLedger { account_no: "B1", annual_rate: rate, charges: &charges, payments: &payments, returns: &[] };
        let as_of = d("2026-03-10");
        let (p, runs) = evaluate_traced(&l, as_of, "INV-1").unwrap();
        let c = p.charges.iter().find(|c| c.doc_no == "INV-1").unwrap();
        let e = explain("B1", c, &p, runs, rate, as_of);
        let spans: Vec<(NaiveDate, NaiveDate, i64, i64)> =
            e.runs.iter().map(|l| (l.run.from, l.run.to, l.run.days, l.run.outstanding.cents())).collect();
        assert_eq!(
            spans,
            [
                (d("2026-01-11"), d("2026-01-31"), 21, 50_000),
                (d("2026-02-01"), d("2026-02-04"), 4, 50_000),
                (d("2026-02-05"), d("2026-02-28"), 24, 30_000),
                (d("2026-03-01"), d("2026-03-10"), 10, 30_000),
            ]
        );
        assert_eq!(e.total_cent_days, c.interest_cent_days);
        assert_eq!(e.total, c.interest);
        assert_eq!(e.months.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(), ["2026-01", "2026-02", "2026-03"]);
        assert!(e.months[2].note.contains("posts on 2026-03-31"), "{}", e.months[2].note);
        assert_eq!(e.months[0].posted_as.as_deref(), Some("FC-B1-2026-01"));
        // February's two runs make one month: 4 days at 500.00 and 24 at 300.00.
        assert_eq!(e.months[1].cent_days, 4 * 50_000 + 24 * 30_000);
        assert_eq!(e.months[1].exact_interest, exact_interest(920_000, rate));
    }

    #[test]
    fn a_month_whose_interest_rounds_to_nothing_says_so_and_posts_nothing() {
        // 0.10 for 28 days at 18%: 0.0013… rounds to 0.00, so no FC- document exists.
        let charges = [Charge {
            doc_no: "INV-9".into(),
            kind: ChargeKind::Invoice,
            date: d("2026-01-01"),
            due: d("2026-01-31"),
            amount: Money::from_cents(10),
        }];
        let rate: Decimal = "0.18".parse().unwrap();
        let l = AccountLedger { account_no: "Z9", annual_rate: rate, charges: &charges, payments: &[], returns: &[] };
        let as_of = d("2026-03-10");
        let (p, runs) = evaluate_traced(&l, as_of, "INV-9").unwrap();
        let c = p.charges.iter().find(|c| c.doc_no == "INV-9").unwrap();
        let e = explain("Z9", c, &p, runs, rate, as_of);
        assert_eq!(e.months[0].month, "2026-02");
        assert_eq!(e.months[0].posted_as, None);
        assert_eq!(e.months[0].note, "the account's month rounded to 0.00: nothing posted");
        assert_eq!(e.months[1].note, "accruing: posts on 2026-03-31");
    }
}
