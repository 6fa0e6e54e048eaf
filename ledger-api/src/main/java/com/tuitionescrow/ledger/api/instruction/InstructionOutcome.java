package com.tuitionescrow.ledger.api.instruction;

public enum InstructionOutcome {
    EXECUTED,
    FAILED
}
