-- Signatures of bank calls already accepted, so that a captured call cannot be replayed within its
-- freshness window. Shared by every instance; rows older than the window are purged.
CREATE TABLE bank_signature_seen (
    signature_sha256    BYTEA        PRIMARY KEY,
    seen_at             TIMESTAMPTZ  NOT NULL
);
CREATE INDEX bank_signature_seen_at ON bank_signature_seen (seen_at);
