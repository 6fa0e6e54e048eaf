package com.tuitionescrow.ledger.platform.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Which failures are a lost race, to be run again, and which are not. */
class RaceLostTest {

    @Test
    void a_duplicate_key_a_serialization_failure_a_deadlock_and_a_concurrent_append_are_lost_races() {
        assertThat(RaceLost.isRaceLost(wrapped(new SQLException("duplicate key", "23505"))))
                .isTrue();
        assertThat(RaceLost.isRaceLost(wrapped(new SQLException("could not serialize", "40001"))))
                .isTrue();
        assertThat(RaceLost.isRaceLost(wrapped(new SQLException("deadlock detected", "40P01"))))
                .isTrue();
        assertThat(RaceLost.isRaceLost(wrapped(new ConcurrencyException("sequence taken"))))
                .isTrue();
    }

    @Test
    void given_an_sql_exception_without_a_state_when_classified_then_it_is_no_lost_race_and_no_null_pointer() {
        // A connection the pool closed under a transaction fails its rollback with no SQLState at all.
        assertThat(RaceLost.isRaceLost(wrapped(new SQLException("Connection is closed"))))
                .isFalse();
    }

    @Test
    void a_connection_failure_or_a_refused_write_is_no_lost_race() {
        assertThat(RaceLost.isRaceLost(wrapped(new SQLException("connection failure", "08006"))))
                .isFalse();
        assertThat(RaceLost.isRaceLost(wrapped(new SQLException("check violation", "23514"))))
                .isFalse();
    }

    private static RuntimeException wrapped(Exception cause) {
        return new IllegalStateException("the command failed", new RuntimeException(cause));
    }
}
