//! Today (RULES.md section 11): what needs doing as of a day, one line per thing, each
//! naming its account — the pane the console opens on and `creditdesk today`.

use super::collections::{promises, Watch};
use crate::domain::exemption::ExemptionWarning;
use crate::domain::notes::{next_action_due, noted_after, Note};
use crate::domain::privacy::Urgency;
use crate::domain::promise::PromiseStatus;
use crate::domain::Money;
use crate::error::Result;
use crate::store::{self, Store};
use chrono::NaiveDate;
use std::collections::HashMap;

crate::domain::spelled! {
    /// What a line of Today is about, in the order Today lists them.
    pub enum TodayKind {
        /// A promise to pay due today, not kept yet.
        PromiseDue,
        /// A promise broken, and nobody has noted anything on the account since its day.
        PromiseBroken,
        /// The newest note's next-action day has come.
        NextAction,
        /// Flagged for collections within the last 7 days.
        NewlyFlagged,
        /// A `NET30` account over its credit limit.
        OverLimit,
        /// On credit hold: no new invoice without a manager's override.
        CreditHold,
        /// A dunning letter is due (RULES 11 levels).
        LetterDue,
        /// A privacy request due within 7 days, or overdue.
        PrivacyRequest,
        /// A tax-exemption certificate missing, expired, or expiring within 30 days.
        TaxCertificate,
        /// A nonstock item awaiting pickup for 30 days or more.
        #[serde(rename = "NONSTOCK_DAY_30")]
        #[strum(serialize = "NONSTOCK_DAY_30")]
        NonstockDay30,
        /// A credit application awaiting a manager's decision.
        CreditApplication,
    }
}

impl TodayKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// One line of Today.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TodayLine {
    pub kind: TodayKind,
    pub account_no: String,
    pub detail: String,
    pub date: NaiveDate,
    /// What a payment for this line would be (a promise's amount still owed).
    #[serde(skip)]
    pub amount: Option<Money>,
}

impl TodayLine {
    fn new(kind: TodayKind, account_no: &str, detail: String, date: NaiveDate) -> TodayLine {
        TodayLine { kind, account_no: account_no.to_string(), detail, date, amount: None }
    }
}

/// The first line of a note, at most 60 characters.
fn gist(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    let mut out: String = first.chars().take(60).collect();
    if first.chars().count() > 60 || text.lines().nth(1).is_some() {
        out.push('…');
    }
    out
}

/// The lines about the accounts' ledgers (newly flagged, over the limit, on hold, a
/// letter due), from what `collections::watch` saw of each account.
pub fn ledger_lines<'a>(watches: impl IntoIterator<Item = (&'a str, &'a Watch)>, as_of: NaiveDate) -> Vec<TodayLine> {
    let mut out = Vec::new();
    for (no, w) in watches {
        if let Some(since) = w.newly_flagged {
            let detail = format!("flagged for collections: {} more than 60 days past due", w.past_60.grouped());
            out.push(TodayLine::new(TodayKind::NewlyFlagged, no, detail, since));
        }
        if let Some(o) = &w.over_limit {
            let detail = format!(
                "balance {} over the limit {} by {}",
                o.balance.grouped(),
                o.credit_limit.grouped(),
                o.excess.grouped()
            );
            out.push(TodayLine::new(TodayKind::OverLimit, no, detail, as_of));
        }
        if let Some(h) = &w.hold {
            out.push(TodayLine::new(TodayKind::CreditHold, no, h.reason(), w.hold_since.unwrap_or(as_of)));
        }
        if let Some(l) = &w.letter_due {
            let detail = format!(
                "letter {} ({}): {} past due, the oldest {} days",
                l.level.number(),
                l.level.title(),
                l.amount_past_due.grouped(),
                l.oldest_days_past_due
            );
            out.push(TodayLine::new(TodayKind::LetterDue, no, detail, as_of));
        }
    }
    out
}

/// Which of the lines that do not come from the ledger's figures to read: each group
/// is read from its own tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Others {
    /// Promises due or broken, and notes' next actions (promises are kept by payments).
    pub promises: bool,
    pub privacy: bool,
    pub certificates: bool,
    pub nonstock: bool,
    pub applications: bool,
}

impl Others {
    pub const ALL: Others =
        Others { promises: true, privacy: true, certificates: true, nonstock: true, applications: true };

