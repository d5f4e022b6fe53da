//! Recording the dunning letters sent (RULES 11): on the account, in the audit log.

use super::{audit, timestamp, Act, Change, Service};
use crate::domain::dunning::{letter_due, Level, LETTER_INTERVAL_DAYS};
use crate::domain::Money;
use crate::error::{Error, Result};
use crate::store;
use chrono::NaiveDate;

/// A letter written, to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLetter {
    pub account_no: String,
    pub level: Level,
    pub sent_on: NaiveDate,
    pub oldest_days_past_due: i64,
    pub amount_past_due: Money,
    /// Where its PDF was written.
    pub file: Option<String>,
}

/// What a run recorded, and what it left out because another desk sent a letter meanwhile.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    pub recorded: usize,
    pub skipped: Vec<String>,
}

impl Service {
    /// Records the letters of a dunning run in one transaction, each with its audit
    /// entry. A letter that is no longer due by the 14-day rule (another desk recorded
    /// one since the run read the book) is left out and named.
    pub fn record_dunning_letters(&mut self, letters: &[NewLetter]) -> Result<Recorded> {
        self.require_manager(Act::SendDunningLetters)?;
        self.transact(|tx, op| {
            let mut done = Recorded::default();
            let at = timestamp();
            for l in letters {
                if l.oldest_days_past_due <= 0 || !l.amount_past_due.is_positive() {
                    return Err(Error::invalid("letter", format!("{}: nothing is past due", l.account_no)));
                }
                let account = store::accounts::by_no(tx, &l.account_no)?
                    .ok_or_else(|| Error::invalid("account", format!("no account {}", l.account_no)))?;
                let since = l.sent_on - chrono::Days::new((LETTER_INTERVAL_DAYS - 1) as u64);
                let sent = store::dunning::sent_to_account(tx, account.id, since, l.sent_on)?;
                if letter_due(Some(l.oldest_days_past_due), &sent, false, l.sent_on) != Some(l.level) {
                    done.skipped.push(l.account_no.clone());
                    continue;
                }
                store::dunning::insert(
                    tx,
                    &store::dunning::NewLetter {
                        account_id: account.id,
                        level: l.level,
                        sent_on: l.sent_on,
                        oldest_days_past_due: l.oldest_days_past_due,
                        amount_past_due: l.amount_past_due,
                        file: l.file.as_deref(),
                        sent_by: &op.name,
                        recorded_at: &at,
                    },
                )?;
                audit(
                    tx,
                    op,
                    &Change::of("send", "dunning_letter").key(l.level.into()).account(&l.account_no).after(
                        serde_json::json!({
                            "level": l.level.number(),
                            "sent_on": l.sent_on.to_string(),
                            "oldest_days_past_due": l.oldest_days_past_due,
                            "amount_past_due": l.amount_past_due.to_string(),
                            "file": l.file,
                        }),
                    ),
                )?;
                done.recorded += 1;
            }
            Ok(done)
        })
    }
}
