-- Dunning letters sent (RULES 11): one row per letter, on the account, with its level.
CREATE TABLE dunning_letters (
    id                    INTEGER PRIMARY KEY,
    account_id            INTEGER NOT NULL REFERENCES accounts (id),
    level                 INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
    sent_on               TEXT NOT NULL CHECK (sent_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    oldest_days_past_due  INTEGER NOT NULL CHECK (oldest_days_past_due > 0),
    amount_past_due_cents INTEGER NOT NULL CHECK (amount_past_due_cents > 0),
    -- Where the letter's PDF was written.
    file                  TEXT,
    sent_by               TEXT NOT NULL,
    recorded_at           TEXT NOT NULL
) STRICT;
CREATE INDEX dunning_letters_by_account ON dunning_letters (account_id, sent_on);
CREATE INDEX dunning_letters_by_day ON dunning_letters (sent_on);

-- Disputed charges (RULES 11). A charge is named by its document number: derived ones
-- (FC-, RCF-) have no row in `charges`; `charge_id` is set for a recorded one. A dispute
-- is open from `opened_on` until `resolved_on` (with its outcome and who resolved it).
CREATE TABLE disputes (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    doc_no      TEXT NOT NULL CHECK (length(doc_no) > 0),
    charge_id   INTEGER REFERENCES charges (id),
    reason      TEXT NOT NULL CHECK (length(reason) > 0),
    opened_on   TEXT NOT NULL CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    opened_by   TEXT NOT NULL,
    resolved_on TEXT CHECK (resolved_on IS NULL OR resolved_on >= opened_on),
    outcome     TEXT,
    resolved_by TEXT,
    CHECK ((resolved_on IS NULL) = (outcome IS NULL) AND (resolved_on IS NULL) = (resolved_by IS NULL))
) STRICT;
CREATE INDEX disputes_by_account ON disputes (account_id);
-- At most one open dispute per charge.
CREATE UNIQUE INDEX disputes_one_open_per_charge ON disputes (doc_no) WHERE resolved_on IS NULL;
