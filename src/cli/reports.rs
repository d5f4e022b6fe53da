//! The report commands of RULES.md section 7, with their exact CSV headers.

use super::output::{Cell, Report};
use crate::domain::AgingRow;
use crate::read::{OpenCharge, ReturnedCheckLine};

pub fn aging(rows: &[AgingRow]) -> Report {
    Report {
        columns: vec![
            "account_no",
            "current",
            "days_1_30",
            "days_31_60",
            "days_61_90",
            "days_over_90",
            "accrued_interest",
            "unapplied_credit",
            "total",
            "collections_flag",
        ],
        rows: rows
            .iter()
            .filter(|r| r.has_any_figure())
            .map(|r| {
                let mut cells = vec![Cell::Text(r.account_no.clone())];
                cells.extend(r.buckets.iter().map(|b| Cell::Money(*b)));
                cells.extend([
                    Cell::Money(r.accrued_interest),
                    Cell::Money(r.unapplied_credit),
                    Cell::Money(r.total),
                    Cell::Bool(r.collections_flag),
                ]);
                cells
            })
            .collect(),
        totals: true,
    }
}

pub fn invoices(rows: &[OpenCharge]) -> Report {
    Report {
        columns: vec![
            "doc_no",
            "account_no",
            "kind",
            "date",
            "due_date",
            "amount",
            "outstanding",
            "days_past_due",
            "bucket",
            "interest_accrued",
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.charge.doc_no.clone()),
                    Cell::Text(r.account_no.clone()),
                    Cell::Text(r.charge.kind.to_string()),
                    Cell::Date(r.charge.date),
                    Cell::Date(r.charge.due),
                    Cell::Money(r.charge.amount),
                    Cell::Money(r.charge.outstanding),
                    Cell::Int(r.days_past_due),
                    Cell::Text(r.bucket.to_string()),
                    Cell::Money(r.charge.interest),
                ]
            })
            .collect(),
        totals: true,
    }
}

pub fn returned_checks(rows: &[ReturnedCheckLine]) -> Report {
    Report {
        columns: vec!["payment_ref", "account_no", "check_amount", "returned_date", "fee", "fee_waived"],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(r.payment_ref.clone()),
                    Cell::Text(r.account_no.clone()),
                    Cell::Money(r.check_amount),
                    Cell::Date(r.returned_date),
                    Cell::Money(r.fee),
                    Cell::Bool(r.fee_waived),
                ]
            })
            .collect(),
        totals: true,
    }
}
