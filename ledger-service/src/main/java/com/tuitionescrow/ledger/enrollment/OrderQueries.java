package com.tuitionescrow.ledger.enrollment;

import static com.tuitionescrow.ledger.schema.Tables.COURSE_ORDER;
import static com.tuitionescrow.ledger.schema.Tables.INSTITUTION;
import static com.tuitionescrow.ledger.schema.Tables.LESSON;
import static com.tuitionescrow.ledger.schema.Tables.REFUND;

import com.tuitionescrow.ledger.api.enrollment.Course;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.schema.tables.records.CourseOrderRecord;
import com.tuitionescrow.ledger.schema.tables.records.LessonRecord;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record4;
import org.jooq.SelectSelectStep;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Reads of the order and lesson views, for clients and for routing commands to their account. */
@Repository
public class OrderQueries {

    /** Where an order lives: the student account that owns it, and whose institution it is. */
    public record OrderLocation(String orderId, String accountId, String institutionId, String studentId) {}

    /** Where a lesson lives. */
    record LessonLocation(String lessonId, String orderId, String accountId, String institutionId) {}

    private final DSLContext db;

    OrderQueries(DSLContext db) {
        this.db = db;
    }

    /** The columns an {@link OrderLocation} is read from. */
    private SelectSelectStep<Record4<String, String, String, String>> selectLocation() {
        return db.select(
                COURSE_ORDER.ORDER_ID, COURSE_ORDER.ACCOUNT_ID, COURSE_ORDER.INSTITUTION_ID, COURSE_ORDER.STUDENT_ID);
    }

    private static OrderLocation location(Record4<String, String, String, String> r) {
        return new OrderLocation(r.value1(), r.value2(), r.value3(), r.value4());
    }

    public Optional<OrderLocation> locate(String orderId) {
        return selectLocation()
                .from(COURSE_ORDER)
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .fetchOptional(OrderQueries::location);
    }

