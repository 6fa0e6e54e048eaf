package com.tuitionescrow.ledger.performance;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/**
 * What each call of the money cycle costs in round trips to PostgreSQL, counted on the thread that
 * serves it (load-tests/benchmark.sh measures the time; this keeps the count from creeping back up).
 * Each bound is the count the call has today: a change that adds a statement to the command path
 * fails here, and one that removes statements lowers the bound.
 */
@Import(StatementCounter.Wrapping.class)
class CommandPathCostTest extends LedgerIntegrationTest {

    /** The most statements each call may send, on its request's thread. */
    private static final Map<String, Long> BOUNDS = Map.of(
            "place order", 8L,
            "collection", 12L,
            "report lesson", 11L,
            "confirm lesson", 9L,
            "request refund", 10L,
            "approve refund", 10L,
            "refund paid", 13L);

    @Test
    void given_the_money_cycle_when_each_call_is_served_then_it_sends_no_more_statements_than_its_bound() {
        Institution school = newInstitution();
        String orderId = id("order");
        String lessonId = id("lesson");
        String refundId = id("refund");
        Map<String, Long> counted = new LinkedHashMap<>();

        // A first cycle warms what is cached; the second is the one counted.
        for (int round = 0; round < 2; round++) {
            String order = round == 0 ? id("order") : orderId;
            String lesson = round == 0 ? id("lesson") : lessonId;
            String refund = round == 0 ? id("refund") : refundId;
            counted.clear();
            count(counted, "place order", () -> placeOrder(order, school, id("stu"), course("piano", 15_000, 20)));
            count(counted, "collection", () -> collect(order, 300_000, school.custodyAccountNo()));
            count(counted, "report lesson", () -> reportLesson(school, order, lesson(lesson, 2)));
            count(
                    counted,
                    "confirm lesson",
                    () -> http.post(
                            "/v1/lessons/" + lesson + "/confirmation",
                            Tokens.platform(),
                            Map.of("decision", "CONFIRM")));
            count(
                    counted,
                    "request refund",
                    () -> http.post(
                            "/v1/orders/" + order + "/refunds",
                            Tokens.platform(),
                            Map.of("refundId", refund, "reason", "moving away")));
            count(
                    counted,
                    "approve refund",
                    () -> http.post(
                            "/v1/refunds/" + refund + "/decision",
                            Tokens.institution(school.id()),
                            Map.of("decision", "APPROVE")));
            count(
                    counted,
                    "refund paid",
                    () -> http.post(
                            "/v1/bank/instructions/RFD-" + refund + "/result",
                            Tokens.bank(),
                            Map.of(
                                    "outcome",
                                    "EXECUTED",
                                    "bankTxnId",
                                    id("OUT"),
                                    "executedAt",
                                    java.time.OffsetDateTime.now(clock).toString())));
        }

        System.out.println("statements per call on the command path: " + counted);
        assertThat(counted)
                .allSatisfy((call, statements) -> assertThat(statements)
                        .as(call + " (counted: " + counted + ")")
                        .isLessThanOrEqualTo(BOUNDS.get(call)));
    }

    private static void count(Map<String, Long> counted, String call, Supplier<Http.Response> request) {
        long before = StatementCounter.onRequests();
        Http.Response response = request.get();
        assertThat(response.status()).as(call + ": " + response).isLessThan(300);
        counted.put(call, StatementCounter.onRequests() - before);
    }
}
