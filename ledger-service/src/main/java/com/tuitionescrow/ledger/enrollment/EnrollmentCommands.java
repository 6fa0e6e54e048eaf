package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to a student's {@link PrepaidAccount} at one institution. Each carries {@code now}, the
 * ledger's time when the request arrived, so that the aggregate itself never reads a clock.
 */
public final class EnrollmentCommands {

    private EnrollmentCommands() {
    }

    /** 售课. {@code institutionStatus} is the institution's standing as the ledger read it. */
    record PlaceOrder(
            @TargetAggregateIdentifier String accountId,
            String orderId,
            String institutionId,
            String studentId,
            String contractNo,
            String courseId,
            String subject,
            CourseMode mode,
            long pricePerHourFen,
            int hours,
            LocalDate startDate,
            LocalDate endDate,
            long amountFen,
            InstitutionStatus institutionStatus,
            Instant now) {
    }

    record CancelOrder(@TargetAggregateIdentifier String accountId, String orderId, Instant now) {
    }

    record ExpireOrder(@TargetAggregateIdentifier String accountId, String orderId, Instant now) {
    }

    /**
     * 收费: money the bank received for the order. {@code institutionCustodyAccountNo} is the account
     * the order's institution is registered with; money paid elsewhere is not applied.
     */
    public record ApplyCollection(
            @TargetAggregateIdentifier String accountId,
            String orderId,
            String bankTxnId,
            long amountFen,
            String custodyAccountNo,
            String institutionCustodyAccountNo,
            Instant receivedAt,
            Instant now) {
    }

    /** 消课 */
    record ReportLesson(
            @TargetAggregateIdentifier String accountId,
            String orderId,
            String lessonId,
            int hours,
            Instant startedAt,
            Instant endedAt,
            InstitutionStatus institutionStatus,
            Instant now) {
    }

    record AnswerLesson(@TargetAggregateIdentifier String accountId, String lessonId, LessonDecision decision,
                        String reason, Instant now) {
    }

    record ResolveLesson(@TargetAggregateIdentifier String accountId, String lessonId, LessonOutcome outcome,
                         String reason, Instant now) {
    }
}
