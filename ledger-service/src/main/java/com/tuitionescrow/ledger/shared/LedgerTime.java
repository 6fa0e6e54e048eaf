package com.tuitionescrow.ledger.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Rules that name a clock time or a date (20:30, "one month before the course starts") read Beijing time. */
public final class LedgerTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /**
     * How far a client's clock may run ahead of the ledger's: a fact reported as having happened
     * later than this after the ledger's now (a lesson not yet over, money not yet received) is refused.
     */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private LedgerTime() {}

    /** Whether a fact is reported as happening later than the ledger's now allows (see {@link #CLOCK_TOLERANCE}). */
    public static boolean isAhead(Instant reported, Instant now) {
        return reported.isAfter(now.plus(CLOCK_TOLERANCE));
    }

    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    public static OffsetDateTime offsetOf(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }
}
