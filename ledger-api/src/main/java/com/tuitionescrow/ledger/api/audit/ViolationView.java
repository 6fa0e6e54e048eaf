package com.tuitionescrow.ledger.api.audit;

import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import java.time.OffsetDateTime;
import java.util.List;

/** A lesson that broke a lesson-time rule, as reported to regulators. */
public record ViolationView(
        String lessonId,
        String orderId,
        String institutionId,
        OffsetDateTime startedAt,
        OffsetDateTime endedAt,
        List<LessonViolation> violations) {

    public ViolationView {
        violations = List.copyOf(violations);
    }
}
