package com.tuitionescrow.ledger.reconciliation;

import static com.tuitionescrow.ledger.schema.Tables.RECONCILIATION;
import static com.tuitionescrow.ledger.schema.Tables.RECONCILIATION_FINDING;

import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.AmountMismatch;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.BankEntry;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.LedgerFact;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.Reversal;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationSummary;
import com.tuitionescrow.ledger.api.reconciliation.StatementFormat;
import com.tuitionescrow.ledger.schema.tables.records.ReconciliationFindingRecord;
import com.tuitionescrow.ledger.schema.tables.records.ReconciliationRecord;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Reports and their findings, as the statement found the ledger when it arrived. */
@Repository
class ReconciliationStore {

    /** Findings are inserted in batches of this many rows: few round trips, bounded statements. */
    private static final int INSERT_BATCH = 1000;

    private enum Finding {
        MISSING_IN_LEDGER,
        MISSING_IN_BANK,
        AMOUNT_MISMATCH,
        PENDING,
        REVERSED
    }

    private final DSLContext db;

    ReconciliationStore(DSLContext db) {
        this.db = db;
    }

    /** The reports of the file with this content, in the file's order; none if it never arrived. */
    List<String> statementsOfFile(byte[] contentSha256) {
        return db.select(RECONCILIATION.STATEMENT_ID)
                .from(RECONCILIATION)
                .where(RECONCILIATION.CONTENT_SHA256.eq(contentSha256))
                .orderBy(RECONCILIATION.FILE_INDEX)
                .fetch(RECONCILIATION.STATEMENT_ID);
    }

    /** The other reports of the file a report came in, in the file's order. */
    List<String> othersOfTheSameFile(String statementId) {
        var file = RECONCILIATION.as("file");
        return db.select(RECONCILIATION.STATEMENT_ID)
                .from(RECONCILIATION)
                .join(file)
                .on(file.CONTENT_SHA256.eq(RECONCILIATION.CONTENT_SHA256))
                .where(file.STATEMENT_ID.eq(statementId), RECONCILIATION.STATEMENT_ID.ne(statementId))
                .orderBy(RECONCILIATION.FILE_INDEX)
                .fetch(RECONCILIATION.STATEMENT_ID);
    }

    /** The reports named, in the order named. */
    List<ReconciliationSummary> summaries(List<String> statementIds) {
        if (statementIds.isEmpty()) {
            return List.of();
        }
        Map<String, ReconciliationSummary> byId = db.selectFrom(RECONCILIATION)
                .where(RECONCILIATION.STATEMENT_ID.in(statementIds))
                .fetchMap(RECONCILIATION.STATEMENT_ID, ReconciliationStore::summary);
        return statementIds.stream().map(byId::get).toList();
    }

    /**
     * Within the caller's transaction. A concurrent upload of the same file fails on the unique
     * content hash and place, and its retry finds these reports.
     */
    void save(ReconciliationReport report, byte[] contentSha256, int fileIndex, StatementFormat format, String actor) {
        db.insertInto(RECONCILIATION)
                .set(RECONCILIATION.STATEMENT_ID, report.statementId())
                .set(RECONCILIATION.CONTENT_SHA256, contentSha256)
                .set(RECONCILIATION.FILE_INDEX, fileIndex)
                .set(RECONCILIATION.FORMAT, format.name())
                .set(RECONCILIATION.INSTITUTION_ID, report.institutionId())
                .set(RECONCILIATION.CUSTODY_ACCOUNT_NO, report.custodyAccountNo())
                .set(RECONCILIATION.FROM_DATE, report.fromDate())
                .set(RECONCILIATION.TO_DATE, report.toDate())
                .set(RECONCILIATION.MATCHED, report.matched())
                .set(RECONCILIATION.MISSING_IN_LEDGER, report.missingInLedger().size())
                .set(RECONCILIATION.MISSING_IN_BANK, report.missingInBank().size())
                .set(RECONCILIATION.AMOUNT_MISMATCHES, report.amountMismatches().size())
                .set(RECONCILIATION.PENDING, report.pending().size())
                .set(RECONCILIATION.REVERSED, report.reversed().size())
                .set(RECONCILIATION.BANK_OPENING_FEN, report.bankOpeningFen())
                .set(RECONCILIATION.BANK_CLOSING_FEN, report.bankClosingFen())
                .set(RECONCILIATION.LEDGER_CLOSING_FEN, report.ledgerClosingFen())
                .set(RECONCILIATION.STATEMENT_CONSISTENT, report.statementConsistent())
                .set(RECONCILIATION.RECONCILED, report.reconciled())
                .set(RECONCILIATION.RECEIVED_AT, report.receivedAt())
                .set(RECONCILIATION.ACTOR, actor)
                .execute();
        List<ReconciliationFindingRecord> rows = findings(report);
        for (int from = 0; from < rows.size(); from += INSERT_BATCH) {
            var insert = db.insertInto(RECONCILIATION_FINDING, RECONCILIATION_FINDING.fields());
            for (ReconciliationFindingRecord row : rows.subList(from, Math.min(rows.size(), from + INSERT_BATCH))) {
                insert = insert.values(row.intoArray());
            }
            insert.execute();
        }
    }

