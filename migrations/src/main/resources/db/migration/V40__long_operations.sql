-- Work too long for one request: the release run over every account, the refunds of a wind-down.
-- Each runs in the background, on one instance at a time (a PostgreSQL advisory lock, held for as
-- long as it runs, decides which), and keeps here what it has done so far, so that any instance can
-- answer how it stands. An operation whose instance stopped without finishing stays RUNNING here;
-- whoever reads it finds its lock free and reports it INTERRUPTED, and the next one of its kind
-- marks it FAILED before it starts.
CREATE TABLE long_operation (
    operation_id   VARCHAR(64)  PRIMARY KEY,
    kind           VARCHAR(16)  NOT NULL CHECK (kind IN ('RELEASE_RUN', 'WIND_DOWN')),
    -- What it works on: the institution of a wind-down; empty for the release run, which serves all.
    subject        VARCHAR(64)  NOT NULL,
    state          VARCHAR(12)  NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
    requested_by   VARCHAR(200) NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    finished_at    TIMESTAMPTZ,
    -- What it has done so far, as the operation itself words it (JSON of its progress record).
    progress       JSONB        NOT NULL,
    failure        VARCHAR(500),
    CHECK ((state = 'RUNNING') = (finished_at IS NULL)),
    CHECK ((state = 'FAILED') = (failure IS NOT NULL))
);
CREATE INDEX long_operation_latest ON long_operation (kind, subject, started_at DESC);

-- Scheduled jobs run on every instance's timer; the first instance to claim a job's slot (a fire
-- time, or a period of a fixed-delay job) runs it, the others let it pass. Old slots are pruned.
CREATE TABLE scheduled_job_run (
    job         VARCHAR(40)  NOT NULL,
    slot        TIMESTAMPTZ  NOT NULL,
    instance    VARCHAR(128) NOT NULL,
    claimed_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (job, slot)
);
