package com.tuitionescrow.ledger.settlement;

import static com.tuitionescrow.ledger.schema.Tables.ACCOUNT_BALANCE;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.journal.JournalFreshness;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * Totals of the ledger. Current totals come from the stored balances; totals as of a past moment
 * are summed from the postings recorded up to then, once the journal is complete up to then, so a
 * past answer never changes.
 */
@Repository
public class LedgerQueries {

    /** Debit and credit totals of one account, or of a group of them. */
    public record Totals(long debitFen, long creditFen) {
        public static final Totals ZERO = new Totals(0, 0);

        public Totals plus(Totals other) {
            return new Totals(Math.addExact(debitFen, other.debitFen), Math.addExact(creditFen, other.creditFen));
        }
    }

    /** The totals of one account type at one institution: a control account over its sub-ledgers. */
    public record ControlTotals(AccountType type, String institutionId, Totals totals) {}

    private final DSLContext db;
    private final JournalFreshness freshness;

    LedgerQueries(DSLContext db, JournalFreshness freshness) {
        this.db = db;
        this.freshness = freshness;
    }

    public Optional<Totals> account(AccountCode account, Instant asOf) {
        if (asOf == null) {
            return db.select(ACCOUNT_BALANCE.DEBIT_FEN, ACCOUNT_BALANCE.CREDIT_FEN)
                    .from(ACCOUNT_BALANCE)
                    .where(ACCOUNT_BALANCE.ACCOUNT_CODE.eq(account.toString()))
                    .fetchOptional(r -> new Totals(r.value1(), r.value2()));
        }
        return db.select(sum(JOURNAL_POSTING.DEBIT_FEN), sum(JOURNAL_POSTING.CREDIT_FEN), DSL.count())
                .from(JOURNAL_POSTING)
                .join(JOURNAL_ENTRY)
                .on(JOURNAL_ENTRY.SEQ.eq(JOURNAL_POSTING.SEQ))
                .where(JOURNAL_POSTING.ACCOUNT_CODE.eq(account.toString()), recordedBy(asOf))
                .fetchOptional(r -> r.value3() == 0 ? null : new Totals(fen(r.value1()), fen(r.value2())));
    }

    /** Totals per account type at one institution; types never posted to are absent. */
    public Map<AccountType, Totals> institution(String institutionId, Instant asOf) {
        Map<AccountType, Totals> byType = new EnumMap<>(AccountType.class);
        controlTotals(asOf, institutionId).forEach(c -> byType.merge(c.type(), c.totals(), Totals::plus));
        return byType;
    }

    /** Every control account (type × institution), for the trial balance. */
    public List<ControlTotals> controlAccounts(Instant asOf) {
        return controlTotals(asOf, null);
    }

    private List<ControlTotals> controlTotals(Instant asOf, String institutionId) {
        if (asOf == null) {
            return grouped(
                    ACCOUNT_BALANCE.ACCOUNT_TYPE,
                    ACCOUNT_BALANCE.INSTITUTION_ID,
                    ACCOUNT_BALANCE.DEBIT_FEN,
                    ACCOUNT_BALANCE.CREDIT_FEN,
                    institutionId == null ? DSL.trueCondition() : ACCOUNT_BALANCE.INSTITUTION_ID.eq(institutionId),
                    null);
        }
        return grouped(
                JOURNAL_POSTING.ACCOUNT_TYPE,
                JOURNAL_POSTING.INSTITUTION_ID,
                JOURNAL_POSTING.DEBIT_FEN,
                JOURNAL_POSTING.CREDIT_FEN,
                institutionId == null
                        ? recordedBy(asOf)
                        : JOURNAL_POSTING.INSTITUTION_ID.eq(institutionId).and(recordedBy(asOf)),
                asOf);
    }

    private List<ControlTotals> grouped(
            Field<String> type,
            Field<String> institution,
            Field<Long> debit,
            Field<Long> credit,
            Condition condition,
            Instant asOf) {
        var select = db.select(
                type,
                institution,
                coalesce(sum(debit), val(BigDecimal.ZERO)),
                coalesce(sum(credit), val(BigDecimal.ZERO)));
        var from = asOf == null
                ? select.from(ACCOUNT_BALANCE)
                : select.from(JOURNAL_POSTING).join(JOURNAL_ENTRY).on(JOURNAL_ENTRY.SEQ.eq(JOURNAL_POSTING.SEQ));
        return from.where(condition)
                .groupBy(type, institution)
                .orderBy(institution, type)
                .fetch(r -> new ControlTotals(
                        AccountType.valueOf(r.value1()), r.value2(), new Totals(fen(r.value3()), fen(r.value4()))));
    }

