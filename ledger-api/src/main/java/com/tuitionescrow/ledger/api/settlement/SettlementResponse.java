package com.tuitionescrow.ledger.api.settlement;

import java.time.OffsetDateTime;

/**
 * Where an institution's money stands. {@code custodyFen} (an asset) equals the sum of the
 * liabilities beside it: the money in the custody account is all owed to someone. The totals are
 * what has left the custody account so far: disbursed to the institution, refunded to parents.
 */
public record SettlementResponse(
        String institutionId,
        OffsetDateTime asOf,
        long custodyFen,
        long prepaidFen,
        long awaitingConfirmationFen,
        long releasableFen,
        long heldBackFen,
        long disbursingFen,
        long refundingFen,
        long suspenseFen,
        long returningFen,
        long liabilitiesFen,
        boolean covered,
        long disbursedTotalFen,
        long refundedTotalFen) {}
