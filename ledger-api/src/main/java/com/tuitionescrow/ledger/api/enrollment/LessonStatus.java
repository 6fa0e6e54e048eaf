package com.tuitionescrow.ledger.api.enrollment;

public enum LessonStatus {
    /** Reported by the institution (消课); the parent has not answered yet. */
    AWAITING_CONFIRMATION,
    /** Confirmed: its money is releasable to the institution. */
    CONFIRMED,
    /** Disputed by the parent: release of the order is frozen until a regulator resolves it. */
    DISPUTED,
    /** Resolved by a regulator as consumed: its money is releasable. */
    RESOLVED_CONSUMED,
    /** Resolved by a regulator as not delivered: hours and money went back to the student. */
    REVERSED
}
