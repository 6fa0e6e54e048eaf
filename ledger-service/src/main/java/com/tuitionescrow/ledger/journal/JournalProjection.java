package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;

/**
 * The journal entries, postings and balances of stored events. {@link #linkOf} is the one
 * definition of an event's entry: the writer stores it, and verification derives it again from the
 * event store and compares it with what is stored.
 */
@Component
class JournalProjection {

    /** Below PostgreSQL's limit of 65 535 bind values in one statement. */
    private static final int MAX_BIND_VALUES = 30_000;

    /** The batch's change to each account, as a table of arrays ({@link #updateBalances}). */
    private static final String CHANGE = "change";

    private static final Field<String> CHANGE_CODE = field(name(CHANGE, "account_code"), String.class);
    private static final Field<Long> CHANGE_DEBIT = field(name(CHANGE, "debit_fen"), Long.class);
    private static final Field<Long> CHANGE_CREDIT = field(name(CHANGE, "credit_fen"), Long.class);
    private static final Field<Long> CHANGE_LAST_SEQ = field(name(CHANGE, "last_seq"), Long.class);

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

    /** An entry to store: its link and the postings it was made of. */
    record Entry(Link link, List<Posting> postings) {}

    /**
     * Stores a batch of entries, in order, each chained to the one before and the first to
     * {@code prevHash}; returns the last one's hash. Set-wise: the entries, their postings and the
     * balances each take a statement or two for the whole batch, and store what writing the entries
     * one by one would.
     */
    byte[] write(List<Entry> entries, byte[] prevHash) {
        byte[] hash = prevHash;
        List<Chained> chained = new ArrayList<>(entries.size());
        List<Numbered> lines = new ArrayList<>();
        BalanceChanges balances = new BalanceChanges();
        for (Entry entry : entries) {
            Link link = entry.link();
            byte[] prev = hash;
            hash = JournalChain.hash(prev, link);
            chained.add(new Chained(link, prev, hash));
            short number = 0;
            for (JournalChain.Line line : link.lines()) {
                lines.add(new Numbered(link.seq(), ++number, line));
            }
            balances.add(link.seq(), entry.postings());
        }
        for (List<Chained> chunk : chunks(chained, 11)) {
            var insert = db.insertInto(
                    JOURNAL_ENTRY,
                    JOURNAL_ENTRY.SEQ,
                    JOURNAL_ENTRY.GLOBAL_INDEX,
                    JOURNAL_ENTRY.ENTRY_ID,
                    JOURNAL_ENTRY.ENTRY_TYPE,
                    JOURNAL_ENTRY.INSTITUTION_ID,
                    JOURNAL_ENTRY.ORDER_ID,
                    JOURNAL_ENTRY.OCCURRED_AT,
                    JOURNAL_ENTRY.RECORDED_AT,
                    JOURNAL_ENTRY.ACTOR,
                    JOURNAL_ENTRY.PREV_HASH,
                    JOURNAL_ENTRY.HASH);
            for (Chained c : chunk) {
                Link link = c.link();
                insert = insert.values(
                        link.seq(),
                        link.globalIndex(),
                        link.entryId(),
                        link.type(),
                        link.institutionId(),
                        link.orderId(),
                        utc(link.occurredAt()),
                        utc(link.recordedAt()),
                        link.actor(),
                        c.prevHash(),
                        c.hash());
            }
            insert.execute();
        }
        for (List<Numbered> chunk : chunks(lines, 7)) {
            var insert = db.insertInto(
                    JOURNAL_POSTING,
                    JOURNAL_POSTING.SEQ,
                    JOURNAL_POSTING.LINE,
                    JOURNAL_POSTING.ACCOUNT_CODE,
                    JOURNAL_POSTING.ACCOUNT_TYPE,
                    JOURNAL_POSTING.INSTITUTION_ID,
                    JOURNAL_POSTING.DEBIT_FEN,
                    JOURNAL_POSTING.CREDIT_FEN);
            for (Numbered n : chunk) {
                JournalChain.Line line = n.line();
                insert = insert.values(
                        n.seq(),
                        n.number(),
                        line.accountCode(),
                        line.accountType(),
                        line.institutionId(),
                        line.debitFen(),
                        line.creditFen());
            }
            insert.execute();
        }
        updateBalances(balances);
        return hash;
    }

