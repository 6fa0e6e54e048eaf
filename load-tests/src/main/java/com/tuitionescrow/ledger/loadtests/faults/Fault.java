package com.tuitionescrow.ledger.loadtests.faults;

import java.time.Duration;
import java.time.Instant;

/**
 * A fault injected: when, how long the ledger was out ({@code outage}: from the fault until it was
 * back), and how long it took to be itself again after the cause was gone ({@code recovery}: for a
 * crash, the restart to healthy; for the database, its return to the first acknowledged write).
 */
record Fault(String kind, Instant at, Duration outage, Duration recovery, String detail) {}
