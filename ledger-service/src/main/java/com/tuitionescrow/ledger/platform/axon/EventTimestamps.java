package com.tuitionescrow.ledger.platform.axon;

import java.time.Instant;
import org.axonframework.common.DateTimeUtils;

/**
 * An event's timestamp as the event store keeps it. Axon's JDBC engine writes it as text to the
 * millisecond, so a handler given the message in the command's transaction sees finer time than the
 * stored event holds: a read model that keeps the timestamp keeps the stored one, so that projecting
 * the stored events again gives the same row.
 */
public final class EventTimestamps {

    private EventTimestamps() {}

    public static Instant asStored(Instant timestamp) {
        return DateTimeUtils.parseInstant(DateTimeUtils.formatInstant(timestamp));
    }
}
