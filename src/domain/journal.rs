//! The accounting journal of an account (double entry, for hledger or ledger): every
//! posted document up to a day moves `assets:receivable:<account>` against an income
//! or cash account. The receivable's balance is then the aging total less the interest
//! accrued and not yet posted (a journal holds only what was posted).

use super::{AccountLedger, AccountPosition, ChargeKind, Money, PaymentMethod};
use chrono::NaiveDate;
use std::collections::HashMap;

/// One transaction: `amount` moves the receivable (positive: the customer owes more),
/// against `counter`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    /// Document number or payment reference.
    pub code: String,
    pub description: String,
    pub amount: Money,
    pub counter: &'static str,
}

/// The account a charge of this kind is income of.
pub fn income_account(kind: ChargeKind) -> &'static str {
    match kind {
        ChargeKind::Invoice => "income:sales",
        ChargeKind::Repair => "income:repairs",
        ChargeKind::Fee => "income:fees",
        ChargeKind::CollectionCost => "income:collection-costs",
        ChargeKind::ReturnedCheckFee => "income:returned-check-fees",
        ChargeKind::Interest => "income:interest",
        // Unapplied credit paid back to the customer.
        ChargeKind::Refund => "assets:bank:refunds",
    }
}

/// Where a payment by this method goes: cash received, or a credit given.
pub fn payment_account(method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::Check | PaymentMethod::CertifiedCheck | PaymentMethod::MoneyOrder => "assets:bank:checks",
        PaymentMethod::Wire => "assets:bank:wires",
        PaymentMethod::Cash => "assets:cash",
        PaymentMethod::Card => "assets:bank:cards",
        PaymentMethod::CreditMemo => "income:sales:returns",
        PaymentMethod::WriteOff => "expenses:bad-debts",
    }
}

/// Every posted document of the account as of `as_of` (the position's charges, which
/// include posted interest and returned-check fees; the payments received; each
/// returned check reversing its payment on the returned date), in date order.
pub fn entries(l: &AccountLedger<'_>, position: &AccountPosition, as_of: NaiveDate) -> Vec<Entry> {
    let mut out: Vec<(u8, Entry)> = Vec::new();
    for c in &position.charges {
        out.push((
            0,
            Entry {
                date: c.date,
                code: c.doc_no.to_string(),
                description: c.kind.to_string(),
                amount: c.amount,
                counter: income_account(c.kind),
            },
        ));
    }
    let mut methods: HashMap<&str, (PaymentMethod, Money)> = HashMap::new();
    for p in l.payments.iter().filter(|p| p.date <= as_of) {
        methods.insert(p.reference.as_str(), (p.method, p.amount));
        out.push((
            1,
            Entry {
                date: p.date,
                code: p.reference.clone(),
                description: format!("PAYMENT {}", p.method),
                amount: Money::ZERO - p.amount,
                counter: payment_account(p.method),
            },
        ));
    }
    for r in l.returns.iter().filter(|r| r.returned_date <= as_of) {
        if let Some((method, amount)) = methods.get(r.payment_ref.as_str()) {
            out.push((
                2,
                Entry {
                    date: r.returned_date,
                    code: r.payment_ref.clone(),
                    description: "RETURNED CHECK".into(),
                    amount: *amount,
                    counter: payment_account(*method),
                },
            ));
        }
    }
    out.sort_by(|a, b| (a.1.date, a.0, &a.1.code).cmp(&(b.1.date, b.0, &b.1.code)));
    out.into_iter().map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;
    use crate::domain::{evaluate, Charge, Payment, ReturnedCheck};

    #[test]
    fn the_receivable_moves_by_the_aging_total_less_accrued_interest() {
        let charges = [Charge {
            doc_no: "INV-1".into(),
            kind: ChargeKind::Invoice,
            date: d("2026-01-01"),
            due: d("2026-01-31"),
            amount: Money::from_cents(100_000),
        }];
        let payments = [
            Payment {
                reference: "P-1".into(),
                date: d("2026-02-10"),
                method: PaymentMethod::Check,
                amount: Money::from_cents(40_000),
                apply_to: None,
            },
            Payment {
                reference: "P-2".into(),
                date: d("2026-02-12"),
                method: PaymentMethod::Wire,
                amount: Money::from_cents(10_000),
                apply_to: None,
            },
            Payment {
                reference: "P-LATER".into(),
                date: d("2026-04-01"),
                method: PaymentMethod::Wire,
                amount: Money::from_cents(10_000),
                apply_to: None,
            },
        ];
        let returns = [ReturnedCheck {
            payment_ref: "P-1".into(),
            returned_date: d("2026-02-20"),
            fee: Money::from_cents(2500),
            fee_waived: false,
        }];
        let l = AccountLedger {
            account_no: "A100",
            annual_rate: "0.18".parse().unwrap(),
            charges: &charges,
            payments: &payments,
            returns: &returns,
        };
        let as_of = d("2026-03-15");
        let p = evaluate(&l, as_of).unwrap();
        let e = entries(&l, &p, as_of);
        let sum: Money = e.iter().map(|e| e.amount).sum();
        assert_eq!(sum, p.balance() - p.accrued_interest);
        assert!(p.accrued_interest.is_positive(), "the test means something");
        let codes: Vec<&str> = e.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(
            codes,
            ["INV-1", "P-1", "P-2", "RCF-P-1", "P-1", "FC-A100-2026-02"],
            "date order; a day's charges before its payments and returns"
        );
        let reversal = e.iter().filter(|e| e.code == "P-1").nth(1).unwrap();
        assert_eq!((reversal.amount, reversal.counter), (Money::from_cents(40_000), "assets:bank:checks"));
        assert!(!codes.contains(&"P-LATER"), "after the day");
        assert_eq!(e.iter().find(|e| e.code.starts_with("FC-")).unwrap().counter, "income:interest");
    }
}
