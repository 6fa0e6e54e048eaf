package com.tuitionescrow.ledger.reconciliation;

import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationSummary;
import com.tuitionescrow.ledger.api.reconciliation.StatementFormat;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.journal.JournalFreshness;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.security.Role;
import com.tuitionescrow.ledger.platform.web.Forbidden;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.Refusal;
import com.tuitionescrow.ledger.shared.Sha256;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Statements in, reports out. A file is parsed and each statement's account checked before anything
 * is written; the reports of its statements and their findings are then written in one transaction,
 * or not at all. The same file, byte for byte, is reconciled once: sent again, it answers with the
 * reports it had.
 */
@Service
class ReconciliationService {

    /**
     * The most entries one statement may hold. The 8 MiB body cap already bounds a camt.053 file to
     * far fewer (an entry is hundreds of bytes); a CSV row is about 60 bytes.
     */
    static final int MAX_ENTRIES = 100_000;

    private final InstitutionDirectory institutions;
    private final LedgerFacts ledger;
    private final ReconciliationStore reports;
    private final CommandTransactions transactions;
    private final JournalFreshness journal;
    private final Clock clock;

    ReconciliationService(
            InstitutionDirectory institutions,
            LedgerFacts ledger,
            ReconciliationStore reports,
            CommandTransactions transactions,
            JournalFreshness journal,
            Clock clock) {
        this.institutions = institutions;
        this.ledger = ledger;
        this.reports = reports;
        this.transactions = transactions;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Reconciles each statement of the file in a report of its own; answers with the first, naming
     * the others. Every account is checked before anything is written, and the reports of a file are
     * written together, or none.
     */
    ReconciliationReport receive(StatementFormat format, byte[] file, Caller caller) {
        List<BankStatement> statements = switch (format) {
            case CAMT_053 -> new Camt053Parser(MAX_ENTRIES).parse(file);
            case CSV -> List.of(new CsvStatementParser(MAX_ENTRIES).parse(file));
        };
        List<String> institutionIds = statements.stream()
                .map(statement -> institutions
                        .findByCustodyAccount(statement.custodyAccountNo())
                        .orElseThrow(() -> new Refusal(
                                ProblemCode.STATEMENT_ACCOUNT_UNKNOWN,
                                "no registered institution holds " + "custody account " + statement.custodyAccountNo()
                                        + "; the statement was not recorded"))
                        .institutionId())
                .toList();
        byte[] contentSha256 = Sha256.of(file);
        // The closing balance is read from the journal: it must include every receipt recorded so far.
        journal.awaitCurrent();
        return transactions.inTransaction(() -> {
            List<String> reported = reports.statementsOfFile(contentSha256);
            if (!reported.isEmpty()) {
                return withOthers(
                        reports.find(reported.get(0)).orElseThrow(),
                        reports.summaries(reported.subList(1, reported.size())));
            }
            List<ReconciliationReport> made = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                made.add(reconcile(statements.get(i), institutionIds.get(i), format, contentSha256, i, caller));
            }
            return withOthers(
                    made.get(0),
                    made.subList(1, made.size()).stream()
                            .map(ReconciliationStore::summary)
                            .toList());
        });
    }

    Page<ReconciliationSummary> list(String institutionId, String afterId, int limit, Caller caller) {
        // A regulator without a filter reads every institution's; an institution reads its own.
        String scope = institutionId != null || caller.has(Role.REGULATOR) ? institutionId : caller.institutionId();
        if (scope != null && !caller.canSee(scope, Role.REGULATOR)) {
            throw new Forbidden("an institution reads only its own reconciliations");
        }
        long after = afterId == null
                ? 0
                : reports.listPosition(afterId)
                        .orElseThrow(() -> new InvalidRequest("afterId", "no reconciliation " + afterId));
        List<ReconciliationSummary> items = reports.page(scope, after, limit);
        return new Page<>(
                items, items.size() == limit ? items.get(items.size() - 1).statementId() : null);
    }

    /** Another institution's report is not found, so that its existence is not revealed; nor are its neighbours in the file. */
    ReconciliationReport get(String statementId, Caller caller) {
        ReconciliationReport report = reports.institutionOf(statementId)
                .filter(institution -> caller.canSee(institution, Role.REGULATOR))
                .flatMap(institution -> reports.find(statementId))
                .orElseThrow(() -> new NotFound("reconciliation " + statementId));
        List<ReconciliationSummary> others = reports.summaries(reports.othersOfTheSameFile(statementId)).stream()
                .filter(other -> caller.canSee(other.institutionId(), Role.REGULATOR))
                .toList();
        return withOthers(report, others);
    }

    private static ReconciliationReport withOthers(ReconciliationReport report, List<ReconciliationSummary> others) {
        return new ReconciliationReport(
                report.statementId(),
                report.institutionId(),
                report.custodyAccountNo(),
                report.fromDate(),
                report.toDate(),
                report.receivedAt(),
                report.matched(),
                report.missingInLedger(),
                report.missingInBank(),
                report.amountMismatches(),
                report.pending(),
                report.reversed(),
                report.bankOpeningFen(),
                report.bankClosingFen(),
                report.ledgerClosingFen(),
                report.statementConsistent(),
                report.reconciled(),
                others);
    }

    private ReconciliationReport reconcile(
            BankStatement statement,
            String institutionId,
            StatementFormat format,
            byte[] contentSha256,
            int fileIndex,
            Caller caller) {
        Instant start = statement.fromDate().atStartOfDay(LedgerTime.ZONE).toInstant();
        Instant end =
                statement.toDate().plusDays(1).atStartOfDay(LedgerTime.ZONE).toInstant();
        String[] bankRefs = statement.entries().stream()
                .map(BankStatement.Entry::bankRef)
                .filter(Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        StatementMatcher.Findings findings = StatementMatcher.match(
                statement, ledger.of(statement.custodyAccountNo(), start, end, bankRefs), start, end);
        long ledgerClosingFen = ledger.custodyCashBefore(institutionId, end);
        ReconciliationReport report = new ReconciliationReport(
                "stmt-" + UUID.randomUUID(),
                institutionId,
                statement.custodyAccountNo(),
                statement.fromDate(),
                statement.toDate(),
                // Stored with microseconds, so the first answer and every replay of it are the same.
                LedgerTime.offsetOf(clock.instant().truncatedTo(ChronoUnit.MICROS)),
                findings.matched(),
                findings.missingInLedger(),
                findings.missingInBank(),
                findings.amountMismatches(),
                findings.pending(),
                findings.reversed(),
                statement.openingFen(),
                statement.closingFen(),
                ledgerClosingFen,
                findings.statementConsistent(),
                findings.clean() && ledgerClosingFen == statement.closingFen(),
                List.of());
        reports.save(report, contentSha256, fileIndex, format, caller.actor());
        return report;
    }
}