    private record Chained(Link link, byte[] prevHash, byte[] hash) {}

    private record Numbered(long seq, short number, JournalChain.Line line) {}

    /**
     * The batch's change to each account, in two statements: the accounts that have a row are updated
     * first, then the others inserted. The stored balances are checked against going negative after
     * every statement, so an insert-or-update would not do: its proposed new row (a bare debit to a
     * liability) is checked before it meets the existing one. The check sees only the batch's end, so
     * each change is also held to the balances its entries reached one by one ({@link BalanceChanges}).
     * One writer holds the journal's head at a time, so no insert races.
     */
    private void updateBalances(BalanceChanges balances) {
        if (balances.isEmpty()) {
            return;
        }
        List<String> codes = new ArrayList<>();
        List<Long> debits = new ArrayList<>();
        List<Long> credits = new ArrayList<>();
        List<Long> lastSeqs = new ArrayList<>();
        for (BalanceChanges.Change change : balances.all()) {
            codes.add(change.account().toString());
            debits.add(change.debitFen());
            credits.add(change.creditFen());
            lastSeqs.add(change.lastSeq());
        }
        Map<String, long[]> updated = new HashMap<>();
        db.update(ACCOUNT_BALANCE)
                .set(ACCOUNT_BALANCE.DEBIT_FEN, ACCOUNT_BALANCE.DEBIT_FEN.plus(CHANGE_DEBIT))
                .set(ACCOUNT_BALANCE.CREDIT_FEN, ACCOUNT_BALANCE.CREDIT_FEN.plus(CHANGE_CREDIT))
                .set(ACCOUNT_BALANCE.LAST_SEQ, CHANGE_LAST_SEQ)
                .from(table(
                        "unnest({0}, {1}, {2}, {3}) as " + CHANGE + "(account_code, debit_fen, credit_fen, last_seq)",
                        val(codes.toArray(String[]::new)),
                        val(debits.toArray(Long[]::new)),
                        val(credits.toArray(Long[]::new)),
                        val(lastSeqs.toArray(Long[]::new))))
                .where(ACCOUNT_BALANCE.ACCOUNT_CODE.eq(CHANGE_CODE))
                .returning(ACCOUNT_BALANCE.ACCOUNT_CODE, ACCOUNT_BALANCE.DEBIT_FEN, ACCOUNT_BALANCE.CREDIT_FEN)
                .fetch()
                .forEach(r -> updated.put(
                        r.get(ACCOUNT_BALANCE.ACCOUNT_CODE),
                        new long[] {r.get(ACCOUNT_BALANCE.DEBIT_FEN), r.get(ACCOUNT_BALANCE.CREDIT_FEN)}));
        List<BalanceChanges.Change> inserted = new ArrayList<>();
        for (BalanceChanges.Change change : balances.all()) {
            long[] after = updated.get(change.account().toString());
            if (after == null) {
                change.requireNeverNegative(0, 0);
                inserted.add(change);
            } else {
                change.requireNeverNegative(
                        Fen.minus(after[0], change.debitFen()), Fen.minus(after[1], change.creditFen()));
            }
        }
        for (List<BalanceChanges.Change> chunk : chunks(inserted, 7)) {
            var insert = db.insertInto(
                    ACCOUNT_BALANCE,
                    ACCOUNT_BALANCE.ACCOUNT_CODE,
                    ACCOUNT_BALANCE.ACCOUNT_TYPE,
                    ACCOUNT_BALANCE.INSTITUTION_ID,
                    ACCOUNT_BALANCE.STUDENT_ID,
                    ACCOUNT_BALANCE.DEBIT_FEN,
                    ACCOUNT_BALANCE.CREDIT_FEN,
                    ACCOUNT_BALANCE.LAST_SEQ);
            for (BalanceChanges.Change change : chunk) {
                AccountCode account = change.account();
                insert = insert.values(
                        account.toString(),
                        account.type().name(),
                        account.institutionId(),
                        account.studentId(),
                        change.debitFen(),
                        change.creditFen(),
                        change.lastSeq());
            }
            insert.execute();
        }
    }

    /** The rows in runs that each stay under PostgreSQL's limit of bind values in one statement. */
    private static <R> List<List<R>> chunks(List<R> rows, int columns) {
        int size = MAX_BIND_VALUES / columns;
        List<List<R>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + size)));
        }
        return chunks;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
