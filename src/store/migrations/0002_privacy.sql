
ALTER TABLE accounts ADD COLUMN marketing_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (marketing_opt_out IN (0, 1));
-- When the account was closed (retention counts from here) and when its personal data was erased.
ALTER TABLE accounts ADD COLUMN closed_on TEXT;
ALTER TABLE accounts ADD COLUMN erased_on TEXT;

CREATE TABLE privacy_requests (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('ACCESS', 'CORRECTION', 'DELETION', 'OPT_OUT_MARKETING')),
    account_id       INTEGER NOT NULL REFERENCES accounts (id),
    requester        TEXT NOT NULL,
    agent            TEXT,
    received_on      TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    due_on           TEXT NOT NULL CHECK (due_on >= received_on),
    verified_how     TEXT,
    verified_by      TEXT,
    verified_on      TEXT,
    extension_reason TEXT,
    status           TEXT NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'VERIFIED', 'COMPLETED', 'REJECTED')),
    details          TEXT,
    outcome          TEXT,
    closed_on        TEXT,
    recorded_by      TEXT NOT NULL
) STRICT;
CREATE INDEX privacy_requests_by_due ON privacy_requests (status, due_on);
