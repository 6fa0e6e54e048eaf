package com.tuitionescrow.ledger.api.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A caller that repeats a bank call through a long outage, as LedgerUnavailableException tells it
 * to, signs the same body many times a second. Each signature must differ from the last, yet none
 * may run so far ahead of the clock that the ledger refuses it as stale (300 s): the fault harness
 * lost the outcome of a collection that way (its retry after a restart was 401 SIGNATURE_STALE).
 */
class SigningTimestampsTest {

    private static final long LEDGER_SKEW_SECONDS = 300;
    private static final byte[] BODY = "{\"bankTxnId\":\"TXN-1\"}".getBytes(StandardCharsets.UTF_8);

    /** A clock that moves by {@code step} at every reading, as a caller retrying every {@code step} sees it. */
    private static final class SteppingClock extends Clock {
        private final Duration step;
        private Instant now = Instant.parse("2026-11-30T10:00:00Z");

        SteppingClock(Duration step) {
            this.step = step;
        }

        @Override
        public synchronized Instant instant() {
            now = now.plus(step);
            return now;
        }

        synchronized Instant peek() {
            return now;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void the_same_body_signed_five_times_a_second_for_ten_minutes_stays_within_the_ledgers_skew() throws Exception {
        SteppingClock clock = new SteppingClock(Duration.ofMillis(200));
        SigningTimestamps timestamps = new SigningTimestamps(clock, clock::advance);

        long previous = Long.MIN_VALUE;
        for (int attempt = 0; attempt < 3000; attempt++) {
            long signedAt = timestamps.next(BODY);
            assertThat(signedAt).as("attempt %d is signed apart from the one before", attempt).isGreaterThan(previous);
            assertThat(signedAt - clock.peek().getEpochSecond()).as("attempt %d's lead on the clock", attempt)
                    .isLessThan(LEDGER_SKEW_SECONDS);
            previous = signedAt;
        }
        assertThat(previous - clock.peek().getEpochSecond()).as("the lead is bounded, not merely under the skew")
                .isLessThanOrEqualTo(SigningTimestamps.LEAD_SECONDS_MAX);
    }

    @Test
    void a_body_waits_for_the_clock_while_other_bodies_are_signed_at_once() throws Exception {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC);
        java.util.List<Duration> pauses = new java.util.ArrayList<>();
        SigningTimestamps timestamps = new SigningTimestamps(fixed, duration -> {
            pauses.add(duration);
            throw new InterruptedException("the test stops the wait");
        });
        long now = fixed.instant().getEpochSecond();

        for (int attempt = 0; attempt <= SigningTimestamps.LEAD_SECONDS_MAX; attempt++) {
            assertThat(timestamps.next(BODY)).isEqualTo(now + attempt);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> timestamps.next(BODY))
                .isInstanceOf(InterruptedException.class);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
        assertThat(timestamps.next("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(now);
    }
}
