package com.tuitionescrow.ledger.api.client;

import java.time.Clock;
import java.time.Duration;
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
 * <p>A burst of identical bodies thus runs ahead of the clock by a second per call, and the ledger
 * refuses a timestamp more than 300 s away from its clock ({@code SIGNATURE_STALE}, final). A caller
 * repeating one call through a long outage (a restart, a database failover) signs it many times a
 * second for minutes, so a body's lead is bounded: once it is {@link #LEAD_SECONDS_MAX} ahead, its
 * next signing waits for the clock. Bodies are told apart by a hash: a collision only costs a
 * second, never a refusal.
 */
final class SigningTimestamps {

    /** Enough for every body a client signs within a few seconds; older ones no longer collide. */
    static final int REMEMBERED_BODIES_MAX = 1024;
    /** A tenth of the ledger's 300 s skew: room for a burst, and for a clock a little off the ledger's. */
    static final long LEAD_SECONDS_MAX = 30;

    /** How a signing that must wait for the clock waits. */
    interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Pause pause;
    private final Map<Long, Long> lastSecondByBody = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > REMEMBERED_BODIES_MAX;
        }
    };

    SigningTimestamps(Clock clock) {
        this(clock, duration -> Thread.sleep(duration.toMillis()));
    }

    SigningTimestamps(Clock clock, Pause pause) {
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * Unix seconds to sign this body with: now, or later than any timestamp this body was signed with,
     * and at most {@link #LEAD_SECONDS_MAX} ahead of the clock: a body that far ahead waits (outside
     * the lock, so other bodies are signed meanwhile).
     */
    long next(byte[] body) throws InterruptedException {
        long bodyKey = ((long) Arrays.hashCode(body) << 32) | body.length;
        while (true) {
            long aheadSeconds;
            synchronized (this) {
                long now = clock.instant().getEpochSecond();
                Long last = lastSecondByBody.get(bodyKey);
                long timestamp = last == null || last < now ? now : last + 1;
                aheadSeconds = timestamp - now - LEAD_SECONDS_MAX;
                if (aheadSeconds <= 0) {
                    lastSecondByBody.put(bodyKey, timestamp);
                    assert timestamp >= now && (last == null || timestamp > last);
                    return timestamp;
                }
            }
            pause.sleep(Duration.ofSeconds(aheadSeconds));
        }
    }
}
