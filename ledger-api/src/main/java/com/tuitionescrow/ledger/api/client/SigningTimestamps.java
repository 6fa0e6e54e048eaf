package com.tuitionescrow.ledger.api.client;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The timestamp each bank call is signed with. The ledger refuses a signature it has seen before
 * ({@code SIGNATURE_REPLAYED}), and the signature covers only the timestamp and the body: a retry
 * sent within the second of its first attempt, or a second page of instructions fetched in the
 * same second as the first (every GET signs the same empty body), would repeat a signature. So a
 * body signed again gets one second more than it got last time, when the clock has not moved on.
 *
 * <p>A burst of identical bodies thus runs ahead of the clock by a second per call; the ledger
 * accepts 300 s of skew, which bounds such a burst to a few hundred calls in a few minutes. Bodies
 * are told apart by a hash: a collision only costs a second, never a refusal.
 */
final class SigningTimestamps {

    /** Enough for every body a client signs within a few seconds; older ones no longer collide. */
    static final int REMEMBERED_BODIES_MAX = 1024;

    private final Clock clock;
    private final Map<Long, Long> lastSecondByBody = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > REMEMBERED_BODIES_MAX;
        }
    };

    SigningTimestamps(Clock clock) {
        this.clock = clock;
    }

    /** Unix seconds to sign this body with: now, or later than any timestamp this body was signed with. */
    synchronized long next(byte[] body) {
        long now = clock.instant().getEpochSecond();
        long bodyKey = ((long) Arrays.hashCode(body) << 32) | body.length;
        Long last = lastSecondByBody.get(bodyKey);
        long timestamp = last == null || last < now ? now : last + 1;
        lastSecondByBody.put(bodyKey, timestamp);
        assert timestamp >= now && (last == null || timestamp > last);
        return timestamp;
    }
}
