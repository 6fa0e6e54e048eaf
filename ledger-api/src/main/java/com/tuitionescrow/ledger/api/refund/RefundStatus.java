package com.tuitionescrow.ledger.api.refund;

/** 退费: a refund's way from the parent's request to the money back by the original route. */
public enum RefundStatus {
    /** Requested; the institution approves or contests it, or the window approves it. */
    AWAITING_INSTITUTION,
    /** Contested by the institution; a regulator resolves it. */
    CONTESTED,
    /** Approved: a REFUND instruction is with the bank, the money in transit. */
    APPROVED,
    /** The bank executed the refund: the money is back with the payer. */
    REFUNDED,
    /** The bank could not execute it: the money is back in the student's prepaid balance. */
    FAILED,
    /** A regulator denied it. */
    DENIED
}
