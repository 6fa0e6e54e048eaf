package com.tuitionescrow.ledger.api.instruction;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a run did: lessons confirmed and refunds approved because their windows had passed, and the
 * instructions it issued to the bank.
 */
public record DisbursementRunResponse(
        OffsetDateTime asOf,
        int lessonsConfirmedByWindow,
        int refundsApprovedByWindow,
        List<InstructionView> instructions) {

    public DisbursementRunResponse {
        instructions = List.copyOf(instructions);
    }
}
