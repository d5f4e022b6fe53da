-- Corrections and account upkeep (RULES 10).
--
-- `charges` and `payments` are rebuilt (SQLite cannot change a CHECK constraint in
-- place) to admit the REFUND charge kind and the WRITE_OFF payment method, and to mark
-- a document void: the row stays, with who voided it, on which day and why; a void
-- document counts nowhere. Row ids are kept, so every reference to a row still holds.
-- The migration runner switches foreign keys off around every migration and checks
-- them before it commits.

CREATE TABLE charges_0007 (
    id           INTEGER PRIMARY KEY,
    doc_no       TEXT NOT NULL UNIQUE CHECK (length(doc_no) > 0),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    kind         TEXT NOT NULL CHECK (kind IN ('INVOICE', 'REPAIR', 'FEE', 'COLLECTION_COST', 'REFUND')),
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    due_date     TEXT NOT NULL CHECK (due_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND due_date >= date),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    memo         TEXT,
    voided_on    TEXT CHECK (voided_on IS NULL OR voided_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    voided_by    TEXT,
    void_reason  TEXT,
    CHECK ((voided_on IS NULL) = (voided_by IS NULL) AND (voided_on IS NULL) = (void_reason IS NULL))
) STRICT;
INSERT INTO charges_0007 (id, doc_no, account_id, kind, date, due_date, amount_cents, memo)
    SELECT id, doc_no, account_id, kind, date, due_date, amount_cents, memo FROM charges;
DROP TABLE charges;
ALTER TABLE charges_0007 RENAME TO charges;
CREATE INDEX charges_by_account ON charges (account_id);

-- The trigger of 0001 names `payments`: it goes while the table is rebuilt, and comes back
-- as it was.
DROP TRIGGER returned_checks_are_checks;
CREATE TABLE payments_0007 (
    id           INTEGER PRIMARY KEY,
    payment_ref  TEXT NOT NULL UNIQUE CHECK (length(payment_ref) > 0),
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    date         TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    method       TEXT NOT NULL CHECK (method IN ('WIRE', 'CASH', 'CHECK', 'CERTIFIED_CHECK',
                                                 'MONEY_ORDER', 'CARD', 'CREDIT_MEMO', 'WRITE_OFF')),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    apply_to     TEXT,
    voided_on    TEXT CHECK (voided_on IS NULL OR voided_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    voided_by    TEXT,
    void_reason  TEXT,
    CHECK ((voided_on IS NULL) = (voided_by IS NULL) AND (voided_on IS NULL) = (void_reason IS NULL))
) STRICT;
INSERT INTO payments_0007 (id, payment_ref, account_id, date, method, amount_cents, apply_to)
    SELECT id, payment_ref, account_id, date, method, amount_cents, apply_to FROM payments;
DROP TABLE payments;
ALTER TABLE payments_0007 RENAME TO payments;
CREATE INDEX payments_by_account ON payments (account_id);
CREATE TRIGGER returned_checks_are_checks BEFORE INSERT ON returned_checks
WHEN (SELECT method NOT IN ('CHECK', 'CERTIFIED_CHECK') OR date > NEW.returned_date
      FROM payments WHERE id = NEW.payment_id)
BEGIN
    SELECT RAISE(ABORT, 'only a check can be returned, on or after the day it was received');
END;

-- A check the bank returned is not voided (its return already voids it), and a void
-- payment does not come back from the bank.
CREATE TRIGGER returned_checks_are_not_void BEFORE INSERT ON returned_checks
WHEN (SELECT voided_on IS NOT NULL FROM payments WHERE id = NEW.payment_id)
BEGIN
    SELECT RAISE(ABORT, 'a void payment cannot be returned');
END;
CREATE TRIGGER returned_payments_stay BEFORE UPDATE OF voided_on ON payments
WHEN NEW.voided_on IS NOT NULL AND EXISTS (SELECT 1 FROM returned_checks WHERE payment_id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'a returned check is not voided: its return already voids it');
END;

-- A returned-check fee waived after it was posted (check waive): the day it was waived.
ALTER TABLE returned_checks ADD COLUMN waived_on TEXT;

-- The day the account took its present status (suspended, closed, reinstated).
ALTER TABLE accounts ADD COLUMN status_since TEXT;

-- A placement recalled from the agency: when, by whom, why.
ALTER TABLE agency_placements ADD COLUMN recalled_on TEXT;
ALTER TABLE agency_placements ADD COLUMN recalled_by TEXT;
ALTER TABLE agency_placements ADD COLUMN recall_reason TEXT;

-- A repair ticket cancelled before it was shipped back: by whom and why (closed_on
-- holds the day).
ALTER TABLE repair_tickets ADD COLUMN cancelled_by TEXT;
ALTER TABLE repair_tickets ADD COLUMN cancel_reason TEXT;
