package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_HEAD;
import static org.jooq.impl.DSL.field;

import com.tuitionescrow.ledger.journal.StoredEvents.StoredEvent;
import com.tuitionescrow.ledger.schema.tables.records.JournalHeadRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the journal from the event store, in the order of its global index, one batch per
 * transaction. It advances only over a contiguous prefix of the index (holes are waited for, see
 * {@link JournalGaps}), so an event that commits late still takes the seq its index gives it, and
 * projecting the journal again from the first event gives the same entries, seq and hashes.
 *
 * <p>Each batch takes an advisory lock first ({@link #WRITER_LOCK}): one instance writes at a time, and
 * another that finds it taken waits for the next round. The head also records
 * {@code complete_until}: an instant such that no event stamped before it can still commit, which is
 * what an {@code asOf} read waits for ({@link JournalFreshness}).
 */
@Component
class JournalWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JournalWriter.class);
    /**
     * Events read per transaction. Written set-wise, a full batch takes about a sixth of a second on a
     * 2-core machine (some 3 000 entries a second), of which the rounds' own reads (lock, head, watermark)
     * are a few milliseconds: a larger batch would gain little, and would hold its transaction id, which
     * holds back the bank's instruction list, for longer.
     */
    static final int BATCH = 500;
    /** Connections of read-only work (exports, verification) that can never append an event. */
    static final String READ_ONLY_APPLICATION = "ledger-read-only";
    /** The advisory lock one writer holds for its batch ("journal" in ASCII). */
    static final long WRITER_LOCK = 0x6a6f75726e616cL;
    /** An idle journal moves its watermark on in steps of this, not on every round: a row written 20 times a second is waste. */
    private static final Duration WATERMARK_STEP = Duration.ofMillis(100);

    private final DSLContext db;
    private final StoredEvents events;
    private final JournalProjection projection;
    private final TransactionTemplate transactions;
    private final Duration pollInterval;
    private final JournalGaps gaps;
    private volatile Thread thread;

    JournalWriter(
            DSLContext db,
            StoredEvents events,
            JournalProjection projection,
            PlatformTransactionManager transactions,
            @Value("${ledger.journal.fetch-delay}") Duration pollInterval,
            @Value("${ledger.journal.gap-timeout}") Duration gapTimeout) {
        this.db = db;
        this.events = events;
        this.projection = projection;
        this.transactions = new TransactionTemplate(transactions);
        this.pollInterval = pollInterval;
        this.gaps = new JournalGaps(gapTimeout);
    }

    /** What PostgreSQL says before the events are read: which awaited transactions still run, and the watermark. */
    private record Before(Set<Long> stillRunning, Instant watermark, Instant now) {}

    /**
     * One batch: returns whether more events may be waiting at once. Synchronized with itself only: the
     * gaps are this instance's memory.
     */
    synchronized boolean writeBatch() {
        Boolean more = transactions.execute(status -> {
            // An advisory lock, not a row lock: an idle round then takes no transaction id, and a transaction
            // id held for long would hold back what lists rows by theirs (the bank's instruction list).
            if (!Boolean.TRUE.equals(db.resultQuery("select pg_try_advisory_xact_lock(?)", WRITER_LOCK)
                    .fetchOne(0, Boolean.class))) {
                return false;
            }
            JournalHeadRecord head = db.selectFrom(JOURNAL_HEAD).fetchSingle();
            // The journal is derived from the event store: a batch lost in a crash is lost with its head and
            // written again the same, so its commit need not wait for the disk (nor slow the commands' commits).
            db.execute("set local synchronous_commit = off");
            Before before = before();
            List<StoredEvent> batch = events.after(head.getPosition(), BATCH);
            Instant now = Instant.now();
            long position = head.getPosition();
            long seq = head.getLastSeq();
            byte[] hash = head.getLastHash();
            boolean blocked = false;
            List<JournalProjection.Entry> entries = new ArrayList<>(batch.size());
            for (StoredEvent event : batch) {
                if (event.globalIndex() > position + 1
                        && !passHoles(position + 1, event.globalIndex() - 1, before, now)) {
                    blocked = true;
                    break;
                }
                if (event.payload() != null) {
                    entries.add(new JournalProjection.Entry(
                            JournalProjection.linkOf(++seq, event),
                            event.payload().journalEntry().postings()));
                }
                position = event.globalIndex();
            }
            if (!entries.isEmpty()) {
                hash = projection.write(entries, hash);
            }
            boolean drained = !blocked && batch.size() < BATCH;
            OffsetDateTime completeUntil = head.getCompleteUntil();
            // A writer never sets the watermark past the database's clock: one found there was set by hand, and
            // would let an asOf read answer before the journal holds its moment. It goes back to the start of
            // time, which only makes reads wait, until a drained round sets it again.
            boolean ahead = completeUntil.toInstant().isAfter(before.now());
            if (ahead) {
                log.warn(
                        "The journal's watermark {} is later than the database's clock {}: set back",
                        completeUntil,
                        before.now());
                completeUntil = Instant.EPOCH.atOffset(completeUntil.getOffset());
                head.setCompleteUntil(completeUntil);
            }
            boolean later = drained
                    && !before.watermark().isBefore(completeUntil.toInstant().plus(WATERMARK_STEP));
            if (position != head.getPosition() || later || ahead) {
                head.setPosition(position);
                head.setLastSeq(seq);
                head.setLastHash(hash);
                if (later) {
                    head.setCompleteUntil(before.watermark().atOffset(completeUntil.getOffset()));
                }
                head.update();
            }
            gaps.passedUpTo(position);
            return batch.size() == BATCH && !blocked;
        });
        return Boolean.TRUE.equals(more);
    }

    /**
     * The oldest transaction running, and the watermark: the earliest start of any transaction that
     * could still append events (every one of this database but read-only work's), or now. An event
     * is stamped inside its transaction, so none stamped before the watermark can commit after it.
     */
    private Before before() {
        Record2<Instant, Instant> r = db.resultQuery(
                        "select statement_timestamp(), (select min(xact_start) from pg_stat_activity "
                                + "where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null "
                                + "and application_name <> '" + READ_ONLY_APPLICATION + "')")
                .coerce(field("now", Instant.class), field("oldest", Instant.class))
                .fetchOne();
        Instant watermark = r.value2() == null || r.value1().isBefore(r.value2()) ? r.value1() : r.value2();
        Set<Long> awaited = gaps.awaited();
        Set<Long> stillRunning = Set.copyOf(RunningTransactions.stillRunning(db, awaited));
        return new Before(stillRunning, watermark, r.value1());
    }

    /** Whether every index of the hole may be passed; a hole seen for the first time is noted and waited for. */
    private boolean passHoles(long from, long to, Before before, Instant now) {
        for (long index = from; index <= to; index++) {
            if (!gaps.passable(index, before.stillRunning(), now)) {
                gaps.seen(index, to, RunningTransactions.writing(db), now);
                return false;
            }
            if (gaps.timedOut(index, before.stillRunning())) {
                log.warn("Global index {} stayed a hole for the gap timeout: the journal passes it", index);
            }
        }
        return true;
    }

    @Override
    public void start() {
        Thread writer = new Thread(this::run, "journal-writer");
        writer.setDaemon(true);
        thread = writer;
        writer.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                if (!writeBatch()) {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The batch rolled back; the next round reads the head afresh and tries again.
                log.warn("The journal writer failed a batch and will try again: {}", e.toString());
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(Math.max(pollInterval.toMillis(), 500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        Thread writer = thread;
        thread = null;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
