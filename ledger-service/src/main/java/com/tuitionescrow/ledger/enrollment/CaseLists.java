package com.tuitionescrow.ledger.enrollment;

import static com.tuitionescrow.ledger.schema.Tables.LESSON;
import static com.tuitionescrow.ledger.schema.Tables.REFUND;

import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.LessonSummary;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.refund.RefundResponse;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Lessons and refunds listed by their deadline (a lesson's confirmation window, a refund's answer
 * window): what a regulator or an institution has to look at next comes first.
 */
@Repository
class CaseLists {

    private final DSLContext db;

    CaseLists(DSLContext db) {
        this.db = db;
    }

    /** Lessons of the institution (every institution's when null) in these states, after the lesson {@code afterId}. */
    List<LessonSummary> lessons(String institutionId, Set<LessonStatus> statuses, String afterId, int limit) {
        Condition condition = LESSON.STATUS.in(statuses.stream().map(Enum::name).toList());
        if (institutionId != null) {
            condition = condition.and(LESSON.INSTITUTION_ID.eq(institutionId));
        }
        if (afterId != null) {
            var after =
                    db.select(LESSON.CONFIRM_BY, LESSON.LESSON_ID).from(LESSON).where(LESSON.LESSON_ID.eq(afterId));
            condition =
                    condition.and(DSL.row(LESSON.CONFIRM_BY, LESSON.LESSON_ID).gt(after));
        }
        return db.selectFrom(LESSON)
                .where(condition)
                .orderBy(LESSON.CONFIRM_BY, LESSON.LESSON_ID)
                .limit(limit)
                .fetch(r -> new LessonSummary(
                        r.getLessonId(),
                        r.getOrderId(),
                        r.getInstitutionId(),
                        r.getHours(),
                        r.getAmountFen(),
                        LedgerTime.offsetOf(r.getStartedAt().toInstant()),
                        LedgerTime.offsetOf(r.getEndedAt().toInstant()),
                        LessonStatus.valueOf(r.getStatus()),
                        Arrays.stream(r.getViolations())
                                .map(LessonViolation::valueOf)
                                .toList(),
                        r.getDisputeReason(),
                        LedgerTime.offsetOf(r.getReportedAt().toInstant()),
                        LedgerTime.offsetOf(r.getConfirmBy().toInstant())));
    }

    /** Refunds of the institution (every institution's when null) in these states, after the refund {@code afterId}. */
    List<RefundResponse> refunds(String institutionId, Set<RefundStatus> statuses, String afterId, int limit) {
        Condition condition = REFUND.STATUS.in(statuses.stream().map(Enum::name).toList());
        if (institutionId != null) {
            condition = condition.and(REFUND.INSTITUTION_ID.eq(institutionId));
        }
        if (afterId != null) {
            var after =
                    db.select(REFUND.ANSWER_BY, REFUND.REFUND_ID).from(REFUND).where(REFUND.REFUND_ID.eq(afterId));
            condition =
                    condition.and(DSL.row(REFUND.ANSWER_BY, REFUND.REFUND_ID).gt(after));
        }
        return db.selectFrom(REFUND)
                .where(condition)
                .orderBy(REFUND.ANSWER_BY, REFUND.REFUND_ID)
                .limit(limit)
                .fetch(RefundQueries::toResponse);
    }
}
