package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.accounting.JournalChain;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.accounting.Posting;
import com.tuitionescrow.ledger.platform.axon.Projection;
import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import com.tuitionescrow.ledger.platform.security.Caller;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.springframework.stereotype.Component;

/**
 * The journal, postings and balances, projected from the event store by one streaming processor
 * with a single segment: the journal's order is the event store's order, its seq has no gaps, and
 * each entry's hash chains it to the one before. It runs off the command path, in batches; its
 * token is stored in the same transaction as its rows, so a batch is applied exactly once.
 */
@Component
@ProcessingGroup(JournalProjection.GROUP)
@Projection(value = Runs.AFTER_COMMIT, batchSize = 200)
class JournalProjection {

    static final String GROUP = "ledger-journal";
    /** A batch rolled back takes its unit of work, and this, with it: the next reads the tail afresh. */
    private static final String TAIL = "ledger-journal.tail";

    private final DSLContext db;

    JournalProjection(DSLContext db) {
        this.db = db;
    }

    /**
     * Takes every event, though only those with postings are journaled: the processor stores its token
     * only with the batches it handles, so this way the token says how far the journal has read (what
     * {@link JournalFreshness} waits on), not merely where the last entry was.
     */
    @EventHandler
    void on(Object event, EventMessage<?> message, @MetaDataValue(Caller.ACTOR) String actor, UnitOfWork<?> batch) {
        if (event instanceof Journaled journaled) {
            journal(journaled, message, actor, batch);
        }
    }

    /** The last entry written: read once per batch, then carried from entry to entry within it. */
    private record Tail(long seq, byte[] hash) {
    }

    private Tail tail() {
        Record2<Long, byte[]> last = db.select(JOURNAL_ENTRY.SEQ, JOURNAL_ENTRY.HASH)
                .from(JOURNAL_ENTRY).orderBy(JOURNAL_ENTRY.SEQ.desc()).limit(1).fetchOne();
        return last == null ? new Tail(0, JournalChain.genesis()) : new Tail(last.value1(), last.value2());
    }

    private void journal(Journaled event, EventMessage<?> message, String actor, UnitOfWork<?> batch) {
        JournalEntry entry = event.journalEntry();
        Tail tail = batch.getOrComputeResource(TAIL, key -> tail());
        long seq = tail.seq() + 1;
        byte[] prevHash = tail.hash();
        String type = event.getClass().getSimpleName();
        Instant occurredAt = JournalChain.toStoredPrecision(event.occurredAt());
        Instant recordedAt = JournalChain.toStoredPrecision(message.getTimestamp());
        String recordedActor = actor == null ? "unknown" : actor;
        byte[] hash = JournalChain.hash(prevHash, seq, message.getIdentifier(), type, occurredAt, recordedAt,
                recordedActor, entry.postings());

        db.insertInto(JOURNAL_ENTRY)
                .set(JOURNAL_ENTRY.SEQ, seq)
                .set(JOURNAL_ENTRY.ENTRY_ID, message.getIdentifier())
                .set(JOURNAL_ENTRY.ENTRY_TYPE, type)
                .set(JOURNAL_ENTRY.INSTITUTION_ID, entry.postings().get(0).account().institutionId())
                .set(JOURNAL_ENTRY.ORDER_ID, event.orderId())
                .set(JOURNAL_ENTRY.OCCURRED_AT, utc(occurredAt))
                .set(JOURNAL_ENTRY.RECORDED_AT, utc(recordedAt))
                .set(JOURNAL_ENTRY.ACTOR, recordedActor)
                .set(JOURNAL_ENTRY.PREV_HASH, prevHash)
                .set(JOURNAL_ENTRY.HASH, hash)
                .execute();
        insertPostings(seq, entry.postings());
        updateBalances(seq, entry.postings());
        batch.resources().put(TAIL, new Tail(seq, hash));
    }

    private void insertPostings(long seq, List<Posting> postings) {
        var insert = db.insertInto(JOURNAL_POSTING,
                JOURNAL_POSTING.SEQ, JOURNAL_POSTING.LINE, JOURNAL_POSTING.ACCOUNT_CODE, JOURNAL_POSTING.ACCOUNT_TYPE,
                JOURNAL_POSTING.INSTITUTION_ID, JOURNAL_POSTING.DEBIT_FEN, JOURNAL_POSTING.CREDIT_FEN);
        short line = 0;
        for (Posting posting : postings) {
            AccountCode account = posting.account();
            insert = insert.values(seq, ++line, account.toString(), account.type().name(), account.institutionId(),
                    posting.debitFen(), posting.creditFen());
        }
        insert.execute();
    }

    /**
     * One change per account, with the entry's net effect on it. The stored balances are checked
     * against going negative after every statement, so the update comes first: an insert-or-update
     * would have its proposed new row checked (a bare debit to a liability) before it meets the
     * existing one. The single-segment processor is the only writer, so no insert races.
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
