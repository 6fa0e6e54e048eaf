-- Statements as banks send them: a file may hold several statements (camt.053 Stmt), each reported
-- on its own. A report is kept under the SHA-256 of its file and its place in it; the same file sent
-- again answers with the reports it had.
ALTER TABLE reconciliation DROP CONSTRAINT reconciliation_content_sha256_key;
ALTER TABLE reconciliation ADD COLUMN file_index INTEGER NOT NULL DEFAULT 0 CHECK (file_index >= 0);
ALTER TABLE reconciliation ADD CONSTRAINT reconciliation_file_statement UNIQUE (content_sha256, file_index);

-- An entry the ledger cannot match is a finding, whatever references it carries: a fee or interest
-- booked with the bank's proprietary codes only has no reference at all. What identifies it to a
-- person (the file's line, the entry's reference, its bank transaction codes) is kept with it.
ALTER TABLE reconciliation_finding ALTER COLUMN bank_ref DROP NOT NULL;
ALTER TABLE reconciliation_finding ADD COLUMN identified_by VARCHAR(300);
ALTER TABLE reconciliation_finding ADD CONSTRAINT reconciliation_finding_identified
    CHECK (bank_ref IS NOT NULL OR (finding IN ('MISSING_IN_LEDGER', 'PENDING') AND identified_by IS NOT NULL));
