package com.tuitionescrow.ledger.api.audit;

import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One institution at a glance, for a regulator: its standing, its custody cash against the prepaid
 * fees its students have not consumed (the Jiangsu rule: custody covers them), money held in
 * suspense, its lesson-time violations so far (in all and by rule), the disputes and refunds still
 * open, and its latest bank statement against the ledger.
 *
 * <p>{@code covered} is judged by the bank, not by the ledger alone: the ledger's custody cash always
 * equals what it owes, since every entry balances. When the latest statement shows the bank holding
 * less than the ledger at the end of its last day, that shortfall is taken off the custody cash
 * before it is compared with the unconsumed fees; money the bank holds beyond the ledger counts for
 * nothing, as it is owed to no known student.
 *
 * <p>{@code risk} ranks institutions for a regulator's eye, highest first: 100 for a latest statement
 * whose bank balance differs from the ledger's, 100 for custody that does not cover the unconsumed
 * fees, 50 blacklisted or winding down, 30 suspended, 20 for a latest statement that did not
 * reconcile, 5 for custody cash and no statement yet, 2 a violation (up to 20), 3 for money in
 * suspense, 1 an open dispute or refund (up to 10).
 */
public record InstitutionOverview(
        String institutionId,
        String name,
        InstitutionStatus status,
        long custodyFen,
        long unconsumedFen,

        @Schema(
                description =
                        "custodyFen, less what the latest statement's bank balance lacks against the ledger, covers unconsumedFen")
        boolean covered,

        long violations,
        long suspenseFen,
        Map<LessonViolation, Long> violationsByRule,
        long openDisputes,
        long openRefunds,
        LastStatement lastStatement,

        @Schema(description = "How much the institution needs a regulator's eye; 0 when nothing stands out")
        long risk) {

    public InstitutionOverview {
        violationsByRule = Map.copyOf(violationsByRule);
    }

    /**
     * The latest statement the custody bank sent (by its last day): the bank's closing balance
     * against the ledger's custody cash at the end of that day (Beijing time), the difference, bank
     * minus ledger, and when the statement was reconciled. Null until the bank has sent one.
     */
    public record LastStatement(
            String statementId,

            @Schema(description = "The statement's last day: both balances are at its end, Beijing time")
            LocalDate toDate,

            long bankClosingFen,
            long ledgerClosingFen,

            @Schema(
                    description =
                            "bankClosingFen - ledgerClosingFen; negative when the bank holds less than the ledger")
            long differenceFen,

            @Schema(description = "Every entry matched and the bank's closing equals the ledger's")
            boolean reconciled,

            @Schema(description = "When the statement arrived and was reconciled")
            OffsetDateTime reconciledAt) {}
}
