package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.CloseWindows;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Gives closed windows their outcome in the read models: lessons unconfirmed when their window
 * closed count as confirmed, refunds unanswered when theirs closed are approved. The outcome does not
 * wait for this sweep: every command of a student account closes its windows first, and reads of an
 * order or refund close them too. The sweep brings the rest (settlements, the release) along within
 * its interval. Each account in a transaction of its own; safe to run on several instances at once,
 * since the account decides again which windows have closed.
 */
@Service
public class WindowSweep {

    static final int BATCH = 200;
    /** Bounds one sweep; what is left waits for the next run. */
    static final int MAX_BATCHES = 50;

    private static final Caller SWEEPER = Caller.system("window-sweep");

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final RefundQueries refunds;
    private final Clock clock;

    WindowSweep(CommandTransactions commands, OrderQueries orders, RefundQueries refunds, Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.refunds = refunds;
        this.clock = clock;
    }

    // The first sweep waits one interval: it never races the startup of a service (or a test) that is
    // still arranging its clock, and an instance that restarts often does not sweep on every start.
    @Scheduled(
            fixedDelayString = "${ledger.window.sweep-interval}",
            initialDelayString = "${ledger.window.sweep-interval}")
    void onSchedule() {
        closeWindows(clock.instant(), SWEEPER);
    }

    /**
     * Before an order or one of its refunds is read: gives the order's closed windows their outcome,
     * so that a read never shows an answer still possible after its deadline.
     */
    void closeBeforeReading(String orderId) {
        Instant now = clock.instant();
        orders.locate(orderId)
                .filter(order -> orders.hasClosedWindow(orderId, now))
                .ifPresent(order ->
                        commands.inTransaction(() -> commands.send(new CloseWindows(order.accountId(), now), SWEEPER)));
    }

    /** Closes every window that closed by {@code asOf}; returns how many lessons and refunds took their outcome now. */
    public WindowsClosed closeWindows(Instant asOf, Caller caller) {
        WindowsClosed byLessons = sweep(
                limit -> orders.lessonsPastWindow(asOf, limit).stream()
                        .map(OrderQueries.LessonLocation::accountId)
                        .toList(),
                asOf,
                caller);
        WindowsClosed byRefunds = sweep(
                limit -> refunds.pastWindow(asOf, limit).stream()
                        .map(RefundQueries.RefundLocation::accountId)
                        .toList(),
                asOf,
                caller);
        return new WindowsClosed(
                byLessons.confirmed() + byRefunds.confirmed(), byLessons.approved() + byRefunds.approved());
    }

    private WindowsClosed sweep(Function<Integer, List<String>> dueAccounts, Instant asOf, Caller caller) {
        int confirmed = 0;
        int approved = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<String> due = dueAccounts.apply(BATCH);
            for (String account : new LinkedHashSet<>(due)) {
                WindowsClosed closed =
                        commands.inTransaction(() -> commands.send(new CloseWindows(account, asOf), caller));
                confirmed += closed.confirmed();
                approved += closed.approved();
            }
            if (due.size() < BATCH) {
                break;
            }
        }
        return new WindowsClosed(confirmed, approved);
    }
}
