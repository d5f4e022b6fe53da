//! Letter templates: plain text with named placeholders in braces. Built-in defaults,
//! one per dunning level, are overridden by files of the same name
//! (`dunning-1.txt` … `dunning-4.txt`) in the templates folder.
//!
//! A template is an optional `Subject:` line, then paragraphs separated by blank lines
//! (the line breaks inside a paragraph are kept). `{open_items}` alone in its paragraph
//! is the table of open items. Lines starting with `#` are notes, not printed.

use crate::domain::dunning::Level;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::Path;

/// Every placeholder a template may use.
pub const PLACEHOLDERS: [&str; 12] = [
    "account",
    "name",
    "contact",
    "address",
    "date",
    "title",
    "total",
    "balance",
    "days_past_due",
    "open_items",
    "remit_to",
    "company",
];

const DEFAULTS: [&str; 4] = [
    include_str!("templates/dunning-1.txt"),
    include_str!("templates/dunning-2.txt"),
    include_str!("templates/dunning-3.txt"),
    include_str!("templates/dunning-4.txt"),
];

/// A piece of a letter's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Text with its placeholders filled in.
    Text(String),
    /// The table of open items.
    OpenItems,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Where it came from: a file's path, or "built-in".
    pub source: String,
    subject: Option<String>,
    paragraphs: Vec<String>,
}

/// The four templates, by level.
#[derive(Debug, Clone)]
pub struct Templates([Template; 4]);

/// The file that overrides the template of a level.
pub fn file_name(level: Level) -> String {
    format!("dunning-{}.txt", level.number())
}

/// The built-in template's text of a level.
pub fn default_text(level: Level) -> &'static str {
    DEFAULTS[usize::from(level.number() - 1)]
}

impl Templates {
    /// The templates: each level's file in `dir` when there is one, else the built-in one.
    pub fn load(dir: &Path) -> Result<Templates> {
        let one = |level: Level| -> Result<Template> {
            let path = dir.join(file_name(level));
            match std::fs::read_to_string(&path) {
                Ok(text) => Template::parse(&path.display().to_string(), &text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Template::parse("built-in", default_text(level)),
                Err(source) => Err(Error::File { path, source }),
            }
        };
        Ok(Templates([
            one(Level::Reminder)?,
            one(Level::PastDueNotice)?,
            one(Level::SuspendedDelivery)?,
            one(Level::FinalDemand)?,
        ]))
    }

    pub fn built_in() -> Templates {
        let one = |l: Level| Template::parse("built-in", default_text(l)).expect("the built-in templates parse");
        Templates(Level::ALL.map(one))
    }

    pub fn get(&self, level: Level) -> &Template {
        &self.0[usize::from(level.number() - 1)]
    }
}

impl Template {
    /// Reads a template, refusing an unknown placeholder or an unclosed brace with its line.
    pub fn parse(source: &str, text: &str) -> Result<Template> {
        let mut subject = None;
        let mut paragraphs = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') {
                continue;
            }
            check_placeholders(line).map_err(|why| Error::invalid(source, format!("line {}: {why}", n + 1)))?;
            if subject.is_none() && paragraphs.is_empty() && current.is_empty() {
                if let Some(s) = line.strip_prefix("Subject:") {
                    subject = Some(s.trim().to_string());
                    continue;
                }
            }
            if line.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(current.join("\n"));
                    current.clear();
                }
            } else {
                current.push(line.trim_end());
            }
        }
        if !current.is_empty() {
            paragraphs.push(current.join("\n"));
        }
        if paragraphs.is_empty() {
            return Err(Error::invalid(source, "the template has no text"));
        }
        Ok(Template { source: source.to_string(), subject, paragraphs })
    }

    /// The subject line, filled in (none when the template has none).
    pub fn subject(&self, values: &HashMap<&str, String>) -> Option<String> {
        self.subject.as_deref().map(|s| fill(s, values))
    }

    /// The body, filled in.
    pub fn body(&self, values: &HashMap<&str, String>) -> Vec<Block> {
        self.paragraphs
            .iter()
            .map(|p| if p.trim() == "{open_items}" { Block::OpenItems } else { Block::Text(fill(p, values)) })
            .collect()
    }
}

fn check_placeholders(line: &str) -> std::result::Result<(), String> {
    let mut rest = line;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err("a `}` without its `{`".into());
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or("a `{` without its `}`")?;
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "unknown placeholder {{{name}}}; the placeholders are {}",
                PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(" ")
            ));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

/// `text` with each `{name}` replaced by its value (an absent value leaves it blank).
fn fill(text: &str, values: &HashMap<&str, String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push_str(values.get(&after[..close]).map_or("", String::as_str));
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_template_parses_and_has_a_subject_and_the_table() {
        let t = Templates::built_in();
        for l in Level::ALL {
            let values = HashMap::from([("account", "A100".to_string())]);
            assert!(t.get(l).subject(&values).is_some_and(|s| s.contains("A100")), "{l}");
            assert!(t.get(l).body(&values).contains(&Block::OpenItems), "{l}");
        }
    }

    #[test]
    fn placeholders_are_filled_and_line_breaks_inside_a_paragraph_kept() {
        let t = Template::parse(
            "t",
            "Subject: Hi {name}\n# a note\nDear {contact},\nthanks\n\n{open_items}\n\nPay {total}.",
        )
        .unwrap();
        let v = HashMap::from([("name", "Acme".to_string()), ("contact", "Jo".into()), ("total", "5.00".into())]);
        assert_eq!(t.subject(&v).as_deref(), Some("Hi Acme"));
        assert_eq!(
            t.body(&v),
            [Block::Text("Dear Jo,\nthanks".into()), Block::OpenItems, Block::Text("Pay 5.00.".into())]
        );
    }

    #[test]
    fn an_unknown_placeholder_or_a_stray_brace_is_refused_with_its_line() {
        let e = Template::parse("my.txt", "Hello\n{acount}").unwrap_err().to_string();
        assert!(e.contains("my.txt") && e.contains("line 2") && e.contains("{acount}"), "{e}");
        assert!(Template::parse("t", "Pay {total").unwrap_err().to_string().contains("without its `}`"));
        assert!(Template::parse("t", "Pay total}").unwrap_err().to_string().contains("without its `{`"));
        assert!(Template::parse("t", "# only a note\n\n").is_err(), "no text");
    }

    #[test]
    fn a_file_in_the_templates_folder_overrides_its_level_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dunning-2.txt"), "Subject: Custom {account}\nBody").unwrap();
        let t = Templates::load(dir.path()).unwrap();
        let v = HashMap::from([("account", "B7".to_string())]);
        assert_eq!(t.get(Level::PastDueNotice).subject(&v).as_deref(), Some("Custom B7"));
        assert!(t.get(Level::PastDueNotice).source.ends_with("dunning-2.txt"));
        assert_eq!(t.get(Level::Reminder).source, "built-in");
        std::fs::write(dir.path().join("dunning-3.txt"), "{nope}").unwrap();
        assert!(Templates::load(dir.path()).is_err());
    }
}
