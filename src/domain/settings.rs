//! The settings a manager maintains (RULES.md section 10): the card surcharge
//! percentage (section 1), the days to answer a privacy request and the years personal
//! data of a closed account is kept (section 5). Each has a default that holds until it
//! is set; the per-state rate caps (2.3) are their own table.

use super::privacy::DEFAULT_RESPONSE_DAYS;
use super::role::Act;
use super::surcharge::{check_surcharge_pct, DEFAULT_SURCHARGE_PCT};
use rust_decimal::Decimal;
use std::str::FromStr;
use strum::{Display, EnumString, IntoStaticStr, VariantNames};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, Display, EnumString, IntoStaticStr, VariantNames,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Setting {
    CardSurchargePct,
    PrivacyResponseDays,
    RetentionYears,
}

/// Days to answer a privacy request: at most the three months an extension may reach.
pub const MAX_RESPONSE_DAYS: u32 = 90;
/// Years personal data of a closed account is kept before it is listed for destruction.
pub const DEFAULT_RETENTION_YEARS: u32 = 7;
pub const MAX_RETENTION_YEARS: u32 = 50;

/// A setting with its value, typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingValue {
    CardSurchargePct(Decimal),
    PrivacyResponseDays(u32),
    RetentionYears(u32),
}

impl Setting {
    pub const ALL: [Setting; 3] = [Setting::CardSurchargePct, Setting::PrivacyResponseDays, Setting::RetentionYears];

    /// The key as stored and typed: `card_surcharge_pct`, …
    pub fn key(self) -> &'static str {
        self.into()
    }

    /// What it is, for a list and a form.
    pub fn meaning(self) -> &'static str {
        match self {
            Setting::CardSurchargePct => "card surcharge, percent of a CARD payment (0 to 10)",
            Setting::PrivacyResponseDays => "days to answer a privacy request (1 to 90)",
            Setting::RetentionYears => "years a closed account's personal data is kept (1 to 50)",
        }
    }

    pub fn default_value(self) -> SettingValue {
        match self {
            Setting::CardSurchargePct => SettingValue::CardSurchargePct(DEFAULT_SURCHARGE_PCT),
            Setting::PrivacyResponseDays => SettingValue::PrivacyResponseDays(DEFAULT_RESPONSE_DAYS as u32),
            Setting::RetentionYears => SettingValue::RetentionYears(DEFAULT_RETENTION_YEARS),
        }
    }

    /// The manager's act that changes it.
    pub fn act(self) -> Act {
        match self {
            Setting::CardSurchargePct => Act::ChangeCardSurcharge,
            _ => Act::ChangeSettings,
        }
    }

    /// Text as typed (or as stored) → the value, checked; the error says why not.
    pub fn parse(self, text: &str) -> Result<SettingValue, String> {
        let text = text.trim();
        let whole = |max: u32| match text.parse::<u32>() {
            Ok(n) if (1..=max).contains(&n) && text.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
            _ => Err(format!("{text:?} is not a whole number from 1 to {max}")),
        };
        match self {
            Setting::CardSurchargePct => {
                let pct = Decimal::from_str(text)
                    .ok()
                    .filter(|_| text.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                    .ok_or_else(|| format!("{text:?} is not a percentage (like 3 or 2.75)"))?;
                check_surcharge_pct(pct).map(SettingValue::CardSurchargePct)
            }
            Setting::PrivacyResponseDays => whole(MAX_RESPONSE_DAYS).map(SettingValue::PrivacyResponseDays),
            Setting::RetentionYears => whole(MAX_RETENTION_YEARS).map(SettingValue::RetentionYears),
        }
    }
}

impl SettingValue {
    pub fn setting(self) -> Setting {
        match self {
            SettingValue::CardSurchargePct(_) => Setting::CardSurchargePct,
            SettingValue::PrivacyResponseDays(_) => Setting::PrivacyResponseDays,
            SettingValue::RetentionYears(_) => Setting::RetentionYears,
        }
    }

    /// The value checked again (a typed value may come from anywhere); the text stored.
    pub fn checked_text(self) -> Result<String, String> {
        let text = match self {
            SettingValue::CardSurchargePct(p) => check_surcharge_pct(p)?.to_string(),
            SettingValue::PrivacyResponseDays(n) | SettingValue::RetentionYears(n) => n.to_string(),
        };
        self.setting().parse(&text)?;
        Ok(text)
    }
}

impl std::fmt::Display for SettingValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SettingValue::CardSurchargePct(p) => write!(f, "{p}"),
            SettingValue::PrivacyResponseDays(n) | SettingValue::RetentionYears(n) => write!(f, "{n}"),
        }
    }
}

