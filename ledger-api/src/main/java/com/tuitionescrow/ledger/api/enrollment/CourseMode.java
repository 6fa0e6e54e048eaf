package com.tuitionescrow.ledger.api.enrollment;

/** Online and offline lessons follow different time rules (see {@link LessonViolation}). */
public enum CourseMode {
    ONLINE,
    OFFLINE
}
