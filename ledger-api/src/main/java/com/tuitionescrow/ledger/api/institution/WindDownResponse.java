package com.tuitionescrow.ledger.api.institution;

import com.tuitionescrow.ledger.api.common.OperationState;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * 机构关停: releases are frozen and every student's unconsumed fees are instructed back. The
 * shortfall is what the custody account and the risk reserve together cannot cover, the custody
 * account as its bank last stated it: the ledger's own custody cash always equals what it owes, so
 * only the bank's balance can show money missing. Before the bank's first statement the ledger's
 * custody cash stands in, and {@code bankBalanceAsOf} is absent to say so. The refunds are
 * instructed in the background, one student account at a time; this is how they stand. Whatever
 * stopped them, the refunds reported are instructed, and winding down again finishes the rest.
 */
public record WindDownResponse(
        String institutionId,
        InstitutionStatus status,
        @Schema(description = "Refunds instructed so far") int refundsInstructed,
        long refundedFen,
        long unconsumedFen,

        @Schema(description = "The ledger's custody cash when the wind-down started")
        long custodyFen,

        @Schema(description = "The closing balance of the custody bank's latest statement; absent before its first")
        Long bankClosingFen,

        @Schema(description = "The last day of that statement; absent when the shortfall was judged by custodyFen")
        LocalDate bankBalanceAsOf,

        long riskReserveFen,

        @Schema(
                description =
                        "unconsumedFen - (bankClosingFen, or custodyFen without a statement) - riskReserveFen, at least 0")
        long shortfallFen,

        @Schema(description = "GET /v1/institutions/{institutionId}/wind-down answers how the latest wind-down stands")
        String operationId,

        OperationState state,
        OffsetDateTime startedAt,

        @Schema(description = "When the refunds were all instructed, or stopped; absent while they run")
        OffsetDateTime finishedAt,

        @Schema(description = "What stopped a FAILED wind-down")
        String failure) {}