    /** What has left the institution's custody cash, by the type of entry that took it out. */
    public Map<String, Long> custodyOutflows(String institutionId, Instant asOf) {
        Condition condition = JOURNAL_POSTING
                .ACCOUNT_CODE
                .eq(AccountCode.of(AccountType.CUSTODY_CASH, institutionId).toString())
                .and(JOURNAL_POSTING.CREDIT_FEN.gt(0L));
        if (asOf != null) {
            condition = condition.and(recordedBy(asOf));
        }
        return db.select(JOURNAL_ENTRY.ENTRY_TYPE, sum(JOURNAL_POSTING.CREDIT_FEN))
                .from(JOURNAL_POSTING)
                .join(JOURNAL_ENTRY)
                .on(JOURNAL_ENTRY.SEQ.eq(JOURNAL_POSTING.SEQ))
                .where(condition)
                .groupBy(JOURNAL_ENTRY.ENTRY_TYPE)
                .fetchMap(JOURNAL_ENTRY.ENTRY_TYPE, r -> fen(r.value2()));
    }

    /** One journal entry's effect on one account. */
    public record EntryLine(
            long seq,
            String entryId,
            String type,
            String orderId,
            Instant occurredAt,
            Instant recordedAt,
            Totals totals) {}

    /**
     * The account's entries after {@code afterSeq}, oldest first, recorded in [from, to) where
     * given; at most {@code limit}.
     */
    public List<EntryLine> entries(AccountCode account, Instant from, Instant to, long afterSeq, int limit) {
        Condition window = JOURNAL_POSTING.ACCOUNT_CODE.eq(account.toString()).and(JOURNAL_POSTING.SEQ.gt(afterSeq));
        if (from != null) {
            window = window.and(JOURNAL_ENTRY.RECORDED_AT.ge(from.atOffset(ZoneOffset.UTC)));
        }
        if (to != null) {
            window = window.and(JOURNAL_ENTRY.RECORDED_AT.lt(to.atOffset(ZoneOffset.UTC)));
        }
        return db.select(
                        JOURNAL_ENTRY.SEQ,
                        JOURNAL_ENTRY.ENTRY_ID,
                        JOURNAL_ENTRY.ENTRY_TYPE,
                        JOURNAL_ENTRY.ORDER_ID,
                        JOURNAL_ENTRY.OCCURRED_AT,
                        JOURNAL_ENTRY.RECORDED_AT,
                        sum(JOURNAL_POSTING.DEBIT_FEN),
                        sum(JOURNAL_POSTING.CREDIT_FEN))
                .from(JOURNAL_POSTING)
                .join(JOURNAL_ENTRY)
                .on(JOURNAL_ENTRY.SEQ.eq(JOURNAL_POSTING.SEQ))
                .where(window)
                .groupBy(JOURNAL_ENTRY.SEQ)
                .orderBy(JOURNAL_ENTRY.SEQ)
                .limit(limit)
                .fetch(r -> new EntryLine(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5().toInstant(),
                        r.value6().toInstant(),
                        new Totals(fen(r.value7()), fen(r.value8()))));
    }

    /** The account's totals over the entries before {@code seq}: the opening of a statement page. */
    public Totals totalsBefore(AccountCode account, long seq) {
        return db.select(sum(JOURNAL_POSTING.DEBIT_FEN), sum(JOURNAL_POSTING.CREDIT_FEN))
                .from(JOURNAL_POSTING)
                .where(JOURNAL_POSTING.ACCOUNT_CODE.eq(account.toString()), JOURNAL_POSTING.SEQ.lt(seq))
                .fetchOne(r -> new Totals(fen(r.value1()), fen(r.value2())));
    }

    /**
     * Entries recorded by {@code asOf}, read only once the journal is complete up to it (422 for a
     * moment not reached yet, 503 if the journal does not get there in time): an answer as of a
     * moment, once given, never changes.
     */
    private Condition recordedBy(Instant asOf) {
        freshness.awaitComplete(asOf);
        return JOURNAL_ENTRY.RECORDED_AT.le(asOf.atOffset(ZoneOffset.UTC));
    }

    private static long fen(BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }
}
