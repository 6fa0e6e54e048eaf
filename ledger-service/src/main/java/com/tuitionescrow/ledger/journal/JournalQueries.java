package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;

import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.api.settlement.PostingView;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** The journal as auditors read it: entries in seq order with their postings and chain hashes. */
@Repository
class JournalQueries {

    private static final HexFormat HEX = HexFormat.of();

    private final DSLContext db;

    JournalQueries(DSLContext db) {
        this.db = db;
    }

    List<JournalEntryView> page(long afterSeq, int limit) {
        var entries = db.selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.SEQ.gt(afterSeq))
                .orderBy(JOURNAL_ENTRY.SEQ)
                .limit(limit)
                .fetch();
        if (entries.isEmpty()) {
            return List.of();
        }
        long lastSeq = entries.get(entries.size() - 1).getSeq();
        Map<Long, List<PostingView>> postings = db.selectFrom(JOURNAL_POSTING)
                .where(JOURNAL_POSTING.SEQ.gt(afterSeq), JOURNAL_POSTING.SEQ.le(lastSeq))
                .orderBy(JOURNAL_POSTING.SEQ, JOURNAL_POSTING.LINE)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(p -> p.getSeq(),
                        Collectors.mapping(p -> new PostingView(p.getAccountCode(), p.getDebitFen(), p.getCreditFen()),
                                Collectors.toList())));
        return entries.map(e -> new JournalEntryView(
                e.getSeq(),
                e.getEntryId(),
                e.getEntryType(),
                LedgerTime.offsetOf(e.getOccurredAt().toInstant()),
                LedgerTime.offsetOf(e.getRecordedAt().toInstant()),
                e.getActor(),
                postings.getOrDefault(e.getSeq(), List.of()),
                HEX.formatHex(e.getPrevHash()),
                HEX.formatHex(e.getHash())));
    }
}
