package com.tuitionescrow.ledger.api.audit;

import com.tuitionescrow.ledger.api.settlement.PostingView;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One journal entry. {@code hash} is SHA-256 over {@code prevHash} and the entry's content, so an
 * auditor can recompute the chain from the first entry and detect any change.
 */
public record JournalEntryView(
        long seq,
        String entryId,
        String type,
        OffsetDateTime occurredAt,
        OffsetDateTime recordedAt,
        String actor,
        List<PostingView> postings,
        String prevHash,
        String hash) {
    public JournalEntryView {
        postings = List.copyOf(postings);
    }
}
