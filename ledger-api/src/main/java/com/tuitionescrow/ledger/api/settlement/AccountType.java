package com.tuitionescrow.ledger.api.settlement;

/** The chart of accounts (docs/domain.md). Custody cash is the only asset; the rest is owed. */
public enum AccountType {
    /** 专户 money in the institution's custody account. */
    CUSTODY_CASH,
    /** Unconsumed prepaid fees of one student. */
    STUDENT_PREPAID,
    /** Consumed, awaiting the parent's confirmation. */
    AWAITING_CONFIRMATION,
    /** Confirmed, releasable to the institution (序时拨付). */
    RELEASABLE,
    /** Confirmed but held back until the order completes. */
    HELD_BACK,
    /** Instructed to the bank for the institution, not yet confirmed. */
    DISBURSEMENT_IN_TRANSIT,
    /** Instructed to the bank for a student's refund, not yet confirmed. */
    REFUND_IN_TRANSIT,
    /** Received but not applicable to any order: to be returned. */
    SUSPENSE,
    /** Suspense money instructed back to its payer, not yet confirmed by the bank. */
    RETURN_IN_TRANSIT
}
