package com.tuitionescrow.ledger.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Rules that name a clock time or a date (20:30, "one month before the course starts") read Beijing time. */
public final class LedgerTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private LedgerTime() {
    }

    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    public static OffsetDateTime offsetOf(Instant instant) {
        return instant == null ? null : instant.atZone(ZONE).toOffsetDateTime();
    }
}
