
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE operators (
    name       TEXT PRIMARY KEY CHECK (length(name) > 0),
    role       TEXT NOT NULL CHECK (role IN ('CLERK', 'MANAGER')),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
) STRICT;

-- The user-maintained table of annual rate caps per state (percent per year).
CREATE TABLE state_rate_caps (
    state   TEXT PRIMARY KEY,
    cap_pct TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
    id                 INTEGER PRIMARY KEY,
    account_no         TEXT NOT NULL UNIQUE CHECK (length(account_no) > 0),
    name               TEXT NOT NULL,
    state              TEXT,
    status             TEXT NOT NULL DEFAULT 'ACTIVE'
                       CHECK (status IN ('APPLICANT', 'VERIFIED', 'ACTIVE', 'SUSPENDED', 'CLOSED')),
    terms              TEXT NOT NULL DEFAULT 'PREPAY' CHECK (terms IN ('PREPAY', 'NET30')),
    credit_limit_cents INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit_cents >= 0),
    rate_cap_pct       TEXT,
    contact_name       TEXT,
    phone              TEXT,
    email              TEXT,
    address            TEXT
) STRICT;

CREATE TABLE charges (
    id           INTEGER PRIMARY KEY,
    doc_no       TEXT NOT NULL UNIQUE CHECK (length(doc_no) > 0),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    kind         TEXT NOT NULL CHECK (kind IN ('INVOICE', 'REPAIR', 'FEE', 'COLLECTION_COST')),
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    due_date     TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND due_date >= date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    memo         TEXT
) STRICT;
CREATE INDEX charges_by_account ON charges (account_id);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    payment_ref  TEXT NOT NULL UNIQUE CHECK (length(payment_ref) > 0),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    method       TEXT NOT NULL CHECK (method IN ('WIRE', 'CASH', 'CHECK', 'CERTIFIED_CHECK',
                                                 'MONEY_ORDER', 'CARD', 'CREDIT_MEMO')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    apply_to     TEXT
) STRICT;
CREATE INDEX payments_by_account ON payments (account_id);

CREATE TABLE returned_checks (
    payment_id    INTEGER PRIMARY KEY REFERENCES payments (id),
    returned_date TEXT NOT NULL CHECK (returned_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    fee_cents     INTEGER NOT NULL CHECK (fee_cents >= 0),
    fee_waived    INTEGER NOT NULL CHECK (fee_waived IN (0, 1)),
    waived_by     TEXT,
    waiver_reason TEXT,
    recorded_by   TEXT NOT NULL
) STRICT;

-- Only checks come back from the bank, and never before they were received.
CREATE TRIGGER returned_checks_are_checks BEFORE INSERT ON returned_checks
WHEN (SELECT method NOT IN ('CHECK', 'CERTIFIED_CHECK') OR date > NEW.returned_date
      FROM payments WHERE id = NEW.payment_id)
BEGIN
    SELECT RAISE(ABORT, 'only a check can be returned, on or after the day it was received');
END;

-- Append-only: every change, who made it, before and after (JSON).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT,
    account_no TEXT,
    before     TEXT,
    after      TEXT
) STRICT;
CREATE INDEX audit_by_account ON audit_log (account_no, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
