package com.tuitionescrow.ledger.accounting;

/** The side on which an account's balance grows: debit for assets, credit for liabilities. */
public enum NormalSide {
    DEBIT,
    CREDIT;

    /** The balance of an account with these totals, read on this side. */
    public long balance(long debitFen, long creditFen) {
        return this == DEBIT ? Math.subtractExact(debitFen, creditFen) : Math.subtractExact(creditFen, debitFen);
    }
}
