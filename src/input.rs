//! Text → typed value, naming the field: the one parser of what people type, in a form,
//! on the command line or in an imported file (rules sections 7 and 9). Each refusal is
//! a [`FieldError`], the one shape of "this field is wrong", so a form shows it next to
//! the field, a command prints `field: reason` and an import adds file, line and column.

use crate::domain::dates::parse_iso;
use crate::domain::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;
use strum::VariantNames;

/// A field that is not acceptable, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), reason: reason.into() }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for FieldError {}

pub type Parsed<T> = Result<T, FieldError>;

/// The first and last day any date may be (rules 9): a typo such as `0026-03-01` is
/// refused, not carried into 2,000 years of interest.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(d) => d,
    None => unreachable!(),
};
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(2099, 12, 31) {
    Some(d) => d,
    None => unreachable!(),
};

/// Longest identifier: account and document numbers, references, ticket and RMA numbers.
pub const IDENTIFIER_MAX: usize = 64;
/// Longest name, address or reason.
pub const TEXT_MAX: usize = 200;
/// Longest note.
pub const NOTE_MAX: usize = 4_000;

/// Trimmed, and not blank.
pub fn required<'a>(field: &str, value: &'a str) -> Parsed<&'a str> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    Ok(v)
}

/// Trimmed; blank is `None`.
pub fn optional(value: &str) -> Option<&str> {
    Some(value.trim()).filter(|v| !v.is_empty())
}

/// Text of at most `max` characters with no control character (a note, `lines`, may
/// hold line breaks).
fn checked<'a>(field: &str, v: &'a str, max: usize, lines: bool) -> Parsed<&'a str> {
    if let Some(c) = v.chars().find(|c| crate::domain::text::is_control(*c) && !(lines && (*c == '\n' || *c == '\r'))) {
        return Err(FieldError::new(field, format!("holds a control character (U+{:04X}): type plain text", c as u32)));
    }
    let n = v.chars().count();
    if n > max {
        return Err(FieldError::new(field, format!("is {n} characters long: at most {max}")));
    }
    Ok(v)
}

/// An account or document number, a reference, a ticket or RMA number: required.
pub fn identifier<'a>(field: &str, value: &'a str) -> Parsed<&'a str> {
    checked(field, required(field, value)?, IDENTIFIER_MAX, false)
}

/// A name, an address, a reason: required.
pub fn text<'a>(field: &str, value: &'a str) -> Parsed<&'a str> {
    checked(field, required(field, value)?, TEXT_MAX, false)
}

/// A name, an address, a reason that may be left blank.
pub fn optional_text<'a>(field: &str, value: &'a str) -> Parsed<Option<&'a str>> {
    optional(value).map(|v| checked(field, v, TEXT_MAX, false)).transpose()
}

/// A note: may be blank, may hold line breaks.
pub fn note<'a>(field: &str, value: &'a str) -> Parsed<Option<&'a str>> {
    optional(value).map(|v| checked(field, v, NOTE_MAX, true)).transpose()
}

/// A day between 1990-01-01 and 2099-12-31.
pub fn within_limits(field: &str, d: NaiveDate) -> Parsed<NaiveDate> {
    if d < FIRST_DAY || d > LAST_DAY {
        return Err(FieldError::new(
            field,
            format!("{d} is outside the days this book keeps ({FIRST_DAY} to {LAST_DAY})"),
        ));
    }
    Ok(d)
}

/// `YYYY-MM-DD`, a day that exists, within the limits.
pub fn date(field: &str, value: &str) -> Parsed<NaiveDate> {
    let v = required(field, value)?;
    let d = parse_iso(v)
        .ok_or_else(|| FieldError::new(field, format!("{v:?} is not a date: use YYYY-MM-DD, a day that exists")))?;
    within_limits(field, d)
}

pub fn optional_date(field: &str, value: &str) -> Parsed<Option<NaiveDate>> {
    optional(value).map(|v| date(field, v)).transpose()
}

/// The day of something that happened (a payment, a charge, a returned check recorded
/// through a form or a record command): not after today.
pub fn not_after_today(field: &str, d: NaiveDate, today: NaiveDate) -> Parsed<NaiveDate> {
    within_limits(field, d)?;
    if d > today {
        return Err(FieldError::new(field, format!("{d} is after today ({today}): record what has happened")));
    }
    Ok(d)
}

pub fn amount(field: &str, value: &str) -> Parsed<Money> {
    let v = required(field, value)?;
    Money::parse(v).map_err(|e| FieldError::new(field, format!("{v:?} {e}")))
}

