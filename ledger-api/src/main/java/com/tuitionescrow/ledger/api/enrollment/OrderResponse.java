package com.tuitionescrow.ledger.api.enrollment;

import java.time.OffsetDateTime;
import java.util.List;

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
