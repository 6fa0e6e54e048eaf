package com.tuitionescrow.ledger.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.platform.web.DatabaseOutage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database goes away while a command commits (seen by the fault harness: PostgreSQL stopped under
 * load). JdbcTransactionManager then rolls back on the broken connection, that fails too, and Spring
 * throws the rollback's failure, which hides the commit's: the request was answered 500 INTERNAL_ERROR
 * "nothing was recorded", when the database was out of reach and the commit may have been recorded.
 */
class CommitFailureTest {

    /** A transaction manager whose connection breaks at commit, as JdbcTransactionManager's does. */
    private static final class BreaksAtCommit extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {}

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            throw new DataAccessResourceFailureException(
                    "JDBC commit; An I/O error occurred while sending to the backend.",
                    new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
            throw new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        }
    }

    @Test
    void
            given_the_connection_broken_at_commit_when_the_rollback_fails_too_then_it_is_a_database_outage_whose_outcome_is_unknown() {
        CommandTransactions transactions = new CommandTransactions(
                new TransactionTemplate(new BreaksAtCommit()),
                null,
                null,
                new ObjectMapper(),
                new CommandMetrics(new SimpleMeterRegistry()));

        RuntimeException failure = catchRuntimeException(() -> transactions.inTransaction(() -> "appended"));

        assertThat(DatabaseOutage.isCause(failure))
                .as("answered 503, to be sent again: %s", failure)
                .isTrue();
    }
}
