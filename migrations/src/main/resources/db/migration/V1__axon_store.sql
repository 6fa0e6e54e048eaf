-- Axon Framework's JDBC tables, written by hand because Axon creates none when Flyway owns the
-- schema. Column names are Axon's defaults (unquoted, so PostgreSQL folds them to lower case,
-- as Axon's own unquoted SQL does). Serialized data is BYTEA: the JDBC engine reads and writes
-- byte arrays, and OID large objects are a JPA trap.

-- The event store. (aggregateIdentifier, sequenceNumber) is unique: two concurrent commands on
-- one aggregate cannot both append, the loser retries. That constraint is the ledger's
-- concurrency control, so no global lock is taken on the command path.
CREATE TABLE domainevententry (
    globalindex          BIGSERIAL    NOT NULL,
    aggregateidentifier  VARCHAR(255) NOT NULL,
    sequencenumber       BIGINT       NOT NULL,
    type                 VARCHAR(255),
    eventidentifier      VARCHAR(255) NOT NULL,
    metadata             BYTEA,
    payload              BYTEA        NOT NULL,
    payloadrevision      VARCHAR(255),
    payloadtype          VARCHAR(255) NOT NULL,
    timestamp            VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalindex),
    UNIQUE (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

CREATE TABLE snapshotevententry (
    aggregateidentifier  VARCHAR(255) NOT NULL,
    sequencenumber       BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    eventidentifier      VARCHAR(255) NOT NULL,
    metadata             BYTEA,
    payload              BYTEA        NOT NULL,
    payloadrevision      VARCHAR(255),
    payloadtype          VARCHAR(255) NOT NULL,
    timestamp            VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber),
    UNIQUE (eventidentifier)
);

-- Streaming processors' positions. A projection writes its rows and its token in one transaction.
CREATE TABLE tokenentry (
    processorname        VARCHAR(255) NOT NULL,
    segment              INTEGER      NOT NULL,
    token                BYTEA,
    tokentype            VARCHAR(255),
    timestamp            VARCHAR(255),
    owner                VARCHAR(255),
    PRIMARY KEY (processorname, segment)
);

-- Axon's JDBC saga store is configured whenever JDBC is; these tables keep it working.
CREATE TABLE sagaentry (
    sagaid               VARCHAR(255) NOT NULL,
    revision             VARCHAR(255),
    sagatype             VARCHAR(255),
    serializedsaga       BYTEA,
    PRIMARY KEY (sagaid)
);

CREATE TABLE associationvalueentry (
    id                   BIGSERIAL    NOT NULL,
    associationkey       VARCHAR(255),
    associationvalue     VARCHAR(255),
    sagaid               VARCHAR(255),
    sagatype             VARCHAR(255),
    PRIMARY KEY (id)
);
CREATE INDEX associationvalueentry_saga ON associationvalueentry (sagatype, associationkey, associationvalue);

-- Axon's dead-letter queue table. Axon's generic factory emits BLOB, which PostgreSQL lacks.
-- The ledger's own processors do not dead-letter (a ledger projection that skipped an entry
-- would be wrong, so they stop and retry instead); the table is here for an operator who
-- attaches a queue to a processor of their own.
CREATE TABLE deadletterentry (
    deadletteridentifier VARCHAR(255)  NOT NULL,
    processinggroup      VARCHAR(255)  NOT NULL,
    sequenceidentifier   VARCHAR(255)  NOT NULL,
    sequenceindex        BIGINT        NOT NULL,
    messagetype          VARCHAR(255)  NOT NULL,
    eventidentifier      VARCHAR(255)  NOT NULL,
    timestamp            VARCHAR(255)  NOT NULL,
    payloadtype          VARCHAR(255)  NOT NULL,
    payloadrevision      VARCHAR(255),
    payload              BYTEA         NOT NULL,
    metadata             BYTEA,
    type                 VARCHAR(255),
    aggregateidentifier  VARCHAR(255),
    sequencenumber       BIGINT,
    tokentype            VARCHAR(255),
    token                BYTEA,
    enqueuedat           VARCHAR(255)  NOT NULL,
    lasttouched          VARCHAR(255),
    processingstarted    VARCHAR(255),
    causetype            VARCHAR(255),
    causemessage         VARCHAR(1023),
    diagnostics          BYTEA,
    PRIMARY KEY (deadletteridentifier),
    UNIQUE (processinggroup, sequenceidentifier, sequenceindex)
);
CREATE INDEX deadletterentry_group ON deadletterentry (processinggroup);
CREATE INDEX deadletterentry_sequence ON deadletterentry (processinggroup, sequenceidentifier);
