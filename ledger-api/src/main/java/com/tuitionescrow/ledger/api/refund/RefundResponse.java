package com.tuitionescrow.ledger.api.refund;

import java.time.OffsetDateTime;

/**
 * A refund. {@code amountFen} = paid − consumed hours × price − already refunded (the whole paid
 * amount before the first lesson); {@code hours} are the class hours it gives back.
 */
public record RefundResponse(
        String refundId,
        String orderId,
        String institutionId,
        String studentId,
        long amountFen,
        int hours,
        RefundStatus status,
        String reason,
        String answerReason,
        OffsetDateTime requestedAt,
        OffsetDateTime answerBy,
        String instructionId) {}
