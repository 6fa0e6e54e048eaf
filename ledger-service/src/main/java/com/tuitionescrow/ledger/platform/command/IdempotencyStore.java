package com.tuitionescrow.ledger.platform.command;

import static com.tuitionescrow.ledger.schema.Tables.IDEMPOTENCY_RECORD;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** First results of idempotent requests, written in the transaction that produced them. */
@Repository
class IdempotencyStore {

    record Stored(byte[] requestSha256, int status, String body) {}

    private final DSLContext db;

    IdempotencyStore(DSLContext db) {
        this.db = db;
    }

    /**
     * Holds the key until this transaction ends. A concurrent request with the same key waits here,
     * then finds the first one's stored answer (applied or refused, or nothing where only successes are kept) instead
     * of redoing its work in parallel. Keys are hashed to 64 bits; a collision only makes two
     * unrelated requests take turns.
     */
    void claim(IdempotencyKey key) {
        db.fetch("select pg_advisory_xact_lock(hashtextextended({0}, 0))", DSL.val(key.scope() + ":" + key.key()));
    }

    Optional<Stored> find(IdempotencyKey key) {
        return db.select(
                        IDEMPOTENCY_RECORD.REQUEST_SHA256,
                        IDEMPOTENCY_RECORD.RESPONSE_STATUS,
                        IDEMPOTENCY_RECORD.RESPONSE_BODY)
                .from(IDEMPOTENCY_RECORD)
                .where(IDEMPOTENCY_RECORD.SCOPE.eq(key.scope()), IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY.eq(key.key()))
                .fetchOptional(r -> new Stored(r.value1(), r.value2(), r.value3()));
    }

    /** A concurrent first request with the same key fails here on the primary key, and its retry replays. */
    void save(IdempotencyKey key, byte[] requestSha256, int status, String body) {
        db.insertInto(IDEMPOTENCY_RECORD)
                .set(IDEMPOTENCY_RECORD.SCOPE, key.scope())
                .set(IDEMPOTENCY_RECORD.IDEMPOTENCY_KEY, key.key())
                .set(IDEMPOTENCY_RECORD.REQUEST_SHA256, requestSha256)
                .set(IDEMPOTENCY_RECORD.RESPONSE_STATUS, (short) status)
                .set(IDEMPOTENCY_RECORD.RESPONSE_BODY, body)
                .execute();
    }
}
