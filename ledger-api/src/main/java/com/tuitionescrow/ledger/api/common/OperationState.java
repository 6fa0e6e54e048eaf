package com.tuitionescrow.ledger.api.common;

/**
 * Where an operation that runs in the background stands (the release run, a wind-down). Whatever
 * its state, what it reports as done is done and stays done; starting it again finishes what is
 * left and repeats nothing.
 */
public enum OperationState {
    /** Under way: ask again for its progress. */
    RUNNING,
    /** Finished: it did everything it reports, and there was nothing more to do. */
    COMPLETED,
    /** Stopped by a failure ({@code failure} says which) after doing what it reports. */
    FAILED,
    /** The instance running it stopped before it finished, after doing what it reports. */
    INTERRUPTED
}
