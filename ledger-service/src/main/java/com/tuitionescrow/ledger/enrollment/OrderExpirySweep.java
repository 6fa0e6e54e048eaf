package com.tuitionescrow.ledger.enrollment;

import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ExpireOrder;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.security.Caller;
import java.time.Clock;
import java.time.Instant;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires unpaid orders past their deadline so that they show as EXPIRED. The caps do not wait for
 * it: a sale already disregards overdue orders of its student. Safe to run on every instance at
 * once: expiring an expired order changes nothing.
 */
@Component
class OrderExpirySweep {

    static final int BATCH = 200;
    private static final Caller SWEEPER = Caller.system("order-expiry");

    private final CommandTransactions commands;
    private final OrderQueries orders;
    private final Clock clock;

    OrderExpirySweep(CommandTransactions commands, OrderQueries orders, Clock clock) {
        this.commands = commands;
        this.orders = orders;
        this.clock = clock;
    }

    /** Returns how many orders it looked at; a full batch means more may be waiting. */
    @Scheduled(fixedDelayString = "${ledger.order-expiry.sweep-interval}")
    int sweep() {
        Instant now = clock.instant();
        var overdue = orders.overdue(now, BATCH);
        overdue.forEach(order -> commands.inTransaction(() ->
                commands.send(new ExpireOrder(order.accountId(), order.orderId(), now), SWEEPER)));
        return overdue.size();
    }
}
