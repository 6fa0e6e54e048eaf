package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonReported;
import java.time.Instant;

/**
 * One reported lesson; {@code byWindow}: its confirmation window, not the parent, confirmed it.
 * Immutable: a change replaces it.
 */
record LessonState(
        String lessonId,
        String orderId,
        CourseMode mode,
        int hours,
        long amountFen,
        Instant startedAt,
        Instant endedAt,
        Instant confirmBy,
        LessonStatus status,
        boolean byWindow) {

    static LessonState reported(LessonReported reported, CourseMode mode) {
        return new LessonState(
                reported.lessonId(),
                reported.orderId(),
                mode,
                reported.hours(),
                reported.amountFen(),
                reported.startedAt(),
                reported.endedAt(),
                reported.confirmBy(),
                LessonStatus.AWAITING_CONFIRMATION,
                false);
    }

    LessonState withStatus(LessonStatus newStatus) {
        return new LessonState(
                lessonId, orderId, mode, hours, amountFen, startedAt, endedAt, confirmBy, newStatus, byWindow);
    }

    LessonState confirmed(boolean confirmedByWindow) {
        return new LessonState(
                lessonId,
                orderId,
                mode,
                hours,
                amountFen,
                startedAt,
                endedAt,
                confirmBy,
                LessonStatus.CONFIRMED,
                confirmedByWindow);
    }

    /** Whether the window decided it, or would now: no answer of the parent's counts any more. */
    boolean decidedByWindow(Instant now) {
        return status == LessonStatus.AWAITING_CONFIRMATION ? !now.isBefore(confirmBy) : byWindow;
    }

    /** Awaiting an answer or disputed: its order is not complete, and a dispute freezes its release. */
    boolean isOpen() {
        return status == LessonStatus.AWAITING_CONFIRMATION || status == LessonStatus.DISPUTED;
    }
}
