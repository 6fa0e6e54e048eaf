package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.api.refund.RefundDecision;
import com.tuitionescrow.ledger.api.refund.RefundOutcome;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands to a student's {@link PrepaidAccount} at one institution. Each carries {@code now}, the
 * ledger's time when the request arrived, so that the aggregate itself never reads a clock.
 */
public final class EnrollmentCommands {

    private EnrollmentCommands() {}

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
            Instant now) {}

    record CancelOrder(@TargetAggregateIdentifier String accountId, String orderId, Instant now) {}

    record ExpireOrder(@TargetAggregateIdentifier String accountId, String orderId, Instant now) {}

    /**
     * 收费: money the bank received for the order. {@code institutionCustodyAccountNo} is the account
     * the order's institution is registered with; money paid elsewhere is not applied. {@code
     * institutionStatus} is the institution's standing, read under a lock that a status change waits for.
     */
    public record ApplyCollection(
            @TargetAggregateIdentifier String accountId,
            String orderId,
            String bankTxnId,
            long amountFen,
            String custodyAccountNo,
            String institutionCustodyAccountNo,
            InstitutionStatus institutionStatus,
            Instant receivedAt,
            Instant now) {}

    /** 消课 */
    record ReportLesson(
            @TargetAggregateIdentifier String accountId,
            String orderId,
            String lessonId,
            int hours,
            Instant startedAt,
            Instant endedAt,
            InstitutionStatus institutionStatus,
            Instant confirmBy,
            Instant now) {}

    record AnswerLesson(
            @TargetAggregateIdentifier String accountId,
            String lessonId,
            LessonDecision decision,
            String reason,
            Instant now) {}

    record ResolveLesson(
            @TargetAggregateIdentifier String accountId,
            String lessonId,
            LessonOutcome outcome,
            String reason,
            Instant now) {}

    /** Gives every window of the account that closed by {@code now} its outcome (lessons confirmed, refunds approved). */
    public record CloseWindows(@TargetAggregateIdentifier String accountId, Instant now) {}

    /** 退费申请; {@code answerBy} is when the refund window ends. */
    record RequestRefund(
            @TargetAggregateIdentifier String accountId,
            String refundId,
            String orderId,
            String reason,
            Instant answerBy,
            Instant now) {}

    record AnswerRefund(
            @TargetAggregateIdentifier String accountId,
            String refundId,
            RefundDecision decision,
            String reason,
            String custodyAccountNo,
            Instant now) {}

    record ResolveRefund(
            @TargetAggregateIdentifier String accountId,
            String refundId,
            RefundOutcome outcome,
            String reason,
            String custodyAccountNo,
            Instant now) {}

    /** The institution winds down: every unconsumed fee of this student goes back. */
    public record RefundForWindDown(
            @TargetAggregateIdentifier String accountId, String custodyAccountNo, Instant now) {}

    /** The bank's answer to the refund's instruction {@code instructionId}. */
    public record RecordRefundResult(
            @TargetAggregateIdentifier String accountId,
            String refundId,
            String instructionId,
            InstructionOutcome outcome,
            String bankTxnId,
            Instant executedAt,
            String reason) {}

    /** A regulator instructs an undeliverable refund again, to {@code payeeRef} when given, else to the original payer. */
    public record ResolveUndeliverableRefund(
            @TargetAggregateIdentifier String accountId,
            String refundId,
            String instructionId,
            String payeeRef,
            String reason,
            Instant now) {}

    /** Release this student's releasable, unfrozen money into the disbursement instruction. */
    public record ReleaseForDisbursement(
            @TargetAggregateIdentifier String accountId, String instructionId, Instant now) {}

    /** The disbursement was executed: this student's release into it is settled. */
    public record SettleRelease(
            @TargetAggregateIdentifier String accountId, String instructionId, Instant executedAt) {}

    /** The disbursement failed at the bank: its portion of this student's money is releasable again. */
    public record ReturnRelease(@TargetAggregateIdentifier String accountId, String instructionId, Instant now) {}
}
