package com.tuitionescrow.ledger.api.refund;

public enum RefundOutcome {
    APPROVE,
    DENY
}
