
CREATE TABLE dealer_verifications (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    representative TEXT NOT NULL CHECK (length(representative) > 0),
    screened_on    TEXT NOT NULL CHECK (screened_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    outcome        TEXT NOT NULL CHECK (outcome IN ('PASSED', 'FAILED')),
    notes          TEXT,
    recorded_by    TEXT NOT NULL
) STRICT;
CREATE INDEX dealer_verifications_by_account ON dealer_verifications (account_id);

-- gov_id is kept as given; every read path shows only gov_id_last4, masked.
CREATE TABLE credit_applications (
    id                    INTEGER PRIMARY KEY,
    account_id            INTEGER NOT NULL REFERENCES accounts (id),
    applied_on            TEXT NOT NULL CHECK (applied_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    requested_limit_cents INTEGER NOT NULL CHECK (requested_limit_cents > 0),
    trade_references      TEXT NOT NULL,
    bank_reference        TEXT NOT NULL CHECK (length(bank_reference) > 0),
    gov_id                TEXT NOT NULL,
    gov_id_kind           TEXT NOT NULL CHECK (gov_id_kind IN ('SSN', 'EIN', 'TIN')),
    gov_id_last4          TEXT NOT NULL CHECK (length(gov_id_last4) = 4),
    status                TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'APPROVED', 'DECLINED')),
    decided_by            TEXT,
    decided_on            TEXT,
    approved_limit_cents  INTEGER CHECK (approved_limit_cents IS NULL OR approved_limit_cents > 0),
    decline_reason        TEXT,
    recorded_by           TEXT NOT NULL,
    CHECK (status = 'PENDING' OR (decided_by IS NOT NULL AND decided_on IS NOT NULL)),
    CHECK (status <> 'APPROVED' OR approved_limit_cents IS NOT NULL),
    CHECK (status <> 'DECLINED' OR length(decline_reason) > 0)
) STRICT;
CREATE INDEX credit_applications_by_account ON credit_applications (account_id);
CREATE UNIQUE INDEX one_pending_application ON credit_applications (account_id) WHERE status = 'PENDING';

CREATE TABLE tax_exemptions (
    account_id          INTEGER PRIMARY KEY REFERENCES accounts (id),
    exemption_no        TEXT NOT NULL CHECK (length(exemption_no) > 0),
    certificate_on_file INTEGER NOT NULL CHECK (certificate_on_file IN (0, 1)),
    certificate_expires TEXT CHECK (certificate_expires IS NULL
                                    OR certificate_expires GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    recorded_by         TEXT NOT NULL
) STRICT;

CREATE TABLE rmas (
    id                    INTEGER PRIMARY KEY,
    rma_no                TEXT NOT NULL UNIQUE CHECK (length(rma_no) > 0),
    account_id            INTEGER NOT NULL REFERENCES accounts (id),
    invoice_doc_no        TEXT NOT NULL,
    invoice_date          TEXT NOT NULL,
    issued_on             TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    manufacturer_approval TEXT,
    restocking_pct        TEXT NOT NULL,
    status                TEXT NOT NULL DEFAULT 'ISSUED' CHECK (status IN ('ISSUED', 'RECEIVED')),
    received_on           TEXT CHECK (received_on IS NULL OR received_on >= invoice_date),
    value_cents           INTEGER NOT NULL CHECK (value_cents > 0),
    restocking_cents      INTEGER,
    vendor_fees_cents     INTEGER,
    credit_cents          INTEGER,
    credit_ref            TEXT,
    issued_by             TEXT NOT NULL,
    received_by           TEXT
) STRICT;
CREATE INDEX rmas_by_account ON rmas (account_id);

CREATE TABLE rma_lines (
    id                   INTEGER PRIMARY KEY,
    rma_id               INTEGER NOT NULL REFERENCES rmas (id),
    line_no              INTEGER NOT NULL CHECK (line_no > 0),
    item                 TEXT NOT NULL CHECK (length(item) > 0),
    value_cents          INTEGER NOT NULL CHECK (value_cents > 0),
    class                TEXT NOT NULL CHECK (class IN ('STOCK', 'NONSTOCK', 'SPECIAL_ORDER_NONSTOCK')),
    installed            INTEGER NOT NULL DEFAULT 0 CHECK (installed IN (0, 1)),
    vendor_restock_cents INTEGER NOT NULL DEFAULT 0 CHECK (vendor_restock_cents >= 0),
    vendor_freight_cents INTEGER NOT NULL DEFAULT 0 CHECK (vendor_freight_cents >= 0),
    UNIQUE (rma_id, line_no)
) STRICT;

CREATE TABLE claims (
    id             INTEGER PRIMARY KEY,
    claim_no       TEXT NOT NULL UNIQUE CHECK (length(claim_no) > 0),
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    invoice_doc_no TEXT NOT NULL,
    received_on    TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    reported_on    TEXT NOT NULL CHECK (reported_on >= received_on),
    reason         TEXT NOT NULL CHECK (reason IN ('WRONG_PRODUCT', 'MISLABELED')),
    description    TEXT NOT NULL,
    value_cents    INTEGER NOT NULL CHECK (value_cents > 0),
    status         TEXT NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RESOLVED')),
    remedy         TEXT CHECK (remedy IS NULL OR remedy IN ('REPLACEMENT', 'FULL_CREDIT')),
    resolved_on    TEXT,
    credit_ref     TEXT,
    opened_by      TEXT NOT NULL,
    resolved_by    TEXT
) STRICT;
CREATE INDEX claims_by_account ON claims (account_id);

CREATE TABLE nonstock_items (
    id                INTEGER PRIMARY KEY,
    item_no           TEXT NOT NULL UNIQUE CHECK (length(item_no) > 0),
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    description       TEXT NOT NULL CHECK (length(description) > 0),
    vendor            TEXT NOT NULL CHECK (length(vendor) > 0),
    special_order     INTEGER NOT NULL DEFAULT 0 CHECK (special_order IN (0, 1)),
    received_on       TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    status            TEXT NOT NULL DEFAULT 'AWAITING_PICKUP'
                      CHECK (status IN ('AWAITING_PICKUP', 'PICKED_UP', 'RETURNED_TO_VENDOR',
                                        'CHARGED_TO_CUSTOMER', 'NOT_CHARGED')),
    closed_on         TEXT CHECK (closed_on IS NULL OR closed_on >= received_on),
    fee_doc_no        TEXT,
    fee_cents         INTEGER CHECK (fee_cents IS NULL OR fee_cents >= 0),
    decided_by        TEXT,
    decision_note     TEXT,
    recorded_by       TEXT NOT NULL
) STRICT;
CREATE INDEX nonstock_items_by_account ON nonstock_items (account_id);

INSERT INTO settings (key, value) VALUES ('card_surcharge_pct', '3.00') ON CONFLICT (key) DO NOTHING;
