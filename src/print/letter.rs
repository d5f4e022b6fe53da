//! A dunning letter as a PDF: the letterhead, the addressee, the level's template
//! filled in, with the table of the past-due items where the template puts it.

use super::pdf::{self, Align, Doc, Table, BODY, BOLD, LEFT, RIGHT};
use super::template::{Block, Template};
use super::{address_block, footer, letterhead};
use crate::config::Config;
use crate::domain::dunning::Letter;
use std::collections::HashMap;

/// The placeholders' values for this letter.
pub fn values<'a>(l: &Letter, config: &Config) -> HashMap<&'a str, String> {
    let contact = l.contact.contact_name.clone().filter(|c| !c.trim().is_empty()).unwrap_or_else(|| "Customer".into());
    HashMap::from([
        ("account", l.account_no.clone()),
        ("name", l.contact.name.clone()),
        ("contact", contact),
        ("address", l.contact.address.clone().unwrap_or_default()),
        ("date", l.date.to_string()),
        ("title", l.level.title().to_string()),
        ("total", format!("${}", l.amount_past_due.grouped())),
        ("balance", format!("${}", l.balance.grouped())),
        ("days_past_due", l.oldest_days_past_due.to_string()),
        ("remit_to", config.remit_to_lines().join("\n")),
        ("company", config.company.name.clone()),
    ])
}

/// The letter as a PDF.
pub fn pdf(l: &Letter, template: &Template, config: &Config) -> Vec<u8> {
    let foot = footer(config, l.level.title(), &l.account_no, l.date);
    let mut doc = Doc::new(&format!("{} {} {}", l.level.title(), l.account_no, l.date), &foot, &foot);
    letterhead(
        &mut doc,
        config,
        &l.level.title().to_uppercase(),
        &[
            ("Account", l.account_no.clone()),
            ("Date", l.date.to_string()),
            ("Letter", format!("level {} of 4", l.level.number())),
            ("Amount past due", l.amount_past_due.grouped()),
        ],
    );
    address_block(&mut doc, "TO", &l.contact);
    let values = values(l, config);
    let width = RIGHT - LEFT;
    doc.gap(14.0);
    if let Some(subject) = template.subject(&values) {
        doc.paragraph(LEFT, width, pdf::Style::new(pdf::Font::Bold, 11.0), &subject, 14.0);
        doc.gap(8.0);
    }
    for block in template.body(&values) {
        match block {
            Block::Text(t) => doc.paragraph(LEFT, width, BODY, &t, 13.5),
            Block::OpenItems => items_table(&mut doc, l),
        }
        doc.gap(8.0);
    }
    doc.finish()
}

fn items_table(doc: &mut Doc, l: &Letter) {
    doc.begin_table(&Table::new(&[
        ("Document", 124.0, Align::Left),
        ("Type", 96.0, Align::Left),
        ("Date", 62.0, Align::Left),
        ("Due date", 62.0, Align::Left),
        ("Days late", 46.0, Align::Right),
        ("Past due", 114.0, Align::Right),
    ]));
    for (i, it) in l.items.iter().enumerate() {
        let cells = [
            it.doc_no.clone(),
            it.kind.to_string(),
            it.date.to_string(),
            it.due_date.to_string(),
            it.days_past_due.to_string(),
            it.outstanding.grouped(),
        ];
        doc.row(&cells, BODY, i % 2 == 1);
    }
    let total =
        [String::new(), String::new(), String::new(), String::new(), "Total".into(), l.amount_past_due.grouped()];
    doc.row(&total, BOLD, false);
    doc.end_table();
    doc.rule(LEFT, RIGHT, doc.y, 0.5, 0.5);
}
