//! The dunning letters due as of a day (RULES 11), and the letters sent.

use super::reports::evaluate_all;
use crate::domain::dunning::{letter_due, DunningPosition, Letter, LETTER_INTERVAL_DAYS};
use crate::domain::statement::StatementItem;
use crate::domain::AgingRow;
use crate::error::Result;
use crate::store::{self, Store};
use chrono::NaiveDate;

pub use crate::store::dunning::LetterLine;

/// Every letter due as of `as_of`, by account number: each account's oldest undisputed
/// open charge sets the level; the 14-day rule and agency placements hold letters
/// back; a marketing opt-out does not.
pub fn letters_due(store: &Store, as_of: NaiveDate) -> Result<Vec<Letter>> {
    let disputed = store::disputes::open_docs(store, as_of)?;
    let placed = store::placements::placed_accounts(store, as_of)?;
    let since = as_of - chrono::Days::new((LETTER_INTERVAL_DAYS - 1) as u64);
    let sent = store::dunning::sent_between(store, since, as_of)?;
    let due = evaluate_all(store, as_of, |data, position| {
        let id = data.account.as_ref().map_or(0, |a| a.id);
        let account_no = data.ledger().account_no;
        let p = DunningPosition::of(&position.charges, |doc| disputed.contains(doc), as_of);
        let level =
            letter_due(p.oldest_days_past_due, sent.get(&id).map_or(&[], Vec::as_slice), placed.contains(&id), as_of)?;
        Some((
            id,
            Letter {
                account_no: account_no.to_string(),
                level,
                date: as_of,
                oldest_days_past_due: p.oldest_days_past_due.unwrap_or(0),
                amount_past_due: p.amount_past_due,
                balance: AgingRow::of(account_no, &position, as_of).total,
                items: p.items.iter().map(|c| StatementItem::of(c, as_of, false)).collect(),
                contact: Default::default(),
            },
        ))
    })?;
    let mut letters = Vec::new();
    for (id, mut letter) in due.into_iter().flatten() {
        letter.contact = store::privacy::contact(store, id)?;
        letters.push(letter);
    }
    letters.sort_by(|a, b| a.account_no.cmp(&b.account_no));
    Ok(letters)
}

/// The letters sent as of a day (one account's when asked), by account and date.
pub fn letters_sent(store: &Store, account_no: Option<&str>, as_of: NaiveDate) -> Result<Vec<LetterLine>> {
    store::dunning::list(store, account_no, as_of)
}
