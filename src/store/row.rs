//! Row helpers shared by the table files: dates (remembered, a report reads millions),
//! text parsed into a value, and the next number of a series.

use super::db::{self, DbError, Row, ValueRef};
use super::Store;
use crate::domain::dates::parse_iso;
use crate::domain::Money;
use crate::error::Result;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

pub(super) fn corrupt(what: &str, value: &str) -> DbError {
    DbError::Value(format!("{what} {value:?}"))
}

pub(super) fn date_at(row: &Row<'_>, i: usize) -> db::Result<NaiveDate> {
    let b = row.get_ref(i)?.as_bytes()?;
    cached_date(b).ok_or_else(|| corrupt("date", &String::from_utf8_lossy(b)))
}

/// Slots of the table of days already read.
const DAY_SLOTS: usize = 4096;

std::thread_local! {
    /// Days already read, by their digits (`yyyymmdd`; 0: empty): a report reads a few
    /// million dates of a few thousand days.
    static DAYS: [std::cell::Cell<(u32, NaiveDate)>; DAY_SLOTS] =
        const { [const { std::cell::Cell::new((0, NaiveDate::MIN)) }; DAY_SLOTS] };
}

/// `parse_iso` of the bytes of a date column, remembered.
fn cached_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let mut key = 0u32;
    for i in [0, 1, 2, 3, 5, 6, 8, 9] {
        let digit = b[i].wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        key = key * 10 + u32::from(digit);
    }
    DAYS.with(|days| {
        let slot = &days[key as usize % DAY_SLOTS];
        match slot.get() {
            (k, d) if k == key && key != 0 => Some(d),
            _ => {
                let d = NaiveDate::from_ymd_opt((key / 10_000) as i32, key / 100 % 100, key % 100)?;
                slot.set((key, d));
                Some(d)
            }
        }
    })
}

/// A date column that may be NULL; text that is not a date reads as none.
pub(super) fn opt_date(row: &Row<'_>, i: usize) -> db::Result<Option<NaiveDate>> {
    Ok(row.get::<_, Option<String>>(i)?.and_then(|s| parse_iso(&s)))
}

pub(super) fn parsed<T: FromStr>(row: &Row<'_>, i: usize, what: &str) -> db::Result<T> {
    let s = row.get_ref(i)?.as_str()?;
    s.parse().map_err(|_| corrupt(what, s))
}

/// Money is stored as integer cents.
impl db::FromColumn for Money {
    fn from_column(v: ValueRef<'_>) -> db::Result<Money> {
        i64::from_column(v).map(Money::from_cents)
    }
}

pub(super) fn opt_decimal(row: &Row<'_>, i: usize) -> db::Result<Option<Decimal>> {
    match row.get_ref(i)? {
        ValueRef::Null => Ok(None),
        v => {
            let s = v.as_str()?;
            Decimal::from_str(s).map(Some).map_err(|_| corrupt("percent", s))
        }
    }
}

/// The next number of a series: `RMA-000001`, `NC-000002`, ... (`table` is one of ours,
/// never typed text).
pub(super) fn next_number(store: &Store, table: &str, prefix: &str) -> Result<String> {
    let n: i64 = store.conn.query_row(&format!("SELECT coalesce(max(id), 0) + 1 FROM {table}"), (), |r| r.get(0))?;
    Ok(format!("{prefix}-{n:06}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_date_reads_as_parse_iso_reads_it() {
        for text in [
            "2026-11-23",
            "2024-02-29",
            "2026-02-29",
            "2026-13-01",
            "2026-00-10",
            "0000-00-00",
            "0026-03-01",
            "2026-1-23",
            "2026/11/23",
            "2026-11-2x",
            "2026-11-233",
            "",
            "9999-12-31",
        ] {
            for _ in 0..2 {
                assert_eq!(cached_date(text.as_bytes()), parse_iso(text), "{text:?}");
            }
        }
    }

    #[test]
    fn two_days_in_one_slot_each_read_right() {
        // 20260101 and 20350213 are 36 × 4096 apart: the same slot of the table.
        let (a, b) = ("2026-01-01", "2035-02-13");
        for _ in 0..2 {
            assert_eq!(cached_date(a.as_bytes()), parse_iso(a));
            assert_eq!(cached_date(b.as_bytes()), parse_iso(b));
        }
        assert_ne!(parse_iso(a), parse_iso(b));
    }
}