/// A state's annual rate cap, percent per year: any percentage ≥ 0 (0 means no
/// interest; above 18 changes nothing, as on an account).
pub fn check_rate_cap(pct: Decimal) -> Result<Decimal, String> {
    if pct.is_sign_negative() && !pct.is_zero() {
        return Err(format!("{pct}% is below zero"));
    }
    if pct > Decimal::ONE_HUNDRED {
        return Err(format!("{pct}% a year is not a rate cap (at most 100)"));
    }
    Ok(pct.normalize())
}

/// A state as the rate-cap table keys it: two letters, in capitals.
pub fn check_state(state: &str) -> Result<String, String> {
    let s = state.trim();
    if s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()) {
        Ok(s.to_ascii_uppercase())
    } else {
        Err(format!("{s:?} is not a two-letter state"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_named_as_stored_and_have_their_defaults() {
        assert_eq!(Setting::ALL.map(Setting::key), ["card_surcharge_pct", "privacy_response_days", "retention_years"]);
        assert_eq!("retention_years".parse::<Setting>(), Ok(Setting::RetentionYears));
        assert_eq!(Setting::CardSurchargePct.default_value().to_string(), "3.00");
        assert_eq!(Setting::PrivacyResponseDays.default_value().to_string(), "30");
        assert_eq!(Setting::RetentionYears.default_value().to_string(), "7");
        assert_eq!(Setting::CardSurchargePct.act(), Act::ChangeCardSurcharge);
        assert_eq!(Setting::RetentionYears.act(), Act::ChangeSettings);
        assert_eq!(Setting::PrivacyResponseDays.act(), Act::ChangeSettings);
        // Each says what it is and the range it takes.
        for (s, range) in [
            (Setting::CardSurchargePct, "0 to 10"),
            (Setting::PrivacyResponseDays, "1 to 90"),
            (Setting::RetentionYears, "1 to 50"),
        ] {
            assert!(s.meaning().contains(range), "{s}: {}", s.meaning());
            assert_eq!(s.default_value().setting(), s);
        }
    }

    #[test]
    fn days_and_years_are_whole_numbers_within_their_range() {
        let days = Setting::PrivacyResponseDays;
        assert_eq!(days.parse("45"), Ok(SettingValue::PrivacyResponseDays(45)));
        assert_eq!(days.parse("1"), Ok(SettingValue::PrivacyResponseDays(1)));
        assert_eq!(days.parse("90"), Ok(SettingValue::PrivacyResponseDays(90)));
        for bad in ["0", "91", "-5", "+5", "4.5", "", "ten"] {
            assert!(days.parse(bad).is_err(), "{bad:?}");
        }
        let years = Setting::RetentionYears;
        assert_eq!(years.parse("50"), Ok(SettingValue::RetentionYears(50)));
        assert!(years.parse("51").is_err());
        assert!(years.parse("0").is_err());
    }

    #[test]
    fn the_surcharge_setting_is_a_percentage_from_0_to_10() {
        let pct = Setting::CardSurchargePct;
        assert_eq!(pct.parse("2.5").map(|v| v.to_string()), Ok("2.50".into()));
        assert_eq!(pct.parse("0").map(|v| v.to_string()), Ok("0.00".into()));
        for bad in ["10.01", "-1", "+1", "1e1", "2.555", "x"] {
            assert!(pct.parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(SettingValue::CardSurchargePct(Decimal::new(275, 2)).checked_text(), Ok("2.75".into()));
        assert!(SettingValue::RetentionYears(0).checked_text().is_err());
        assert!(SettingValue::PrivacyResponseDays(91).checked_text().is_err());
    }

    #[test]
    fn a_state_cap_is_a_percentage_and_a_state_two_letters() {
        assert_eq!(check_rate_cap(Decimal::new(120, 1)), Ok(Decimal::new(12, 0)));
        assert_eq!(check_rate_cap(Decimal::ZERO), Ok(Decimal::ZERO));
        assert!(check_rate_cap(Decimal::new(-1, 0)).is_err());
        assert!(check_rate_cap(Decimal::new(101, 0)).is_err());
        assert_eq!(check_rate_cap(Decimal::ONE_HUNDRED), Ok(Decimal::ONE_HUNDRED));
        assert!(check_rate_cap(Decimal::new(10001, 2)).is_err());
        assert_eq!(check_state(" mo "), Ok("MO".into()));
        for bad in ["M", "MOO", "M1", ""] {
            assert!(check_state(bad).is_err(), "{bad:?}");
        }
    }
}
