package com.tuitionescrow.ledger.platform.axon;

/**
 * The name of the lock factory every aggregate is declared with, {@code @Aggregate(lockFactory =
 * "aggregateLocks")}: none in memory, the event store decides (see {@link AxonConfiguration}).
 */
public final class AggregateLocks {

    public static final String BEAN = "aggregateLocks";

    private AggregateLocks() {}
}
