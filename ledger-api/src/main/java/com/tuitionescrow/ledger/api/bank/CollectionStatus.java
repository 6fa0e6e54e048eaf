package com.tuitionescrow.ledger.api.bank;

public enum CollectionStatus {
    /** Applied to its order: the order is paid. */
    APPLIED,
    /** Recorded in suspense: it will be returned to the payer. */
    SUSPENSE
}
