package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import com.tuitionescrow.ledger.twophase.InstructionEvents;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What happened in students' prepaid accounts. The money-moving ones carry their balanced
 * postings. Stored forever: add fields, never rename or remove them.
 */
public final class EnrollmentEvents {

    private EnrollmentEvents() {}

    public record OrderPlaced(
            String accountId,
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
            Instant placedAt,
            Instant payBy) {}

    public record OrderCancelled(String accountId, String orderId, Instant cancelledAt) {}

    /** Not paid by its deadline; its reservation of the caps is released. */
    public record OrderExpired(String accountId, String orderId, Instant expiredAt) {}

    /** Custody cash up, the student's prepaid balance up: the order is paid. */
    public record CollectionApplied(
            String accountId,
            String orderId,
            String bankTxnId,
            String custodyAccountNo,
            long amountFen,
            Instant receivedAt,
            JournalEntry journalEntry)
            implements Journaled {

        @Override
        public Instant occurredAt() {
            return receivedAt;
        }
    }

    /**
     * Prepaid balance down, awaiting confirmation up. Unanswered by {@code confirmBy}, the end of the
     * confirmation window in working days, the lesson counts as confirmed.
     */
    public record LessonReported(
            String accountId,
            String orderId,
            String lessonId,
            int hours,
            long amountFen,
            Instant startedAt,
            Instant endedAt,
            List<LessonViolation> violations,
            Instant reportedAt,
            Instant confirmBy,
            JournalEntry journalEntry)
            implements Journaled {

        @Override
        public Instant occurredAt() {
            return endedAt;
        }
    }

    /**
     * Awaiting confirmation down; releasable up, and held back up by the share policy keeps back.
     * {@code byWindow}: nobody answered and the confirmation window passed.
     */
    public record LessonConfirmed(
            String accountId,
            String orderId,
            String lessonId,
            boolean byWindow,
            Instant confirmedAt,
            JournalEntry journalEntry)
            implements Journaled {

        @Override
        public Instant occurredAt() {
            return confirmedAt;
        }
    }

    /** No money moves; the order's release is frozen until a regulator resolves it. */
    public record LessonDisputed(
            String accountId, String orderId, String lessonId, String reason, Instant disputedAt) {}

    /**
     * CONSUMED: awaiting confirmation to releasable (and held back, as for a confirmation).
     * REVERSED: back to the student's prepaid balance, with its hours.
     */
    public record LessonResolved(
            String accountId,
            String orderId,
            String lessonId,
            LessonOutcome outcome,
            int hours,
            String reason,
            Instant resolvedAt,
            JournalEntry journalEntry)
            implements Journaled {

        @Override
        public Instant occurredAt() {
            return resolvedAt;
        }
    }

    /** An order's hold-back becomes releasable: the order completed. */
    public record HoldbackReleased(
            String accountId, String orderId, long amountFen, Instant releasedAt, JournalEntry journalEntry)
            implements Journaled {

        @Override
        public Instant occurredAt() {
            return releasedAt;
        }
    }

    /**
     * 机构关停 reached this student's account: from now on every hour that comes back to the student (a
     * reversed lesson) is refunded at once. No money moves here.
     */
    public record AccountWoundDown(String accountId, Instant woundDownAt) {}

    /** One order's share of a release or of a refund. */
    public record OrderAmount(String orderId, long amountFen) {}

    /** 拨付: releasable money of these orders goes into a disbursement instruction, in transit. */
    public record ConsumptionReleased(
            String accountId,
            String instructionId,
            List<OrderAmount> portions,
            long amountFen,
            Instant releasedAt,
            JournalEntry journalEntry)
            implements Journaled {

        @Override
        public Instant occurredAt() {
            return releasedAt;
        }
    }

    /**
     * The bank executed the disbursement this release went into: the institution has the money. The
     * disbursement itself records the money leaving custody; this closes the release.
     */
    public record ReleaseDisbursed(
            String accountId, String instructionId, List<OrderAmount> portions, long amountFen, Instant executedAt) {}

