-- The audit log as a hash chain (issue 9): each entry carries the hash of the entry
-- before it and a hash of its own content with that link (SHA-256, hex), so an entry
-- deleted, changed or inserted anywhere before the newest is found by `creditdesk check`.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- The entries already written are chained once, by the program, in this transaction:
-- the append-only trigger is lifted for that step alone and put back exactly as it was.
DROP TRIGGER IF EXISTS audit_log_no_update;
-- step: chain the audit log
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