/// An amount greater than zero.
pub fn positive(field: &str, m: Money) -> Parsed<Money> {
    if !m.is_positive() {
        return Err(FieldError::new(field, "must be greater than 0.00"));
    }
    Ok(m)
}

pub fn positive_amount(field: &str, value: &str) -> Parsed<Money> {
    positive(field, amount(field, value)?)
}

/// Blank is zero.
pub fn amount_or_zero(field: &str, value: &str) -> Parsed<Money> {
    optional(value).map_or(Ok(Money::ZERO), |v| amount(field, v))
}

/// A percentage ≥ 0: digits with an optional decimal point (like 15 or 20.5).
pub fn percent(field: &str, value: &str) -> Parsed<Decimal> {
    let v = required(field, value)?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match v.split_once('.') {
        Some((w, f)) => digits(w) && digits(f),
        None => digits(v),
    };
    ok.then(|| Decimal::from_str(v).ok())
        .flatten()
        .ok_or_else(|| FieldError::new(field, format!("{v:?} is not a percentage (like 15 or 20.5)")))
}

/// One of an enum's spellings, exactly as written.
pub fn choice<T: FromStr + VariantNames>(field: &str, value: &str) -> Parsed<T> {
    let v = required(field, value)?;
    v.parse().map_err(|_| FieldError::new(field, format!("{v:?} is not one of {}", T::VARIANTS.join(", "))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    #[test]
    fn dates_outside_1990_to_2099_are_refused_naming_the_field() {
        assert_eq!(date("date", "1990-01-01"), Ok(d("1990-01-01")));
        assert_eq!(date("date", "2099-12-31"), Ok(d("2099-12-31")));
        let e = date("date", "0026-03-01").unwrap_err();
        assert_eq!(e.field, "date");
        assert!(e.reason.contains("1990-01-01 to 2099-12-31"), "{e}");
        assert!(date("date", "1989-12-31").is_err());
        assert!(date("date", "2100-01-01").is_err());
        assert!(date("date", "2026-02-30").unwrap_err().reason.contains("not a date"));
    }

    #[test]
    fn a_record_may_not_be_dated_after_today() {
        let today = d("2026-11-23");
        assert_eq!(not_after_today("date", today, today), Ok(today));
        assert!(not_after_today("date", d("2026-11-24"), today).unwrap_err().reason.contains("after today"));
        assert!(not_after_today("date", d("1989-12-31"), today).is_err());
    }

    #[test]
    fn control_characters_are_refused_and_a_note_may_hold_line_breaks() {
        assert!(text("name", "Acme\u{1b}]0;pwned\u{7}").is_err());
        assert!(text("name", "Acme\u{9b}2J").is_err(), "C1 controls too");
        assert!(identifier("doc_no", "INV\n1").is_err());
        assert_eq!(text("name", "  Acme Alarm  "), Ok("Acme Alarm"));
        assert_eq!(note("text", "called\nwill pay Friday"), Ok(Some("called\nwill pay Friday")));
        assert!(note("text", "bell\u{7}").is_err());
        assert_eq!(note("text", "  "), Ok(None));
    }

    #[test]
    fn text_lengths_are_64_200_and_4000_characters() {
        assert!(identifier("doc_no", &"x".repeat(64)).is_ok());
        assert!(identifier("doc_no", &"x".repeat(65)).unwrap_err().reason.contains("at most 64"));
        assert!(text("name", &"é".repeat(200)).is_ok(), "characters, not bytes");
        assert!(text("name", &"é".repeat(201)).is_err());
        assert!(note("text", &"n".repeat(4000)).is_ok());
        assert!(note("text", &"n".repeat(4001)).is_err());
        assert!(optional_text("address", &"a".repeat(201)).is_err());
    }

    #[test]
    fn amounts_and_choices_name_their_field() {
        assert_eq!(positive_amount("amount", "12.5"), Ok(Money::from_cents(1250)));
        assert_eq!(positive_amount("amount", "0").unwrap_err().reason, "must be greater than 0.00");
        assert_eq!(amount_or_zero("fee", " "), Ok(Money::ZERO));
        assert_eq!(required("reference", "  ").unwrap_err(), FieldError::new("reference", "is required"));
        let m: crate::domain::PaymentMethod = choice("method", "CARD").unwrap();
        assert_eq!(m, crate::domain::PaymentMethod::Card);
        let e = choice::<crate::domain::PaymentMethod>("method", "BITCOIN").unwrap_err();
        assert!(e.to_string().starts_with("method: \"BITCOIN\" is not one of WIRE"), "{e}");
    }
}
