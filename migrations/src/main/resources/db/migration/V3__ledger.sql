-- The double-entry ledger as projected from the event store by one streaming processor, in
-- global event order. seq is gapless and assigned here; hash chains every entry to the one
-- before it, so any later change to a stored entry is detectable.

CREATE TABLE journal_entry (
    seq                 BIGINT       PRIMARY KEY,
    entry_id            VARCHAR(64)  NOT NULL UNIQUE,
    entry_type          VARCHAR(64)  NOT NULL,
    institution_id      VARCHAR(18),
    order_id            VARCHAR(64),
    occurred_at         TIMESTAMPTZ  NOT NULL,
    recorded_at         TIMESTAMPTZ  NOT NULL,
    actor               VARCHAR(200) NOT NULL,
    prev_hash           BYTEA        NOT NULL,
    hash                BYTEA        NOT NULL UNIQUE
);
CREATE INDEX journal_entry_recorded ON journal_entry (recorded_at);

CREATE TABLE journal_posting (
    seq                 BIGINT       NOT NULL REFERENCES journal_entry (seq),
    line                SMALLINT     NOT NULL,
    account_code        VARCHAR(128) NOT NULL,
    account_type        VARCHAR(32)  NOT NULL,
    institution_id      VARCHAR(18)  NOT NULL,
    debit_fen           BIGINT       NOT NULL CHECK (debit_fen >= 0),
    credit_fen          BIGINT       NOT NULL CHECK (credit_fen >= 0),
    PRIMARY KEY (seq, line),
    -- A posting is one-sided: a debit or a credit, never both, never neither.
    CHECK ((debit_fen > 0) <> (credit_fen > 0))
);
CREATE INDEX journal_posting_account ON journal_posting (account_code, seq);
CREATE INDEX journal_posting_institution ON journal_posting (institution_id, seq);

CREATE TABLE account_balance (
    account_code        VARCHAR(128) PRIMARY KEY,
    account_type        VARCHAR(32)  NOT NULL,
    institution_id      VARCHAR(18)  NOT NULL,
    student_id          VARCHAR(64),
    debit_fen           BIGINT       NOT NULL CHECK (debit_fen >= 0),
    credit_fen          BIGINT       NOT NULL CHECK (credit_fen >= 0),
    last_seq            BIGINT       NOT NULL,
    -- Asserted again where the balances are stored: custody cash never goes below zero and no
    -- liability (a student's prepaid balance above all) is ever negative.
    CHECK (CASE WHEN account_type = 'CUSTODY_CASH' THEN debit_fen >= credit_fen ELSE credit_fen >= debit_fen END)
);
CREATE INDEX account_balance_institution ON account_balance (institution_id, account_type);
