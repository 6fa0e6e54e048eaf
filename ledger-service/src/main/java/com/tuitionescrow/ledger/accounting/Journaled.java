package com.tuitionescrow.ledger.accounting;

import java.time.Instant;

/** An event of the money cycle: it carries the balanced postings that record it in the ledger. */
public interface Journaled {

    JournalEntry journalEntry();

    /** When the fact happened in the world (the bank's receipt time, the lesson's end, ...). */
    Instant occurredAt();

    /** The order the entry concerns, where there is one. */
    default String orderId() {
        return null;
    }
}