    Optional<ReconciliationReport> find(String statementId) {
        ReconciliationRecord head = db.selectFrom(RECONCILIATION)
                .where(RECONCILIATION.STATEMENT_ID.eq(statementId))
                .fetchOne();
        if (head == null) {
            return Optional.empty();
        }
        List<BankEntry> missingInLedger = new ArrayList<>();
        List<LedgerFact> missingInBank = new ArrayList<>();
        List<AmountMismatch> mismatches = new ArrayList<>();
        List<BankEntry> pending = new ArrayList<>();
        List<Reversal> reversed = new ArrayList<>();
        db.selectFrom(RECONCILIATION_FINDING)
                .where(RECONCILIATION_FINDING.STATEMENT_ID.eq(statementId))
                .orderBy(RECONCILIATION_FINDING.LINE)
                .forEach(f -> {
                    CreditDebit kind = CreditDebit.valueOf(f.getKind());
                    switch (Finding.valueOf(f.getFinding())) {
                        case MISSING_IN_LEDGER -> missingInLedger.add(bankEntry(f, kind));
                        case PENDING -> pending.add(bankEntry(f, kind));
                        case MISSING_IN_BANK ->
                            missingInBank.add(new LedgerFact(
                                    f.getBankRef(),
                                    kind,
                                    f.getLedgerFen(),
                                    LedgerTime.offsetOf(f.getOccurredAt().toInstant())));
                        case AMOUNT_MISMATCH ->
                            mismatches.add(new AmountMismatch(f.getBankRef(), kind, f.getBankFen(), f.getLedgerFen()));
                        case REVERSED -> reversed.add(new Reversal(f.getBankRef(), kind, f.getBankFen()));
                    }
                });
        return Optional.of(new ReconciliationReport(
                head.getStatementId(),
                head.getInstitutionId(),
                head.getCustodyAccountNo(),
                head.getFromDate(),
                head.getToDate(),
                LedgerTime.offsetOf(head.getReceivedAt().toInstant()),
                head.getMatched(),
                missingInLedger,
                missingInBank,
                mismatches,
                pending,
                reversed,
                head.getBankOpeningFen(),
                head.getBankClosingFen(),
                head.getLedgerClosingFen(),
                head.getStatementConsistent(),
                head.getReconciled(),
                List.of()));
    }

    Optional<String> institutionOf(String statementId) {
        return db.select(RECONCILIATION.INSTITUTION_ID)
                .from(RECONCILIATION)
                .where(RECONCILIATION.STATEMENT_ID.eq(statementId))
                .fetchOptional(RECONCILIATION.INSTITUTION_ID);
    }

    /** The position of a report in the list, for the cursor {@code afterId}. */
    Optional<Long> listPosition(String statementId) {
        return db.select(RECONCILIATION.LIST_SEQ)
                .from(RECONCILIATION)
                .where(RECONCILIATION.STATEMENT_ID.eq(statementId))
                .fetchOptional(RECONCILIATION.LIST_SEQ);
    }

    /** Reports in the order they arrived, after the position given, of one institution or of all. */
    List<ReconciliationSummary> page(String institutionId, long afterPosition, int limit) {
        Condition scope = RECONCILIATION.LIST_SEQ.gt(afterPosition);
        if (institutionId != null) {
            scope = scope.and(RECONCILIATION.INSTITUTION_ID.eq(institutionId));
        }
        return db.selectFrom(RECONCILIATION)
                .where(scope)
                .orderBy(RECONCILIATION.LIST_SEQ)
                .limit(limit)
                .fetch(ReconciliationStore::summary);
    }

