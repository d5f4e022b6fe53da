//! The dunning letters due as of a day (RULES 11), and the letters sent.

use super::reports::evaluate_all;
use crate::domain::dunning::{letter_due, DunningPosition, Letter, SentLetter, LETTER_INTERVAL_DAYS};
use crate::domain::statement::StatementItem;
use crate::domain::{AccountPosition, AgingRow};
use crate::error::Result;
use crate::store::{self, LedgerData, Store};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

pub use crate::store::dunning::LetterLine;

/// What decides the letters due as of a day beside each account's position: the
/// accounts placed with an agency then, and the letters sent within the last 14 days.
#[derive(Debug, Default)]
pub struct LettersDue {
    as_of: NaiveDate,
    placed: HashSet<i64>,
    sent: HashMap<i64, Vec<SentLetter>>,
}

impl LettersDue {
    pub fn load(store: &Store, as_of: NaiveDate) -> Result<LettersDue> {
        let since = as_of - chrono::Days::new((LETTER_INTERVAL_DAYS - 1) as u64);
        Ok(LettersDue {
            as_of,
            placed: store::placements::placed_accounts(store, as_of)?,
            sent: store::dunning::sent_between(store, since, as_of)?,
        })
    }

    /// The letter due to the account of `data` (its contact not filled in), if any: its
    /// oldest undisputed open charge sets the level; the 14-day rule and an agency
    /// placement hold it back; a marketing opt-out does not.
    pub fn letter(
        &self,
        data: &LedgerData,
        position: &AccountPosition,
        disputed: impl Fn(&str) -> bool,
    ) -> Option<Letter> {
        let as_of = self.as_of;
        let id = data.account.as_ref().map_or(0, |a| a.id);
        let account_no = data.ledger().account_no;
        let p = DunningPosition::of(&position.charges, disputed, as_of);
        let sent = self.sent.get(&id).map_or(&[][..], Vec::as_slice);
        let level = letter_due(p.oldest_days_past_due, sent, self.placed.contains(&id), as_of)?;
        Some(Letter {
            account_no: account_no.to_string(),
            level,
            date: as_of,
            oldest_days_past_due: p.oldest_days_past_due.unwrap_or(0),
            amount_past_due: p.amount_past_due,
            balance: AgingRow::of(account_no, position, as_of).total,
            items: p.items.iter().map(|c| StatementItem::of(c, as_of, false)).collect(),
            contact: Default::default(),
        })
    }
}

/// Every letter due as of `as_of`, by account number (`LettersDue::letter` for each
/// account, with its contact).
pub fn letters_due(store: &Store, as_of: NaiveDate) -> Result<Vec<Letter>> {
    let disputed = store::disputes::open_docs(store, as_of)?;
    let due = LettersDue::load(store, as_of)?;
    let letters = evaluate_all(store, as_of, |data, position| {
        let id = data.account.as_ref().map_or(0, |a| a.id);
        due.letter(data, &position, |doc| disputed.contains(doc)).map(|l| (id, l))
    })?;
    let mut out = Vec::new();
    for (id, mut letter) in letters.into_iter().flatten() {
        letter.contact = store::privacy::contact(store, id)?;
        out.push(letter);
    }
    out.sort_by(|a, b| a.account_no.cmp(&b.account_no));
    Ok(out)
}

/// The letters sent as of a day (one account's when asked), by account and date.
pub fn letters_sent(store: &Store, account_no: Option<&str>, as_of: NaiveDate) -> Result<Vec<LetterLine>> {
    store::dunning::list(store, account_no, as_of)
}
