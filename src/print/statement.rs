//! A statement of account (open items as of a day) and an activity statement (a
//! period's documents), as PDF, plain text and CSV.

use super::pdf::{self, Align, Doc, Table, BODY, BOLD, LEFT, MUTED, RIGHT, SMALL};
use super::{address_block, footer, letterhead, remittance};
use crate::config::Config;
use crate::domain::privacy::Contact;
use crate::domain::statement::{Activity, Movement, Statement};
use crate::domain::{Bucket, Money};
use std::fmt::Write;

/// The summary figures under a table stay together on one page.
const SUMMARY_HEIGHT: f32 = 4.0 * 14.0 + 12.0;

const BUCKET_TITLES: [&str; 5] = ["Current", "1-30 days", "31-60 days", "61-90 days", "Over 90 days"];

fn open_items_table() -> Table {
    Table::new(&[
        ("Document", 110.0, Align::Left),
        ("Type", 86.0, Align::Left),
        ("Date", 62.0, Align::Left),
        ("Due date", 62.0, Align::Left),
        ("Days late", 50.0, Align::Right),
        ("Amount", 67.0, Align::Right),
        ("Open", 67.0, Align::Right),
    ])
}

/// A labelled figure at the right, its value aligned with the tables' last column.
fn figure(doc: &mut Doc, label: &str, value: &str, style: pdf::Style) {
    doc.ensure(14.0);
    doc.y -= 14.0;
    doc.text_right(RIGHT - 90.0, doc.y, style, label);
    doc.text_right(RIGHT - 4.0, doc.y, style, value);
}

/// The statement as a PDF.
pub fn pdf(s: &Statement, contact: &Contact, config: &Config) -> Vec<u8> {
    let foot = footer(config, "Statement of account", &s.account_no, s.as_of);
    let mut doc = Doc::new(&format!("Statement {} {}", s.account_no, s.as_of), &foot, &foot);
    letterhead(
        &mut doc,
        config,
        "STATEMENT OF ACCOUNT",
        &[
            ("Account", s.account_no.clone()),
            ("Statement date", s.as_of.to_string()),
            ("Amount due", s.total.grouped()),
        ],
    );
    address_block(&mut doc, "BILL TO", contact);
    doc.gap(14.0);
    doc.line(LEFT, BOLD, "Open items", 12.0);
    doc.gap(4.0);
    if s.items.is_empty() {
        doc.line(LEFT, MUTED.gray(0.3), "No open items.", 14.0);
    } else {
        doc.begin_table(&open_items_table());
        for (i, it) in s.items.iter().enumerate() {
            let kind = if it.disputed { format!("{} †", it.kind) } else { it.kind.to_string() };
            let days = if it.days_past_due > 0 { it.days_past_due.to_string() } else { "—".into() };
            let cells = [
                it.doc_no.clone(),
                kind,
                it.date.to_string(),
                it.due_date.to_string(),
                days,
                it.amount.grouped(),
                it.outstanding.grouped(),
            ];
            doc.row(&cells, BODY, i % 2 == 1);
        }
        doc.end_table();
        doc.rule(LEFT, RIGHT, doc.y, 0.5, 0.5);
        if s.items.iter().any(|i| i.disputed) {
            doc.line(
                LEFT,
                MUTED,
                "† disputed: still owed and aging while under review; not asked for in reminders.",
                11.0,
            );
        }
    }
    doc.gap(10.0);
    doc.ensure(90.0);
    doc.line(LEFT, BOLD, "Aging", 12.0);
    doc.gap(4.0);
    let w = (RIGHT - LEFT) / 5.0;
    let aging = Table::new(&BUCKET_TITLES.map(|t| (t, w, Align::Right)));
    doc.begin_table(&aging);
    doc.row(&s.buckets.map(|b| b.grouped()), BODY, false);
    doc.end_table();
    doc.rule(LEFT, RIGHT, doc.y, 0.5, 0.5);
    doc.gap(6.0);
    doc.ensure(SUMMARY_HEIGHT);
    figure(&mut doc, "Open items", &s.open_total().grouped(), BODY);
    figure(&mut doc, "Interest accrued this month, not yet posted", &s.accrued_interest.grouped(), BODY);
    figure(&mut doc, "Unapplied credit", &(Money::ZERO - s.unapplied_credit).grouped(), BODY);
    doc.rule(RIGHT - 200.0, RIGHT, doc.y - 5.0, 0.8, 0.2);
    doc.gap(4.0);
    figure(&mut doc, "Total due", &s.total.grouped(), pdf::Style::new(pdf::Font::Bold, 12.0));
    doc.gap(6.0);
    remittance(&mut doc, config, &s.account_no);
    doc.finish()
}

