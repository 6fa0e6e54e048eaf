-- Instructions to the custody bank (two-phase: the money sits in an in-transit account until the
-- bank answers). Written by subscribing processors in the transaction that issues or answers them.
-- owner_id names the aggregate that owns the instruction, so a bank result finds its way back.
CREATE TABLE bank_instruction (
    instruction_id      VARCHAR(100)  PRIMARY KEY,
    list_seq            BIGSERIAL    NOT NULL UNIQUE,
    kind                VARCHAR(16)  NOT NULL CHECK (kind IN ('DISBURSEMENT', 'REFUND', 'SUSPENSE_RETURN')),
    owner_id            VARCHAR(160) NOT NULL,
    -- The owner's own name for it: the refund id of a REFUND; null otherwise.
    owner_ref           VARCHAR(100),
    institution_id      VARCHAR(18)  NOT NULL,
    custody_account_no  VARCHAR(32)  NOT NULL,
    amount_fen          BIGINT       NOT NULL,
    -- Where the money goes: the institution for a disbursement, the original collection's
    -- bankTxnId for a refund or a suspense return (原路返回, by the original route).
    payee_ref           VARCHAR(64)  NOT NULL,
    -- ASSEMBLING: a disbursement still gathering its portions; the bank sees only PENDING and after.
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('ASSEMBLING', 'PENDING', 'EXECUTED', 'FAILED')),
    created_at          TIMESTAMPTZ  NOT NULL,
    result_bank_txn_id  VARCHAR(64),
    executed_at         TIMESTAMPTZ,
    failure_reason      VARCHAR(500),
    answered_at         TIMESTAMPTZ,
    CHECK ((status IN ('ASSEMBLING', 'PENDING')) = (answered_at IS NULL)),
    -- Only an instruction still gathering its portions may not have an amount yet.
    CHECK (amount_fen > 0 OR (status = 'ASSEMBLING' AND amount_fen = 0))
);
CREATE INDEX bank_instruction_open ON bank_instruction (list_seq) WHERE status IN ('ASSEMBLING', 'PENDING');
CREATE INDEX bank_instruction_account ON bank_instruction (custody_account_no, executed_at);
CREATE INDEX bank_instruction_institution ON bank_instruction (institution_id, list_seq);
