package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;
import static org.jooq.impl.DSL.select;

import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.schema.tables.records.JournalEntryRecord;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Result;
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
        return views(db.selectFrom(JOURNAL_ENTRY)
                .where(JOURNAL_ENTRY.SEQ.gt(afterSeq))
                .orderBy(JOURNAL_ENTRY.SEQ)
                .limit(limit)
                .fetch());
    }

    /**
     * Entries that match every criterion given, in seq order after {@code afterSeq}. An entry is an
     * institution's or an account's when one of its postings is, so those two are read through the
     * postings' indexes.
     */
    List<JournalEntryView> search(JournalFilter filter, long afterSeq, int limit) {
        Condition condition = JOURNAL_ENTRY.SEQ.gt(afterSeq);
        if (filter.institutionId() != null) {
            condition = condition.and(JOURNAL_ENTRY.SEQ.in(select(JOURNAL_POSTING.SEQ)
                    .from(JOURNAL_POSTING)
                    .where(
                            JOURNAL_POSTING.INSTITUTION_ID.eq(filter.institutionId()),
                            JOURNAL_POSTING.SEQ.gt(afterSeq))));
        }
        if (filter.accountCode() != null) {
            condition = condition.and(JOURNAL_ENTRY.SEQ.in(select(JOURNAL_POSTING.SEQ)
                    .from(JOURNAL_POSTING)
                    .where(JOURNAL_POSTING.ACCOUNT_CODE.eq(filter.accountCode()), JOURNAL_POSTING.SEQ.gt(afterSeq))));
        }
        if (filter.orderId() != null) {
            condition = condition.and(JOURNAL_ENTRY.ORDER_ID.eq(filter.orderId()));
        }
        if (filter.type() != null) {
            condition = condition.and(JOURNAL_ENTRY.ENTRY_TYPE.eq(filter.type()));
        }
        if (filter.from() != null) {
            condition = condition.and(JOURNAL_ENTRY.OCCURRED_AT.ge(filter.from().atOffset(ZoneOffset.UTC)));
        }
        if (filter.to() != null) {
            condition = condition.and(JOURNAL_ENTRY.OCCURRED_AT.lt(filter.to().atOffset(ZoneOffset.UTC)));
        }
        return views(db.selectFrom(JOURNAL_ENTRY)
                .where(condition)
                .orderBy(JOURNAL_ENTRY.SEQ)
                .limit(limit)
                .fetch());
    }

    /** The entries with their postings, read in one query for all of them. */
    private List<JournalEntryView> views(Result<JournalEntryRecord> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<Long> seqs = entries.map(JournalEntryRecord::getSeq);
        Map<Long, List<JournalEntryView.Line>> postings = db
                .selectFrom(JOURNAL_POSTING)
                .where(JOURNAL_POSTING.SEQ.in(seqs))
                .orderBy(JOURNAL_POSTING.SEQ, JOURNAL_POSTING.LINE)
                .fetch()
                .stream()
                .collect(Collectors.groupingBy(
                        p -> p.getSeq(),
                        Collectors.mapping(
                                p -> new JournalEntryView.Line(
                                        p.getAccountCode(),
                                        p.getAccountType(),
                                        p.getInstitutionId(),
                                        p.getDebitFen(),
                                        p.getCreditFen()),
                                Collectors.toList())));
        return entries.map(e -> new JournalEntryView(
                e.getSeq(),
                e.getGlobalIndex(),
                e.getEntryId(),
                e.getEntryType(),
                e.getInstitutionId(),
                e.getOrderId(),
                LedgerTime.offsetOf(e.getOccurredAt().toInstant()),
                LedgerTime.offsetOf(e.getRecordedAt().toInstant()),
                e.getActor(),
                postings.getOrDefault(e.getSeq(), List.of()),
                HEX.formatHex(e.getPrevHash()),
                HEX.formatHex(e.getHash())));
    }
}
