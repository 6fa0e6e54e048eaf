package com.tuitionescrow.ledger.api.bank;

public enum CollectionStatus {
    /** Applied to its order: the order is paid. */
    APPLIED,
    /** Recorded in suspense: it will be returned to the payer. */
    SUSPENSE,
    /** Only in batch results: this item was not recorded (its {@code code} says why); resend it corrected. */
    REJECTED
}
