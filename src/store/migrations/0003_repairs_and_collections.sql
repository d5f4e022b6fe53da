
CREATE TABLE repair_tickets (
    id                        INTEGER PRIMARY KEY,
    ticket_no                 TEXT NOT NULL UNIQUE CHECK (length(ticket_no) > 0),
    account_id                INTEGER NOT NULL REFERENCES accounts (id),
    manufacturer              TEXT NOT NULL,
    model                     TEXT NOT NULL,
    serial                    TEXT NOT NULL,
    fault                     TEXT NOT NULL,
    oversized                 INTEGER NOT NULL DEFAULT 0 CHECK (oversized IN (0, 1)),
    status                    TEXT NOT NULL DEFAULT 'RECEIVED'
                              CHECK (status IN ('RECEIVED', 'SENT_TO_MANUFACTURER', 'BACK_FROM_MANUFACTURER',
                                                'SHIPPED_TO_CUSTOMER', 'CLOSED', 'CANCELLED')),
    handling_fee_cents        INTEGER NOT NULL CHECK (handling_fee_cents >= 0),
    handling_fee_waived       INTEGER NOT NULL DEFAULT 0 CHECK (handling_fee_waived IN (0, 1)),
    waiver_reason             TEXT,
    waived_by                 TEXT,
    freight_in_cents          INTEGER NOT NULL DEFAULT 0 CHECK (freight_in_cents >= 0),
    freight_out_cents         INTEGER NOT NULL DEFAULT 0 CHECK (freight_out_cents >= 0),
    insurance_cents           INTEGER NOT NULL DEFAULT 0 CHECK (insurance_cents >= 0),
    manufacturer_charge_cents INTEGER NOT NULL DEFAULT 0 CHECK (manufacturer_charge_cents >= 0),
    opened_on                 TEXT NOT NULL CHECK (opened_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    closed_on                 TEXT CHECK (closed_on IS NULL OR closed_on >= opened_on),
    charge_doc_no             TEXT
) STRICT;
CREATE INDEX repair_tickets_by_account ON repair_tickets (account_id);

CREATE TABLE agency_placements (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    agency       TEXT NOT NULL CHECK (length(agency) > 0),
    placed_on    TEXT NOT NULL CHECK (placed_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    note         TEXT,
    placed_by    TEXT NOT NULL
) STRICT;
CREATE INDEX agency_placements_by_account ON agency_placements (account_id);
