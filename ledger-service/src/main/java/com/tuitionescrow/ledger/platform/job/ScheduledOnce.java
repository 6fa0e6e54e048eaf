package com.tuitionescrow.ledger.platform.job;

import static com.tuitionescrow.ledger.schema.Tables.SCHEDULED_JOB_RUN;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/**
 * Scheduled jobs fire on every instance's timer; each slot of a job (a fire time, or a period of a
 * fixed-delay job) runs on the first instance to claim it, and the others let it pass. The slot is
 * read from the database's clock, so instances whose clocks differ still agree on it.
 */
@Component
public class ScheduledOnce {

    /** Claims older than this are pruned: long past any slot an instance could still be deciding. */
    private static final Duration KEPT = Duration.ofDays(2);

    private final DSLContext db;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

    ScheduledOnce(DSLContext db) {
        this.db = db;
    }

    /** Runs the work if this instance claims the job's slot; returns whether it did. */
    public boolean run(String job, Instant slot, Runnable work) {
        if (!claim(job, slot)) {
            return false;
        }
        work.run();
        return true;
    }

    /** The current slot of a job that runs every {@code period}: the database's now, rounded down to a multiple. */
    public Instant periodSlot(Duration period) {
        OffsetDateTime now = db.fetchValue(DSL.currentOffsetDateTime());
        long periodMillis = Math.max(1, period.toMillis());
        long millis = now.toInstant().toEpochMilli();
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, periodMillis));
    }

    private boolean claim(String job, Instant slot) {
        return db.transactionResult(c -> {
            DSLContext tx = DSL.using(c);
            tx.deleteFrom(SCHEDULED_JOB_RUN)
                    .where(
                            SCHEDULED_JOB_RUN.JOB.eq(job),
                            SCHEDULED_JOB_RUN.SLOT.lt(slot.minus(KEPT).atOffset(ZoneOffset.UTC)))
                    .execute();
            return tx.insertInto(SCHEDULED_JOB_RUN)
                            .set(SCHEDULED_JOB_RUN.JOB, job)
                            .set(SCHEDULED_JOB_RUN.SLOT, slot.atOffset(ZoneOffset.UTC))
                            .set(SCHEDULED_JOB_RUN.INSTANCE, instance)
                            .onConflictDoNothing()
                            .execute()
                    == 1;
        });
    }
}
