package com.tuitionescrow.ledger.loadtests.faults;

import com.tuitionescrow.ledger.api.enrollment.Course;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The database restarted under load: stopped, left down a few seconds, started. While it is down
 * every probe (a sale, and the health endpoint) must be answered within {@link #ANSWER_WITHIN} with a
 * 503 problem and DOWN; after it is back the ledger must take a sale within {@link #RECOVERY_WITHIN},
 * by itself. The sales refused while it was down must not be there afterwards.
 */
final class Outage {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    static final Duration RECOVERY_WITHIN = Duration.ofSeconds(10);
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);

    /** What the probes saw. {@code recovery} is null when the ledger never took a sale again. */
    record Result(
            Fault fault,
            List<Probe.Answer> salesWhileDown,
            List<Probe.Answer> healthWhileDown,
            List<String> ordersRefusedWhileDown,
            Duration recovery) {}

    private final Database database;
    private final Probe probe;
    private final Tokens tokens;
    private final School school;
    private int probes;

    Outage(Database database, Probe probe, Tokens tokens, School school) {
        this.database = database;
        this.probe = probe;
        this.tokens = tokens;
        this.school = school;
    }

    Result inject(Duration down) throws Exception {
        Instant at = Instant.now();
        long started = System.nanoTime();
        database.stop();
        long stopped = System.nanoTime();
        List<Probe.Answer> sales = new ArrayList<>();
        List<Probe.Answer> health = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        while (System.nanoTime() - stopped < down.toNanos()) {
            String orderId = nextOrderId("outage");
            // Side by side: each takes up to the pool's 2 s, and the database is down only a few seconds.
            CompletableFuture<Probe.Answer> healthAnswer = CompletableFuture.supplyAsync(probe::health);
            sales.add(probe.post("/v1/orders", tokens.platform(), sale(orderId)));
            refused.add(orderId);
            health.add(healthAnswer.join());
            Thread.sleep(PROBE_EVERY.toMillis());
        }
        database.start();
        long back = System.nanoTime();
        Duration recovery = null;
        while (recovery == null && System.nanoTime() - back < GIVE_UP_AFTER.toNanos()) {
            if (probe.health().status() == 200
                    && probe.post("/v1/orders", tokens.platform(), sale(nextOrderId("recovery")))
                                    .status()
                            == 201) {
                recovery = Duration.ofNanos(System.nanoTime() - back);
            } else {
                Thread.sleep(100);
            }
        }
        Duration outage = Duration.ofNanos(System.nanoTime() - started);
        Fault fault = new Fault(
                "PostgreSQL stopped (immediate) and started " + down.toSeconds() + " s later",
                at,
                outage,
                recovery,
                sales.size() + " sales and " + health.size() + " health probes while it was down");
        return new Result(fault, sales, health, refused, recovery);
    }

    private String nextOrderId(String when) {
        return "probe-" + when + "-" + (++probes);
    }

    /** A sale of its own student, so the cycle's caps are not touched; it moves no money. */
    private PlaceOrderRequest sale(String orderId) {
        LocalDate today = LocalDate.now(Cycle.BEIJING);
        return new PlaceOrderRequest(
                orderId,
                school.institutionId(),
                "student-" + orderId,
                "contract-" + orderId,
                new Course("course-" + orderId, "violin", CourseMode.OFFLINE, 10_000L, 10, today, today.plusDays(30)));
    }
}
