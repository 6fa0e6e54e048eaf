package com.tuitionescrow.ledger.api.enrollment;

import java.util.List;

public record LessonReportedResponse(String lessonId, LessonStatus status, List<LessonViolation> violations) {
    public LessonReportedResponse {
        violations = List.copyOf(violations);
    }
}