    /// Whether a line of `kind` is one of the groups read.
    pub fn has(self, kind: TodayKind) -> bool {
        match kind {
            TodayKind::PromiseDue | TodayKind::PromiseBroken | TodayKind::NextAction => self.promises,
            TodayKind::PrivacyRequest => self.privacy,
            TodayKind::TaxCertificate => self.certificates,
            TodayKind::NonstockDay30 => self.nonstock,
            TodayKind::CreditApplication => self.applications,
            TodayKind::NewlyFlagged | TodayKind::OverLimit | TodayKind::CreditHold | TodayKind::LetterDue => false,
        }
    }
}

/// The lines that do not come from the ledger's figures: promises, notes, privacy
/// requests, tax certificates, nonstock items, credit applications.
pub fn other_lines(store: &Store, as_of: NaiveDate) -> Result<Vec<TodayLine>> {
    other_lines_of(store, as_of, Others::ALL)
}

/// The groups `which` of `other_lines`.
pub fn other_lines_of(store: &Store, as_of: NaiveDate, which: Others) -> Result<Vec<TodayLine>> {
    let mut out = Vec::new();
    if which.promises {
        promise_lines(store, as_of, &mut out)?;
    }
    if which.privacy {
        privacy_lines(store, as_of, &mut out)?;
    }
    if which.certificates {
        certificate_lines(store, as_of, &mut out)?;
    }
    if which.nonstock {
        nonstock_lines(store, as_of, &mut out)?;
    }
    if which.applications {
        application_lines(store, as_of, &mut out)?;
    }
    Ok(out)
}

fn promise_lines(store: &Store, as_of: NaiveDate, out: &mut Vec<TodayLine>) -> Result<()> {
    let mut notes: HashMap<String, Vec<Note>> = HashMap::new();
    for n in store::notes::all(store, as_of)? {
        notes.entry(n.account_no.clone()).or_default().push(n);
    }
    let none: Vec<Note> = Vec::new();
    for p in promises(store, None, as_of)? {
        let account_notes = notes.get(&p.account_no).unwrap_or(&none);
        let promised = format!("promised {} by {}", p.amount.grouped(), p.promised_date);
        let owed = p.amount - p.paid;
        let line = match p.status {
            PromiseStatus::Pending if p.promised_date == as_of => {
                let detail = format!("{promised} (recorded {}); paid {} so far", p.recorded_on, p.paid.grouped());
                Some(TodayLine::new(TodayKind::PromiseDue, &p.account_no, detail, p.promised_date))
            }
            PromiseStatus::Broken if !noted_after(account_notes, p.promised_date, as_of) => {
                let detail = format!("{promised}; paid {} — broken", p.paid.grouped());
                Some(TodayLine::new(TodayKind::PromiseBroken, &p.account_no, detail, p.promised_date))
            }
            _ => None,
        };
        out.extend(line.map(|l| TodayLine { amount: Some(owed), ..l }));
    }
    for (no, account_notes) in &notes {
        if let Some(n) = next_action_due(account_notes, as_of) {
            let detail = format!("{} {} by {}: {}", n.kind, n.noted_on, n.written_by, gist(&n.text));
            out.push(TodayLine::new(TodayKind::NextAction, no, detail, n.next_action_on.unwrap_or(as_of)));
        }
    }
    Ok(())
}

fn privacy_lines(store: &Store, as_of: NaiveDate, out: &mut Vec<TodayLine>) -> Result<()> {
    for r in store::privacy::requests(store)? {
        let left = (r.due_on - as_of).num_days();
        let when = match r.urgency(as_of) {
            Urgency::Overdue => format!("overdue {} days", -left),
            Urgency::DueSoon => format!("due in {left} days"),
            Urgency::OnTime | Urgency::Closed => continue,
        };
        let detail = format!("{} request #{} from {}: {when}", r.kind, r.id, r.requester);
        out.push(TodayLine::new(TodayKind::PrivacyRequest, &r.account_no, detail, r.due_on));
    }
    Ok(())
}