    Optional<LessonLocation> locateLesson(String lessonId) {
        return db.select(LESSON.LESSON_ID, LESSON.ORDER_ID, COURSE_ORDER.ACCOUNT_ID, LESSON.INSTITUTION_ID)
                .from(LESSON)
                .join(COURSE_ORDER)
                .on(COURSE_ORDER.ORDER_ID.eq(LESSON.ORDER_ID))
                .where(LESSON.LESSON_ID.eq(lessonId))
                .fetchOptional(r -> new LessonLocation(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    Optional<OrderResponse> find(String orderId) {
        return db.selectFrom(COURSE_ORDER)
                .where(COURSE_ORDER.ORDER_ID.eq(orderId))
                .fetchOptional()
                .map(order -> toResponse(
                        order,
                        db.selectFrom(LESSON)
                                .where(LESSON.ORDER_ID.eq(orderId))
                                .orderBy(LESSON.STARTED_AT, LESSON.LESSON_ID)
                                .fetch(OrderQueries::toResponse)));
    }

    Optional<LessonResponse> findLesson(String lessonId) {
        return db.selectFrom(LESSON).where(LESSON.LESSON_ID.eq(lessonId)).fetchOptional(OrderQueries::toResponse);
    }

    /** The student's orders at an institution, oldest first, after {@code afterOrderId} (null: the first); at most {@code limit}. */
    public List<OrderResponse> ordersOf(String institutionId, String studentId, String afterOrderId, int limit) {
        Condition ofStudent = COURSE_ORDER.INSTITUTION_ID.eq(institutionId).and(COURSE_ORDER.STUDENT_ID.eq(studentId));
        if (afterOrderId != null) {
            var after = COURSE_ORDER.as("after");
            ofStudent = ofStudent.and(DSL.row(COURSE_ORDER.PLACED_AT, COURSE_ORDER.ORDER_ID)
                    .gt(DSL.select(after.PLACED_AT, after.ORDER_ID)
                            .from(after)
                            .where(after.ORDER_ID.eq(afterOrderId))));
        }
        return db.selectFrom(COURSE_ORDER)
                .where(ofStudent)
                .orderBy(COURSE_ORDER.PLACED_AT, COURSE_ORDER.ORDER_ID)
                .limit(limit)
                .fetch(order -> toResponse(order, List.of()));
    }

    /** Whether the student has any order at the institution. */
    public boolean hasOrders(String institutionId, String studentId) {
        return db.fetchExists(
                COURSE_ORDER, COURSE_ORDER.INSTITUTION_ID.eq(institutionId), COURSE_ORDER.STUDENT_ID.eq(studentId));
    }

    /** Unpaid orders whose deadline has passed, for the expiry sweep. */
    List<OrderLocation> overdue(Instant now, int limit) {
        return selectLocation()
                .from(COURSE_ORDER)
                .where(
                        COURSE_ORDER.STATUS.eq(OrderStatus.AWAITING_PAYMENT.name()),
                        COURSE_ORDER.PAY_BY.le(now.atOffset(ZoneOffset.UTC)))
                .orderBy(COURSE_ORDER.PAY_BY)
                .limit(limit)
                .fetch(OrderQueries::location);
    }

    /** Unpaid orders of institutions that may not sell (suspended, blacklisted, winding down), for the sweep to end. */
    List<OrderLocation> unpaidOfStoppedInstitutions(int limit) {
        return selectLocation()
                .from(COURSE_ORDER)
                .join(INSTITUTION)
                .on(INSTITUTION.INSTITUTION_ID.eq(COURSE_ORDER.INSTITUTION_ID))
                .where(
                        COURSE_ORDER.STATUS.eq(OrderStatus.AWAITING_PAYMENT.name()),
                        INSTITUTION.STATUS.ne(InstitutionStatus.ACTIVE.name()))
                .orderBy(COURSE_ORDER.PAY_BY)
                .limit(limit)
                .fetch(OrderQueries::location);
    }

    /** A student account holding money ready to release, with its institution. */
    public record ReleasableAccount(String institutionId, String accountId) {}

    /**
     * Student accounts with money ready to release, by institution and then account, after the one
     * given (null for the first page); at most {@code limit}.
     */
    public List<ReleasableAccount> releasableAccounts(ReleasableAccount after, int limit) {
        Condition releasable = COURSE_ORDER.RELEASABLE_FEN.gt(0L);
        if (after != null) {
            releasable = releasable.and(DSL.row(COURSE_ORDER.INSTITUTION_ID, COURSE_ORDER.ACCOUNT_ID)
                    .gt(after.institutionId(), after.accountId()));
        }
        return db.selectDistinct(COURSE_ORDER.INSTITUTION_ID, COURSE_ORDER.ACCOUNT_ID)
                .from(COURSE_ORDER)
                .where(releasable)
                .orderBy(COURSE_ORDER.INSTITUTION_ID, COURSE_ORDER.ACCOUNT_ID)
                .limit(limit)
                .fetch(r -> new ReleasableAccount(r.value1(), r.value2()));
    }

    /** The institution's student accounts after {@code afterAccountId} (null for the first page), in order; at most {@code limit}. */
    public List<String> accountsOf(String institutionId, String afterAccountId, int limit) {
        Condition ofInstitution = COURSE_ORDER.INSTITUTION_ID.eq(institutionId);
        if (afterAccountId != null) {
            ofInstitution = ofInstitution.and(COURSE_ORDER.ACCOUNT_ID.gt(afterAccountId));
        }
        return db.selectDistinct(COURSE_ORDER.ACCOUNT_ID)
                .from(COURSE_ORDER)
                .where(ofInstitution)
                .orderBy(COURSE_ORDER.ACCOUNT_ID)
                .limit(limit)
                .fetch(COURSE_ORDER.ACCOUNT_ID);
    }

    /** What the institution's students have paid and not consumed or been refunded. */
    public long unconsumedFenOf(String institutionId) {
        Long unconsumed = db.select(DSL.sum(COURSE_ORDER.PRICE_PER_HOUR_FEN.times(
                        COURSE_ORDER.HOURS.minus(COURSE_ORDER.CONSUMED_HOURS).minus(COURSE_ORDER.REFUNDED_HOURS))))
                .from(COURSE_ORDER)
                .where(COURSE_ORDER.INSTITUTION_ID.eq(institutionId), COURSE_ORDER.STATUS.eq(OrderStatus.PAID.name()))
                .fetchOne(0, Long.class);
        return unconsumed == null ? 0 : unconsumed;
    }

    /** Whether a lesson or refund of the order still waits for an answer its window no longer allows. */
    boolean hasClosedWindow(String orderId, Instant now) {
        return db.fetchExists(
                        LESSON,
                        LESSON.ORDER_ID.eq(orderId),
                        LESSON.STATUS.eq(LessonStatus.AWAITING_CONFIRMATION.name()),
                        LESSON.CONFIRM_BY.le(now.atOffset(ZoneOffset.UTC)))
                || db.fetchExists(
                        REFUND,
                        REFUND.ORDER_ID.eq(orderId),
                        REFUND.STATUS.eq(RefundStatus.AWAITING_INSTITUTION.name()),
                        REFUND.ANSWER_BY.le(now.atOffset(ZoneOffset.UTC)));
    }

    /** Lessons still unanswered when their confirmation window closed. */
    List<LessonLocation> lessonsPastWindow(Instant asOf, int limit) {
        return db.select(LESSON.LESSON_ID, LESSON.ORDER_ID, COURSE_ORDER.ACCOUNT_ID, LESSON.INSTITUTION_ID)
                .from(LESSON)
                .join(COURSE_ORDER)
                .on(COURSE_ORDER.ORDER_ID.eq(LESSON.ORDER_ID))
                .where(
                        LESSON.STATUS.eq(LessonStatus.AWAITING_CONFIRMATION.name()),
                        LESSON.CONFIRM_BY.le(asOf.atOffset(ZoneOffset.UTC)))
                .orderBy(LESSON.CONFIRM_BY)
                .limit(limit)
                .fetch(r -> new LessonLocation(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    private static OrderResponse toResponse(CourseOrderRecord r, List<LessonResponse> lessons) {
        return new OrderResponse(
                r.getOrderId(),
                r.getInstitutionId(),
                r.getStudentId(),
                r.getContractNo(),
                new Course(
                        r.getCourseId(),
                        r.getSubject(),
                        CourseMode.valueOf(r.getMode()),
                        r.getPricePerHourFen(),
                        r.getHours(),
                        r.getStartDate(),
                        r.getEndDate()),
                OrderStatus.valueOf(r.getStatus()),
                r.getAmountFen(),
                r.getPaidFen(),
                r.getHours(),
                r.getConsumedHours(),
                r.getConfirmedHours(),
                r.getHours() - r.getConsumedHours() - r.getRefundedHours(),
                r.getRefundedHours(),
                r.getRefundedFen(),
                r.getRefundPaidFen(),
                r.getReleasableFen(),
                r.getHeldBackFen(),
                r.getDisbursingFen(),
                r.getDisbursedFen(),
                LedgerTime.offsetOf(r.getPayBy().toInstant()),
                lessons);
    }

    private static LessonResponse toResponse(LessonRecord r) {
        return new LessonResponse(
                r.getLessonId(),
                r.getOrderId(),
                r.getHours(),
                r.getAmountFen(),
                LedgerTime.offsetOf(r.getStartedAt().toInstant()),
                LedgerTime.offsetOf(r.getEndedAt().toInstant()),
                LessonStatus.valueOf(r.getStatus()),
                Arrays.stream(r.getViolations()).map(LessonViolation::valueOf).toList(),
                r.getDisputeReason(),
                LedgerTime.offsetOf(r.getConfirmBy().toInstant()));
    }
}
