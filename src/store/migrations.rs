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
//! 6. dunning letters sent, and disputed charges (RULES 11).
//! 7. corrections and upkeep (RULES 10): void charges and payments, `REFUND` charges and
//!    `WRITE_OFF` payments, a fee waived after it was posted, the day of a status,
//!    recalled placements, cancelled repair tickets.
//! 8. collections work (RULES 11): notes, promises to pay, what disputes need beyond
//!    migration 6, and the overrides of a credit hold.
//! 9. the ledger's indexes hold every column its reads take (index-only reads, bounded
//!    by the as-of date).
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
    include_str!("migrations/0006_dunning_and_disputes.sql"),
    include_str!("migrations/0007_corrections.sql"),
    include_str!("migrations/0008_collections_work.sql"),
    include_str!("migrations/0009_ledger_indexes.sql"),
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

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;
    use crate::store::Store;

    /// A file made by a build that knew migrations 1 to 4, with a charge, a check the
    /// bank returned, and a payment.
    fn version_4_file(path: &std::path::Path) {
        let conn = rusqlite::Connection::open(path).unwrap();
        for sql in &MIGRATIONS[..4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute_batch(
            "INSERT INTO accounts (account_no, name) VALUES ('A1', 'Alpha');
             INSERT INTO charges (doc_no, account_id, kind, date, due_date, amount_cents)
                 VALUES ('INV-1', 1, 'INVOICE', '2026-01-01', '2026-01-31', 10000);
             INSERT INTO payments (payment_ref, account_id, date, method, amount_cents) VALUES
                 ('P-1', 1, '2026-01-05', 'CHECK', 4000), ('P-2', 1, '2026-01-06', 'WIRE', 1000);
             INSERT INTO returned_checks (payment_id, returned_date, fee_cents, fee_waived, recorded_by)
                 VALUES (1, '2026-01-09', 2500, 0, 'x');",
        )
        .unwrap();
    }

    #[test]
    fn migration_7_keeps_every_row_and_id_and_admits_refunds_write_offs_and_void_marks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        version_4_file(&path);
        let store = Store::open(&path).unwrap();
        let c = store.conn();
        let rows: (i64, i64, i64) = c
            .query_row(
                "SELECT (SELECT count(*) FROM charges), (SELECT count(*) FROM payments), (SELECT count(*) FROM returned_checks)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(rows, (1, 2, 1));
        let id: i64 = c.query_row("SELECT id FROM payments WHERE payment_ref = 'P-2'", [], |r| r.get(0)).unwrap();
        assert_eq!(id, 2, "ids are kept: returned_checks still points at P-1");
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        assert_eq!(fk, 1, "foreign keys are on again after the migrations");
        c.execute_batch(
            "INSERT INTO charges (doc_no, account_id, kind, date, due_date, amount_cents) VALUES ('R-1', 1, 'REFUND', '2026-02-01', '2026-02-01', 100);
             INSERT INTO payments (payment_ref, account_id, date, method, amount_cents) VALUES ('WO-1', 1, '2026-02-01', 'WRITE_OFF', 100);",
        )
        .unwrap();
        // A returned check is not voided; a void payment does not come back from the bank.
        let returned = c.execute(
            "UPDATE payments SET voided_on = '2026-02-02', voided_by = 'm', void_reason = 'r' WHERE id = 1",
            [],
        );
        assert!(returned.unwrap_err().to_string().contains("its return already voids it"));
        c.execute("UPDATE payments SET voided_on = '2026-02-02', voided_by = 'm', void_reason = 'r' WHERE id = 2", [])
            .unwrap();
        let back = c.execute(
            "INSERT INTO returned_checks (payment_id, returned_date, fee_cents, fee_waived, recorded_by) VALUES (2, '2026-02-03', 2500, 0, 'x')",
            [],
        );
        assert!(back.is_err());
        // The check trigger of migration 1 is back: a wire is never returned.
        c.execute("INSERT INTO payments (payment_ref, account_id, date, method, amount_cents) VALUES ('P-3', 1, '2026-01-06', 'WIRE', 5)", []).unwrap();
        let wire = c.execute(
            "INSERT INTO returned_checks (payment_id, returned_date, fee_cents, fee_waived, recorded_by)
             SELECT id, '2026-02-03', 2500, 0, 'x' FROM payments WHERE payment_ref = 'P-3'",
            [],
        );
        assert!(wire.unwrap_err().to_string().contains("only a check can be returned"));
        assert!(c.execute("DELETE FROM accounts WHERE id = 1", []).is_err(), "rows still point at the account");
    }
}
