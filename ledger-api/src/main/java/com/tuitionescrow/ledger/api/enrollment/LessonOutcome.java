package com.tuitionescrow.ledger.api.enrollment;

public enum LessonOutcome {
    /** The lesson was delivered: its money becomes releasable. */
    CONSUMED,
    /** The lesson was not delivered: hours and money return to the student's prepaid balance. */
    REVERSED
}
