package com.tuitionescrow.ledger.api.refund;

public enum RefundDecision {
    APPROVE,
    CONTEST
}
