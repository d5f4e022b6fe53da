//! What creditdesk prints or sends: statements of account (PDF, text), dunning letters
//! (PDF, from templates), and the accounting journal export. Each takes a view (from
//! `domain` or `read`) and the configuration (letterhead, remit-to), and makes bytes;
//! nothing here reads the database or the clock.

pub mod files;
pub mod journal;
pub mod letter;
pub mod pdf;
pub mod statement;
pub mod template;

use crate::config::Config;
use crate::domain::privacy::Contact;
use chrono::NaiveDate;
use pdf::{Doc, Font, Style, LEFT, MUTED, PAGE_H, RIGHT};

/// The terms of sale on late payment, as every statement and letter repeats them.
pub const INTEREST_TERMS: &str = "Accounts not paid within terms are subject to a late-payment charge of the lesser \
of 1.5% per month or the highest rate permissible under applicable law, calculated daily and compounded monthly.";

/// The company's letterhead at the top of the first page: name and address on the
/// left, the document's title and its key facts (label, value) on the right.
pub fn letterhead(doc: &mut Doc, config: &Config, title: &str, facts: &[(&str, String)]) {
    let top = PAGE_H - pdf::MARGIN;
    let c = &config.company;
    doc.text(LEFT, top - 16.0, Style::new(Font::Bold, 17.0), &c.name);
    let mut y = top - 30.0;
    let contact: Vec<String> =
        c.address.iter().cloned().chain([c.phone.clone(), c.email.clone()].into_iter().flatten()).collect();
    for line in &contact {
        doc.text(LEFT, y, MUTED, line);
        y -= 11.0;
    }
    // The title shrinks rather than run into a long company name.
    let room = RIGHT - LEFT - pdf::width(Style::new(Font::Bold, 17.0), &c.name) - 24.0;
    let mut size = 14.0;
    while size > 8.0 && pdf::width(Style::new(Font::Bold, size), title) > room {
        size -= 0.5;
    }
    doc.text_right(RIGHT, top - 16.0, Style::new(Font::Bold, size).gray(0.2), title);
    let mut fy = top - 32.0;
    // Labels right-aligned before the widest value, so a long value never runs into them.
    let value_w = facts.iter().map(|(_, v)| pdf::width(pdf::SMALL_BOLD, v)).fold(60.0, f32::max);
    for (label, value) in facts {
        doc.text_right(RIGHT - value_w - 12.0, fy, MUTED, label);
        doc.text_right(RIGHT, fy, pdf::SMALL_BOLD, value);
        fy -= 11.5;
    }
    let bottom = y.min(fy) - 4.0;
    doc.rule(LEFT, RIGHT, bottom, 1.5, 0.15);
    doc.y = bottom - 10.0;
}

/// The addressee under a small label: the account's name, contact and address.
pub fn address_block(doc: &mut Doc, label: &str, contact: &Contact) {
    doc.line(LEFT, pdf::SMALL_BOLD.gray(0.4), label, 10.0);
    doc.line(LEFT, pdf::BOLD, &contact.name, 13.0);
    if let Some(who) = contact.contact_name.as_deref().filter(|s| !s.trim().is_empty()) {
        doc.line(LEFT, pdf::BODY, &format!("Attn: {who}"), 12.0);
    }
    if let Some(address) = contact.address.as_deref() {
        for part in address.split(['\n', ';']).map(str::trim).filter(|s| !s.is_empty()) {
            doc.line(LEFT, pdf::BODY, part, 12.0);
        }
    }
    doc.line(LEFT, MUTED, &format!("Account {}", contact.account_no), 12.0);
}

/// The remittance box: where to pay, and what to write on the payment.
pub fn remittance(doc: &mut Doc, config: &Config, account_no: &str) {
    let lines = config.remit_to_lines();
    let height = 34.0 + 12.0 * lines.len() as f32 + 36.0;
    doc.ensure(height + 10.0);
    doc.gap(10.0);
    let top = doc.y;
    doc.frame(LEFT, top - height, RIGHT - LEFT, height, 0.8, 0.3);
    doc.y -= 4.0;
    doc.line(LEFT + 10.0, pdf::BOLD, "Please remit to", 13.0);
    for l in &lines {
        doc.line(LEFT + 10.0, pdf::BODY, l, 12.0);
    }
    doc.gap(4.0);
    doc.line(
        LEFT + 10.0,
        pdf::SMALL,
        &format!("Make payments to {} and write account number {account_no} on your remittance.", config.company.name),
        11.0,
    );
    doc.paragraph(LEFT + 10.0, RIGHT - LEFT - 20.0, MUTED, INTEREST_TERMS, 10.5);
    doc.y = top - height;
}

/// Running head and footer text for a document about an account.
pub fn footer(config: &Config, what: &str, account_no: &str, day: NaiveDate) -> String {
    format!("{} · {what} · account {account_no} · {day}", config.company.name)
}
