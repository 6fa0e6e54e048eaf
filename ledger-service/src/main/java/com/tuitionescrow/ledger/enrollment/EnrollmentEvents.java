package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What happened in students' prepaid accounts. The money-moving ones carry their balanced
 * postings. Stored forever: add fields, never rename or remove them.
 */
public final class EnrollmentEvents {

    private EnrollmentEvents() {
    }

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
            Instant payBy) {
    }

    public record OrderCancelled(String accountId, String orderId, Instant cancelledAt) {
    }

    /** Not paid by its deadline; its reservation of the caps is released. */
    public record OrderExpired(String accountId, String orderId, Instant expiredAt) {
    }

    /** Custody cash up, the student's prepaid balance up: the order is paid. */
    public record CollectionApplied(
            String accountId,
            String orderId,
            String bankTxnId,
            String custodyAccountNo,
            long amountFen,
            Instant receivedAt,
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return receivedAt;
        }
    }

    /** Prepaid balance down, awaiting confirmation up. */
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
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return endedAt;
        }
    }

    /** Awaiting confirmation down, releasable up. */
    public record LessonConfirmed(
            String accountId,
            String orderId,
            String lessonId,
            Instant confirmedAt,
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return confirmedAt;
        }
    }

    /** No money moves; the order's release is frozen until a regulator resolves it. */
    public record LessonDisputed(String accountId, String orderId, String lessonId, String reason, Instant disputedAt) {
    }

    /** CONSUMED: awaiting confirmation to releasable. REVERSED: back to the student's prepaid balance. */
    public record LessonResolved(
            String accountId,
            String orderId,
            String lessonId,
            LessonOutcome outcome,
            int hours,
            String reason,
            Instant resolvedAt,
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return resolvedAt;
        }
    }
}
