package com.tuitionescrow.ledger.api.institution;

/**
 * 机构关停: releases are frozen and every student's unconsumed fees are instructed back. The
 * shortfall is what the custody account and the risk reserve together cannot cover.
 */
public record WindDownResponse(
        String institutionId,
        InstitutionStatus status,
        int refundsInstructed,
        long refundedFen,
        long unconsumedFen,
        long custodyFen,
        long riskReserveFen,
        long shortfallFen) {
}
