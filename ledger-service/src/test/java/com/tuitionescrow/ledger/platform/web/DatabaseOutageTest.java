package com.tuitionescrow.ledger.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean the database is out of reach (503, to be sent again) rather than a fault of the ledger (500). */
class DatabaseOutageTest {

    @Test
    void no_connection_from_the_pool_a_broken_connection_and_a_server_going_down_are_an_outage() {
        assertThat(DatabaseOutage.isCause(wrapped(new SQLTransientConnectionException("timed out after 2000ms"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(wrapped(new SQLException("I/O error", "08006"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(wrapped(new SQLException("connection refused", "08001"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(wrapped(new SQLException("terminating connection", "57P01"))))
                .isTrue();
        assertThat(DatabaseOutage.isCause(wrapped(new SQLException("the database system is starting up", "57P03"))))
                .isTrue();
    }

    @Test
    void given_a_rollback_that_failed_on_the_broken_connection_when_classified_then_the_failure_it_hides_decides() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(wrapped(new SQLException("I/O error", "08006")));

        assertThat(DatabaseOutage.isCause(rollback)).isTrue();
    }

    /**
     * Seen by the fault harness while PostgreSQL restarted: a statement on a connection the pool had
     * already closed, because an earlier statement found it broken, fails with Hikari's "Connection is
     * closed" and no SQL state; its rollback fails the same way. It was answered 500.
     */
    @Test
    void given_a_statement_on_a_connection_the_pool_closed_when_its_rollback_fails_too_then_an_outage() {
        TransactionSystemException rollback =
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new org.axonframework.common.jdbc.JdbcException(
                "Failed to create a SQL statement", new SQLException("Connection is closed")));

        assertThat(DatabaseOutage.isCause(rollback)).isTrue();
    }

    @Test
    void given_a_commit_whose_rollback_failed_too_when_answered_then_503_saying_the_outcome_is_unknown() {
        CommitOutcomeUnknown failure = new CommitOutcomeUnknown(
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")));

        ResponseEntity<ProblemDetail> answer =
                new ProblemAdvice(new RefusalMetrics(new SimpleMeterRegistry())).unexpected(failure);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().getProperties()).containsEntry("code", ProblemCode.DATABASE_UNAVAILABLE.name());
        assertThat(answer.getBody().getDetail())
                .contains("may or may not have been recorded")
                .doesNotContain("nothing was recorded");
    }

    @Test
    void a_commit_that_failed_on_a_live_connection_is_no_outage_but_is_not_said_to_have_recorded_nothing() {
        CommitOutcomeUnknown failure = new CommitOutcomeUnknown(new IllegalStateException("a bug at commit"));

        ResponseEntity<ProblemDetail> answer =
                new ProblemAdvice(new RefusalMetrics(new SimpleMeterRegistry())).unexpected(failure);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).contains("may or may not have been recorded");
    }

    @Test
    void a_refused_write_a_bug_and_a_state_less_exception_are_no_outage() {
        assertThat(DatabaseOutage.isCause(wrapped(new SQLException("check violation", "23514"))))
                .isFalse();
        assertThat(DatabaseOutage.isCause(wrapped(new SQLException("no state"))))
                .isFalse();
        assertThat(DatabaseOutage.isCause(new NullPointerException())).isFalse();
    }

    private static RuntimeException wrapped(Exception cause) {
        return new IllegalStateException("the request failed", new RuntimeException(cause));
    }
}
