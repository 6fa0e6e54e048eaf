package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The journal as NDJSON, one entry per line with its postings and chain hashes, streamed from one
 * read-only snapshot through a server-side cursor (entries joined with their postings, in seq and
 * line order, {@value #FETCH_SIZE} rows at a time): memory stays flat whatever the journal's size.
 */
@Component
class JournalExport {

    static final int FETCH_SIZE = 2000;
    private static final HexFormat HEX = HexFormat.of();

    private final DSLContext db;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;

    JournalExport(DSLContext db, ObjectMapper json, PlatformTransactionManager transactions) {
        this.db = db;
        this.json = json;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** Writes the entries after {@code afterSeq} up to {@code toSeq} (inclusive). */
    void write(long afterSeq, long toSeq, OutputStream out) {
        snapshot.executeWithoutResult(status -> {
            db.execute("set local application_name = '" + JournalWriter.READ_ONLY_APPLICATION + "'");
            try (Cursor<Record> rows = db.select(
                                    JOURNAL_ENTRY.asterisk(),
                                    JOURNAL_POSTING.LINE,
                                    JOURNAL_POSTING.ACCOUNT_CODE,
                                    JOURNAL_POSTING.ACCOUNT_TYPE,
                                    JOURNAL_POSTING.INSTITUTION_ID.as("posting_institution"),
                                    JOURNAL_POSTING.DEBIT_FEN,
                                    JOURNAL_POSTING.CREDIT_FEN)
                            .from(JOURNAL_ENTRY)
                            .join(JOURNAL_POSTING)
                            .on(JOURNAL_POSTING.SEQ.eq(JOURNAL_ENTRY.SEQ))
                            .where(JOURNAL_ENTRY.SEQ.gt(afterSeq), JOURNAL_ENTRY.SEQ.le(toSeq))
                            .orderBy(JOURNAL_ENTRY.SEQ, JOURNAL_POSTING.LINE)
                            .fetchSize(FETCH_SIZE)
                            .fetchLazy();
                    SequenceWriter lines = json.writer()
                            .withRootValueSeparator("\n")
                            .writeValues(new BufferedOutputStream(out, 64 * 1024))) {
                Record entry = null;
                List<JournalEntryView.Line> postings = new ArrayList<>();
                for (Record row : rows) {
                    if (entry != null && !entry.get(JOURNAL_ENTRY.SEQ).equals(row.get(JOURNAL_ENTRY.SEQ))) {
                        lines.write(view(entry, postings));
                        postings = new ArrayList<>();
                    }
                    entry = row;
                    postings.add(new JournalEntryView.Line(
                            row.get(JOURNAL_POSTING.ACCOUNT_CODE),
                            row.get(JOURNAL_POSTING.ACCOUNT_TYPE),
                            row.get("posting_institution", String.class),
                            row.get(JOURNAL_POSTING.DEBIT_FEN),
                            row.get(JOURNAL_POSTING.CREDIT_FEN)));
                }
                if (entry != null) {
                    lines.write(view(entry, postings));
                }
                lines.flush();
                if (entry != null) {
                    out.write('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the export's reader went away", e);
            }
        });
    }

    private static JournalEntryView view(Record e, List<JournalEntryView.Line> postings) {
        return new JournalEntryView(
                e.get(JOURNAL_ENTRY.SEQ),
                e.get(JOURNAL_ENTRY.GLOBAL_INDEX),
                e.get(JOURNAL_ENTRY.ENTRY_ID),
                e.get(JOURNAL_ENTRY.ENTRY_TYPE),
                e.get(JOURNAL_ENTRY.INSTITUTION_ID),
                e.get(JOURNAL_ENTRY.ORDER_ID),
                LedgerTime.offsetOf(e.get(JOURNAL_ENTRY.OCCURRED_AT).toInstant()),
                LedgerTime.offsetOf(e.get(JOURNAL_ENTRY.RECORDED_AT).toInstant()),
                e.get(JOURNAL_ENTRY.ACTOR),
                postings,
                HEX.formatHex(e.get(JOURNAL_ENTRY.PREV_HASH)),
                HEX.formatHex(e.get(JOURNAL_ENTRY.HASH)));
    }
}
