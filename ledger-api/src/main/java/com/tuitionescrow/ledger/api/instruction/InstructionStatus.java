package com.tuitionescrow.ledger.api.instruction;

/** Two-phase: the money sits in an in-transit account while PENDING; only the bank's answer settles it. */
public enum InstructionStatus {
    PENDING,
    /** The bank moved the money: it has left the custody account. */
    EXECUTED,
    /** The bank could not: the money is back where it came from. */
    FAILED
}
