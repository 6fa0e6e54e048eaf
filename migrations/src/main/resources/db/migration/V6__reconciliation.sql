-- Reconciliation reports: each bank statement (camt.053 or the bank's CSV) as the ledger found it
-- when it arrived. They are read models of the bank's files, not money: written with jOOQ in one
-- transaction, never through the event store. The same file (by the SHA-256 of its bytes) is
-- reported once.
CREATE TABLE reconciliation (
    statement_id          VARCHAR(64)  PRIMARY KEY,
    list_seq              BIGSERIAL    NOT NULL UNIQUE,
    content_sha256        BYTEA        NOT NULL UNIQUE CHECK (octet_length(content_sha256) = 32),
    format                VARCHAR(8)   NOT NULL CHECK (format IN ('CAMT_053', 'CSV')),
    institution_id        VARCHAR(18)  NOT NULL REFERENCES institution (institution_id),
    custody_account_no    VARCHAR(32)  NOT NULL,
    from_date             DATE         NOT NULL,
    to_date               DATE         NOT NULL CHECK (to_date >= from_date),
    -- How many findings of each kind the report lists, so that a page of reports reads one row each.
    matched               INTEGER      NOT NULL CHECK (matched >= 0),
    missing_in_ledger     INTEGER      NOT NULL CHECK (missing_in_ledger >= 0),
    missing_in_bank       INTEGER      NOT NULL CHECK (missing_in_bank >= 0),
    amount_mismatches     INTEGER      NOT NULL CHECK (amount_mismatches >= 0),
    pending               INTEGER      NOT NULL CHECK (pending >= 0),
    reversed              INTEGER      NOT NULL CHECK (reversed >= 0),
    bank_opening_fen      BIGINT       NOT NULL,
    bank_closing_fen      BIGINT       NOT NULL,
    ledger_closing_fen    BIGINT       NOT NULL,
    statement_consistent  BOOLEAN      NOT NULL,
    reconciled            BOOLEAN      NOT NULL,
    received_at           TIMESTAMPTZ  NOT NULL,
    actor                 VARCHAR(200) NOT NULL,
    -- Asserted again where it is stored: a reconciled statement adds up, misses nothing and closes
    -- where the ledger does.
    CHECK (NOT reconciled OR (statement_consistent AND bank_closing_fen = ledger_closing_fen
        AND missing_in_ledger = 0 AND missing_in_bank = 0 AND amount_mismatches = 0))
);
CREATE INDEX reconciliation_institution ON reconciliation (institution_id, list_seq);

-- The findings of a report, in the order the report lists them. Which amounts a finding carries
-- depends on what it is: the bank's for what the statement shows, the ledger's for what it holds.
CREATE TABLE reconciliation_finding (
    statement_id          VARCHAR(64)  NOT NULL REFERENCES reconciliation (statement_id),
    line                  INTEGER      NOT NULL CHECK (line > 0),
    finding               VARCHAR(24)  NOT NULL,
    bank_ref              VARCHAR(64)  NOT NULL,
    kind                  VARCHAR(4)   NOT NULL CHECK (kind IN ('CRDT', 'DBIT')),
    bank_fen              BIGINT       CHECK (bank_fen > 0),
    ledger_fen            BIGINT       CHECK (ledger_fen > 0),
    booking_date          DATE,
    reversal              BOOLEAN      NOT NULL DEFAULT FALSE,
    occurred_at           TIMESTAMPTZ,
    PRIMARY KEY (statement_id, line),
    CHECK (CASE finding
        WHEN 'MISSING_IN_LEDGER' THEN bank_fen IS NOT NULL AND ledger_fen IS NULL AND booking_date IS NOT NULL
        WHEN 'PENDING'           THEN bank_fen IS NOT NULL AND ledger_fen IS NULL
        WHEN 'REVERSED'          THEN bank_fen IS NOT NULL AND ledger_fen IS NULL AND NOT reversal
        WHEN 'MISSING_IN_BANK'   THEN bank_fen IS NULL AND ledger_fen IS NOT NULL AND occurred_at IS NOT NULL
        WHEN 'AMOUNT_MISMATCH'   THEN bank_fen IS NOT NULL AND ledger_fen IS NOT NULL AND bank_fen <> ledger_fen
        ELSE FALSE END)
);
