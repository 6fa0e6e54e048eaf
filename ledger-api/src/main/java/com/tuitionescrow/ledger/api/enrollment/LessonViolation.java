package com.tuitionescrow.ledger.api.enrollment;

/**
 * Lesson-time rules of the 2022 non-academic training opinion, read in Asia/Shanghai. A breach is
 * recorded with the lesson and reported to regulators; the lesson itself still counts.
 */
public enum LessonViolation {
    /** Offline lessons end no later than 20:30. */
    OFFLINE_AFTER_2030,
    /** Online lessons end no later than 21:00. */
    ONLINE_AFTER_2100,
    /** Online lessons last at most 30 minutes. */
    ONLINE_OVER_30_MIN,
    /** Online lessons are at least 10 minutes apart. */
    ONLINE_BREAK_UNDER_10_MIN
}
