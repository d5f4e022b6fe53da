//! `creditdesk check`: is this file sound, and is its audit log whole? SQLite's
//! integrity check, the foreign keys, the audit log's guards and its hash chain, the
//! ledger's invariants and the date limits (RULES.md sections 6 and 9). Each finding is
//! named; none means the file is healthy.

use crate::domain::evaluate;
use crate::error::Result;
use crate::store::audit::{self, Link, GENESIS};
use crate::store::{self, Store};
use chrono::NaiveDate;

/// One problem found, under the name of the check that found it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub check: &'static str,
    pub detail: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.check, self.detail)
    }
}

/// At most this many findings of one check are listed (then how many more there are).
const CAP: usize = 20;

use crate::input::{FIRST_DAY, LAST_DAY};

struct Findings(Vec<Finding>);

impl Findings {
    fn add(&mut self, check: &'static str, details: impl IntoIterator<Item = String>) {
        let details: Vec<String> = details.into_iter().collect();
        let more = details.len().saturating_sub(CAP);
        self.0.extend(details.into_iter().take(CAP).map(|detail| Finding { check, detail }));
        if more > 0 {
            self.0.push(Finding { check, detail: format!("… and {more} more") });
        }
    }
}

/// Every check, as of `today`; an empty list means healthy.
pub fn check(store: &Store, today: NaiveDate) -> Result<Vec<Finding>> {
    let mut found = Findings(Vec::new());
    found.add("integrity", store::health::integrity_problems(store, CAP + 1)?);
    found.add("foreign keys", store::health::foreign_key_problems(store)?);
    found.add(
        "audit triggers",
        audit::broken_guards(store)?
            .into_iter()
            .map(|name| format!("{name} is missing or changed: the audit log can be altered unnoticed")),
    );
    found.add("audit chain", audit_chain(store)?);
    // Every operator's registration was logged: an empty log beside operators was emptied.
    let operators = store::operators::count(store)?;
    if audit::count(store)? == 0 && operators > 0 {
        found.add(
            "audit log",
            [format!("it is empty but the book holds {operators} operator(s): its entries were deleted")],
        );
    }
    found.add("ledger", ledger(store, today)?);
    found.add(
        "dates",
        store::health::dates_outside(store, &FIRST_DAY.to_string(), &LAST_DAY.to_string())?
            .into_iter()
            .map(|d| format!("{d}, outside {FIRST_DAY}..{LAST_DAY}")),
    );
    Ok(found.0)
}

/// Each broken link or hash of the audit log's chain.
fn audit_chain(store: &Store) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut prev: Option<Link> = None;
    audit::for_each_link(store, |l| {
        out.extend(link_problem(prev.as_ref(), &l));
        if l.hash.as_deref() != Some(l.computed.as_str()) {
            out.push(format!("entry {} was changed: its content does not match its hash", l.id));
        }
        prev = Some(l);
    })?;
    Ok(out)
}

/// What is wrong with the link from `prev` (none: the first entry) to `l`, if anything.
pub fn link_problem(prev: Option<&Link>, l: &Link) -> Option<String> {
    let expected = prev.map_or(Some(GENESIS), |p| p.hash.as_deref());
    if expected.is_some() && l.prev_hash.as_deref() == expected {
        return None;
    }
    Some(match prev {
        None => format!("entry {}, the oldest left, does not start the chain: older entries were deleted", l.id),
        Some(p) if l.id > p.id + 1 => {
            format!(
                "entries {} to {} are missing: deleted between entry {} and entry {}",
                p.id + 1,
                l.id - 1,
                p.id,
                l.id
            )
        }
        Some(p) => format!(
            "entry {} does not follow entry {}: entry {} was changed, or entry {} inserted",
            l.id, p.id, p.id, l.id
        ),
    })
}

/// Every account evaluated as of the later of `today` and the book's last date (at most
/// the last day of the limits, whatever a file holds): each figure is held, and nothing
/// was created or lost (the payments that count are exactly what the charges took plus
/// the unapplied credit).
fn ledger(store: &Store, today: NaiveDate) -> Result<Vec<String>> {
    let latest = store::health::latest_date(store)?.and_then(|d| crate::domain::dates::parse_iso(&d));
    let last = LAST_DAY;
    let as_of = latest.map_or(today, |d| d.max(today)).min(last.max(today));
    let mut out = Vec::new();
    store::ledger::for_each(store, as_of, |data| {
        let l = data.ledger();
        match evaluate(&l, as_of) {
            Err(e) => out.push(format!("{e} as of {as_of}")),
            Ok(p) => {
                let cents = |m: crate::domain::Money| i128::from(m.cents());
                let applied: i128 = p.charges.iter().map(|c| cents(c.amount) - cents(c.outstanding)).sum();
                if cents(p.payments_received) != applied + cents(p.unapplied_credit) {
                    out.push(format!(
                        "account {}: payments {} are not what the charges took {} plus the unapplied credit {}",
                        l.account_no,
                        p.payments_received,
                        crate::domain::Money::from_cents(applied as i64),
                        p.unapplied_credit
                    ));
                }
                if let Some(c) = p.charges.iter().find(|c| c.outstanding.cents() < 0 || c.outstanding > c.amount) {
                    out.push(format!(
                        "account {}: charge {} has {} outstanding of {}",
                        l.account_no, c.doc_no, c.outstanding, c.amount
                    ));
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(id: i64, prev: Option<&str>, hash: &str) -> Link {
        Link { id, prev_hash: prev.map(str::to_string), hash: Some(hash.into()), computed: hash.into() }
    }

    #[test]
    fn the_oldest_entry_starts_the_chain() {
        assert_eq!(link_problem(None, &link(1, Some(GENESIS), "a")), None);
        let orphan = link_problem(None, &link(3, Some("b"), "c")).unwrap();
        assert!(orphan.contains("older entries were deleted"), "{orphan}");
        assert!(link_problem(None, &link(1, None, "a")).is_some(), "no link at all");
    }

    #[test]
    fn a_link_to_the_entry_before_is_whole_and_any_other_is_named() {
        let one = link(1, Some(GENESIS), "a");
        assert_eq!(link_problem(Some(&one), &link(2, Some("a"), "b")), None);
        let gap = link_problem(Some(&one), &link(3, Some("b"), "c")).unwrap();
        assert!(gap.contains("entries 2 to 2 are missing"), "{gap}");
        let changed = link_problem(Some(&one), &link(2, Some("x"), "b")).unwrap();
        assert!(changed.contains("entry 2 does not follow entry 1"), "{changed}");
        // An entry before with no hash breaks the link even if this one has none either.
        let unhashed = Link { hash: None, ..one };
        assert!(link_problem(Some(&unhashed), &link(2, None, "b")).is_some());
    }
}
