package com.tuitionescrow.ledger.api.instruction;

/** Two-phase: the money sits in an in-transit account while PENDING; only the bank's answer settles it. */
public enum InstructionStatus {
    PENDING,
    /** The bank moved the money: it has left the custody account. */
    EXECUTED,
    /**
     * The bank could not. A refund's or suspense return's money goes to the bank again at once, under
     * a new instruction; a disbursement's money is releasable again, for the next release run.
     */
    FAILED,
    /**
     * The bank failed the last attempt (ledger.instructions.max-attempts) of a refund or suspense
     * return: the money stays in transit until a regulator resolves it with a new instruction.
     */
    UNDELIVERABLE
}
