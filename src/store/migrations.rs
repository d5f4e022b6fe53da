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
//! 8. collections work (RULES 11): notes, promises to pay, disputes (guarded: 0006 of
//!    another branch creates the same table) and the overrides of a credit hold.

/// Migration N (1-based) is `MIGRATIONS[N - 1]`. Never edit one that has shipped: add
/// another file and list it here.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_privacy.sql"),
    include_str!("migrations/0003_repairs_and_collections.sql"),
    include_str!("migrations/0004_terms.sql"),
    // 0005 to 0007 are other branches'; when they are merged, they come before this line.
    include_str!("migrations/0008_collections_work.sql"),
];
