package com.tuitionescrow.ledger.enrollment;

import static com.tuitionescrow.ledger.schema.Tables.COURSE_ORDER;
import static com.tuitionescrow.ledger.schema.Tables.LESSON;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.api.enrollment.LessonOutcome;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.CollectionApplied;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.ConsumptionReleased;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.HoldbackReleased;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonConfirmed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonDisputed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonReported;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.LessonResolved;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderCancelled;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderExpired;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderPlaced;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundApproved;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.RefundExecuted;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.ReleaseDisbursed;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.ReleaseReturned;
import com.tuitionescrow.ledger.platform.axon.Projection;
import com.tuitionescrow.ledger.platform.axon.Projection.Runs;
import com.tuitionescrow.ledger.schema.tables.records.CourseOrderRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.TableField;
import org.springframework.stereotype.Component;

/**
 * Orders and lessons as clients read them, written in the command's own transaction (a subscribing
 * processor). Their primary keys make order and lesson ids unique across the whole ledger, and
 * they tell the command side which student account an order or lesson belongs to.
 */
@Component
@ProcessingGroup(OrderProjection.GROUP)
@Projection(Runs.IN_COMMAND_TRANSACTION)
class OrderProjection {

    static final String GROUP = "order-views";

    private final DSLContext db;

    OrderProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(OrderPlaced event) {
        db.insertInto(COURSE_ORDER)
                .set(COURSE_ORDER.ORDER_ID, event.orderId())
                .set(COURSE_ORDER.ACCOUNT_ID, event.accountId())
                .set(COURSE_ORDER.INSTITUTION_ID, event.institutionId())
                .set(COURSE_ORDER.STUDENT_ID, event.studentId())
                .set(COURSE_ORDER.CONTRACT_NO, event.contractNo())
                .set(COURSE_ORDER.COURSE_ID, event.courseId())
                .set(COURSE_ORDER.SUBJECT, event.subject())
                .set(COURSE_ORDER.MODE, event.mode().name())
                .set(COURSE_ORDER.PRICE_PER_HOUR_FEN, event.pricePerHourFen())
                .set(COURSE_ORDER.HOURS, event.hours())
                .set(COURSE_ORDER.START_DATE, event.startDate())
                .set(COURSE_ORDER.END_DATE, event.endDate())
                .set(COURSE_ORDER.AMOUNT_FEN, event.amountFen())
                .set(COURSE_ORDER.STATUS, OrderStatus.AWAITING_PAYMENT.name())
                .set(COURSE_ORDER.PAY_BY, utc(event.payBy()))
                .set(COURSE_ORDER.PLACED_AT, utc(event.placedAt()))
                .execute();
    }

    @EventHandler
    void on(OrderCancelled event) {
        setStatus(event.orderId(), OrderStatus.CANCELLED);
    }

    @EventHandler
    void on(OrderExpired event) {
        setStatus(event.orderId(), OrderStatus.EXPIRED);
    }

    @EventHandler
    void on(CollectionApplied event) {
        db.update(COURSE_ORDER)
                .set(COURSE_ORDER.STATUS, OrderStatus.PAID.name())
                .set(COURSE_ORDER.PAID_FEN, event.amountFen())
                .set(COURSE_ORDER.PAID_AT, utc(event.receivedAt()))
                .set(COURSE_ORDER.PAID_BY_BANK_TXN_ID, event.bankTxnId())
                .where(COURSE_ORDER.ORDER_ID.eq(event.orderId()))
                .execute();
    }

    @EventHandler
    void on(LessonReported event) {
        db.insertInto(LESSON)
                .set(LESSON.LESSON_ID, event.lessonId())
                .set(LESSON.ORDER_ID, event.orderId())
                .set(
                        LESSON.INSTITUTION_ID,
                        select(COURSE_ORDER.INSTITUTION_ID)
                                .from(COURSE_ORDER)
                                .where(COURSE_ORDER.ORDER_ID.eq(event.orderId())))
                .set(LESSON.HOURS, event.hours())
                .set(LESSON.AMOUNT_FEN, event.amountFen())
                .set(LESSON.STARTED_AT, utc(event.startedAt()))
                .set(LESSON.ENDED_AT, utc(event.endedAt()))
                .set(LESSON.STATUS, LessonStatus.AWAITING_CONFIRMATION.name())
                .set(
                        LESSON.VIOLATIONS,
                        event.violations().stream().map(Enum::name).toArray(String[]::new))
                .set(LESSON.REPORTED_AT, utc(event.reportedAt()))
                .set(LESSON.CONFIRM_BY, utc(event.confirmBy()))
                .execute();
        addConsumedHours(event.orderId(), event.hours());
    }

    @EventHandler
    void on(LessonConfirmed event) {
        int hours = answerLesson(event.lessonId(), LessonStatus.CONFIRMED, null, event.confirmedAt());
        addConfirmedHours(event.orderId(), hours);
        addConsumption(event.orderId(), event.journalEntry());
    }

    @EventHandler
    void on(LessonDisputed event) {
        answerLesson(event.lessonId(), LessonStatus.DISPUTED, event.reason(), event.disputedAt());
    }

