package com.tuitionescrow.ledger.audit;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.COURSE_ORDER;
import static com.tuitionescrow.ledger.schema.Tables.INSTITUTION;
import static com.tuitionescrow.ledger.schema.Tables.LESSON;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import com.tuitionescrow.ledger.api.audit.InstitutionOverview;
import com.tuitionescrow.ledger.api.audit.ViolationView;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The regulator's views across institutions: lesson-time violations, and each institution at a glance. */
@Repository
class AuditQueries {

    private final DSLContext db;

    AuditQueries(DSLContext db) {
        this.db = db;
    }

    /** Violating lessons that started in [from, to), by start time then lesson, after the lesson {@code afterId}. */
    List<ViolationView> violations(String institutionId, Instant from, Instant to, String afterId, int limit) {
        Condition condition = DSL.condition("cardinality({0}) > 0", LESSON.VIOLATIONS);
        if (institutionId != null) {
            condition = condition.and(LESSON.INSTITUTION_ID.eq(institutionId));
        }
        if (from != null) {
            condition = condition.and(LESSON.STARTED_AT.ge(from.atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            condition = condition.and(LESSON.STARTED_AT.lt(to.atOffset(ZoneOffset.UTC)));
        }
        if (afterId != null) {
            var after = db.select(LESSON.STARTED_AT, LESSON.LESSON_ID).from(LESSON).where(LESSON.LESSON_ID.eq(afterId));
            condition = condition.and(DSL.row(LESSON.STARTED_AT, LESSON.LESSON_ID).gt(after));
        }
        return db.selectFrom(LESSON)
                .where(condition)
                .orderBy(LESSON.STARTED_AT, LESSON.LESSON_ID)
                .limit(limit)
                .fetch(r -> new ViolationView(r.getLessonId(), r.getOrderId(), r.getInstitutionId(),
                        LedgerTime.offsetOf(r.getStartedAt().toInstant()), LedgerTime.offsetOf(r.getEndedAt().toInstant()),
                        Arrays.stream(r.getViolations()).map(LessonViolation::valueOf).toList()));
    }

    /** Institutions by id after {@code afterId}, each with its custody cash, unconsumed fees and violations. */
    List<InstitutionOverview> institutions(String afterId, int limit) {
        var custody = select(coalesce(sum(ACCOUNT_BALANCE.DEBIT_FEN.minus(ACCOUNT_BALANCE.CREDIT_FEN)), val(BigDecimal.ZERO)))
                .from(ACCOUNT_BALANCE)
                .where(ACCOUNT_BALANCE.INSTITUTION_ID.eq(INSTITUTION.INSTITUTION_ID),
                        ACCOUNT_BALANCE.ACCOUNT_TYPE.eq("CUSTODY_CASH"));
        var unconsumed = select(coalesce(sum(COURSE_ORDER.PRICE_PER_HOUR_FEN.times(COURSE_ORDER.HOURS
                        .minus(COURSE_ORDER.CONSUMED_HOURS).minus(COURSE_ORDER.REFUNDED_HOURS))), val(BigDecimal.ZERO)))
                .from(COURSE_ORDER)
                .where(COURSE_ORDER.INSTITUTION_ID.eq(INSTITUTION.INSTITUTION_ID),
                        COURSE_ORDER.STATUS.eq(OrderStatus.PAID.name()));
        var violations = selectCount().from(LESSON)
                .where(LESSON.INSTITUTION_ID.eq(INSTITUTION.INSTITUTION_ID),
                        DSL.condition("cardinality({0}) > 0", LESSON.VIOLATIONS));
        return db.select(INSTITUTION.INSTITUTION_ID, INSTITUTION.NAME, INSTITUTION.STATUS,
                        field(custody), field(unconsumed), field(violations))
                .from(INSTITUTION)
                .where(afterId == null ? DSL.trueCondition() : INSTITUTION.INSTITUTION_ID.gt(afterId))
                .orderBy(INSTITUTION.INSTITUTION_ID)
                .limit(limit)
                .fetch(r -> {
                    long custodyFen = r.value4().longValueExact();
                    long unconsumedFen = r.value5().longValueExact();
                    return new InstitutionOverview(r.value1(), r.value2(), InstitutionStatus.valueOf(r.value3()),
                            custodyFen, unconsumedFen, custodyFen >= unconsumedFen, r.value6());
                });
    }
}
