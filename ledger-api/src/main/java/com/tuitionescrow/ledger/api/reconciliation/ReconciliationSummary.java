package com.tuitionescrow.ledger.api.reconciliation;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** One report in a list: its figures and how many findings of each kind; the findings themselves by its id. */
public record ReconciliationSummary(
        String statementId,
        String institutionId,
        String custodyAccountNo,
        LocalDate fromDate,
        LocalDate toDate,
        OffsetDateTime receivedAt,
        int matched,
        int missingInLedger,
        int missingInBank,
        int amountMismatches,
        int pending,
        int reversed,
        long bankClosingFen,
        long ledgerClosingFen,
        boolean statementConsistent,
        boolean reconciled) {}
