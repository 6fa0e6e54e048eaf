package com.tuitionescrow.ledger.api.audit;

import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import java.time.LocalDate;
import java.util.Map;

/**
 * One institution at a glance, for a regulator: its standing, its custody cash against the prepaid
 * fees its students have not consumed (the Jiangsu rule: custody covers them), money held in
 * suspense, its lesson-time violations so far (in all and by rule), the disputes and refunds still
 * open, and its latest bank statement against the ledger.
 */
public record InstitutionOverview(
        String institutionId,
        String name,
        InstitutionStatus status,
        long custodyFen,
        long unconsumedFen,
        boolean covered,
        long violations,
        long suspenseFen,
        Map<LessonViolation, Long> violationsByRule,
        long openDisputes,
        long openRefunds,
        LastStatement lastStatement) {

    public InstitutionOverview {
        violationsByRule = Map.copyOf(violationsByRule);
    }

    /**
     * The latest statement the custody bank sent (by its last day): the bank's closing balance
     * against the ledger's custody cash at the end of that day, and the difference, bank minus
     * ledger. Null until the bank has sent one.
     */
    public record LastStatement(
            String statementId,
            LocalDate toDate,
            long bankClosingFen,
            long ledgerClosingFen,
            long differenceFen,
            boolean reconciled) {}
}
