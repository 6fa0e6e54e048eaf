package com.tuitionescrow.ledger.journal;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.web.Unavailable;
import java.time.Duration;
import java.util.OptionalLong;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

/**
 * The journal, balances and settlements trail the commands by a moment. A read that must include
 * everything recorded so far (reconciling a bank statement against the custody balance) first waits,
 * a bounded time, for the journal to reach the events stored when the read began. The journal's
 * position is read from its token in the database, so this holds whichever instance projects it.
 */
@Component
public class JournalFreshness {

    private static final Duration POLL = Duration.ofMillis(20);
    /** Long enough for a busy journal to catch up, short enough to answer a bank within its timeout. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final EventStore eventStore;
    private final DSLContext db;
    private final Serializer serializer;

    JournalFreshness(EventStore eventStore, DSLContext db, Serializer serializer) {
        this.eventStore = eventStore;
        this.db = db;
        this.serializer = serializer;
    }

    /** Returns once the journal includes every event stored before the call; 503 JOURNAL_BEHIND after 5 s. */
    public void awaitCurrent() {
        TrackingToken headToken = eventStore.createHeadToken();
        long head = headToken == null ? 0 : headToken.position().orElse(0);
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (journalPosition() < head) {
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

    /** The global index of the last event the journal has read (-1 before the first). */
    public long journalPosition() {
        Record2<byte[], String> stored = db.select(field(name("token"), byte[].class), field(name("tokentype"), String.class))
                .from(table(name("tokenentry")))
                .where(field(name("processorname")).eq(JournalProjection.GROUP), field(name("segment")).eq(0))
                .fetchOne();
        if (stored == null || stored.value1() == null) {
            return -1;
        }
        TrackingToken token = serializer.deserialize(
                new SimpleSerializedObject<>(stored.value1(), byte[].class, stored.value2(), null));
        OptionalLong position = token.position();
        return position.orElse(-1);
    }
}
