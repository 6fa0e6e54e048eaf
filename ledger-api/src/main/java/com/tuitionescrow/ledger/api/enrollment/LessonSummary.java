package com.tuitionescrow.ledger.api.enrollment;

import java.time.OffsetDateTime;
import java.util.List;

/** A lesson in a list: where it belongs, what it is worth, where it stands and until when. */
public record LessonSummary(
        String lessonId,
        String orderId,
        String institutionId,
        int hours,
        long amountFen,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        LessonStatus status,
        List<LessonViolation> violations,
        String disputeReason,
        OffsetDateTime reportedAt,
        OffsetDateTime confirmBy) {

    public LessonSummary {
        violations = List.copyOf(violations);
    }
}
