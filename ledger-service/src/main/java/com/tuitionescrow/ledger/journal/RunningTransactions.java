package com.tuitionescrow.ledger.journal;

import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;

/**
 * The transactions of this database that have written something and are running, as 64-bit ids, and
 * which of them still run later. Read from {@code pg_stat_activity}'s {@code backend_xid}, not from a
 * snapshot's in-progress list: that list stops below the snapshot's xmax (one past the latest
 * completed transaction), so a transaction that took its id after the latest commit is missing from it
 * until some later transaction completes. The 32-bit id is widened with the epoch of the current
 * snapshot's xmax, taking the nearer of the two epochs around it.
 */
final class RunningTransactions {

    private static final String WRITING = "select case when f - m > 2147483648 then f - 4294967296 "
            + "when m - f > 2147483648 then f + 4294967296 else f end from ("
            + "select m - m % 4294967296 + backend_xid::text::bigint as f, m "
            + "from pg_stat_activity, (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as m) xmax "
            + "where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null) s";

    private RunningTransactions() {}

    /**
     * The transactions writing now, other than the caller's. The activity view is read afresh: within a
     * transaction it is otherwise the one first read.
     */
    static List<Long> writing(DSLContext db) {
        db.resultQuery("select pg_stat_clear_snapshot()").fetch();
        return db.resultQuery(WRITING).fetch(0, Long.class);
    }

    /** Those of the given transactions that are still running. */
    static List<Long> stillRunning(DSLContext db, Collection<Long> transactions) {
        return transactions.isEmpty()
                ? List.of()
                : db.resultQuery(
                                "select x from unnest(?::bigint[]) x where pg_xact_status(x::text::xid8) = 'in progress'",
                                (Object) transactions.toArray(Long[]::new))
                        .fetch(0, Long.class);
    }
}
