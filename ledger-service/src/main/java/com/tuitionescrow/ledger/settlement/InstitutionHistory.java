package com.tuitionescrow.ledger.settlement;

import static com.tuitionescrow.ledger.schema.Tables.BANK_INSTRUCTION;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;
import static com.tuitionescrow.ledger.schema.Tables.LESSON;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.api.settlement.CustodyHistory;
import com.tuitionescrow.ledger.api.settlement.WeeklyActivity;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Repository;

/** An institution over time: its custody cash day by day, its lessons and releases week by week (Beijing time). */
@Repository
class InstitutionHistory {

    private static final Field<String> BEIJING = DSL.inline(LedgerTime.ZONE.getId());

    private final DSLContext db;

    InstitutionHistory(DSLContext db) {
        this.db = db;
    }

    /** Custody cash by the day the money moved, every day of [from, to] listed, quiet days too. */
    CustodyHistory custody(String institutionId, LocalDate from, LocalDate to) {
        Field<LocalDate> day = beijingDate(JOURNAL_ENTRY.OCCURRED_AT);
        var custodyPostings = JOURNAL_POSTING
                .INSTITUTION_ID
                .eq(institutionId)
                .and(JOURNAL_POSTING.ACCOUNT_TYPE.eq(AccountType.CUSTODY_CASH.name()));
        BigDecimal opening = db.select(coalesce(
                        sum(JOURNAL_POSTING.DEBIT_FEN.minus(JOURNAL_POSTING.CREDIT_FEN)), val(BigDecimal.ZERO)))
                .from(JOURNAL_POSTING)
                .join(JOURNAL_ENTRY)
                .on(JOURNAL_ENTRY.SEQ.eq(JOURNAL_POSTING.SEQ))
                .where(custodyPostings, JOURNAL_ENTRY.OCCURRED_AT.lt(startOf(from)))
                .fetchOne(0, BigDecimal.class);
        Map<LocalDate, long[]> moved = new HashMap<>();
        db.select(day, sum(JOURNAL_POSTING.DEBIT_FEN), sum(JOURNAL_POSTING.CREDIT_FEN))
                .from(JOURNAL_POSTING)
                .join(JOURNAL_ENTRY)
                .on(JOURNAL_ENTRY.SEQ.eq(JOURNAL_POSTING.SEQ))
                .where(
                        custodyPostings,
                        JOURNAL_ENTRY.OCCURRED_AT.ge(startOf(from)),
                        JOURNAL_ENTRY.OCCURRED_AT.lt(startOf(to.plusDays(1))))
                .groupBy(day)
                .forEach(r -> moved.put(r.value1(), new long[] {fen(r.value2()), fen(r.value3())}));

        long openingFen = fen(opening);
        long closing = openingFen;
        List<CustodyHistory.Day> days = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            long[] inOut = moved.getOrDefault(date, new long[2]);
            closing = Fen.minus(Fen.plus(closing, inOut[0]), inOut[1]);
            days.add(new CustodyHistory.Day(date, inOut[0], inOut[1], closing));
        }
        return new CustodyHistory(institutionId, from, to, openingFen, days);
    }

    /** The {@code weeks} weeks up to and including the one of {@code today}, quiet weeks too. */
    WeeklyActivity weekly(String institutionId, LocalDate today, int weeks) {
        LocalDate thisWeek = today.minusDays(today.getDayOfWeek().getValue() - 1L);
        LocalDate first = thisWeek.minusWeeks(weeks - 1L);
        OffsetDateTime since = startOf(first);

        Field<LocalDate> lessonWeek = beijingWeek(LESSON.STARTED_AT);
        Map<LocalDate, Record> lessons = new HashMap<>();
        db.select(
                        lessonWeek,
                        count(),
                        sum(LESSON.HOURS),
                        sum(LESSON.AMOUNT_FEN),
                        count().filterWhere(DSL.condition("cardinality({0}) > 0", LESSON.VIOLATIONS)))
                .from(LESSON)
                .where(LESSON.INSTITUTION_ID.eq(institutionId), LESSON.STARTED_AT.ge(since))
                .groupBy(lessonWeek)
                .forEach(r -> lessons.put(r.value1(), r));
        Map<LocalDate, Long> instructed = disbursements(
                institutionId, BANK_INSTRUCTION.CREATED_AT, since, BANK_INSTRUCTION.STATUS.ne("ASSEMBLING"));
        Map<LocalDate, Long> executed = disbursements(
                institutionId, BANK_INSTRUCTION.EXECUTED_AT, since, BANK_INSTRUCTION.STATUS.eq("EXECUTED"));

        List<WeeklyActivity.Week> list = new ArrayList<>();
        for (LocalDate week = first; !week.isAfter(thisWeek); week = week.plusWeeks(1)) {
            Record r = lessons.get(week);
            list.add(new WeeklyActivity.Week(
                    week,
                    r == null ? 0 : r.get(1, Long.class),
                    r == null ? 0 : r.get(2, Long.class),
                    r == null ? 0 : r.get(3, Long.class),
                    r == null ? 0 : r.get(4, Long.class),
                    instructed.getOrDefault(week, 0L),
                    executed.getOrDefault(week, 0L)));
        }
        return new WeeklyActivity(institutionId, list);
    }

    private Map<LocalDate, Long> disbursements(
            String institutionId, Field<OffsetDateTime> at, OffsetDateTime since, Condition status) {
        Field<LocalDate> week = beijingWeek(at);
        Map<LocalDate, Long> byWeek = new HashMap<>();
        db.select(week, sum(BANK_INSTRUCTION.AMOUNT_FEN))
                .from(BANK_INSTRUCTION)
                .where(
                        BANK_INSTRUCTION.INSTITUTION_ID.eq(institutionId),
                        BANK_INSTRUCTION.KIND.eq("DISBURSEMENT"),
                        status,
                        at.ge(since))
                .groupBy(week)
                .forEach(r -> byWeek.put(r.value1(), fen(r.value2())));
        return byWeek;
    }

    private static Field<LocalDate> beijingDate(Field<OffsetDateTime> instant) {
        return DSL.field("({0} at time zone {1})::date", SQLDataType.LOCALDATE, instant, BEIJING);
    }

    private static Field<LocalDate> beijingWeek(Field<OffsetDateTime> instant) {
        return DSL.field("date_trunc('week', {0} at time zone {1})::date", SQLDataType.LOCALDATE, instant, BEIJING);
    }

    private static OffsetDateTime startOf(LocalDate date) {
        return date.atStartOfDay(LedgerTime.ZONE).toInstant().atOffset(ZoneOffset.UTC);
    }

    private static long fen(BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }
}
