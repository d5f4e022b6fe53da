//! Tax exemption (RULES.md section 1): an exemption number, whether the certificate is
//! on file, and when it expires. An exempt account with a missing or expired
//! certificate carries a warning; certificates expiring soon are listed for renewal.

use super::dates::add_days;
use chrono::NaiveDate;

/// Certificates expiring within this many days are listed for renewal.
pub const EXPIRING_WITHIN_DAYS: u64 = 30;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Exemption {
    pub exemption_no: String,
    pub certificate_on_file: bool,
    /// The certificate is valid through this day.
    pub certificate_expires: Option<NaiveDate>,
}

/// What is wrong with an exempt account's certificate as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "warning", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExemptionWarning {
    /// No certificate on file.
    MissingCertificate,
    /// On file, but without an expiry date: it cannot be shown to be valid.
    NoExpiryDate,
    /// Expired on that day.
    Expired { on: NaiveDate },
}

impl ExemptionWarning {
    pub fn message(&self) -> String {
        match self {
            ExemptionWarning::MissingCertificate => "tax exemption certificate missing".to_string(),
            ExemptionWarning::NoExpiryDate => "tax exemption certificate has no expiry date".to_string(),
            ExemptionWarning::Expired { on } => format!("tax exemption certificate expired {on}"),
        }
    }
}

impl Exemption {
    /// The warning shown on the account, if any. A certificate is valid through its
    /// expiry day and expired from the day after.
    pub fn warning(&self, as_of: NaiveDate) -> Option<ExemptionWarning> {
        if !self.certificate_on_file {
            return Some(ExemptionWarning::MissingCertificate);
        }
        match self.certificate_expires {
            None => Some(ExemptionWarning::NoExpiryDate),
            Some(on) if on < as_of => Some(ExemptionWarning::Expired { on }),
            Some(_) => None,
        }
    }

    /// A certificate on file, still valid as of `as_of`, that expires within the next 30 days.
    pub fn expiring_soon(&self, as_of: NaiveDate) -> bool {
        self.certificate_on_file
            && self.certificate_expires.is_some_and(|on| on >= as_of && on <= add_days(as_of, EXPIRING_WITHIN_DAYS))
    }
}

/// An exempt account's line of the `exemption list`/`expiring` reports.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ExemptionLine {
    pub account_no: String,
    pub name: String,
    pub exemption: Exemption,
    pub warning: Option<ExemptionWarning>,
    pub expiring_soon: bool,
}

impl ExemptionLine {
    /// The line of an account's exemption, with its warning as of a day.
    pub fn of(account_no: String, name: String, exemption: Exemption, as_of: NaiveDate) -> ExemptionLine {
        ExemptionLine {
            account_no,
            name,
            warning: exemption.warning(as_of),
            expiring_soon: exemption.expiring_soon(as_of),
            exemption,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::d;

    #[test]
    fn each_warning_says_what_is_wrong_with_the_certificate() {
        assert_eq!(ExemptionWarning::MissingCertificate.message(), "tax exemption certificate missing");
        assert_eq!(ExemptionWarning::NoExpiryDate.message(), "tax exemption certificate has no expiry date");
        let expired = ExemptionWarning::Expired { on: d("2026-02-01") };
        assert_eq!(expired.message(), "tax exemption certificate expired 2026-02-01");
    }

    fn ex(on_file: bool, expires: Option<&str>) -> Exemption {
        Exemption { exemption_no: "MO-123".into(), certificate_on_file: on_file, certificate_expires: expires.map(d) }
    }

    #[test]
    fn a_missing_certificate_is_flagged() {
        assert_eq!(ex(false, None).warning(d("2026-03-01")), Some(ExemptionWarning::MissingCertificate));
    }

    #[test]
    fn an_expired_certificate_is_flagged_from_the_day_after_expiry() {
        let e = ex(true, Some("2026-03-01"));
        assert_eq!(e.warning(d("2026-03-01")), None);
        assert_eq!(e.warning(d("2026-03-02")), Some(ExemptionWarning::Expired { on: d("2026-03-01") }));
        assert_eq!(ex(true, None).warning(d("2026-03-01")), Some(ExemptionWarning::NoExpiryDate));
    }

    #[test]
    fn certificates_expiring_in_the_next_30_days_are_listed() {
        let as_of = d("2026-03-01");
        assert!(ex(true, Some("2026-03-01")).expiring_soon(as_of));
        assert!(ex(true, Some("2026-03-31")).expiring_soon(as_of));
        assert!(!ex(true, Some("2026-04-01")).expiring_soon(as_of));
        assert!(!ex(true, Some("2026-02-28")).expiring_soon(as_of), "already expired: a warning, not a renewal");
        assert!(!ex(false, Some("2026-03-10")).expiring_soon(as_of));
    }
}
