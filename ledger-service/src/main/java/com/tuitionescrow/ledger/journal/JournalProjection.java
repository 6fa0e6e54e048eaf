package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.accounting.JournalChain;
import com.tuitionescrow.ledger.accounting.JournalChain.Link;
import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.accounting.Posting;
import com.tuitionescrow.ledger.journal.StoredEvents.StoredEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * The journal entry, postings and balances of one stored event. {@link #linkOf} is the one
 * definition of an event's entry: the writer stores it, and verification derives it again from the
 * event store and compares it with what is stored.
 */
@Component
class JournalProjection {

    private final DSLContext db;

    JournalProjection(DSLContext db) {
        this.db = db;
    }

    /** The entry a journaled event makes at {@code seq}: every column is a function of the stored event. */
    static Link linkOf(long seq, StoredEvent event) {
        Journaled journaled = event.payload();
        List<Posting> postings = journaled.journalEntry().postings();
        return new Link(
                seq,
                event.globalIndex(),
                event.eventId(),
                journaled.getClass().getSimpleName(),
                postings.get(0).account().institutionId(),
                journaled.orderId(),
                JournalChain.toStoredPrecision(journaled.occurredAt()),
                JournalChain.toStoredPrecision(event.recordedAt()),
                event.actor() == null ? "unknown" : event.actor(),
                postings.stream().map(JournalChain.Line::of).toList());
    }

    /** Stores the entry chained to {@code prevHash}; returns its hash. */
    byte[] write(Link link, byte[] prevHash, List<Posting> postings) {
        byte[] hash = JournalChain.hash(prevHash, link);
        db.insertInto(JOURNAL_ENTRY)
                .set(JOURNAL_ENTRY.SEQ, link.seq())
                .set(JOURNAL_ENTRY.GLOBAL_INDEX, link.globalIndex())
                .set(JOURNAL_ENTRY.ENTRY_ID, link.entryId())
                .set(JOURNAL_ENTRY.ENTRY_TYPE, link.type())
                .set(JOURNAL_ENTRY.INSTITUTION_ID, link.institutionId())
                .set(JOURNAL_ENTRY.ORDER_ID, link.orderId())
                .set(JOURNAL_ENTRY.OCCURRED_AT, utc(link.occurredAt()))
                .set(JOURNAL_ENTRY.RECORDED_AT, utc(link.recordedAt()))
                .set(JOURNAL_ENTRY.ACTOR, link.actor())
                .set(JOURNAL_ENTRY.PREV_HASH, prevHash)
                .set(JOURNAL_ENTRY.HASH, hash)
                .execute();
        insertPostings(link);
        updateBalances(link.seq(), postings);
        return hash;
    }

    private void insertPostings(Link link) {
        var insert = db.insertInto(
                JOURNAL_POSTING,
                JOURNAL_POSTING.SEQ,
                JOURNAL_POSTING.LINE,
                JOURNAL_POSTING.ACCOUNT_CODE,
                JOURNAL_POSTING.ACCOUNT_TYPE,
                JOURNAL_POSTING.INSTITUTION_ID,
                JOURNAL_POSTING.DEBIT_FEN,
                JOURNAL_POSTING.CREDIT_FEN);
        short number = 0;
        for (JournalChain.Line line : link.lines()) {
            insert = insert.values(
                    link.seq(),
                    ++number,
                    line.accountCode(),
                    line.accountType(),
                    line.institutionId(),
                    line.debitFen(),
                    line.creditFen());
        }
        insert.execute();
    }

    /**
     * One change per account, with the entry's net effect on it. The stored balances are checked
     * against going negative after every statement, so the update comes first: an insert-or-update
     * would have its proposed new row checked (a bare debit to a liability) before it meets the
     * existing one. One writer holds the journal's head at a time, so no insert races.
     */
    private void updateBalances(long seq, List<Posting> postings) {
        Map<AccountCode, long[]> net = new LinkedHashMap<>();
        for (Posting posting : postings) {
            long[] t = net.computeIfAbsent(posting.account(), a -> new long[2]);
            t[0] = Fen.plus(t[0], posting.debitFen());
            t[1] = Fen.plus(t[1], posting.creditFen());
        }
        net.forEach((account, t) -> {
            int updated = db.update(ACCOUNT_BALANCE)
                    .set(ACCOUNT_BALANCE.DEBIT_FEN, ACCOUNT_BALANCE.DEBIT_FEN.plus(t[0]))
                    .set(ACCOUNT_BALANCE.CREDIT_FEN, ACCOUNT_BALANCE.CREDIT_FEN.plus(t[1]))
                    .set(ACCOUNT_BALANCE.LAST_SEQ, seq)
                    .where(ACCOUNT_BALANCE.ACCOUNT_CODE.eq(account.toString()))
                    .execute();
            if (updated == 0) {
                db.insertInto(ACCOUNT_BALANCE)
                        .set(ACCOUNT_BALANCE.ACCOUNT_CODE, account.toString())
                        .set(ACCOUNT_BALANCE.ACCOUNT_TYPE, account.type().name())
                        .set(ACCOUNT_BALANCE.INSTITUTION_ID, account.institutionId())
                        .set(ACCOUNT_BALANCE.STUDENT_ID, account.studentId())
                        .set(ACCOUNT_BALANCE.DEBIT_FEN, t[0])
                        .set(ACCOUNT_BALANCE.CREDIT_FEN, t[1])
                        .set(ACCOUNT_BALANCE.LAST_SEQ, seq)
                        .execute();
            }
        });
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
