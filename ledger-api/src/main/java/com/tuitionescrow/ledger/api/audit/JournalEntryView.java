package com.tuitionescrow.ledger.api.audit;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One journal entry, with every column its hash covers. {@code hash} is SHA-256 over
 * {@code prevHash} and the entry's canonical form
 * (docs/architecture.md, "The journal and its chain"), so an auditor can recompute the chain from
 * the first entry and detect any change.
 * {@code globalIndex} is the event's position in the event store, which orders the journal.
 */
public record JournalEntryView(
        long seq,
        long globalIndex,
        String entryId,
        String type,
        String institutionId,
        String orderId,
        OffsetDateTime occurredAt,
        OffsetDateTime recordedAt,
        String actor,
        List<Line> postings,
        String prevHash,
        String hash) {
    public JournalEntryView {
        postings = List.copyOf(postings);
    }

    /** A posting line as stored: the account's code, its type and institution, and one amount. */
    public record Line(String accountCode, String accountType, String institutionId, long debitFen, long creditFen) {}
}
