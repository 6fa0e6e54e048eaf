package com.tuitionescrow.ledger.reconciliation;

import static com.tuitionescrow.ledger.schema.Tables.RECONCILIATION;

import com.tuitionescrow.ledger.accounting.Fen;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/**
 * The bank's word on each institution's custody account: the closing balance of the latest statement
 * it sent (by the statement's last day, then by arrival), against the ledger's custody cash at the end
 * of that day (Beijing time), as the reconciliation found it. The ledger's own balance always equals
 * what it owes, because every entry balances; only the bank can show that money is missing.
 */
@Repository
public class BankBalances {

    /**
     * One institution's latest statement. {@code ledgerClosingFen} is the ledger's custody cash up to the
     * end of {@code toDate}; an {@code asOf} answer never changes, so the one stored when the statement
     * arrived still holds.
     */
    public record LatestStatement(
            String statementId,
            String custodyAccountNo,
            LocalDate toDate,
            long bankClosingFen,
            long ledgerClosingFen,
            boolean reconciled,
            Instant reconciledAt) {

        /** Bank minus ledger: negative when the bank holds less than the ledger says it does. */
        public long differenceFen() {
            return Fen.minus(bankClosingFen, ledgerClosingFen);
        }
    }

    private final DSLContext db;

    BankBalances(DSLContext db) {
        this.db = db;
    }

    /** The institution's latest statement; empty until its bank has sent one. */
    public Optional<LatestStatement> latestOf(String institutionId) {
        return Optional.ofNullable(latestOf(List.of(institutionId)).get(institutionId));
    }

    /** The latest statement of each institution named that has one, in one query. */
    public Map<String, LatestStatement> latestOf(Collection<String> institutionIds) {
        return latest(RECONCILIATION.INSTITUTION_ID.in(institutionIds));
    }

    /** The latest statement of every institution that has one, in one query. */
    public Map<String, LatestStatement> latestOfEvery() {
        return latest(DSL.trueCondition());
    }

    private Map<String, LatestStatement> latest(Condition institutions) {
        Map<String, LatestStatement> latest = new HashMap<>();
        db.selectDistinct(
                        RECONCILIATION.INSTITUTION_ID,
                        RECONCILIATION.STATEMENT_ID,
                        RECONCILIATION.CUSTODY_ACCOUNT_NO,
                        RECONCILIATION.TO_DATE,
                        RECONCILIATION.BANK_CLOSING_FEN,
                        RECONCILIATION.LEDGER_CLOSING_FEN,
                        RECONCILIATION.RECONCILED,
                        RECONCILIATION.RECEIVED_AT)
                .on(RECONCILIATION.INSTITUTION_ID)
                .from(RECONCILIATION)
                .where(institutions)
                .orderBy(RECONCILIATION.INSTITUTION_ID, RECONCILIATION.TO_DATE.desc(), RECONCILIATION.LIST_SEQ.desc())
                .forEach(r -> latest.put(
                        r.value1(),
                        new LatestStatement(
                                r.value2(),
                                r.value3(),
                                r.value4(),
                                r.value5(),
                                r.value6(),
                                r.value7(),
                                r.value8().toInstant())));
        return latest;
    }
}
