//! `settings` (key → text) and `state_rate_caps` (state → annual cap, percent).

use super::db::{params, OptionalExtension};
use super::{opt_decimal, Store, Tx};
use crate::domain::surcharge::{DEFAULT_SURCHARGE_PCT, SURCHARGE_SETTING};
use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::str::FromStr;

pub fn get(store: &Store, key: &str) -> Result<Option<String>> {
    Ok(store.conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

pub fn set(tx: &Tx<'_>, key: &str, value: &str) -> Result<()> {
    tx.conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The card surcharge percentage (3.00 when unset).
pub fn surcharge_pct(store: &Store) -> Result<Decimal> {
    match get(store, SURCHARGE_SETTING)? {
        None => Ok(DEFAULT_SURCHARGE_PCT),
        Some(v) => Decimal::from_str(&v)
            .map_err(|_| Error::Incompatible(format!("setting {SURCHARGE_SETTING} holds {v:?}, not a percentage"))),
    }
}

/// The per-state rate caps (percent per year).
pub fn state_caps(store: &Store) -> Result<HashMap<String, Decimal>> {
    let mut stmt = store.conn.prepare_cached("SELECT state, cap_pct FROM state_rate_caps")?;
    let rows = stmt.query_map((), |r| Ok((r.get::<_, String>(0)?, opt_decimal(r, 1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (state, cap) = row?;
        if let Some(cap) = cap {
            out.insert(state, cap);
        }
    }
    Ok(out)
}

/// The per-state rate caps, by state.
pub fn state_cap_list(store: &Store) -> Result<Vec<(String, Decimal)>> {
    let mut caps: Vec<(String, Decimal)> = state_caps(store)?.into_iter().collect();
    caps.sort();
    Ok(caps)
}

/// Sets a state's annual rate cap, percent per year, or removes it (`None`).
pub fn set_state_cap(tx: &Tx<'_>, state: &str, cap_pct: Option<Decimal>) -> Result<()> {
    match cap_pct {
        Some(cap) => tx.conn.execute(
            "INSERT INTO state_rate_caps (state, cap_pct) VALUES (?1, ?2)
             ON CONFLICT (state) DO UPDATE SET cap_pct = excluded.cap_pct",
            params![state, cap.to_string()],
        )?,
        None => tx.conn.execute("DELETE FROM state_rate_caps WHERE state = ?1", [state])?,
    };
    Ok(())
}
