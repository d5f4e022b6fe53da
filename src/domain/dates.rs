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
    d.checked_add_days(Days::new(1)).unwrap_or(NaiveDate::MAX)
}

pub fn add_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(NaiveDate::MAX)
}

/// The last day of `d`'s calendar month.
pub fn month_end(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 { (d.year() + 1, 1) } else { (d.year(), d.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|first| first.pred_opt()).unwrap_or(NaiveDate::MAX)
}

pub fn is_month_end(d: NaiveDate) -> bool {
    month_end(d) == d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_iso(s).unwrap()
    }

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
    }
}
