package com.tuitionescrow.ledger.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holes in the event store's global index below an event already visible. A hole is a transaction
 * that took its index and has not committed yet, or one that rolled back and never will: PostgreSQL
 * hands out sequence values outside transactions. The journal must not pass a hole that may still
 * fill, or a late commit would take a later seq than the order of the event store gives it.
 *
 * <p>A hole is known to be final once every transaction that was running when it was seen has
 * ended: the transaction holding the index was among them (it took its index before the later
 * event's transaction did, which committed before the hole was seen). That is read from
 * PostgreSQL's snapshots: {@code pg_snapshot_xmax} when the hole is seen, {@code pg_snapshot_xmin}
 * since. After a hole has stood for the gap timeout it is passed in any case (Axon's own gap
 * handling does the same, with the same default of a minute), so a session left open in a
 * transaction cannot hold the journal back for ever; verification names an event that then
 * committed after all and has no entry.
 */
final class JournalGaps {

    /** A hole: the first transaction id not yet started when it was seen, and when. */
    private record Hole(long xmaxWhenSeen, Instant seenAt) {
    }

    private final Duration timeout;
    private final Map<Long, Hole> holes = new TreeMap<>();

    JournalGaps(Duration timeout) {
        this.timeout = timeout;
    }

    /** Notes the indexes {@code from..to} (inclusive) as holes seen at a snapshot whose xmax is given. */
    void seen(long from, long to, long xmax, Instant now) {
        for (long index = from; index <= to; index++) {
            holes.putIfAbsent(index, new Hole(xmax, now));
        }
    }

    /**
     * Whether the journal may pass a missing index: every transaction running when the hole was
     * seen has ended ({@code xmin} is the oldest transaction running now, read before the events that
     * showed the hole missing again), or the hole has stood for the timeout. An index never seen
     * before may not be passed: it is seen now, and judged on a later round.
     */
    boolean passable(long index, long xmin, Instant now) {
        Hole hole = holes.get(index);
        return hole != null && (xmin >= hole.xmaxWhenSeen() || !now.isBefore(hole.seenAt().plus(timeout)));
    }

    /** Whether the hole was passed because of the timeout alone (worth a warning). */
    boolean timedOut(long index, long xmin) {
        Hole hole = holes.get(index);
        return hole != null && xmin < hole.xmaxWhenSeen();
    }

    /** Forgets the holes at or below the journal's position: they are behind it for good. */
    void passedUpTo(long position) {
        holes.keySet().removeIf(index -> index <= position);
    }

    int size() {
        return holes.size();
    }
}
