package com.tuitionescrow.ledger.loadtests.faults;

import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A client running cycles one after another while the load runs, each request sent until answered.
 * A cycle ends early when a request is refused, or unanswered when the load stops (the harness
 * sends those again before it checks the books).
 */
final class Worker implements Runnable {

    private final int number;
    private final List<School> schools;
    private final Clients clients;
    private final Sender sender;
    private final Clock clock;
    private final BooleanSupplier running;

    Worker(int number, List<School> schools, Clients clients, Sender sender, Clock clock, BooleanSupplier running) {
        this.number = number;
        this.schools = schools;
        this.clients = clients;
        this.sender = sender;
        this.clock = clock;
        this.running = running;
    }

    @Override
    public void run() {
        for (int cycle = 1; running.getAsBoolean(); cycle++) {
            School school = schools.get((number + cycle) % schools.size());
            for (Op op : Cycle.of(number, cycle, school, clients, clock)) {
                if (sender.send(op, running) != Sender.Outcome.ACKNOWLEDGED) {
                    break;
                }
            }
        }
    }
}
