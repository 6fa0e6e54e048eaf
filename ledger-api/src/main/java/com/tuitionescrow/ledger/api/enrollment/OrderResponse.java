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
        long refundedFen,
        OffsetDateTime payBy,
        List<LessonResponse> lessons) {
    public OrderResponse {
        lessons = List.copyOf(lessons);
    }
}
