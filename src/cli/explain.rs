//! "Why this interest?": one charge's interest, run by run, and the postings it fed.

use super::output::{json, say, Cell, Format, Report};
use crate::domain::explain::Explanation;
use crate::error::Result;
use crate::service::Service;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::io::Write;

fn percent(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

/// The runs of days: `doc_no,from,to,days,outstanding,annual_rate,cent_days,exact_interest,month,posted_as`.
pub fn runs_report(e: &Explanation) -> Report {
    Report::new(
        &[
            "doc_no",
            "from",
            "to",
            "days",
            "outstanding",
            "annual_rate",
            "cent_days",
            "exact_interest",
            "month",
            "posted_as",
        ],
        e.runs
            .iter()
            .map(|r| {
                let posted = e.months.iter().find(|m| m.month == r.month).and_then(|m| m.posted_as.clone());
                vec![
                    Cell::Text(e.doc_no.clone()),
                    Cell::Date(r.run.from),
                    Cell::Date(r.run.to),
                    Cell::Int(r.run.days),
                    Cell::Money(r.run.outstanding),
                    Cell::Text(percent(e.annual_rate)),
                    Cell::Text(r.run.cent_days.to_string()),
                    Cell::Text(r.exact_interest.to_string()),
                    Cell::Text(r.month.clone()),
                    posted.map_or(Cell::Empty, Cell::Text),
                ]
            })
            .collect(),
    )
}

/// The derivation for people: the runs, the months, and the one rounding.
pub fn write_table(e: &Explanation, out: &mut impl Write) -> Result<()> {
    say(
        out,
        format_args!(
            "{} (account {}) as of {}: due {}, outstanding {}, annual rate {}",
            e.doc_no,
            e.account_no,
            e.as_of,
            e.due_date,
            e.outstanding.grouped(),
            percent(e.annual_rate)
        ),
    )?;
    say(out, "")?;
    if e.runs.is_empty() {
        say(out, "No overdue day yet: no interest.")?;
    } else {
        runs_report(e).print(Format::Table, out)?;
        say(out, "")?;
        Report::new(
            &["month", "cent_days", "exact_interest", "posting"],
            e.months
                .iter()
                .map(|m| {
                    vec![
                        Cell::Text(m.month.clone()),
                        Cell::Text(m.cent_days.to_string()),
                        Cell::Text(m.exact_interest.to_string()),
                        Cell::Text(match m.posting_amount {
                            Some(a) => format!("{} (the account's month: {})", m.note, a.grouped()),
                            None => m.note.clone(),
                        }),
                    ]
                })
                .collect(),
        )
        .print(Format::Table, out)?;
        say(out, "")?;
    }
    say(
        out,
        format_args!(
            "interest = {} cent-days × {} ÷ 365 ÷ 100 = {} → {} (rounded once, half away from zero)",
            e.total_cent_days,
            e.annual_rate.normalize(),
            e.total_exact,
            e.total.grouped()
        ),
    )
}

pub fn run(service: &Service, doc: &str, as_of: NaiveDate, format: Format, out: &mut impl Write) -> Result<()> {
    let e = crate::read::explain::explain(service.store(), doc, as_of)?;
    match format {
        Format::Json => json(out, &e),
        Format::Csv => runs_report(&e).print(Format::Csv, out),
        Format::Table => write_table(&e, out),
    }
}
