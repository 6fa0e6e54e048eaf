package com.tuitionescrow.ledger.api.client;

/**
 * A call's answer and the attempts it took. One attempt: the answer is the ledger's answer to this
 * call. More than one: an earlier attempt may have reached the ledger, and the answer is its answer
 * to the repeat, which is the first result for a keyed change, but for a wind-down only how the
 * wind-down stands (its refunds were instructed by the attempt whose answer was lost).
 */
public record Counted<T>(T value, int attempts) {

    public Counted {
        if (attempts < 1) {
            throw new IllegalArgumentException("a call takes at least one attempt: " + attempts);
        }
    }

    /** Whether an earlier attempt may have been applied before the one answered. */
    public boolean repeated() {
        return attempts > 1;
    }
}
