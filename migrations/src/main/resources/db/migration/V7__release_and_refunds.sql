-- Where each order's consumed money stands, refunds, and the return of suspense money.

ALTER TABLE course_order
    ADD COLUMN refunded_hours   INTEGER NOT NULL DEFAULT 0 CHECK (refunded_hours >= 0),
    -- Confirmed consumption: releasable now, held back until the order completes, instructed to the
    -- bank (disbursing), or paid out to the institution (disbursed).
    ADD COLUMN releasable_fen   BIGINT  NOT NULL DEFAULT 0 CHECK (releasable_fen >= 0),
    ADD COLUMN held_back_fen    BIGINT  NOT NULL DEFAULT 0 CHECK (held_back_fen >= 0),
    ADD COLUMN disbursing_fen   BIGINT  NOT NULL DEFAULT 0 CHECK (disbursing_fen >= 0),
    ADD COLUMN disbursed_fen    BIGINT  NOT NULL DEFAULT 0 CHECK (disbursed_fen >= 0),
    ADD CONSTRAINT course_order_hours_accounted CHECK (consumed_hours + refunded_hours <= hours);
-- The disbursement run looks for orders with money to release.
CREATE INDEX course_order_releasable ON course_order (institution_id, account_id) WHERE releasable_fen > 0;

-- 退费
CREATE TABLE refund (
    refund_id           VARCHAR(100)  PRIMARY KEY,
    order_id            VARCHAR(64)  NOT NULL REFERENCES course_order (order_id),
    account_id          VARCHAR(96)  NOT NULL,
    institution_id      VARCHAR(18)  NOT NULL,
    student_id          VARCHAR(64)  NOT NULL,
    amount_fen          BIGINT       NOT NULL CHECK (amount_fen > 0),
    hours               INTEGER      NOT NULL CHECK (hours > 0),
    status              VARCHAR(24)  NOT NULL,
    reason              VARCHAR(500) NOT NULL,
    answer_reason       VARCHAR(500),
    approved_by         VARCHAR(16),
    requested_at        TIMESTAMPTZ  NOT NULL,
    answer_by           TIMESTAMPTZ  NOT NULL,
    answered_at         TIMESTAMPTZ,
    instruction_id      VARCHAR(100)
);
CREATE INDEX refund_order ON refund (order_id);
-- The refund window sweep reads only refunds waiting for the institution.
CREATE INDEX refund_awaiting ON refund (answer_by) WHERE status = 'AWAITING_INSTITUTION';

-- Unanswered by confirm_by (the end of the confirmation window in working days), a lesson counts as
-- confirmed; the window sweep reads only lessons still waiting for the parent.
ALTER TABLE lesson ADD COLUMN confirm_by TIMESTAMPTZ NOT NULL;
CREATE INDEX lesson_awaiting ON lesson (confirm_by) WHERE status = 'AWAITING_CONFIRMATION';

-- Suspense money goes back by a SUSPENSE_RETURN instruction; null until instructed (or after it failed).
ALTER TABLE bank_collection ADD COLUMN return_instruction_id VARCHAR(100);
CREATE INDEX bank_collection_to_return ON bank_collection (recorded_at)
    WHERE status = 'SUSPENSE' AND return_instruction_id IS NULL;
