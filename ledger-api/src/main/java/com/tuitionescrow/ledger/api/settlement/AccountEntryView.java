package com.tuitionescrow.ledger.api.settlement;

import java.time.OffsetDateTime;

/** One line of an account's statement, with the running balance after it (normal side). */
public record AccountEntryView(
        long seq,
        String entryId,
        String type,
        String orderId,
        OffsetDateTime occurredAt,
        OffsetDateTime recordedAt,
        long debitFen,
        long creditFen,
        long balanceAfterFen) {}
