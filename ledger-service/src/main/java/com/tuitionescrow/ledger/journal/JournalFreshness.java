package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.journal.StoredEvents.DOMAIN_EVENTS;
import static com.tuitionescrow.ledger.journal.StoredEvents.GLOBAL_INDEX;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_HEAD;
import static org.jooq.impl.DSL.max;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.web.Unavailable;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The journal, balances and settlements trail the commands by a moment. A read that must include
 * everything recorded so far (reconciling a bank statement against the custody balance) first waits,
 * a bounded time, for the journal to hold every event recorded when the read began, those of
 * transactions still open then included; a read of the books {@code asOf} a moment waits until no event stamped at or before it can still be journaled,
 * so its answer never changes. Both read the journal's head in the database, so this holds
 * whichever instance writes the journal.
 */
@Component
public class JournalFreshness {

    private static final Duration POLL = Duration.ofMillis(20);
    /** Long enough for a busy journal to catch up, short enough to answer a bank within its timeout. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final DSLContext db;

    JournalFreshness(DSLContext db) {
        this.db = db;
    }

    /**
     * Returns once the journal includes every event recorded before the call, those of transactions
     * still open then included; 503 JOURNAL_BEHIND after 5 s. The highest stored index is not enough:
     * a transaction that took its index and has not committed is invisible, and nothing above it may
     * show the hole. So the transactions that have written anything and are still running are waited
     * for first, then the journal for the store's head as they left it. Only those count: a session
     * that only reads (a backup, an analyst's psql, a long report) holds no transaction id and makes
     * nobody wait.
     */
    public void awaitCurrent() {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        List<Long> writing = RunningTransactions.writing(db);
        await(deadline, () -> RunningTransactions.stillRunning(db, writing).isEmpty());
        long target = storeHead();
        await(deadline, () -> journalPosition() >= target);
    }

    /** The global index of the last event in the store (0 while it is empty). */
    public long storeHead() {
        Long head = db.select(max(GLOBAL_INDEX)).from(DOMAIN_EVENTS).fetchOne(0, Long.class);
        return head == null ? 0 : head;
    }

    /**
     * Returns once the journal holds every event stamped at or before {@code asOf}, so that a read as of
     * it is final: 422 AS_OF_IN_FUTURE for a moment the database has not reached, 503 JOURNAL_BEHIND if the
     * journal does not get there within 5 s.
     */
    public void awaitComplete(Instant asOf) {
        Instant now = databaseNow();
        if (asOf.isAfter(now)) {
            throw new Refusal(
                    ProblemCode.AS_OF_IN_FUTURE,
                    "asOf " + asOf + " is later than the ledger's now, " + now
                            + ": the books as of then are not written yet");
        }
        await(System.nanoTime() + MAX_WAIT.toNanos(), () -> completeUntil().isAfter(asOf));
    }

    private Instant databaseNow() {
        return db.resultQuery("select statement_timestamp()").fetchOne(0, Instant.class);
    }

    /** The journal's watermark: no event stamped before it can still commit, and every one that did is journaled. */
    private Instant completeUntil() {
        return db.select(JOURNAL_HEAD.COMPLETE_UNTIL).from(JOURNAL_HEAD).fetchOne(0, Instant.class);
    }

    /**
     * The global index up to which the journal holds every event, gaps included (-1 before the
     * first): the writer moves only over a contiguous run of the event store's index.
     */
    public long journalPosition() {
        Long position = db.select(JOURNAL_HEAD.POSITION).from(JOURNAL_HEAD).fetchOne(0, Long.class);
        return position == null ? -1 : position;
    }

    private static void await(long deadline, BooleanSupplier reached) {
        while (!reached.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new Unavailable(ProblemCode.JOURNAL_BEHIND, "the journal is still projecting the latest entries");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the journal", e);
            }
        }
    }
}
