package com.tuitionescrow.ledger.api.enrollment;

public enum LessonDecision {
    CONFIRM,
    DISPUTE
}
