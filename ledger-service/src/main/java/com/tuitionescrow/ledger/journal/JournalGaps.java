package com.tuitionescrow.ledger.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Holes in the event store's global index below an event already visible. A hole is a transaction
 * that took its index and has not committed yet, or one that rolled back and never will: PostgreSQL
 * hands out sequence values outside transactions. The journal must not pass a hole that may still
 * fill, or a late commit would take a later seq than the order of the event store gives it.
 *
 * <p>A hole is known to be final once every transaction of this database that was running when it
 * was seen has ended: the transaction holding the index was among them (it took its index before
 * the later event's transaction did, which committed before the hole was seen). Those are read
 * from PostgreSQL when the hole is seen ({@link RunningTransactions}),
 * and asked after with {@code pg_xact_status} ({@link JournalWriter}). After a hole has stood for the gap timeout it is passed in any case (Axon's own gap
 * handling does the same, with the same default of a minute), so a session left open in a
 * transaction cannot hold the journal back for ever; verification names an event that then
 * committed after all and has no entry.
 */
final class JournalGaps {

    /** A hole: the transactions that were running when it was seen, and when. */
    private record Hole(List<Long> runningWhenSeen, Instant seenAt) {}

    /**
     * A transaction takes its index a moment before it is given its transaction id (in the same insert),
     * so the running transactions are gathered again on every round for this long after the hole is
     * first seen, and the hole is not judged before.
     */
    static final Duration SETTLE = Duration.ofMillis(200);

    private final Duration timeout;
    private final Map<Long, Hole> holes = new TreeMap<>();

    JournalGaps(Duration timeout) {
        this.timeout = timeout;
    }

    /** Notes the indexes {@code from..to} (inclusive) as holes seen while the given transactions ran. */
    void seen(long from, long to, List<Long> running, Instant now) {
        for (long index = from; index <= to; index++) {
            holes.merge(
                    index,
                    new Hole(List.copyOf(running), now),
                    (known, again) -> settled(known, now)
                            ? known
                            : new Hole(
                                    java.util.stream.Stream.concat(known.runningWhenSeen().stream(), running.stream())
                                            .distinct()
                                            .toList(),
                                    known.seenAt()));
        }
    }

    /** The transactions any hole still waits for. */
    Set<Long> awaited() {
        Set<Long> awaited = new TreeSet<>();
        holes.values().forEach(hole -> awaited.addAll(hole.runningWhenSeen()));
        return awaited;
    }

    /**
     * Whether the journal may pass a missing index: none of the transactions running when the hole was
     * seen is running still ({@code stillRunning} was read before the events that showed the hole missing
     * again), or the hole has stood for the timeout. An index never seen before may not be passed: it is
     * seen now, and judged on a later round.
     */
    boolean passable(long index, Set<Long> stillRunning, Instant now) {
        Hole hole = holes.get(index);
        return hole != null
                && settled(hole, now)
                && (ended(hole, stillRunning) || !now.isBefore(hole.seenAt().plus(timeout)));
    }

    private static boolean settled(Hole hole, Instant now) {
        return !now.isBefore(hole.seenAt().plus(SETTLE));
    }

    /** Whether the hole is passed because of the timeout alone (worth a warning). */
    boolean timedOut(long index, Set<Long> stillRunning) {
        Hole hole = holes.get(index);
        return hole != null && !ended(hole, stillRunning);
    }

    private static boolean ended(Hole hole, Set<Long> stillRunning) {
        return hole.runningWhenSeen().stream().noneMatch(stillRunning::contains);
    }

    /** Forgets the holes at or below the journal's position: they are behind it for good. */
    void passedUpTo(long position) {
        holes.keySet().removeIf(index -> index <= position);
    }
}