    /** The bank could not execute the disbursement: the money is releasable again. */
    public record ReleaseReturned(
            String accountId,
            String instructionId,
            List<OrderAmount> portions,
            long amountFen,
            Instant returnedAt,
            JournalEntry journalEntry)
            implements Journaled {

        @Override
        public Instant occurredAt() {
            return returnedAt;
        }
    }

    /** 退费申请: the order's release and lessons are frozen until it is answered. */
    public record RefundRequested(
            String accountId,
            String refundId,
            String orderId,
            long amountFen,
            int hours,
            String reason,
            Instant requestedAt,
            Instant answerBy) {}

    public record RefundContested(
            String accountId, String refundId, String orderId, String reason, Instant contestedAt) {}

    public record RefundDenied(String accountId, String refundId, String orderId, String reason, Instant deniedAt) {}

    /** Who approved a refund. */
    public enum RefundApprover {
        INSTITUTION,
        REGULATOR,
        /** Nobody answered within the refund window. */
        WINDOW,
        /** The institution is winding down. */
        WIND_DOWN,
        /** A disputed lesson was reversed after its order was refunded: its hours go back to the parent. */
        LESSON_REVERSED
    }

    /**
     * Prepaid down, refund in transit up: a REFUND instruction goes to the bank, paying back by the
     * original route ({@code payeeRef}, the bankTxnId of the order's collection).
     */
    public record RefundApproved(
            String accountId,
            String institutionId,
            String refundId,
            String orderId,
            long amountFen,
            int hours,
            RefundApprover approvedBy,
            String instructionId,
            String custodyAccountNo,
            String payeeRef,
            Instant approvedAt,
            JournalEntry journalEntry)
            implements Journaled, InstructionEvents.Issued {

        @Override
        public Instant occurredAt() {
            return approvedAt;
        }

        @Override
        public InstructionKind kind() {
            return InstructionKind.REFUND;
        }

        @Override
        public String ownerId() {
            return accountId;
        }

        @Override
        public String ownerRef() {
            return refundId;
        }

        @Override
        public Instant issuedAt() {
            return approvedAt;
        }
    }

    /** The bank paid the refund: the money has left the custody account. */
    public record RefundExecuted(
            String accountId,
            String refundId,
            String orderId,
            String instructionId,
            long amountFen,
            String bankTxnId,
            Instant executedAt,
            JournalEntry journalEntry)
            implements Journaled, InstructionEvents.Executed {

        @Override
        public Instant occurredAt() {
            return executedAt;
        }
    }

    /**
     * The bank could not pay the refund. The refund keeps its approval and its money stays in transit:
     * a new instruction follows at once ({@link RefundReinstructed}), or, after the last attempt, the
     * refund is {@code undeliverable} and waits for a regulator.
     */
    public record RefundFailed(
            String accountId,
            String refundId,
            String orderId,
            String instructionId,
            long amountFen,
            String bankTxnId,
            String reason,
            Instant failedAt,
            boolean undeliverable)
            implements InstructionEvents.Failed {}

    /**
     * The refund's money, still in transit, goes to the bank again: after a failed attempt, or by a
     * regulator's {@code resolution} of an undeliverable refund (which may name another {@code payeeRef}).
     */
    public record RefundReinstructed(
            String accountId,
            String institutionId,
            String refundId,
            String orderId,
            String instructionId,
            long amountFen,
            String custodyAccountNo,
            String payeeRef,
            String previousInstructionId,
            String resolution,
            Instant reinstructedAt)
            implements InstructionEvents.Issued {

        @Override
        public InstructionKind kind() {
            return InstructionKind.REFUND;
        }

        @Override
        public String ownerId() {
            return accountId;
        }

        @Override
        public String ownerRef() {
            return refundId;
        }

        @Override
        public Instant issuedAt() {
            return reinstructedAt;
        }
    }
}
