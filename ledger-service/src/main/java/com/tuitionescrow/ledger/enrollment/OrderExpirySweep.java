package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.CancelOrder;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ExpireOrder;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.job.ScheduledOnce;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires unpaid orders past their deadline so that they show as EXPIRED, and cancels the unpaid
 * orders of an institution that may no longer sell (a status change that stops sales ends them; no
 * payment for them is applied meanwhile). The caps do not wait for it: a sale already disregards
 * overdue orders of its student. One instance sweeps each period; were two to sweep at once, nothing
 * would change twice: expiring an expired order, or cancelling a cancelled one, changes nothing.
 */
@Component
class OrderExpirySweep {

    static final int BATCH = 200;
    private static final String SCHEDULED_JOB = "order-expiry";
    private static final Caller SWEEPER = Caller.system("order-expiry");

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final ScheduledOnce schedule;
    private final Duration interval;
    private final Clock clock;

    OrderExpirySweep(
            CommandTransactions commands,
            OrderQueries orders,
            ScheduledOnce schedule,
            @Value("${ledger.order-expiry.sweep-interval}") Duration interval,
            Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.schedule = schedule;
        this.interval = interval;
        this.clock = clock;
    }

    /** Every instance's timer fires; the instance that claims the period sweeps it. */
    // The first sweep waits one interval, like the window sweep (see WindowSweep).
    @Scheduled(
            fixedDelayString = "${ledger.order-expiry.sweep-interval}",
            initialDelayString = "${ledger.order-expiry.sweep-interval}")
    void onSchedule() {
        schedule.run(SCHEDULED_JOB, schedule.periodSlot(interval), this::sweep);
    }

    /** Returns how many orders it looked at; a full batch means more may be waiting. */
    int sweep() {
        Instant now = clock.instant();
        var overdue = orders.overdue(now, BATCH);
        overdue.forEach(order -> commands.inTransaction(
                () -> commands.send(new ExpireOrder(order.accountId(), order.orderId(), now), SWEEPER)));
        var stopped = orders.unpaidOfStoppedInstitutions(BATCH);
        stopped.forEach(order -> cancel(order, now));
        return overdue.size() + stopped.size();
    }

    /** Cancels the order unless it was paid or ended since it was read; nothing to do then. */
    private void cancel(OrderQueries.OrderLocation order, Instant now) {
        try {
            commands.inTransaction(
                    () -> commands.send(new CancelOrder(order.accountId(), order.orderId(), now), SWEEPER));
        } catch (Refusal notUnpaidAnyMore) {
            // Paid, expired or cancelled in the meantime: the order is no longer the sweep's to end.
        }
    }
}
