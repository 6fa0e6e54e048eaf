package com.tuitionescrow.ledger.platform.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A lock across every instance on the database: a PostgreSQL session advisory lock, held on a
 * connection of its own for as long as the work runs. Should the instance die, its connection closes
 * and the lock with it; nothing has to expire.
 */
@Component
class JobLock {

    private static final Logger log = LoggerFactory.getLogger(JobLock.class);
    /** Keeps these locks apart from the idempotency keys' transaction locks, which use seed 0. */
    private static final int SEED = 7;

    /** A lock held; closing it releases the lock and returns its connection. */
    final class Held implements AutoCloseable {
        private final String name;
        private final Connection connection;

        private Held(String name, Connection connection) {
            this.name = name;
            this.connection = connection;
        }

        @Override
        public void close() {
            try (connection) {
                try (PreparedStatement unlock =
                        connection.prepareStatement("select pg_advisory_unlock(hashtextextended(?, " + SEED + "))")) {
                    unlock.setString(1, name);
                    unlock.execute();
                }
            } catch (SQLException e) {
                // The lock went with its connection, or goes when the pool closes it.
                log.warn("could not release the lock {} cleanly: {}", name, e.toString());
            }
        }
    }

    private final DataSource dataSource;
    private final DSLContext db;

    JobLock(DataSource dataSource, DSLContext db) {
        this.dataSource = dataSource;
        this.db = db;
    }

    /** The lock, or empty when an instance holds it already. */
    Optional<Held> tryLock(String name) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock =
                    connection.prepareStatement("select pg_try_advisory_lock(hashtextextended(?, " + SEED + "))")) {
                lock.setString(1, name);
                try (ResultSet acquired = lock.executeQuery()) {
                    if (acquired.next() && acquired.getBoolean(1)) {
                        return Optional.of(new Held(name, connection));
                    }
                }
            }
            connection.close();
            return Optional.empty();
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot take the lock " + name, e);
        }
    }

    /** Whether an instance holds the lock now; checked by taking it for the length of one statement. */
    boolean isHeld(String name) {
        return !db.transactionResult(c -> DSL.using(c)
                .fetchValue(DSL.field(
                        "pg_try_advisory_xact_lock(hashtextextended({0}, " + SEED + "))",
                        Boolean.class,
                        DSL.val(name))));
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection was broken already; the pool discards it.
            }
        }
    }
}