fn certificate_lines(store: &Store, as_of: NaiveDate, out: &mut Vec<TodayLine>) -> Result<()> {
    for e in store::exemptions::lines(store, as_of)? {
        let no = &e.exemption.exemption_no;
        let (detail, date) = match (e.warning, e.exemption.certificate_expires) {
            (Some(ExemptionWarning::Expired { on }), _) => (format!("exemption {no}: certificate expired {on}"), on),
            (Some(w), _) => (format!("exemption {no}: {}", w.message()), as_of),
            (None, Some(on)) if e.expiring_soon => (format!("exemption {no}: certificate expires {on}"), on),
            (None, _) => continue,
        };
        out.push(TodayLine::new(TodayKind::TaxCertificate, &e.account_no, detail, date));
    }
    Ok(())
}

fn nonstock_lines(store: &Store, as_of: NaiveDate, out: &mut Vec<TodayLine>) -> Result<()> {
    for i in super::nonstock_items(store, as_of, true)? {
        let what = if i.special_order { "special order: a manager decides" } else { "return it to the vendor" };
        let detail = format!("{} {} from {}, received {}: {what}", i.item_no, i.description, i.vendor, i.received_on);
        out.push(TodayLine::new(TodayKind::NonstockDay30, &i.account_no, detail, i.due_on));
    }
    Ok(())
}

fn application_lines(store: &Store, as_of: NaiveDate, out: &mut Vec<TodayLine>) -> Result<()> {
    let pending = Some(crate::domain::credit::ApplicationStatus::Pending);
    for a in store::credit::list(store, None, pending)?.into_iter().filter(|a| a.applied_on <= as_of) {
        let detail = format!("credit application for {} awaits a manager's decision", a.requested_limit.grouped());
        out.push(TodayLine::new(TodayKind::CreditApplication, &a.account_no, detail, a.applied_on));
    }
    Ok(())
}

/// Today's lines in their order: by kind, then day, then account number.
pub fn sorted(mut lines: Vec<TodayLine>) -> Vec<TodayLine> {
    lines.sort_by(order);
    lines
}

/// Today's order: by kind, then date, then account number.
pub fn order(a: &TodayLine, b: &TodayLine) -> std::cmp::Ordering {
    (a.kind, a.date, &a.account_no).cmp(&(b.kind, b.date, &b.account_no))
}

/// Everything Today lists as of `as_of`.
pub fn today(store: &Store, as_of: NaiveDate) -> Result<Vec<TodayLine>> {
    let disputes = super::collections::Disputes::load(store)?;
    let letters = super::dunning::LettersDue::load(store, as_of)?;
    let watches = super::reports::for_all(store, as_of, |data| {
        let position = crate::domain::evaluate(&data.ledger(), as_of)?;
        let no = data.ledger().account_no.to_string();
        let w = super::collections::watch(data, &position, disputes.of(&no), Some(&letters), as_of)?;
        Ok((no, w))
    })?;
    let mut lines = ledger_lines(watches.iter().map(|(no, w)| (no.as_str(), w)), as_of);
    lines.extend(other_lines(store, as_of)?);
    Ok(sorted(lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_shows_its_first_line_and_at_most_60_characters() {
        assert_eq!(gist("will pay Friday"), "will pay Friday");
        assert_eq!(gist("will pay\nFriday"), "will pay…");
        assert_eq!(gist(&"x".repeat(61)), format!("{}…", "x".repeat(60)));
        assert_eq!(gist(&"x".repeat(60)), "x".repeat(60));
    }

    #[test]
    fn every_kind_not_from_the_ledger_is_read_by_exactly_one_group() {
        use strum::VariantNames;
        let groups = [
            Others { promises: true, ..Others::default() },
            Others { privacy: true, ..Others::default() },
            Others { certificates: true, ..Others::default() },
            Others { nonstock: true, ..Others::default() },
            Others { applications: true, ..Others::default() },
        ];
        let ledger = [TodayKind::NewlyFlagged, TodayKind::OverLimit, TodayKind::CreditHold, TodayKind::LetterDue];
        for name in TodayKind::VARIANTS {
            let kind: TodayKind = name.parse().unwrap();
            let n = groups.iter().filter(|g| g.has(kind)).count();
            assert_eq!(n, usize::from(!ledger.contains(&kind)), "{kind}");
            assert_eq!(Others::ALL.has(kind), !ledger.contains(&kind), "{kind}");
            assert!(!Others::default().has(kind));
        }
    }

    #[test]
    fn kinds_are_listed_promises_first_and_spelled_in_capitals() {
        assert!(TodayKind::PromiseDue < TodayKind::CreditHold);
        assert_eq!(TodayKind::NonstockDay30.as_str(), "NONSTOCK_DAY_30");
    }
}
