package com.tuitionescrow.ledger.api.enrollment;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An order and where each of its class hours stands: {@code hours} = {@code consumedHours} (reported,
 * {@code confirmedHours} of them confirmed) + {@code refundedHours} + {@code remainingHours}.
 * {@code refundedFen} is what refunds approved for it carry; {@code refundPaidFen} the part of it the
 * bank has paid back (the rest is in transit, or waiting for a regulator if UNDELIVERABLE).
 */
public record OrderResponse(
        String orderId,
        String institutionId,
        String studentId,
        String contractNo,
        Course course,
        OrderStatus status,
        long amountFen,
        long paidFen,
        int hours,
        int consumedHours,
        int confirmedHours,
        int remainingHours,
        int refundedHours,
        long refundedFen,
        long refundPaidFen,
        long releasableFen,
        long heldBackFen,
        long disbursingFen,
        long disbursedFen,
        OffsetDateTime payBy,
        List<LessonResponse> lessons) {
    public OrderResponse {
        lessons = List.copyOf(lessons);
    }
}
