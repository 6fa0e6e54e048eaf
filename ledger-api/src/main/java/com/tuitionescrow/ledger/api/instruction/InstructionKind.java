package com.tuitionescrow.ledger.api.instruction;

public enum InstructionKind {
    /** 拨付: released consumption, to the institution. */
    DISBURSEMENT,
    /** 退费: unconsumed fees, back to the payer by the original route (原路返回). */
    REFUND,
    /** Money held in suspense, back to whoever paid it. */
    SUSPENSE_RETURN
}
