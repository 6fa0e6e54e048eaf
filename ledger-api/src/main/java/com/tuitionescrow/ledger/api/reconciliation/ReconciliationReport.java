package com.tuitionescrow.ledger.api.reconciliation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A bank statement reconciled against the ledger: which of its booked entries the ledger holds
 * with the same amount ({@code matched}), which it does not hold or holds with another amount, which
 * of the ledger's facts of the period the statement lacks, and whether the closing balances agree.
 * Reports are read models of the bank's statements, kept as they were when the statement arrived.
 */
public record ReconciliationReport(
        @Schema(description = "Chosen by the ledger; the same file sent again answers with the first report")
        String statementId,

        String institutionId,
        String custodyAccountNo,

        @Schema(description = "First day of the statement (Asia/Shanghai)")
        LocalDate fromDate,

        @Schema(description = "Last day of the statement (Asia/Shanghai)")
        LocalDate toDate,

        OffsetDateTime receivedAt,

        @Schema(description = "Booked entries the ledger holds with the same amount")
        int matched,

        @Schema(
                description =
                        "Booked entries with no ledger fact, including reversals of entries not in this statement")
        List<BankEntry> missingInLedger,

        @Schema(description = "Ledger facts of the period the statement lacks, and ledger facts the statement reverses")
        List<LedgerFact> missingInBank,

        List<AmountMismatch> amountMismatches,

        @Schema(description = "Pending (PDNG) entries: listed, never matched, never in the balances")
        List<BankEntry> pending,

        @Schema(description = "Entries cancelled by a reversal in the same statement")
        List<Reversal> reversed,

        long bankOpeningFen,
        long bankClosingFen,

        @Schema(description = "The custody cash of the institution from entries that occurred before the end of toDate")
        long ledgerClosingFen,

        @Schema(description = "Whether the opening balance plus the booked entries equals the closing balance")
        boolean statementConsistent,

        @Schema(
                description =
                        "True only when nothing is missing or mismatched, the statement is consistent and the closing balances agree")
        boolean reconciled,

        @Schema(
                description =
                        "The file's other statements, each reconciled in a report of its own, in the file's order "
                                + "(those of institutions the caller may see)")
        List<ReconciliationSummary> otherStatementsOfTheFile) {

    public ReconciliationReport {
        // Absent from the answers of a ledger older than the field: no other statements were told.
        otherStatementsOfTheFile = otherStatementsOfTheFile == null ? List.of() : List.copyOf(otherStatementsOfTheFile);
        missingInLedger = List.copyOf(missingInLedger);
        missingInBank = List.copyOf(missingInBank);
        amountMismatches = List.copyOf(amountMismatches);
        pending = List.copyOf(pending);
        reversed = List.copyOf(reversed);
    }

    /**
     * An entry of the statement. {@code bookingDate} is absent only for a pending entry without one;
     * {@code bankRef} when the bank gave the entry no reference (a fee, interest). {@code identifiedBy}
     * says where it is in the file and what else names it (NtryRef, bank transaction codes, text).
     */
    public record BankEntry(
            String bankRef,
            CreditDebit kind,
            long amountFen,
            LocalDate bookingDate,
            boolean reversal,
            String identifiedBy) {}

    /** A collection (CRDT) or an executed instruction (DBIT) of the ledger, at the bank's time. */
    public record LedgerFact(String bankRef, CreditDebit kind, long amountFen, OffsetDateTime occurredAt) {}

    public record AmountMismatch(String bankRef, CreditDebit kind, long bankFen, long ledgerFen) {}

    /** An entry and the reversal that cancels it; {@code kind} is the original entry's. */
    public record Reversal(String bankRef, CreditDebit kind, long amountFen) {}
}
