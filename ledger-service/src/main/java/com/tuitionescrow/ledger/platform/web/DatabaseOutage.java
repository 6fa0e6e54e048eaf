package com.tuitionescrow.ledger.platform.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that says the database cannot be reached, as opposed to one it answered: no
 * connection within the pool's timeout, a connection refused or broken, a server shutting down or
 * starting up. Such a request is answered 503 DATABASE_UNAVAILABLE, to be sent again, not 500.
 */
public final class DatabaseOutage {

    /** admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections */
    private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03", "53300");
    /** The class of connection exceptions. */
    private static final String CONNECTION_EXCEPTION = "08";

    private static final String HIKARI_CLOSED_CONNECTION = "Connection is closed";

    private DatabaseOutage() {}

    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
            // A commit that failed, then its rollback too: the connection broke under the commit.
            if (t instanceof CommitOutcomeUnknown && t.getCause() instanceof TransactionSystemException) {
                return true;
            }
            // A rollback that failed on the broken connection hides the failure that broke it.
            if (t instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && isCause(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && (unreachable(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool (Hikari) closes a connection an earlier statement found broken (a state above), and
     * answers every later call on it, the rollback included, with this and no SQL state.
     */
    private static boolean closedByThePool(SQLException sql) {
        return sql.getSQLState() == null && HIKARI_CLOSED_CONNECTION.equals(sql.getMessage());
    }

    private static boolean unreachable(String sqlState) {
        return sqlState != null && (sqlState.startsWith(CONNECTION_EXCEPTION) || SERVER_UNAVAILABLE.contains(sqlState));
    }
}
