//! The journal in the plain-text format hledger and ledger read: one transaction per
//! document, two postings each (the receivable and its counter-account), amounts in
//! dollars with two decimals.

use crate::domain::journal::Entry;
use std::io::Write;

/// The receivable account of a customer. An account name may not hold two spaces in a
/// row, a tab, a colon (the separator of its parts) or a comment sign, so those (and
/// control characters) become `_`.
pub fn receivable(account_no: &str) -> String {
    format!("assets:receivable:{}", clean(account_no))
}

fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() || matches!(c, ':' | ';' | '#' | '*' | '!' | '(' | ')' | '[' | ']') {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// The head of the file: what it is and how it was made.
pub fn header(out: &mut impl Write, as_of: chrono::NaiveDate) -> std::io::Result<()> {
    writeln!(out, "; creditdesk journal export: every posted document up to {as_of}")?;
    writeln!(out, "; (charges with posted interest and fees, payments, returned checks reversing their payments)")?;
    writeln!(out, "; interest accrued after the last month end is not posted, so not here")?;
    writeln!(out)
}

/// One account's transactions.
pub fn write_account(out: &mut impl Write, account_no: &str, entries: &[Entry]) -> std::io::Result<()> {
    let receivable = receivable(account_no);
    for e in entries {
        // The code (in parentheses) is the document number; the description says what it is.
        writeln!(out, "{} ({}) {} {}", e.date, clean(&e.code), e.description, clean(account_no))?;
        writeln!(out, "    {receivable}  {}", dollars(e.amount))?;
        writeln!(out, "    {}  {}", e.counter, dollars(crate::domain::Money::ZERO - e.amount))?;
        writeln!(out)?;
    }
    Ok(())
}

fn dollars(m: crate::domain::Money) -> String {
    if m.cents() < 0 {
        format!("$-{}", crate::domain::Money::from_cents(-m.cents()))
    } else {
        format!("${m}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    #[test]
    fn account_names_never_break_the_journal_syntax() {
        assert_eq!(receivable("A100"), "assets:receivable:A100");
        assert_eq!(receivable("B 2:x;y\tz"), "assets:receivable:B_2_x_y_z");
    }

    #[test]
    fn a_transaction_balances_its_two_postings() {
        let e = Entry {
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            code: "INV-1".into(),
            description: "INVOICE".into(),
            amount: Money::from_cents(12345),
            counter: "income:sales",
        };
        let mut out = Vec::new();
        write_account(&mut out, "A100", &[e]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2026-01-01 (INV-1) INVOICE A100\n    assets:receivable:A100  $123.45\n    income:sales  $-123.45\n\n"
        );
    }
}
