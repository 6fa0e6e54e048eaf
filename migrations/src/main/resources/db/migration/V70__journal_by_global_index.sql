-- The journal is written in the event store's global order by a writer of its own (no longer an
-- Axon processor): each entry keeps the global index of its event, the writer advances only over a
-- contiguous prefix of that index (a gap is a transaction still open, waited for), and the hash
-- covers every column a report reads. The old entries were chained over fewer columns and in
-- delivery order, so they are dropped here and projected again from the event store, which is
-- the source: the writer starts from the first event.

TRUNCATE journal_posting, journal_entry, account_balance;
DELETE FROM tokenentry WHERE processorname = 'ledger-journal';

ALTER TABLE journal_entry ADD COLUMN global_index BIGINT NOT NULL UNIQUE;

-- Where the writer stands: the last global index read (every event at or below it is journaled or
-- carries no postings), the chain's head, and the instant up to which the journal is complete (no
-- event stamped at or before it can still commit). One row; a writer holds it locked while it writes,
-- so one instance writes at a time.
CREATE TABLE journal_head (
    id                  SMALLINT     PRIMARY KEY CHECK (id = 1),
    position            BIGINT       NOT NULL,
    last_seq            BIGINT       NOT NULL,
    last_hash           BYTEA        NOT NULL,
    complete_until      TIMESTAMPTZ  NOT NULL
);
INSERT INTO journal_head VALUES (1, 0, 0, '\x0000000000000000000000000000000000000000000000000000000000000000', '1970-01-01T00:00:00Z');

-- The chain's head published at intervals, signed (Ed25519) over "seq:hash:publishedAt" so that a
-- regulator who keeps one can later prove the journal up to it was neither truncated nor rewritten.
CREATE TABLE journal_checkpoint (
    seq                 BIGINT       PRIMARY KEY,
    hash                BYTEA        NOT NULL,
    published_at        TIMESTAMPTZ  NOT NULL,
    key_id              VARCHAR(64)  NOT NULL,
    signature           BYTEA        NOT NULL
);
