package com.tuitionescrow.ledger.api.enrollment;

import java.time.OffsetDateTime;
import java.util.List;

public record LessonResponse(
        String lessonId,
        String orderId,
        int hours,
        long amountFen,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        LessonStatus status,
        List<LessonViolation> violations,
        String disputeReason,
        OffsetDateTime confirmBy) {
    public LessonResponse {
        violations = List.copyOf(violations);
    }
}
