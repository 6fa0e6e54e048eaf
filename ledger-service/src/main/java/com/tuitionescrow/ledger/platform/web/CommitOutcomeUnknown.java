package com.tuitionescrow.ledger.platform.web;

/**
 * A transaction's work was done and its commit failed: the database may or may not have recorded
 * it. Only the same request sent again learns which (its idempotency key answers with the first
 * result if it was recorded). The cause is what failed: the commit's failure, or, when the rollback
 * after it failed as well (the connection broke under the commit), the rollback's.
 */
public final class CommitOutcomeUnknown extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CommitOutcomeUnknown(RuntimeException failure) {
        super("the commit failed; whether it was recorded is unknown", failure);
    }
}
