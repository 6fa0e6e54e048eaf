package com.tuitionescrow.ledger.api.bank;

public enum CollectionStatus {
    /** Applied to its order: the order is paid. */
    APPLIED,
    /** Recorded in suspense: it will be returned to the payer. */
    SUSPENSE,
    /**
     * Only in batch results: this item was not recorded, and its {@code code} says why. With
     * IDEMPOTENCY_CONFLICT its bankTxnId was used with other content; with DATABASE_UNAVAILABLE or
     * INTERNAL_ERROR the batch stopped at this item after recording the ones before it: send it again.
     */
    REJECTED
}
