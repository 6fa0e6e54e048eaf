package com.tuitionescrow.ledger.monitoring;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.BANK_INSTRUCTION;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.journal.JournalFreshness;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.ToDoubleFunction;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

/**
 * The ledger's state an operator charts and alerts on, read from the database when the metrics are
 * scraped, never on the command path: how far the journal trails the event store (events and
 * seconds), the instructions the bank has not answered yet and the oldest one's age, and the money
 * held in suspense. One reading serves every gauge of a scrape (and any scrape within a second), so
 * a scrape costs five small queries whatever scrapes it. See docs/operations.md, "Metrics and alerts".
 */
@Component
class LedgerGauges implements MeterBinder {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final DSLContext db;
    private final JournalFreshness journal;
    private final Clock clock;
    private volatile Reading last;

    LedgerGauges(DSLContext db, JournalFreshness journal, Clock clock) {
        this.db = db;
        this.journal = journal;
        this.clock = clock;
    }

    /** One reading of the ledger's state; ages in seconds, money in fen. */
    record Reading(
            long readAtNanos,
            long journalBacklogEvents,
            double journalLagSeconds,
            long pendingInstructions,
            double oldestPendingInstructionSeconds,
            long suspenseFen) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "ledger.journal.backlog",
                "events",
                "Events stored but not yet in the journal",
                Reading::journalBacklogEvents);
        gauge(
                registry,
                "ledger.journal.lag",
                "seconds",
                "Age of the oldest event not yet in the journal (0 when caught up)",
                Reading::journalLagSeconds);
        gauge(
                registry,
                "ledger.instructions.pending",
                null,
                "Instructions sent to the bank and not answered yet",
                Reading::pendingInstructions);
        gauge(
                registry,
                "ledger.instructions.oldest.pending.age",
                "seconds",
                "Age of the oldest unanswered instruction to the bank (0 when none)",
                Reading::oldestPendingInstructionSeconds);
        gauge(
                registry,
                "ledger.suspense",
                "fen",
                "Money held in suspense accounts, per the journal",
                Reading::suspenseFen);
    }

    private void gauge(
            MeterRegistry registry, String name, String unit, String description, ToDoubleFunction<Reading> value) {
        Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.reading()))
                .baseUnit(unit)
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    Reading reading() {
        Reading reading = last;
        // Freshness by the machine's monotonic time: the ledger's clock may stand still (tests hold it).
        if (reading == null || System.nanoTime() - reading.readAtNanos() > FRESH_FOR.toNanos()) {
            reading = read(clock.instant());
            last = reading;
        }
        return reading;
    }

    private Reading read(Instant now) {
        long readAtNanos = System.nanoTime();
        long position = journal.journalPosition();
        long head = journal.storeHead();
        String oldestUnjournaled = db.select(field(name("timestamp"), String.class))
                .from(table(name("domainevententry")))
                .where(field(name("globalindex"), Long.class).gt(position))
                .orderBy(field(name("globalindex")))
                .limit(1)
                .fetchOne(field(name("timestamp"), String.class));
        Record2<Integer, OffsetDateTime> pending = db.select(count(), min(BANK_INSTRUCTION.CREATED_AT))
                .from(BANK_INSTRUCTION)
                .where(BANK_INSTRUCTION.STATUS.eq("PENDING"))
                .fetchOne();
        BigDecimal suspense = db.select(coalesce(
                        sum(ACCOUNT_BALANCE.CREDIT_FEN.minus(ACCOUNT_BALANCE.DEBIT_FEN)), val(BigDecimal.ZERO)))
                .from(ACCOUNT_BALANCE)
                .where(ACCOUNT_BALANCE.ACCOUNT_TYPE.eq(AccountType.SUSPENSE.name()))
                .fetchOne()
                .value1();
        return new Reading(
                readAtNanos,
                Math.max(0, head - position),
                // Axon stamps events with the system's clock, not the ledger's (which tests move).
                oldestUnjournaled == null ? 0 : secondsSince(Instant.parse(oldestUnjournaled), Instant.now()),
                pending.value1(),
                pending.value2() == null ? 0 : secondsSince(pending.value2().toInstant(), now),
                suspense.longValueExact());
    }

    private static double secondsSince(Instant then, Instant now) {
        return Math.max(0, Duration.between(then, now).toMillis() / 1000.0);
    }
}