    private static ReconciliationSummary summary(ReconciliationRecord head) {
        return new ReconciliationSummary(
                head.getStatementId(),
                head.getInstitutionId(),
                head.getCustodyAccountNo(),
                head.getFromDate(),
                head.getToDate(),
                LedgerTime.offsetOf(head.getReceivedAt().toInstant()),
                head.getMatched(),
                head.getMissingInLedger(),
                head.getMissingInBank(),
                head.getAmountMismatches(),
                head.getPending(),
                head.getReversed(),
                head.getBankClosingFen(),
                head.getLedgerClosingFen(),
                head.getStatementConsistent(),
                head.getReconciled());
    }

    /** A report as a list shows it. */
    static ReconciliationSummary summary(ReconciliationReport report) {
        return new ReconciliationSummary(
                report.statementId(),
                report.institutionId(),
                report.custodyAccountNo(),
                report.fromDate(),
                report.toDate(),
                report.receivedAt(),
                report.matched(),
                report.missingInLedger().size(),
                report.missingInBank().size(),
                report.amountMismatches().size(),
                report.pending().size(),
                report.reversed().size(),
                report.bankClosingFen(),
                report.ledgerClosingFen(),
                report.statementConsistent(),
                report.reconciled());
    }

    /** The report's findings as rows, numbered in the order the report lists them. */
    private static List<ReconciliationFindingRecord> findings(ReconciliationReport report) {
        List<ReconciliationFindingRecord> rows = new ArrayList<>();
        for (BankEntry entry : report.missingInLedger()) {
            rows.add(bankRow(report, rows.size() + 1, Finding.MISSING_IN_LEDGER, entry));
        }
        for (LedgerFact fact : report.missingInBank()) {
            ReconciliationFindingRecord row =
                    row(report, rows.size() + 1, Finding.MISSING_IN_BANK, fact.bankRef(), fact.kind());
            row.setLedgerFen(fact.amountFen());
            row.setOccurredAt(fact.occurredAt());
            rows.add(row);
        }
        for (AmountMismatch mismatch : report.amountMismatches()) {
            ReconciliationFindingRecord row =
                    row(report, rows.size() + 1, Finding.AMOUNT_MISMATCH, mismatch.bankRef(), mismatch.kind());
            row.setBankFen(mismatch.bankFen());
            row.setLedgerFen(mismatch.ledgerFen());
            rows.add(row);
        }
        for (BankEntry entry : report.pending()) {
            rows.add(bankRow(report, rows.size() + 1, Finding.PENDING, entry));
        }
        for (Reversal reversal : report.reversed()) {
            ReconciliationFindingRecord row =
                    row(report, rows.size() + 1, Finding.REVERSED, reversal.bankRef(), reversal.kind());
            row.setBankFen(reversal.amountFen());
            rows.add(row);
        }
        return rows;
    }

    private static ReconciliationFindingRecord bankRow(
            ReconciliationReport report, int line, Finding finding, BankEntry entry) {
        ReconciliationFindingRecord row = row(report, line, finding, entry.bankRef(), entry.kind());
        row.setBankFen(entry.amountFen());
        row.setBookingDate(entry.bookingDate());
        row.setReversal(entry.reversal());
        row.setIdentifiedBy(entry.identifiedBy());
        return row;
    }

    private static ReconciliationFindingRecord row(
            ReconciliationReport report, int line, Finding finding, String bankRef, CreditDebit kind) {
        ReconciliationFindingRecord row = new ReconciliationFindingRecord();
        row.setStatementId(report.statementId());
        row.setLine(line);
        row.setFinding(finding.name());
        row.setBankRef(bankRef);
        row.setKind(kind.name());
        row.setReversal(false);
        return row;
    }

    private static BankEntry bankEntry(ReconciliationFindingRecord f, CreditDebit kind) {
        return new BankEntry(
                f.getBankRef(), kind, f.getBankFen(), f.getBookingDate(), f.getReversal(), f.getIdentifiedBy());
    }
}
