package com.tuitionescrow.ledger.audit;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.COURSE_ORDER;
import static com.tuitionescrow.ledger.schema.Tables.INSTITUTION;
import static com.tuitionescrow.ledger.schema.Tables.LESSON;
import static com.tuitionescrow.ledger.schema.Tables.REFUND;
import static org.jooq.impl.DSL.sum;

import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.audit.InstitutionOverview;
import com.tuitionescrow.ledger.api.audit.ViolationView;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.reconciliation.BankBalances;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** The regulator's views across institutions: lesson-time violations, and each institution at a glance. */
@Repository
class AuditQueries {

    private final DSLContext db;
    private final BankBalances bank;

    AuditQueries(DSLContext db, BankBalances bank) {
        this.db = db;
        this.bank = bank;
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
            var after =
                    db.select(LESSON.STARTED_AT, LESSON.LESSON_ID).from(LESSON).where(LESSON.LESSON_ID.eq(afterId));
            condition =
                    condition.and(DSL.row(LESSON.STARTED_AT, LESSON.LESSON_ID).gt(after));
        }
        return db.selectFrom(LESSON)
                .where(condition)
                .orderBy(LESSON.STARTED_AT, LESSON.LESSON_ID)
                .limit(limit)
                .fetch(r -> new ViolationView(
                        r.getLessonId(),
                        r.getOrderId(),
                        r.getInstitutionId(),
                        LedgerTime.offsetOf(r.getStartedAt().toInstant()),
                        LedgerTime.offsetOf(r.getEndedAt().toInstant()),
                        Arrays.stream(r.getViolations())
                                .map(LessonViolation::valueOf)
                                .toList()));
    }

    /**
     * Institutions by id after {@code afterId}, each with its custody cash, unconsumed fees, suspense,
     * violations, open cases and latest statement. Each figure is read for the whole page at once,
     * grouped by institution, so a page costs the same few queries however long it is.
     */
    List<InstitutionOverview> institutions(String afterId, int limit) {
        var page = db.select(INSTITUTION.INSTITUTION_ID, INSTITUTION.NAME, INSTITUTION.STATUS)
                .from(INSTITUTION)
                .where(afterId == null ? DSL.trueCondition() : INSTITUTION.INSTITUTION_ID.gt(afterId))
                .orderBy(INSTITUTION.INSTITUTION_ID)
                .limit(limit)
                .fetch();
        return overviews(page, page.map(Record3::value1));
    }

    /**
     * Every institution at a glance, in no particular order: the same figures as {@link #institutions},
     * each read for all institutions in one grouped query, to be ranked and filtered by the caller.
     */
    List<InstitutionOverview> everyInstitution() {
        var all = db.select(INSTITUTION.INSTITUTION_ID, INSTITUTION.NAME, INSTITUTION.STATUS)
                .from(INSTITUTION)
                .fetch();
        return overviews(all, null);
    }

    /** The overviews of these institutions; {@code ids} names them all, or is null when they are every one. */
    private List<InstitutionOverview> overviews(Result<Record3<String, String, String>> rows, List<String> ids) {
        Map<String, Long> custody = balances(ids, AccountType.CUSTODY_CASH);
        Map<String, Long> suspense = balances(ids, AccountType.SUSPENSE);
        Map<String, Long> unconsumed = sumBy(
                ids,
                COURSE_ORDER.INSTITUTION_ID,
                COURSE_ORDER.PRICE_PER_HOUR_FEN.times(
                        COURSE_ORDER.HOURS.minus(COURSE_ORDER.CONSUMED_HOURS).minus(COURSE_ORDER.REFUNDED_HOURS)),
                COURSE_ORDER.STATUS.eq(OrderStatus.PAID.name()));
        Map<String, Long> violating =
                countBy(ids, LESSON.INSTITUTION_ID, DSL.condition("cardinality({0}) > 0", LESSON.VIOLATIONS));
        Map<String, Long> disputes =
                countBy(ids, LESSON.INSTITUTION_ID, LESSON.STATUS.eq(LessonStatus.DISPUTED.name()));
        Map<String, Long> refunds = countBy(
                ids,
                REFUND.INSTITUTION_ID,
                REFUND.STATUS.in(RefundStatus.AWAITING_INSTITUTION.name(), RefundStatus.CONTESTED.name()));
        Map<String, Map<LessonViolation, Long>> byRule = violationsByRule(ids);
        Map<String, BankBalances.LatestStatement> statements = ids == null ? bank.latestOfEvery() : bank.latestOf(ids);
        return rows.map(r -> {
            String id = r.value1();
            long custodyFen = custody.getOrDefault(id, 0L);
            long unconsumedFen = unconsumed.getOrDefault(id, 0L);
            BankBalances.LatestStatement statement = statements.get(id);
            return InstitutionRisk.scored(
                    id,
                    r.value2(),
                    InstitutionStatus.valueOf(r.value3()),
                    custodyFen,
                    unconsumedFen,
                    covered(custodyFen, unconsumedFen, statement),
                    violating.getOrDefault(id, 0L),
                    suspense.getOrDefault(id, 0L),
                    byRule.getOrDefault(id, Map.of()),
                    disputes.getOrDefault(id, 0L),
                    refunds.getOrDefault(id, 0L),
                    lastStatement(statement));
        });
    }

    /** Rows of these institutions, or of every one when {@code ids} is null. */
    private static Condition of(TableField<?, String> institution, List<String> ids) {
        return ids == null ? DSL.trueCondition() : institution.in(ids);
    }

    /** The balance of each institution's accounts of this type, on their normal side. */
    private Map<String, Long> balances(List<String> institutionIds, AccountType type) {
        Field<Long> net = type.isAsset()
                ? ACCOUNT_BALANCE.DEBIT_FEN.minus(ACCOUNT_BALANCE.CREDIT_FEN)
                : ACCOUNT_BALANCE.CREDIT_FEN.minus(ACCOUNT_BALANCE.DEBIT_FEN);
        return sumBy(institutionIds, ACCOUNT_BALANCE.INSTITUTION_ID, net, ACCOUNT_BALANCE.ACCOUNT_TYPE.eq(type.name()));
    }

    /** The sum of {@code amount} over the rows that meet {@code condition}, per institution of the list (null: all). */
    private Map<String, Long> sumBy(
            List<String> institutionIds,
            TableField<?, String> institution,
            Field<? extends Number> amount,
            Condition condition) {
        Map<String, Long> sums = new HashMap<>();
        db.select(institution, sum(amount))
                .from(institution.getTable())
                .where(of(institution, institutionIds), condition)
                .groupBy(institution)
                .forEach(r -> sums.put(r.value1(), r.value2().longValueExact()));
        return sums;
    }

    /** How many rows meet {@code condition}, per institution of the list (null: all). */
    private Map<String, Long> countBy(
            List<String> institutionIds, TableField<?, String> institution, Condition condition) {
        Map<String, Long> counts = new HashMap<>();
        db.select(institution, DSL.count())
                .from(institution.getTable())
                .where(of(institution, institutionIds), condition)
                .groupBy(institution)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    /** How many lessons broke each rule, per institution (a lesson that broke two counts under both). */
    private Map<String, Map<LessonViolation, Long>> violationsByRule(List<String> institutionIds) {
        Field<String> rule = DSL.field(DSL.name("rule"), String.class);
        Map<String, Map<LessonViolation, Long>> byInstitution = new HashMap<>();
        db.select(LESSON.INSTITUTION_ID, rule, DSL.count())
                .from(LESSON, DSL.table("unnest({0})", LESSON.VIOLATIONS).as("v", "rule"))
                .where(
                        of(LESSON.INSTITUTION_ID, institutionIds),
                        DSL.condition("cardinality({0}) > 0", LESSON.VIOLATIONS))
                .groupBy(LESSON.INSTITUTION_ID, rule)
                .forEach(r -> byInstitution
                        .computeIfAbsent(r.value1(), id -> new EnumMap<>(LessonViolation.class))
                        .put(LessonViolation.valueOf(r.value2()), r.value3().longValue()));
        return byInstitution;
    }

    /**
     * The custody cash the unconsumed fees are judged against: the ledger's, less what the bank's
     * latest statement lacks against it (a surplus at the bank is owed to no known student).
     */
    private static boolean covered(long custodyFen, long unconsumedFen, BankBalances.LatestStatement statement) {
        long shortAtBank = statement == null ? 0 : Math.min(0, statement.differenceFen());
        return Fen.plus(custodyFen, shortAtBank) >= unconsumedFen;
    }

    private static InstitutionOverview.LastStatement lastStatement(BankBalances.LatestStatement statement) {
        return statement == null
                ? null
                : new InstitutionOverview.LastStatement(
                        statement.statementId(),
                        statement.toDate(),
                        statement.bankClosingFen(),
                        statement.ledgerClosingFen(),
                        statement.differenceFen(),
                        statement.reconciled(),
                        LedgerTime.offsetOf(statement.reconciledAt()));
    }
}
