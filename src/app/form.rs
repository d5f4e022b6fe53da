//! One generic form: labelled text fields, an error next to each, a confirm step.
//! What each form holds and writes is its own file under `forms/`.

use super::forms::FormDef;
use super::text::{Edit, TextInput};
use chrono::NaiveDate;

/// A field of a form. `key` is the field name the service uses in its errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub input: TextInput,
    pub initial: String,
    pub hint: &'static str,
    pub error: Option<String>,
    /// The day the record is dated (filled with today): one dated earlier says so at
    /// the confirmation.
    pub dated: bool,
    /// An identifier: shown as typed only while the cursor is in it, masked otherwise.
    pub secret: bool,
}

impl Field {
    pub fn new(key: &'static str, label: &'static str, value: impl Into<String>, hint: &'static str) -> Field {
        let value = value.into();
        Field {
            key,
            label,
            input: TextInput::new(value.clone()),
            initial: value,
            hint,
            error: None,
            dated: false,
            secret: false,
        }
    }

    /// The day the record is dated, filled with `today` (never the as-of date).
    pub fn dated(key: &'static str, label: &'static str, today: NaiveDate, hint: &'static str) -> Field {
        Field { dated: true, ..Field::new(key, label, today.to_string(), hint) }
    }

    /// A field holding an identifier (an SSN or EIN).
    pub fn secret(key: &'static str, label: &'static str, value: impl Into<String>, hint: &'static str) -> Field {
        Field { secret: true, ..Field::new(key, label, value, hint) }
    }

    /// The value as shown when the cursor is elsewhere: a secret one masked but for its
    /// last four characters.
    pub fn shown(&self) -> String {
        let v = self.value();
        if !self.secret || v.is_empty() {
            return v.to_string();
        }
        let n = v.chars().count();
        let last4: String = v.chars().skip(n.saturating_sub(4)).collect();
        crate::domain::credit::mask_last4(&last4)
    }

    pub fn value(&self) -> &str {
        self.input.as_str()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// Which form: its fields' meaning and what it writes.
    pub def: &'static FormDef,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Valid, and waiting for y/n before anything is written.
    pub confirming: bool,
    /// A write is under way.
    pub saving: bool,
    /// An error that names no field (a refusal, a database error).
    pub note: Option<String>,
    /// What the confirm step asks when it is more than "save this?" (a charge over
    /// the credit limit, a deletion that erases personal data).
    pub confirm_text: Option<String>,
}

impl Form {
    pub fn new(def: &'static FormDef, title: impl Into<String>, fields: Vec<Field>) -> Form {
        Form {
            def,
            title: title.into(),
            fields,
            focus: 0,
            confirming: false,
            saving: false,
            note: None,
            confirm_text: None,
        }
    }

    /// Whether anything was typed that would be lost.
    pub fn is_dirty(&self) -> bool {
        self.fields.iter().any(|f| f.value() != f.initial)
    }

    pub fn value(&self, key: &str) -> &str {
        self.fields.iter().find(|f| f.key == key).map_or("", Field::value)
    }

    pub fn next(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + 1) % self.fields.len();
        }
    }

    pub fn prev(&mut self) {
        if !self.fields.is_empty() {
            self.focus = (self.focus + self.fields.len() - 1) % self.fields.len();
        }
    }

    /// Edits the focused field; a change clears its error.
    pub fn edit(&mut self, edit: &Edit) {
        if let Some(f) = self.fields.get_mut(self.focus) {
            f.input.apply(edit);
            if edit.is_change() {
                f.error = None;
            }
        }
    }

    /// Puts an error next to the field named `key` (or in the note) and focuses it.
    pub fn set_error(&mut self, key: Option<&str>, message: String) {
        match key.and_then(|k| self.fields.iter().position(|f| f.key == k)) {
            Some(i) => {
                self.fields[i].error = Some(message);
                self.focus = i;
            }
            None => self.note = Some(message),
        }
    }

    /// What the confirmation says of a record dated before `today`: the day and how far
    /// back it is.
    pub fn back_dated(&self, today: NaiveDate) -> Option<String> {
        let field = self.fields.iter().find(|f| f.dated)?;
        let day = crate::domain::dates::parse_iso(field.value().trim())?;
        let days = (today - day).num_days();
        (days > 0).then(|| {
            let ago = if days == 1 { "1 day".to_string() } else { format!("{days} days") };
            format!("BACK-DATED: {} {day} is {ago} before today ({today}).", field.label.to_lowercase())
        })
    }

    pub fn clear_errors(&mut self) {
        self.note = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::forms::record_payment;
    use crate::domain::dates::d;

    fn form_dated(value: &str) -> Form {
        let mut date = Field::dated("date", "Date", d("2026-11-23"), "");
        date.input = TextInput::new(value);
        Form::new(&record_payment::FORM, "t", vec![Field::new("amount", "Amount", "1", ""), date])
    }

    #[test]
    fn a_record_dated_before_today_says_how_far_back() {
        let today = d("2026-11-23");
        assert_eq!(
            form_dated("2026-11-22").back_dated(today).as_deref(),
            Some("BACK-DATED: date 2026-11-22 is 1 day before today (2026-11-23).")
        );
        assert!(form_dated("2026-10-31").back_dated(today).unwrap().contains("23 days before today"));
    }

    #[test]
    fn a_record_dated_today_or_later_or_unreadable_is_not_back_dated() {
        let today = d("2026-11-23");
        assert_eq!(form_dated("2026-11-23").back_dated(today), None);
        assert_eq!(form_dated("2026-11-24").back_dated(today), None);
        assert_eq!(form_dated("soon").back_dated(today), None);
        let undated = Form::new(&record_payment::FORM, "t", vec![Field::new("date", "Date", "2020-01-01", "")]);
        assert_eq!(undated.back_dated(today), None, "only the field that dates the record counts");
    }

    #[test]
    fn a_dated_field_starts_with_today() {
        let f = Field::dated("date", "Date", d("2026-11-23"), "");
        assert!(f.dated);
        assert_eq!((f.value(), f.initial.as_str()), ("2026-11-23", "2026-11-23"));
    }
}
