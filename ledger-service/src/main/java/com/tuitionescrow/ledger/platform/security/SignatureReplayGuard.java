package com.tuitionescrow.ledger.platform.security;

import static com.tuitionescrow.ledger.schema.Tables.BANK_SIGNATURE_SEEN;

import java.time.Clock;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Remembers accepted bank signatures for as long as they are fresh, in the database that every
 * instance shares: the second arrival of the same signed call is a replay. A bank that retries signs
 * each attempt afresh, with the time it sends it.
 */
@Component
class SignatureReplayGuard {

    private final DSLContext db;
    private final Clock clock;
    private final BankSignatureProperties properties;

    SignatureReplayGuard(DSLContext db, Clock clock, BankSignatureProperties properties) {
        this.db = db;
        this.clock = clock;
        this.properties = properties;
    }

    /** True the first time a signature is seen; false for a replay. Commits on its own. */
    boolean firstSighting(byte[] signatureSha256) {
        return db.insertInto(BANK_SIGNATURE_SEEN)
                .set(BANK_SIGNATURE_SEEN.SIGNATURE_SHA256, signatureSha256)
                .set(BANK_SIGNATURE_SEEN.SEEN_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .onConflictDoNothing()
                .execute() == 1;
    }

    /** A signature older than twice the skew can no longer pass the freshness check: forget it. */
    @Scheduled(fixedDelayString = "${ledger.bank.max-clock-skew}")
    void forgetStale() {
        db.deleteFrom(BANK_SIGNATURE_SEEN)
                .where(BANK_SIGNATURE_SEEN.SEEN_AT.lt(clock.instant().minus(properties.maxClockSkew().multipliedBy(2))
                        .atOffset(ZoneOffset.UTC)))
                .execute();
    }
}
