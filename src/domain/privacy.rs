//! Privacy rules (RULES.md section 5): masking identifiers, privacy-request deadlines.

use super::dates::add_days;
use chrono::{Months, NaiveDate};
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

/// Free text (a bank reference, a note) as it may be shown: every run of five or more
/// digits, where an account number hides, keeps only its last four (`****6789`).
pub fn mask_digit_runs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 5 {
            out.push_str("****");
            out.push_str(&run[run.len() - 4..]);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RequestKind {
    Access,
    Correction,
    Deletion,
    OptOutMarketing,
}

impl RequestKind {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum RequestStatus {
    Open,
    Verified,
    Completed,
    Rejected,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        self.into()
    }

    pub fn is_closed(self) -> bool {
        matches!(self, RequestStatus::Completed | RequestStatus::Rejected)
    }
}

/// Default days to answer a request, counted from its receipt.
pub const DEFAULT_RESPONSE_DAYS: u64 = 30;

/// Due date of a request received on `received`, answered within `days`.
pub fn request_due(received: NaiveDate, days: u64) -> NaiveDate {
    add_days(received, days)
}

/// The latest an extension may move a request's due date: three months from receipt.
pub fn latest_extension(received: NaiveDate) -> NaiveDate {
    received.checked_add_months(Months::new(3)).unwrap_or(NaiveDate::MAX)
}

/// Why an extension is refused, if it is.
pub fn check_extension(received: NaiveDate, new_due: NaiveDate, current_due: NaiveDate) -> Result<(), String> {
    let latest = latest_extension(received);
    if new_due <= current_due {
        Err(format!("the new due date must be after the current one ({current_due})"))
    } else if new_due > latest {
        Err(format!("an extension may reach at most 3 months from receipt ({latest})"))
    } else {
        Ok(())
    }
}

/// How urgent an open request is as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, Display, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Urgency {
    Overdue,
    DueSoon,
    OnTime,
    Closed,
}

/// Days before the due date from which an open request counts as due soon.
pub const DUE_SOON_DAYS: i64 = 7;

pub fn urgency(status: RequestStatus, due: NaiveDate, as_of: NaiveDate) -> Urgency {
    if status.is_closed() {
        return Urgency::Closed;
    }
    let left = (due - as_of).num_days();
    if left < 0 {
        Urgency::Overdue
    } else if left <= DUE_SOON_DAYS {
        Urgency::DueSoon
    } else {
        Urgency::OnTime
    }
}

/// A privacy request as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PrivacyRequest {
    pub id: i64,
    pub kind: RequestKind,
    pub account_no: String,
    pub requester: String,
    pub agent: Option<String>,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub verified_how: Option<String>,
    pub verified_by: Option<String>,
    pub verified_on: Option<String>,
    pub extension_reason: Option<String>,
    pub status: RequestStatus,
    pub details: Option<String>,
    pub outcome: Option<String>,
    pub closed_on: Option<String>,
    pub recorded_by: String,
}

impl PrivacyRequest {
    pub fn urgency(&self, as_of: NaiveDate) -> Urgency {
        urgency(self.status, self.due_on, as_of)
    }

    /// The request as it stood at the end of `day`: none before the day it was
    /// received; not yet closed before the day it was closed, not yet verified before
    /// the day it was verified. (An extension carries no date: its due date shows.)
    pub fn as_of(&self, day: NaiveDate) -> Option<PrivacyRequest> {
        let on = |text: &Option<String>| text.as_deref().and_then(super::dates::parse_iso);
        let mut r = super::dates::as_it_stood(self, day, self.received_on, on(&self.closed_on), |r| {
            r.status = if r.verified_on.is_some() { RequestStatus::Verified } else { RequestStatus::Open };
            r.outcome = None;
            r.closed_on = None;
        })?;
        if on(&r.verified_on).is_some_and(|d| d > day) {
            r.status = RequestStatus::Open;
            r.verified_how = None;
            r.verified_by = None;
            r.verified_on = None;
        }
        Some(r)
    }
}

/// An account's line of the marketing contact list.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Contact {
    pub account_no: String,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    #[test]
    fn account_numbers_in_free_text_show_only_their_last_four_digits() {
        assert_eq!(mask_digit_runs("First Bank acct 123456789, ABA 0810"), "First Bank acct ****6789, ABA 0810");
        assert_eq!(mask_digit_runs("no numbers"), "no numbers");
        assert_eq!(mask_digit_runs("12345"), "****2345");
    }

    #[test]
    fn requests_are_due_thirty_days_after_receipt() {
        assert_eq!(request_due(d("2026-01-15"), DEFAULT_RESPONSE_DAYS), d("2026-02-14"));
    }

    #[test]
    fn extensions_reach_at_most_three_months_from_receipt() {
        let received = d("2026-01-31");
        assert_eq!(latest_extension(received), d("2026-04-30"));
        assert!(check_extension(received, d("2026-04-30"), d("2026-03-02")).is_ok());
        assert!(check_extension(received, d("2026-05-01"), d("2026-03-02")).is_err());
        assert!(check_extension(received, d("2026-03-01"), d("2026-03-02")).is_err());
    }

    #[test]
    fn overdue_and_due_within_seven_days_stand_out() {
        let due = d("2026-03-10");
        assert_eq!(urgency(RequestStatus::Open, due, d("2026-03-11")), Urgency::Overdue);
        assert_eq!(urgency(RequestStatus::Open, due, d("2026-03-10")), Urgency::DueSoon, "due today is not overdue");
        assert_eq!(urgency(RequestStatus::Open, due, d("2026-03-03")), Urgency::DueSoon);
        assert_eq!(urgency(RequestStatus::Open, due, d("2026-03-02")), Urgency::OnTime);
        assert_eq!(urgency(RequestStatus::Completed, due, d("2026-04-01")), Urgency::Closed);
    }

    fn completed_request() -> PrivacyRequest {
        PrivacyRequest {
            id: 1,
            kind: RequestKind::Deletion,
            account_no: "B200".into(),
            requester: "Bea".into(),
            agent: None,
            received_on: d("2026-04-01"),
            due_on: d("2026-05-01"),
            verified_how: Some("call-back".into()),
            verified_by: Some("tester".into()),
            verified_on: Some("2026-04-03".into()),
            extension_reason: None,
            status: RequestStatus::Completed,
            details: None,
            outcome: Some("erased".into()),
            closed_on: Some("2026-04-10".into()),
            recorded_by: "tester".into(),
        }
    }

    #[test]
    fn a_request_exists_from_the_day_it_was_received() {
        let r = completed_request();
        assert_eq!(r.as_of(d("2026-03-31")), None);
        assert!(r.as_of(d("2026-04-01")).is_some());
    }

    #[test]
    fn a_request_is_verified_and_closed_only_from_those_days_on() {
        let r = completed_request();
        assert_eq!(r.as_of(d("2026-04-10")).unwrap(), r, "closed on the day itself");
        let verified = r.as_of(d("2026-04-09")).unwrap();
        assert_eq!((verified.status, verified.outcome, verified.closed_on), (RequestStatus::Verified, None, None));
        assert_eq!(r.as_of(d("2026-04-03")).unwrap().status, RequestStatus::Verified, "verified on the day itself");
        let open = r.as_of(d("2026-04-02")).unwrap();
        assert_eq!((open.status, open.verified_on, open.verified_how), (RequestStatus::Open, None, None));
        let never_verified = PrivacyRequest { verified_on: None, ..r };
        assert_eq!(never_verified.as_of(d("2026-04-09")).unwrap().status, RequestStatus::Open);
    }
}
