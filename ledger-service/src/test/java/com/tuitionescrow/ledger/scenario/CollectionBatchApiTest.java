package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** A bank posting a day's receipts at once: one result per item, in order, each recorded exactly once. */
class CollectionBatchApiTest extends LedgerIntegrationTest {

    private static final String BATCH = "/v1/bank/collections/batch";

    @Test
    void given_a_batch_of_applicable_unknown_repeated_and_conflicting_items_then_each_gets_its_own_result_in_order() {
        Institution school = newInstitution();
        String first = unpaidOrder(school);
        String second = unpaidOrder(school);
        Map<String, Object> payFirst = collection(id("txn"), first, 300_000, school.custodyAccountNo());
        Map<String, Object> paySecond = collection(id("txn"), second, 300_000, school.custodyAccountNo());
        Map<String, Object> unknown = collection(id("txn"), id("no-such-order"), 12_345, school.custodyAccountNo());
        Map<String, Object> secondAgainOtherAmount = new LinkedHashMap<>(paySecond);
        secondAgainOtherAmount.put("amountFen", 299_999);

        Http.Response response = http.post(
                BATCH,
                Tokens.bank(),
                Map.of("items", List.of(payFirst, paySecond, unknown, payFirst, secondAgainOtherAmount)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode results = response.body().get("results");
        assertThat(results).hasSize(5);
        assertResult(results.get(0), payFirst, "APPLIED");
        assertResult(results.get(1), paySecond, "APPLIED");
        assertResult(results.get(2), unknown, "SUSPENSE");
        assertThat(results.get(2).get("reason").asText()).isEqualTo("ORDER_UNKNOWN");
        assertResult(results.get(3), payFirst, "APPLIED");
        assertResult(results.get(4), paySecond, "REJECTED");
        assertThat(results.get(4).get("code").asText()).isEqualTo("IDEMPOTENCY_CONFLICT");
        assertThat(order(first).get("paidFen").asLong()).isEqualTo(300_000);
        assertThat(order(second).get("paidFen").asLong()).isEqualTo(300_000);
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 612_345L)
                .containsEntry("prepaidFen", 600_000L)
                .containsEntry("suspenseFen", 12_345L);
    }

    @Test
    void given_the_same_collection_sent_once_alone_and_twice_in_batches_then_it_is_applied_once() {
        Institution school = newInstitution();
        String orderId = unpaidOrder(school);
        Map<String, Object> payment = collection(id("txn"), orderId, 300_000, school.custodyAccountNo());

        Http.Response alone = http.post("/v1/bank/collections", Tokens.bank(), payment);
        Http.Response inBatch = http.post(BATCH, Tokens.bank(), Map.of("items", List.of(payment)));
        Http.Response inAnotherBatch = http.post(BATCH, Tokens.bank(), Map.of("items", List.of(payment, payment)));

        assertThat(alone.body().get("status").asText()).isEqualTo("APPLIED");
        assertThat(inBatch.body().get("results").get(0).get("status").asText()).isEqualTo("APPLIED");
        assertThat(inAnotherBatch.body().get("results"))
                .extracting(r -> r.get("status").asText())
                .containsExactly("APPLIED", "APPLIED");
        assertThat(db.fetchCount(
                        DSL.table("bank_collection"), DSL.field("order_id").eq(orderId)))
                .isEqualTo(1);
        awaitLedger();
        assertThat(settlement(school)).containsEntry("custodyFen", 300_000L).containsEntry("suspenseFen", 0L);
    }

    @Test
    void given_a_batch_with_one_malformed_item_then_the_whole_batch_is_refused_and_nothing_is_written() {
        Institution school = newInstitution();
        String orderId = unpaidOrder(school);
        Map<String, Object> good = collection(id("txn"), orderId, 300_000, school.custodyAccountNo());
        Map<String, Object> bad =
                new LinkedHashMap<>(collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));
        bad.put("amountFen", -1);
        Map<String, Integer> before = footprint();

        Http.Response refused = http.post(BATCH, Tokens.bank(), Map.of("items", List.of(good, bad)));

        assertRefused(refused, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_batch_of_more_than_1000_items_then_it_is_refused_and_an_empty_batch_too() {
        Institution school = newInstitution();
        Map<String, Object> item = collection(id("txn"), id("order"), 100, school.custodyAccountNo());
        Map<String, Integer> before = footprint();

        assertRefused(
                http.post(BATCH, Tokens.bank(), Map.of("items", Collections.nCopies(1001, item))),
                400,
                "VALIDATION_FAILED");
        assertRefused(http.post(BATCH, Tokens.bank(), Map.of("items", List.of())), 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_day_of_receipts_for_many_students_then_every_order_is_paid_once() {
        Institution school = newInstitution();
        List<String> orders = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String orderId = unpaidOrder(school);
            orders.add(orderId);
            items.add(collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));
        }

        Http.Response response = http.post(BATCH, Tokens.bank(), Map.of("items", items));

        assertThat(response.body().get("results"))
                .hasSize(40)
                .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("APPLIED"));
        assertThat(orders)
                .allSatisfy(o -> assertThat(order(o).get("status").asText()).isEqualTo("PAID"));
        awaitLedger();
        assertThat(settlement(school)).containsEntry("custodyFen", 40 * 300_000L);
    }

    private String unpaidOrder(Institution school) {
        String orderId = id("order");
        Http.Response placed = placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        return orderId;
    }

    private static void assertResult(JsonNode result, Map<String, Object> item, String status) {
        assertThat(result.get("bankTxnId").asText()).isEqualTo(item.get("bankTxnId"));
        assertThat(result.get("status").asText()).as(result.toString()).isEqualTo(status);
    }
}
