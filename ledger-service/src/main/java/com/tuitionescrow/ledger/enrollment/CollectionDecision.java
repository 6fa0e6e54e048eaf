package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.api.bank.SuspenseReason;

/** Whether a collection was applied to its order, and if not, why: the caller then holds it in suspense. */
public record CollectionDecision(SuspenseReason suspenseReason) {

    static final CollectionDecision APPLIED = new CollectionDecision(null);

    public boolean applied() {
        return suspenseReason == null;
    }
}
