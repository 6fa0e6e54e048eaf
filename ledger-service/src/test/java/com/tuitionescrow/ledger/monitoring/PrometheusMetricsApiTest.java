package com.tuitionescrow.ledger.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * docs/operations.md, "Metrics and alerts": what an operator charts moves with the ledger. A cycle of
 * sales, a refusal, receipts applied and held, and an approved refund is read back from
 * /actuator/prometheus, and so is the journal falling behind while it is paused and catching up.
 * Spring Boot's tests leave metrics exporters off; this one turns them on as the service has them.
 */
@AutoConfigureObservability(tracing = false)
class PrometheusMetricsApiTest extends LedgerIntegrationTest {

    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE);
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void
            given_a_cycle_when_the_operator_scrapes_the_metrics_then_commands_refusals_requests_instructions_and_suspense_move()
                    throws Exception {
        Map<String, Double> before = scrape();
        Institution school = newInstitution();
        String student = id("stu");
        String orderId = paidOrder(school, student, course("piano", 15_000, 20));
        assertRefused(placeOrder(id("order"), school, student, course("violin", 200_001, 1)), 422, "CAP_AMOUNT");
        Http.Response held = collect(id("no-such-order"), 12_345, school.custodyAccountNo());
        assertThat(held.body().path("status").asText()).as(held.toString()).isEqualTo("SUSPENSE");
        String refundId = id("refund");
        Http.Response requested = http.post(
                "/v1/orders/" + orderId + "/refunds",
                Tokens.platform(),
                Map.of("refundId", refundId, "reason", "moving away"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        Http.Response approved = http.post(
                "/v1/refunds/" + refundId + "/decision",
                Tokens.institution(school.id()),
                Map.of("decision", "APPROVE"));
        assertThat(approved.status()).as(approved.toString()).isLessThan(300);
        awaitLedger();

        Map<String, Double> after = freshReading();

        assertThat(increase(before, after, "ledger_commands_total{outcome=\"applied\",type=\"PlaceOrder\"}"))
                .isEqualTo(1);
        assertThat(increase(before, after, "ledger_commands_total{outcome=\"refused\",type=\"PlaceOrder\"}"))
                .isEqualTo(1);
        assertThat(increase(before, after, "ledger_commands_total{outcome=\"applied\",type=\"ApplyCollection\"}"))
                .isEqualTo(1);
        assertThat(increase(before, after, "ledger_commands_total{outcome=\"applied\",type=\"AnswerRefund\"}"))
                .isEqualTo(1);
        assertThat(increase(before, after, "ledger_refusals_total{code=\"CAP_AMOUNT\"}"))
                .isEqualTo(1);
        assertThat(
                        increase(
                                before,
                                after,
                                "http_server_requests_seconds_count{error=\"none\",exception=\"none\",method=\"POST\",outcome=\"SUCCESS\",status=\"201\",uri=\"/v1/orders\"}"))
                .isEqualTo(1);
        assertThat(increase(before, after, "ledger_suspense_fen"))
                .as("the receipt held")
                .isEqualTo(12_345);
        assertThat(increase(before, after, "ledger_instructions_pending"))
                .as("the refund's instruction")
                .isEqualTo(1);
        assertThat(after.get("ledger_instructions_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0);
        assertThat(after.get("ledger_journal_backlog_events")).isZero();
        assertThat(after.get("ledger_journal_lag_seconds")).isZero();
        assertThat(after.keySet())
                .as("no client-side percentiles, per-message or per-filter timers")
                .noneMatch(name -> name.contains("quantile=")
                        || name.startsWith("commandBus_")
                        || name.startsWith("eventStore_")
                        || name.startsWith("spring_security_filterchains")
                        || name.contains("_active_seconds"));
    }

    @Test
    void
            given_the_journal_paused_when_commands_are_applied_then_its_backlog_and_lag_rise_and_fall_back_to_zero_once_it_runs()
                    throws Exception {
        Institution school = newInstitution();
        try (AutoCloseable paused = journalPaused()) {
            paidOrder(school, id("stu"), course("piano", 15_000, 2));
            Thread.sleep(1_100);
            Map<String, Double> behind = scrape();
            assertThat(behind.get("ledger_journal_backlog_events")).isGreaterThanOrEqualTo(2);
            assertThat(behind.get("ledger_journal_lag_seconds")).isGreaterThan(0.5);
        }
        awaitLedger();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Double> caughtUp = scrape();
            assertThat(caughtUp.get("ledger_journal_backlog_events")).isZero();
            assertThat(caughtUp.get("ledger_journal_lag_seconds")).isZero();
        });
    }

    /** The gauges read the database at most once a second: waits for a reading taken after the cycle. */
    private Map<String, Double> freshReading() throws IOException, InterruptedException {
        Thread.sleep(1_100);
        return scrape();
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String series) {
        assertThat(after).as("series " + series).containsKey(series);
        return after.get(series) - before.getOrDefault(series, 0.0);
    }

    private Map<String, Double> scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + Tokens.regulator())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        Matcher sample = SAMPLE.matcher(response.body());
        while (sample.find()) {
            samples.put(sample.group(1), Double.parseDouble(sample.group(2)));
        }
        return samples;
    }
}