    @EventHandler
    void on(LessonResolved event) {
        if (event.outcome() == LessonOutcome.CONSUMED) {
            answerLesson(event.lessonId(), LessonStatus.RESOLVED_CONSUMED, null, event.resolvedAt());
            addConfirmedHours(event.orderId(), event.hours());
            addConsumption(event.orderId(), event.journalEntry());
        } else {
            answerLesson(event.lessonId(), LessonStatus.REVERSED, null, event.resolvedAt());
            addConsumedHours(event.orderId(), -event.hours());
        }
    }

    @EventHandler
    void on(HoldbackReleased event) {
        moveMoney(event.orderId(), COURSE_ORDER.HELD_BACK_FEN, COURSE_ORDER.RELEASABLE_FEN, event.amountFen());
    }

    @EventHandler
    void on(ConsumptionReleased event) {
        event.portions()
                .forEach(p -> moveMoney(
                        p.orderId(), COURSE_ORDER.RELEASABLE_FEN, COURSE_ORDER.DISBURSING_FEN, p.amountFen()));
    }

    @EventHandler
    void on(ReleaseDisbursed event) {
        event.portions()
                .forEach(p ->
                        moveMoney(p.orderId(), COURSE_ORDER.DISBURSING_FEN, COURSE_ORDER.DISBURSED_FEN, p.amountFen()));
    }

    @EventHandler
    void on(ReleaseReturned event) {
        event.portions()
                .forEach(p -> moveMoney(
                        p.orderId(), COURSE_ORDER.DISBURSING_FEN, COURSE_ORDER.RELEASABLE_FEN, p.amountFen()));
    }

    @EventHandler
    void on(RefundApproved event) {
        addRefund(event.orderId(), event.hours(), event.amountFen());
    }

    @EventHandler
    void on(RefundExecuted event) {
        db.update(COURSE_ORDER)
                .set(COURSE_ORDER.REFUND_PAID_FEN, COURSE_ORDER.REFUND_PAID_FEN.plus(event.amountFen()))
                .where(COURSE_ORDER.ORDER_ID.eq(event.orderId()))
                .execute();
    }

    private void setStatus(String orderId, OrderStatus status) {
        db.update(COURSE_ORDER)
                .set(COURSE_ORDER.STATUS, status.name())
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .execute();
    }

    /** Consumption completes an order when no hour is left, and a reversal reopens it. */
    private void addConsumedHours(String orderId, int hours) {
        var consumed = COURSE_ORDER.CONSUMED_HOURS.plus(hours);
        db.update(COURSE_ORDER)
                .set(COURSE_ORDER.CONSUMED_HOURS, consumed)
                .set(COURSE_ORDER.STATUS, settledStatus(consumed, COURSE_ORDER.REFUNDED_HOURS))
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .execute();
    }

    private void addRefund(String orderId, int hours, long amountFen) {
        var refunded = COURSE_ORDER.REFUNDED_HOURS.plus(hours);
        db.update(COURSE_ORDER)
                .set(COURSE_ORDER.REFUNDED_HOURS, refunded)
                .set(COURSE_ORDER.REFUNDED_FEN, COURSE_ORDER.REFUNDED_FEN.plus(amountFen))
                .set(COURSE_ORDER.STATUS, settledStatus(COURSE_ORDER.CONSUMED_HOURS, refunded))
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .execute();
    }

    /** As the account decides it: PAID while hours remain, then COMPLETED, or REFUNDED if some were refunded. */
    private static Field<String> settledStatus(Field<Integer> consumedHours, Field<Integer> refundedHours) {
        return when(consumedHours.plus(refundedHours).lt(COURSE_ORDER.HOURS), OrderStatus.PAID.name())
                .when(refundedHours.gt(0), OrderStatus.REFUNDED.name())
                .otherwise(OrderStatus.COMPLETED.name());
    }

    /** The confirmed lesson's money, as the entry split it between releasable and held back. */
    private void addConsumption(String orderId, JournalEntry entry) {
        db.update(COURSE_ORDER)
                .set(
                        COURSE_ORDER.RELEASABLE_FEN,
                        COURSE_ORDER.RELEASABLE_FEN.plus(entry.creditedFen(AccountType.RELEASABLE)))
                .set(
                        COURSE_ORDER.HELD_BACK_FEN,
                        COURSE_ORDER.HELD_BACK_FEN.plus(entry.creditedFen(AccountType.HELD_BACK)))
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .execute();
    }

    private void moveMoney(
            String orderId,
            TableField<CourseOrderRecord, Long> from,
            TableField<CourseOrderRecord, Long> to,
            long amountFen) {
        db.update(COURSE_ORDER)
                .set(from, from.minus(amountFen))
                .set(to, to.plus(amountFen))
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .execute();
    }

    private void addConfirmedHours(String orderId, int hours) {
        db.update(COURSE_ORDER)
                .set(COURSE_ORDER.CONFIRMED_HOURS, COURSE_ORDER.CONFIRMED_HOURS.plus(hours))
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .execute();
    }

    /** Records the answer (keeping an earlier dispute's reason) and returns the lesson's hours. */
    private int answerLesson(String lessonId, LessonStatus status, String disputeReason, Instant at) {
        return db.update(LESSON)
                .set(LESSON.STATUS, status.name())
                .set(LESSON.DISPUTE_REASON, coalesce(val(disputeReason), LESSON.DISPUTE_REASON))
                .set(LESSON.ANSWERED_AT, utc(at))
                .where(LESSON.LESSON_ID.eq(lessonId))
                .returning(LESSON.HOURS)
                .fetchOne(LESSON.HOURS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
