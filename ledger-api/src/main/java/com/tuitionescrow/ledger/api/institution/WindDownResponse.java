package com.tuitionescrow.ledger.api.institution;

import com.tuitionescrow.ledger.api.common.OperationState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;

/**
 * 机构关停: releases are frozen and every student's unconsumed fees are instructed back. The
 * shortfall is what the custody account and the risk reserve together cannot cover. The refunds are
 * instructed in the background, one student account at a time; this is how they stand. Whatever
 * stopped them, the refunds reported are instructed, and winding down again finishes the rest.
 */
public record WindDownResponse(
        String institutionId,
        InstitutionStatus status,
        @Schema(description = "Refunds instructed so far") int refundsInstructed,
        long refundedFen,
        long unconsumedFen,
        long custodyFen,
        long riskReserveFen,
        long shortfallFen,

        @Schema(description = "GET /v1/institutions/{institutionId}/wind-down answers how the latest wind-down stands")
        String operationId,

        OperationState state,
        OffsetDateTime startedAt,

        @Schema(description = "When the refunds were all instructed, or stopped; absent while they run")
        OffsetDateTime finishedAt,

        @Schema(description = "What stopped a FAILED wind-down")
        String failure) {}
