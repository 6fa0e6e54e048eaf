package com.tuitionescrow.ledger.reconciliation;

import static com.tuitionescrow.ledger.schema.Tables.BANK_COLLECTION;
import static com.tuitionescrow.ledger.schema.Tables.BANK_INSTRUCTION;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_ENTRY;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_POSTING;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.sum;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.api.reconciliation.CreditDebit;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport.LedgerFact;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * What the ledger holds of one custody account: every receipt the bank reported (collections,
 * applied or in suspense: both are money in custody) and every instruction the bank executed (money
 * out), each under the bank transaction id a statement names it by.
 */
@Repository
class LedgerFacts {

    private static final String EXECUTED = "EXECUTED";

    private final DSLContext db;

    LedgerFacts(DSLContext db) {
        this.db = db;
    }

    /** The account's facts at the bank's time in [start, end), and any other of its facts with one of these references. */
    List<LedgerFact> of(String custodyAccountNo, Instant start, Instant end, String[] bankRefs) {
        List<LedgerFact> facts = new ArrayList<>();
        // One array parameter, not one per reference: a statement may name 100 000 of them.
        db.select(BANK_COLLECTION.BANK_TXN_ID, BANK_COLLECTION.AMOUNT_FEN, BANK_COLLECTION.RECEIVED_AT)
                .from(BANK_COLLECTION)
                .where(BANK_COLLECTION.CUSTODY_ACCOUNT_NO.eq(custodyAccountNo))
                .and(BANK_COLLECTION
                        .RECEIVED_AT
                        .ge(start.atOffset(ZoneOffset.UTC))
                        .and(BANK_COLLECTION.RECEIVED_AT.lt(end.atOffset(ZoneOffset.UTC)))
                        .or(BANK_COLLECTION.BANK_TXN_ID.eq(any(bankRefs))))
                .forEach(r -> facts.add(new LedgerFact(
                        r.value1(),
                        CreditDebit.CRDT,
                        r.value2(),
                        LedgerTime.offsetOf(r.value3().toInstant()))));
        db.select(BANK_INSTRUCTION.RESULT_BANK_TXN_ID, BANK_INSTRUCTION.AMOUNT_FEN, BANK_INSTRUCTION.EXECUTED_AT)
                .from(BANK_INSTRUCTION)
                .where(
                        BANK_INSTRUCTION.CUSTODY_ACCOUNT_NO.eq(custodyAccountNo),
                        BANK_INSTRUCTION.STATUS.eq(EXECUTED),
                        BANK_INSTRUCTION.RESULT_BANK_TXN_ID.isNotNull(),
                        BANK_INSTRUCTION.EXECUTED_AT.isNotNull())
                .and(BANK_INSTRUCTION
                        .EXECUTED_AT
                        .ge(start.atOffset(ZoneOffset.UTC))
                        .and(BANK_INSTRUCTION.EXECUTED_AT.lt(end.atOffset(ZoneOffset.UTC)))
                        .or(BANK_INSTRUCTION.RESULT_BANK_TXN_ID.eq(any(bankRefs))))
                .forEach(r -> facts.add(new LedgerFact(
                        r.value1(),
                        CreditDebit.DBIT,
                        r.value2(),
                        LedgerTime.offsetOf(r.value3().toInstant()))));
        return facts;
    }

    /**
     * The institution's custody cash from the journal entries that occurred before {@code end}: the
     * bank's time of each movement, so that a statement's closing balance and the ledger's speak of
     * the same moment. The journal trails the commands by a moment (ledger.journal.fetch-delay).
     */
    long custodyCashBefore(String institutionId, Instant end) {
        return db.select(sum(JOURNAL_POSTING.DEBIT_FEN), sum(JOURNAL_POSTING.CREDIT_FEN))
                .from(JOURNAL_POSTING)
                .join(JOURNAL_ENTRY)
                .on(JOURNAL_ENTRY.SEQ.eq(JOURNAL_POSTING.SEQ))
                .where(JOURNAL_POSTING.ACCOUNT_CODE.eq(
                        AccountCode.of(AccountType.CUSTODY_CASH, institutionId).toString()))
                .and(JOURNAL_ENTRY.OCCURRED_AT.lt(end.atOffset(ZoneOffset.UTC)))
                .fetchOne(r -> AccountType.CUSTODY_CASH.normalSide().balance(fen(r.value1()), fen(r.value2())));
    }

    private static long fen(BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }
}
