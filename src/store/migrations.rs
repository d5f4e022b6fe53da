//! Versioned migrations, one numbered `.sql` file each under `migrations/`.
//! `PRAGMA user_version` records how many have run; each runs once, in its own
//! transaction, so a newer build opens an older file and keeps every row.
//!
//! 1. the ledger: settings, operators, rate caps, accounts, charges, payments,
//!    returned checks, the append-only audit log;
//! 2. privacy requests, the marketing opt-out, what retention needs;
//! 3. repair tickets (RULES 3) and agency placements (RULES 2.4);
//! 4. the rest of the terms (RULES 1 and 4): dealer verification, credit applications,
//!    tax exemptions, RMAs, nonconforming-goods claims, nonstock items awaiting pickup,
//!    and the card surcharge setting.
//! 5. the audit log as a hash chain (`prev_hash`, `hash`), existing entries chained.
//!
//! A migration that needs the program for a step (computing hashes) marks the place
//! with a `STEP` line: the SQL before it runs, then `step`, then the SQL after it, all
//! in the migration's one transaction.

/// Migration N (1-based) is `MIGRATIONS[N - 1]`. Never edit one that has shipped: add
/// another file and list it here.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_privacy.sql"),
    include_str!("migrations/0003_repairs_and_collections.sql"),
    include_str!("migrations/0004_terms.sql"),
    include_str!("migrations/0005_audit_chain.sql"),
];

/// The line that splits a migration around its program step.
pub const STEP: &str = "-- step: chain the audit log";

/// The program's step of migration `n` (1-based).
pub fn step(n: usize, tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    match n {
        5 => super::audit::chain_existing(tx),
        _ => Ok(()),
    }
}