/// The activity statement as a PDF.
pub fn activity_pdf(a: &Activity, contact: &Contact, config: &Config) -> Vec<u8> {
    let foot = footer(config, &format!("Activity {} to {}", a.from, a.to), &a.account_no, a.to);
    let mut doc = Doc::new(&format!("Activity {} {} {}", a.account_no, a.from, a.to), &foot, &foot);
    letterhead(
        &mut doc,
        config,
        "ACTIVITY STATEMENT",
        &[
            ("Account", a.account_no.clone()),
            ("Period", format!("{} to {}", a.from, a.to)),
            ("Closing balance", a.closing.grouped()),
        ],
    );
    address_block(&mut doc, "BILL TO", contact);
    doc.gap(14.0);
    doc.begin_table(&Table::new(&[
        ("Date", 62.0, Align::Left),
        ("Document", 106.0, Align::Left),
        ("Description", 136.0, Align::Left),
        ("Charges", 66.0, Align::Right),
        ("Credits", 66.0, Align::Right),
        ("Balance", 66.0, Align::Right),
    ]));
    let b = |s: &str| s.to_string();
    doc.row(
        &[a.from.to_string(), b(""), b("Balance brought forward"), b(""), b(""), a.brought_forward.grouped()],
        BOLD,
        false,
    );
    for (i, l) in a.lines.iter().enumerate() {
        let (charge, credit) = split(l.amount);
        let document = if l.movement == Movement::AccruedInterest { "(not posted)".into() } else { l.document.clone() };
        let cells = [l.date.to_string(), document, l.movement.describe(), charge, credit, l.balance.grouped()];
        doc.row(&cells, BODY, i % 2 == 0);
    }
    doc.row(&[a.to.to_string(), b(""), b("Closing balance"), b(""), b(""), a.closing.grouped()], BOLD, false);
    doc.end_table();
    doc.rule(LEFT, RIGHT, doc.y, 0.5, 0.5);
    doc.gap(6.0);
    let (charges, credits) = totals(a);
    doc.ensure(SUMMARY_HEIGHT);
    figure(&mut doc, "Brought forward", &a.brought_forward.grouped(), BODY);
    figure(&mut doc, "Charges", &charges.grouped(), BODY);
    figure(&mut doc, "Credits", &(Money::ZERO - credits).grouped(), BODY);
    doc.rule(RIGHT - 200.0, RIGHT, doc.y - 5.0, 0.8, 0.2);
    doc.gap(4.0);
    figure(&mut doc, "Closing balance", &a.closing.grouped(), pdf::Style::new(pdf::Font::Bold, 12.0));
    doc.gap(4.0);
    doc.line(LEFT, SMALL, "Interest accrues daily and is posted at each month end as an INTEREST charge (FC-…).", 11.0);
    remittance(&mut doc, config, &a.account_no);
    doc.finish()
}

/// A signed movement as (charge, credit) cells.
fn split(amount: Money) -> (String, String) {
    if amount.cents() >= 0 {
        (amount.grouped(), String::new())
    } else {
        (String::new(), Money::from_cents(-amount.cents()).grouped())
    }
}

/// Charges and credits of the period (credits as a positive sum).
fn totals(a: &Activity) -> (Money, Money) {
    let charges = a.lines.iter().filter(|l| l.amount.cents() > 0).map(|l| l.amount).sum();
    let credits = a.lines.iter().filter(|l| l.amount.cents() < 0).map(|l| Money::from_cents(-l.amount.cents())).sum();
    (charges, credits)
}

fn head(out: &mut String, config: &Config, title: &str, contact: &Contact) {
    let _ = writeln!(out, "{}", config.company.name);
    for l in &config.company.address {
        let _ = writeln!(out, "{l}");
    }
    let _ = writeln!(out, "\n{title}\n");
    let _ = writeln!(out, "{} ({})", contact.name, contact.account_no);
    if let Some(a) = contact.address.as_deref() {
        let _ = writeln!(out, "{a}");
    }
}

fn remit_text(out: &mut String, config: &Config, account_no: &str) {
    let _ = writeln!(out, "\nPlease remit to:");
    for l in config.remit_to_lines() {
        let _ = writeln!(out, "  {l}");
    }
    let _ = writeln!(out, "Write account number {account_no} on your remittance.");
    let _ = writeln!(out, "{}", super::INTEREST_TERMS);
}

