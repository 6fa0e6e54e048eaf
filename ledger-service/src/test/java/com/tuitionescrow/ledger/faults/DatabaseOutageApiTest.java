package com.tuitionescrow.ledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.SecondInstance;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under an instance (its connections drop, new ones are refused): the
 * instance answers 503 problems within seconds and says so on its health endpoint, and is itself
 * again within 10 s of the database's return, by itself. The other instance, which still reaches
 * the database, goes on as if nothing happened.
 */
class DatabaseOutageApiTest extends LedgerIntegrationTest {

    /** The pool waits 2 s for a connection before it gives up; the answer comes soon after. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);

    private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(10);

    @Test
    void
            given_the_database_gone_when_requests_arrive_then_503_problems_and_health_down_and_well_again_within_10_s_of_its_return()
                    throws Exception {
        SecondInstance second = SecondInstance.get(clock);
        Http cut = new Http(second.port(), clock);
        Institution school = newInstitution();
        String paidOrder = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        assertThat(cut.get("/v1/orders/" + paidOrder, Tokens.platform()).status())
                .isEqualTo(200);
        String orderSentDuringOutage = id("order");

        second.database().cut();
        try {
            assertUnavailableSoon(() -> cut.post(
                    "/v1/orders",
                    Tokens.platform(),
                    order(orderSentDuringOutage, school, id("stu"), course("violin", 15_000, 20))));
            assertUnavailableSoon(() -> cut.get("/v1/orders/" + paidOrder, Tokens.platform()));
            // A bank call reaches the database before any controller does: its signature's replay check.
            assertUnavailableSoon(() -> cut.post(
                    "/v1/bank/collections",
                    Tokens.bank(),
                    collection(id("txn"), paidOrder, 300_000, school.custodyAccountNo())));
            long started = System.nanoTime();
            Http.Response health = cut.get("/actuator/health", null);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(ANSWER_WITHIN);
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(health.body().get("status").asText()).isEqualTo("DOWN");

            Http.Response unaffected = placeOrder(id("order"), school, id("stu"), course("drums", 15_000, 20));
            assertThat(unaffected.status())
                    .as("the other instance goes on: " + unaffected)
                    .isEqualTo(201);
        } finally {
            second.database().restore();
        }
        long back = System.nanoTime();

        Awaitility.await("the instance is well again")
                .atMost(RECOVERY_WITHIN)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> cut.get("/actuator/health", null).status() == 200);
        Http.Response sale = cut.post(
                "/v1/orders", Tokens.platform(), order(id("order"), school, id("stu"), course("cello", 15_000, 20)));
        assertThat(sale.status()).as(sale.toString()).isEqualTo(201);
        assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(RECOVERY_WITHIN);
        assertThat(http.get("/v1/orders/" + orderSentDuringOutage, Tokens.platform())
                        .status())
                .as("what was refused during the outage was not recorded")
                .isEqualTo(404);
    }

    private static void assertUnavailableSoon(Supplier<Http.Response> request) {
        long started = System.nanoTime();
        Http.Response response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as(response.toString())
                .isLessThan(ANSWER_WITHIN);
        assertRefused(response, 503, "DATABASE_UNAVAILABLE");
        assertThat(response.body().get("detail").asText()).contains("nothing was recorded");
    }
}
