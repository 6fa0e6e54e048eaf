package com.tuitionescrow.ledger.api.audit;

import com.tuitionescrow.ledger.api.institution.InstitutionStatus;

/**
 * One institution at a glance, for a regulator: its standing, its custody cash against the prepaid
 * fees its students have not consumed (the Jiangsu rule: custody covers them), and its lesson-time
 * violations so far.
 */
public record InstitutionOverview(
        String institutionId,
        String name,
        InstitutionStatus status,
        long custodyFen,
        long unconsumedFen,
        boolean covered,
        long violations) {
}
