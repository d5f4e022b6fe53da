//! Calendar days: strict ISO parsing and month ends.

use chrono::{Datelike, Days, NaiveDate};

/// `YYYY-MM-DD` exactly (no time, no other layout), and a day that exists.
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // Digits read by hand: this runs three times per charge when a report loads.
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

pub fn next_day(d: NaiveDate) -> NaiveDate {
    // `succ_opt` steps the day of the year (the engine takes millions of steps).
    d.succ_opt().unwrap_or(NaiveDate::MAX)
}

/// Days from `from` to `to` (negative when `to` is earlier): `(to - from).num_days()`,
/// by day numbers rather than through a duration in seconds (the engine counts
/// millions of runs of days).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    i64::from(to.num_days_from_ce()) - i64::from(from.num_days_from_ce())
}

pub fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// A record as it stood at the end of `day`: none before the day it `began`; else a
/// copy, `undo` taking back what was done on the day it `ended`, when that came later.
pub fn as_it_stood<T: Clone>(
    record: &T,
    day: NaiveDate,
    began: NaiveDate,
    ended: Option<NaiveDate>,
    undo: impl FnOnce(&mut T),
) -> Option<T> {
    if began > day {
        return None;
    }
    let mut then = record.clone();
    if ended.is_some_and(|e| e > day) {
        undo(&mut then);
    }
    Some(then)
}

/// The last day of `d`'s calendar month.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    // The month's own length: no trip through the first of the next month.
    d.with_day(days_in_month(d.year(), d.month())).unwrap_or(NaiveDate::MAX)
}

pub fn is_month_end(d: NaiveDate) -> bool {
    d.day() == days_in_month(d.year(), d.month())
}

/// Days in a month (1–12) of the proleptic Gregorian calendar.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// Every fourth year, but not a century unless it divides by 400.
fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// A day written `YYYY-MM-DD` in a test, which must be one.
#[cfg(test)]
pub(crate) fn d(s: &str) -> NaiveDate {
    parse_iso(s).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_iso_days() {
        assert_eq!(parse_iso("2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026/02/28",
            "2026/02-28",
            "2026-02/28",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-+1-01",
            "",
            "2026-02-28T00",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_next_day_crosses_months_and_years() {
        assert_eq!(next_day(d("2026-02-28")), d("2026-03-01"));
        assert_eq!(next_day(d("2028-02-28")), d("2028-02-29"));
        assert_eq!(next_day(d("2026-12-31")), d("2027-01-01"));
        assert_eq!(add_days(d("2026-01-31"), 30), d("2026-03-02"));
        assert_eq!(add_days(d("2026-01-31"), 0), d("2026-01-31"));
    }

    #[test]
    fn month_ends_include_leap_february_and_december() {
        assert_eq!(month_end(d("2028-02-10")), d("2028-02-29"));
        assert_eq!(month_end(d("2026-02-10")), d("2026-02-28"));
        assert_eq!(month_end(d("2026-12-31")), d("2026-12-31"));
        assert!(is_month_end(d("2026-04-30")));
        assert!(!is_month_end(d("2026-04-29")));
        assert!(!is_month_end(d("2028-02-28")), "a leap February ends on the 29th");
        assert!(is_month_end(d("2027-02-28")));
    }

    #[test]
    fn leap_years_are_every_fourth_but_centuries_only_by_400() {
        assert!(is_leap_year(2028) && is_leap_year(2000) && is_leap_year(1600) && is_leap_year(-4));
        assert!(!is_leap_year(2026) && !is_leap_year(1900) && !is_leap_year(2100) && !is_leap_year(-1));
        assert_eq!((days_in_month(2026, 1), days_in_month(2026, 4), days_in_month(2026, 12)), (31, 30, 31));
        assert_eq!((days_in_month(2028, 2), days_in_month(2100, 2), days_in_month(2000, 2)), (29, 28, 29));
    }

    /// The calendar as chrono counts it, step by step: what the fast forms must give.
    fn reference_month_end(d: NaiveDate) -> NaiveDate {
        let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
        NaiveDate::from_ymd_opt(y, m, 1).and_then(|first| first.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    #[test]
    fn every_day_from_1890_to_2210_agrees_with_chrono_stepping() {
        let (mut day, last, base) = (d("1890-01-01"), d("2210-12-31"), d("2026-11-23"));
        while day <= last {
            assert_eq!(month_end(day), reference_month_end(day), "{day}");
            assert_eq!(is_month_end(day), reference_month_end(day) == day, "{day}");
            assert_eq!(next_day(day), day.checked_add_days(Days::new(1)).unwrap(), "{day}");
            assert_eq!(days_between(base, day), (day - base).num_days(), "{day}");
            assert_eq!(days_between(day, base), (base - day).num_days(), "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn the_ends_of_the_calendar_hold() {
        assert_eq!(next_day(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(month_end(NaiveDate::MAX), NaiveDate::MAX);
        assert!(is_month_end(NaiveDate::MAX));
        for day in [NaiveDate::MIN, NaiveDate::MAX, NaiveDate::from_ymd_opt(-4, 2, 3).unwrap()] {
            assert_eq!(month_end(day), reference_month_end(day), "{day}");
        }
        assert_eq!(days_between(NaiveDate::MIN, NaiveDate::MAX), (NaiveDate::MAX - NaiveDate::MIN).num_days());
        assert_eq!(days_between(d("2026-03-01"), d("2026-02-28")), -1);
        assert_eq!(days_between(d("2026-02-28"), d("2026-02-28")), 0);
    }
}
