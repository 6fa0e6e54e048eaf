package com.tuitionescrow.ledger.platform.command;

import java.sql.SQLException;
import java.util.Set;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Recognises a transaction that lost a race to a concurrent one: it appended to an aggregate at a
 * sequence number already taken, or inserted a key already inserted, or deadlocked. Running it
 * again from the start is safe, and the retry sees the winner's result.
 */
final class RaceLost {

    /** unique_violation, serialization_failure, deadlock_detected */
    private static final Set<String> SQL_STATES = Set.of("23505", "40001", "40P01");

    private RaceLost() {}

    static boolean isRaceLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return true;
            }
            // A driver's or the pool's own exception may carry no SQLState (a connection closed under it).
            if (t instanceof SQLException sql && sql.getSQLState() != null && SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
