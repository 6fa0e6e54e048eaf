package com.tuitionescrow.ledger.api.refund;

/** 退费: a refund's way from the parent's request to the money back by the original route. */
public enum RefundStatus {
    /** Requested; the institution approves or contests it, or the window approves it. */
    AWAITING_INSTITUTION,
    /** Contested by the institution; a regulator resolves it. */
    CONTESTED,
    /**
     * Approved: a REFUND instruction is with the bank, the money in transit. An approval is never
     * lost: when the bank fails an instruction, the next one is issued at once.
     */
    APPROVED,
    /** The bank executed the refund: the money is back with the payer. */
    REFUNDED,
    /**
     * The bank failed every attempt (ledger.instructions.max-attempts): the money stays in transit
     * until a regulator resolves it with a new instruction.
     */
    UNDELIVERABLE,
    /** A regulator denied it. */
    DENIED
}
