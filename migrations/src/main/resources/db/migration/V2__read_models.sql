-- Read models written by subscribing processors, in the same transaction as the events they
-- project: a client reads its own writes, and the primary keys here make order and lesson ids
-- unique across the whole ledger (a concurrent duplicate rolls the command back, and its retry
-- meets the first result).

CREATE TABLE institution (
    institution_id      VARCHAR(18)  PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    category            VARCHAR(16)  NOT NULL,
    supervision_model   VARCHAR(16)  NOT NULL,
    custody_account_no  VARCHAR(32)  NOT NULL UNIQUE,
    risk_reserve_fen    BIGINT       CHECK (risk_reserve_fen >= 0),
    status              VARCHAR(16)  NOT NULL,
    status_reason       VARCHAR(500),
    registered_at       TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);

-- 订单: one course sale. account_id names the student's prepaid account aggregate that owns it.
CREATE TABLE course_order (
    order_id            VARCHAR(64)  PRIMARY KEY,
    account_id          VARCHAR(96)  NOT NULL,
    institution_id      VARCHAR(18)  NOT NULL REFERENCES institution (institution_id),
    student_id          VARCHAR(64)  NOT NULL,
    contract_no         VARCHAR(64)  NOT NULL,
    course_id           VARCHAR(64)  NOT NULL,
    subject             VARCHAR(64)  NOT NULL,
    mode                VARCHAR(8)   NOT NULL,
    price_per_hour_fen  BIGINT       NOT NULL CHECK (price_per_hour_fen > 0),
    hours               INTEGER      NOT NULL CHECK (hours > 0),
    start_date          DATE         NOT NULL,
    end_date            DATE         NOT NULL CHECK (end_date >= start_date),
    amount_fen          BIGINT       NOT NULL CHECK (amount_fen > 0),
    paid_fen            BIGINT       NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
    consumed_hours      INTEGER      NOT NULL DEFAULT 0 CHECK (consumed_hours >= 0),
    confirmed_hours     INTEGER      NOT NULL DEFAULT 0 CHECK (confirmed_hours >= 0),
    refunded_fen        BIGINT       NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
    status              VARCHAR(24)  NOT NULL,
    pay_by              TIMESTAMPTZ  NOT NULL,
    placed_at           TIMESTAMPTZ  NOT NULL,
    paid_at             TIMESTAMPTZ,
    paid_by_bank_txn_id VARCHAR(64),
    CHECK (consumed_hours <= hours),
    CHECK (confirmed_hours <= consumed_hours)
);
CREATE INDEX course_order_student ON course_order (institution_id, student_id);
-- The expiry sweep reads only unpaid orders.
CREATE INDEX course_order_unpaid_pay_by ON course_order (pay_by) WHERE status = 'AWAITING_PAYMENT';

-- 消课: a lesson reported against an order.
CREATE TABLE lesson (
    lesson_id           VARCHAR(64)  PRIMARY KEY,
    order_id            VARCHAR(64)  NOT NULL REFERENCES course_order (order_id),
    institution_id      VARCHAR(18)  NOT NULL,
    hours               INTEGER      NOT NULL CHECK (hours > 0),
    amount_fen          BIGINT       NOT NULL CHECK (amount_fen > 0),
    started_at          TIMESTAMPTZ  NOT NULL,
    ended_at            TIMESTAMPTZ  NOT NULL CHECK (ended_at > started_at),
    status              VARCHAR(24)  NOT NULL,
    violations          VARCHAR(32)[] NOT NULL DEFAULT '{}',
    dispute_reason      VARCHAR(500),
    reported_at         TIMESTAMPTZ  NOT NULL,
    answered_at         TIMESTAMPTZ
);
CREATE INDEX lesson_order ON lesson (order_id);
CREATE INDEX lesson_violations ON lesson (institution_id, started_at) WHERE cardinality(violations) > 0;

-- 收费: every receipt the custody bank reported, applied or held in suspense.
CREATE TABLE bank_collection (
    bank_txn_id         VARCHAR(64)  PRIMARY KEY,
    order_id            VARCHAR(64)  NOT NULL,
    institution_id      VARCHAR(18),
    custody_account_no  VARCHAR(32)  NOT NULL,
    amount_fen          BIGINT       NOT NULL CHECK (amount_fen > 0),
    received_at         TIMESTAMPTZ  NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    suspense_reason     VARCHAR(32),
    recorded_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX bank_collection_account ON bank_collection (custody_account_no, received_at);

-- Client-chosen ids are idempotency keys: the first accepted request's content hash and response,
-- written in the transaction that applied it.
CREATE TABLE idempotency_record (
    scope               VARCHAR(32)  NOT NULL,
    idempotency_key     VARCHAR(160) NOT NULL,
    request_sha256      BYTEA        NOT NULL,
    response_status     SMALLINT     NOT NULL,
    response_body       TEXT         NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, idempotency_key)
);
