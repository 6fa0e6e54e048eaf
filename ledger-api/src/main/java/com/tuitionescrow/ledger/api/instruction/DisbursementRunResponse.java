package com.tuitionescrow.ledger.api.instruction;

import com.tuitionescrow.ledger.api.common.OperationState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A release run: the lessons it confirmed and the refunds it approved because their windows had
 * passed, and the instructions it issued to the bank, so far. A run works in the background; this
 * is how it stands. Whatever stopped it, what it reports as done is done, and the next run finishes
 * the rest without repeating any of it.
 */
public record DisbursementRunResponse(
        @Schema(description = "Chosen by the ledger; GET /v1/disbursements/runs/{runId} answers how the run stands")
        String runId,

        OperationState state,
        OffsetDateTime asOf,
        int lessonsConfirmedByWindow,
        int refundsApprovedByWindow,

        @Schema(description = "The instructions the run issued so far, as they stand now")
        List<InstructionView> instructions,

        OffsetDateTime startedAt,

        @Schema(description = "When the run finished or failed; absent while it runs")
        OffsetDateTime finishedAt,

        @Schema(description = "What stopped a FAILED run") String failure) {

    public DisbursementRunResponse {
        instructions = List.copyOf(instructions);
    }
}
