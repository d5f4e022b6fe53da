-- Collections work (RULES 11): notes on accounts, promises to pay, and the managers'
-- overrides of a credit hold. Disputed charges are migration 0006's table.

-- A call, an e-mail, a visit or a letter, dated, by operator, optionally with the day
-- of the next action.
CREATE TABLE notes (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    kind           TEXT NOT NULL CHECK (kind IN ('CALL', 'EMAIL', 'VISIT', 'LETTER')),
    noted_on       TEXT NOT NULL CHECK (noted_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    text           TEXT NOT NULL CHECK (length(text) > 0),
    next_action_on TEXT CHECK (next_action_on IS NULL OR next_action_on >= noted_on),
    written_by     TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_account ON notes (account_id, noted_on);

-- A promise to pay: an amount by a day, recorded on a day.
CREATE TABLE promises (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    promised_on  TEXT NOT NULL CHECK (promised_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    recorded_on  TEXT NOT NULL CHECK (recorded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'
                                      AND promised_on >= recorded_on),
    recorded_by  TEXT NOT NULL
) STRICT;
CREATE INDEX promises_by_account ON promises (account_id);

-- A manager's override of a credit hold, for one invoice, with the reason.
CREATE TABLE hold_overrides (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    doc_no        TEXT NOT NULL UNIQUE,
    hold          TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (length(reason) > 0),
    overridden_on TEXT NOT NULL CHECK (overridden_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    overridden_by TEXT NOT NULL
) STRICT;
