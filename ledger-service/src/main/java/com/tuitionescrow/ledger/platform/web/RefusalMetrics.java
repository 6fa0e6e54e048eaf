package com.tuitionescrow.ledger.platform.web;

import com.tuitionescrow.ledger.api.common.ProblemCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * {@code ledger_refusals_total{code}}: the requests a business rule refused (422), by the rule's
 * problem code, so an operator sees which cap or window is biting. A series appears with its rule's
 * first refusal.
 */
@Component
class RefusalMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<ProblemCode, Counter> counters = new ConcurrentHashMap<>();

    RefusalMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refused(ProblemCode code) {
        counters.computeIfAbsent(
                        code,
                        c -> Counter.builder("ledger.refusals")
                                .description("Requests refused by a business rule (422), by problem code")
                                .tag("code", c.name())
                                .register(registry))
                .increment();
    }
}
