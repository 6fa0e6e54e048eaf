package com.tuitionescrow.ledger.api.bank;

/** Why a collection could not be applied to the order it quoted. */
public enum SuspenseReason {
    ORDER_UNKNOWN,
    ORDER_EXPIRED,
    ORDER_CANCELLED,
    ORDER_ALREADY_PAID,
    AMOUNT_MISMATCH,
    /** Paid into another custody account than the order's institution's. */
    ACCOUNT_MISMATCH,
    /** Paid into a custody account no registered institution holds. */
    ACCOUNT_UNKNOWN,
    /** The order's institution is suspended, blacklisted or winding down: it may not be paid. */
    INSTITUTION_NOT_ACTIVE
}
