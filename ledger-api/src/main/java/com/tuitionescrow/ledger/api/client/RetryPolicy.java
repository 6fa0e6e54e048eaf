package com.tuitionescrow.ledger.api.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often {@link LedgerClient} sends a call whose first attempts failed in a way worth repeating
 * (see {@link LedgerClient} for which failures and why repeating is safe), and how long it waits
 * in between: doubling from {@code firstBackoff} up to {@code maxBackoff}, each pause drawn between
 * half and all of that so that clients that failed together do not come back together.
 *
 * @param maxAttempts  attempts in all, the first included; 1 never repeats
 * @param firstBackoff the pause before the second attempt, at most
 * @param maxBackoff   the longest pause
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    /** Beyond these a caller is better served by failing and trying again later itself. */
    public static final int MAX_ATTEMPTS_LIMIT = 10;

    public static final Duration MAX_BACKOFF_LIMIT = Duration.ofMinutes(1);

    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException("maxAttempts is 1 to " + MAX_ATTEMPTS_LIMIT + ": " + maxAttempts);
        }
        if (firstBackoff.isNegative()
                || maxBackoff.compareTo(firstBackoff) < 0
                || maxBackoff.compareTo(MAX_BACKOFF_LIMIT) > 0) {
            throw new IllegalArgumentException("0 <= firstBackoff <= maxBackoff <= " + MAX_BACKOFF_LIMIT + ": "
                    + firstBackoff + ", " + maxBackoff);
        }
    }

    /** Four attempts over about two seconds: rides out a restart or a failover, not an outage. */
    public static RetryPolicy standard() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(2));
    }

    /** One attempt: the caller repeats the call itself. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The pause before attempt {@code attempt} (2 for the first repeat). */
    Duration backoffBefore(int attempt) {
        if (attempt < 2 || attempt > maxAttempts) {
            throw new IllegalArgumentException("attempt " + attempt + " is not a repeat within " + maxAttempts);
        }
        // At most a minute shifted by at most 8: no overflow.
        long ceilingMillis = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << (attempt - 2));
        return Duration.ofMillis(
                ceilingMillis == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceilingMillis / 2, ceilingMillis + 1));
    }
}
