//! Notes on an account (RULES.md section 11): a call, an e-mail, a visit or a letter,
//! dated, by operator, optionally with the day of the next action. The newest note of
//! an account says what to do next: a note written later takes over from it.

use chrono::NaiveDate;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames,
)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum NoteKind {
    #[default]
    Call,
    Email,
    Visit,
    Letter,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A note as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Note {
    pub id: i64,
    pub account_no: String,
    pub kind: NoteKind,
    pub noted_on: NaiveDate,
    pub text: String,
    pub next_action_on: Option<NaiveDate>,
    pub written_by: String,
}

/// The note whose next action has come as of `as_of`: the account's newest note written
/// by then (by day, then as recorded), when its next-action day is on or before `as_of`.
pub fn next_action_due(notes: &[Note], as_of: NaiveDate) -> Option<&Note> {
    let newest = notes.iter().filter(|n| n.noted_on <= as_of).max_by_key(|n| (n.noted_on, n.id))?;
    newest.next_action_on.filter(|d| *d <= as_of).map(|_| newest)
}

/// Whether the account was written to or called about after `day` (by `as_of`): a
/// broken promise is followed up by such a note.
pub fn noted_after(notes: &[Note], day: NaiveDate, as_of: NaiveDate) -> bool {
    notes.iter().any(|n| n.noted_on > day && n.noted_on <= as_of)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    fn note(id: i64, on: &str, next: Option<&str>) -> Note {
        Note {
            id,
            account_no: "A100".into(),
            kind: NoteKind::Call,
            noted_on: d(on),
            text: format!("note {id}"),
            next_action_on: next.map(d),
            written_by: "clara".into(),
        }
    }

    #[test]
    fn a_next_action_is_due_from_its_day_on() {
        let notes = [note(1, "2026-03-01", Some("2026-03-05"))];
        assert_eq!(next_action_due(&notes, d("2026-03-04")), None);
        assert_eq!(next_action_due(&notes, d("2026-03-05")).map(|n| n.id), Some(1));
        assert_eq!(next_action_due(&notes, d("2026-04-30")).map(|n| n.id), Some(1));
    }

    #[test]
    fn a_newer_note_takes_over_the_next_action() {
        let notes = [note(1, "2026-03-01", Some("2026-03-05")), note(2, "2026-03-06", None)];
        assert_eq!(next_action_due(&notes, d("2026-03-05")).map(|n| n.id), Some(1), "before the call");
        assert_eq!(next_action_due(&notes, d("2026-03-06")), None, "the call was logged");
        let later = [note(1, "2026-03-01", Some("2026-03-05")), note(2, "2026-03-06", Some("2026-03-10"))];
        assert_eq!(next_action_due(&later, d("2026-03-10")).map(|n| n.id), Some(2));
    }

    #[test]
    fn two_notes_on_one_day_are_ordered_as_recorded() {
        let notes = [note(2, "2026-03-01", None), note(1, "2026-03-01", Some("2026-03-01"))];
        assert_eq!(next_action_due(&notes, d("2026-03-01")), None, "note 2 was recorded last");
    }

    #[test]
    fn a_note_written_after_the_as_of_day_does_not_count_yet() {
        let notes = [note(1, "2026-03-01", Some("2026-03-02")), note(2, "2026-03-09", None)];
        assert_eq!(next_action_due(&notes, d("2026-03-08")).map(|n| n.id), Some(1));
        assert!(!noted_after(&notes, d("2026-03-02"), d("2026-03-08")));
        assert!(noted_after(&notes, d("2026-03-02"), d("2026-03-09")));
        assert!(!noted_after(&notes, d("2026-03-09"), d("2026-03-31")), "on the day is not after it");
    }

    #[test]
    fn kinds_are_spelled_in_capitals_and_a_call_by_default() {
        assert_eq!(NoteKind::default(), NoteKind::Call);
        assert_eq!("EMAIL".parse::<NoteKind>(), Ok(NoteKind::Email));
        assert_eq!(NoteKind::Letter.to_string(), "LETTER");
    }
}