/// The statement as plain text (for a terminal or an e-mail body).
pub fn text(s: &Statement, contact: &Contact, config: &Config) -> String {
    let mut out = String::new();
    head(&mut out, config, &format!("STATEMENT OF ACCOUNT as of {}", s.as_of), contact);
    let _ = writeln!(
        out,
        "\n{:<20} {:<18} {:<10} {:<10} {:>5} {:>14} {:>14}",
        "Document", "Type", "Date", "Due date", "Days", "Amount", "Open"
    );
    let _ = writeln!(out, "{}", "-".repeat(97));
    for i in &s.items {
        let mark = if i.disputed { " (disputed)" } else { "" };
        let _ = writeln!(
            out,
            "{:<20} {:<18} {:<10} {:<10} {:>5} {:>14} {:>14}{mark}",
            i.doc_no,
            i.kind.to_string(),
            i.date.to_string(),
            i.due_date.to_string(),
            i.days_past_due,
            i.amount.grouped(),
            i.outstanding.grouped()
        );
    }
    if s.items.is_empty() {
        let _ = writeln!(out, "No open items.");
    }
    let _ = writeln!(out, "\nAging:");
    for (t, b) in BUCKET_TITLES.iter().zip(s.buckets) {
        let _ = writeln!(out, "  {t:<14} {:>14}", b.grouped());
    }
    let _ = writeln!(out);
    for (label, value) in [
        ("Open items", s.open_total()),
        ("Accrued interest", s.accrued_interest),
        ("Unapplied credit", Money::ZERO - s.unapplied_credit),
        ("TOTAL DUE", s.total),
    ] {
        let _ = writeln!(out, "{label:<20} {:>14}", value.grouped());
    }
    remit_text(&mut out, config, &s.account_no);
    out
}

/// The activity statement as plain text.
pub fn activity_text(a: &Activity, contact: &Contact, config: &Config) -> String {
    let mut out = String::new();
    head(&mut out, config, &format!("ACTIVITY STATEMENT {} to {}", a.from, a.to), contact);
    let _ =
        writeln!(out, "\n{:<10} {:<20} {:<26} {:>14} {:>14}", "Date", "Document", "Description", "Amount", "Balance");
    let _ = writeln!(out, "{}", "-".repeat(88));
    let _ = writeln!(
        out,
        "{:<10} {:<20} {:<26} {:>14} {:>14}",
        a.from,
        "",
        "Balance brought forward",
        "",
        a.brought_forward.grouped()
    );
    for l in &a.lines {
        let _ = writeln!(
            out,
            "{:<10} {:<20} {:<26} {:>14} {:>14}",
            l.date,
            l.document,
            l.movement.describe(),
            l.amount.grouped(),
            l.balance.grouped()
        );
    }
    let _ = writeln!(out, "{:<10} {:<20} {:<26} {:>14} {:>14}", a.to, "", "Closing balance", "", a.closing.grouped());
    remit_text(&mut out, config, &a.account_no);
    out
}

fn csv_writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out)
}

/// The statement as CSV: one `item` line per open charge, then the `accrued_interest`,
/// `unapplied_credit` and `total` lines (their figure in `outstanding`).
pub fn csv(s: &Statement) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    {
        let mut w = csv_writer(&mut buf);
        w.write_record([
            "account_no",
            "line",
            "doc_no",
            "kind",
            "date",
            "due_date",
            "amount",
            "outstanding",
            "days_past_due",
            "bucket",
            "disputed",
        ])?;
        for i in &s.items {
            w.write_record([
                s.account_no.clone(),
                "item".into(),
                i.doc_no.clone(),
                i.kind.to_string(),
                i.date.to_string(),
                i.due_date.to_string(),
                i.amount.to_string(),
                i.outstanding.to_string(),
                i.days_past_due.to_string(),
                Bucket::of_days_past_due(i.days_past_due).to_string(),
                i.disputed.to_string(),
            ])?;
        }
        for (line, value) in
            [("accrued_interest", s.accrued_interest), ("unapplied_credit", s.unapplied_credit), ("total", s.total)]
        {
            let e = String::new;
            w.write_record([
                s.account_no.clone(),
                line.into(),
                e(),
                e(),
                s.as_of.to_string(),
                e(),
                e(),
                value.to_string(),
                e(),
                e(),
                e(),
            ])?;
        }
        w.flush()?;
    }
    Ok(buf)
}

/// The activity statement as CSV: `brought_forward`, one `movement` line per document
/// (signed amount: a payment is negative), the `closing` line.
pub fn activity_csv(a: &Activity) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    {
        let mut w = csv_writer(&mut buf);
        w.write_record(["account_no", "line", "date", "document", "description", "amount", "balance"])?;
        let e = String::new;
        w.write_record([
            a.account_no.clone(),
            "brought_forward".into(),
            a.from.to_string(),
            e(),
            e(),
            e(),
            a.brought_forward.to_string(),
        ])?;
        for l in &a.lines {
            w.write_record([
                a.account_no.clone(),
                "movement".into(),
                l.date.to_string(),
                l.document.clone(),
                l.movement.describe(),
                l.amount.to_string(),
                l.balance.to_string(),
            ])?;
        }
        w.write_record([
            a.account_no.clone(),
            "closing".into(),
            a.to.to_string(),
            e(),
            e(),
            e(),
            a.closing.to_string(),
        ])?;
        w.flush()?;
    }
    Ok(buf)
}
