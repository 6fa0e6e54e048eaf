package com.tuitionescrow.ledger.platform.command;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * {@code ledger_commands_total{type,outcome}}: every command the ledger decided, by its type and how
 * it ended. A plain counter, found in a map, so it costs next to nothing on the command path (no
 * timers or percentiles per message; the HTTP timer already gives the latency). A command whose
 * transaction lost a race is counted once per attempt, so {@code race_lost} shows contention.
 */
@Component
public class CommandMetrics {

    /** How a command ended, as the label reads. */
    public enum Outcome {
        APPLIED,
        REFUSED,
        RACE_LOST,
        FAILED;

        String label() {
            return name().toLowerCase();
        }
    }

    private record Series(Class<?> type, Outcome outcome) {}

    private final MeterRegistry registry;
    private final ConcurrentMap<Series, Counter> counters = new ConcurrentHashMap<>();

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(Class<?> type, Outcome outcome) {
        counters.computeIfAbsent(
                        new Series(type, outcome),
                        s -> Counter.builder("ledger.commands")
                                .description("Commands decided by the ledger, by type and outcome")
                                .tag("type", s.type().getSimpleName())
                                .tag("outcome", s.outcome().label())
                                .register(registry))
                .increment();
    }
}
