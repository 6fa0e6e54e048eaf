-- One life for every two-phase instruction (docs/architecture.md): a refund or suspense return the
-- bank fails goes to the bank again at once under a new instruction that names the one it carries on
-- from; after the last attempt the failed instruction is UNDELIVERABLE and its money waits in transit
-- until a regulator resolves it (resolution, resolved_by on the new instruction).
ALTER TABLE bank_instruction DROP CONSTRAINT bank_instruction_status_check;
ALTER TABLE bank_instruction ADD CONSTRAINT bank_instruction_status_check
    CHECK (status IN ('ASSEMBLING', 'PENDING', 'EXECUTED', 'FAILED', 'UNDELIVERABLE'));
ALTER TABLE bank_instruction
    ADD COLUMN previous_instruction_id VARCHAR(100),
    ADD COLUMN resolution              VARCHAR(500),
    ADD COLUMN resolved_by             VARCHAR(128);
CREATE INDEX bank_instruction_undeliverable ON bank_instruction (list_seq) WHERE status = 'UNDELIVERABLE';

-- The bank's list pages by (list_xid, list_seq): the transaction that put the instruction in the list,
-- then its place. A reader lists only instructions of transactions older than every transaction still
-- running in this database, so one that commits late can never land behind a cursor the bank holds.
ALTER TABLE bank_instruction ADD COLUMN list_xid BIGINT NOT NULL DEFAULT 0;
ALTER TABLE bank_instruction ALTER COLUMN list_xid SET DEFAULT pg_current_xact_id()::text::bigint;
CREATE INDEX bank_instruction_list ON bank_instruction (list_xid, list_seq);


-- An order's refunds: refunded_fen is what was approved, refund_paid_fen what the bank has paid back.
ALTER TABLE course_order ADD COLUMN refund_paid_fen BIGINT NOT NULL DEFAULT 0 CHECK (refund_paid_fen >= 0),
    ADD CONSTRAINT course_order_refund_paid_within_approved CHECK (refund_paid_fen <= refunded_fen);
