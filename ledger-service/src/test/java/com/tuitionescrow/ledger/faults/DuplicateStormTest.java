package com.tuitionescrow.ledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.SecondInstance;
import com.tuitionescrow.ledger.support.SimultaneousRequests;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A bank that retries everything: every callback of a day (receipts, alone and in batches, and its
 * answers to instructions) sent many times over, shuffled, at once, to both instances of the
 * ledger. Each is applied once, every copy gets the first answer, and the books balance.
 */
class DuplicateStormTest extends CheckedScenario {

    private static final int COPIES = 6;
    private static final long PRICE = 15_000;

    @Test
    void
            given_every_bank_callback_sent_six_times_shuffled_and_at_once_to_both_instances_when_the_storm_ends_then_each_counted_once()
                    throws Exception {
        Http other = new Http(SecondInstance.get(clock).port(), clock);
        Random shuffle = new Random(20260302);
        Institution school = school();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            orders.add(sell(school, id("stu"), course("piano", PRICE, 20)));
        }
        List<Map<String, Object>> receipts = new ArrayList<>();
        orders.forEach(orderId -> receipts.add(collection(id("txn"), orderId, 20 * PRICE, school.custodyAccountNo())));
        receipts.add(collection(id("txn"), orders.get(0), 20 * PRICE, school.custodyAccountNo()));
        receipts.add(collection(id("txn"), id("no-such-order"), 12_345, school.custodyAccountNo()));

        // Receipts: each alone COPIES times, and all of them, twice over, in batches of their own.
        List<Callable<Http.Response>> storm = new ArrayList<>();
        for (Map<String, Object> receipt : receipts) {
            for (int copy = 0; copy < COPIES; copy++) {
                Http to = copy % 2 == 0 ? http : other;
                storm.add(() -> to.post("/v1/bank/collections", Tokens.bank(), receipt));
            }
        }
        for (int batch = 0; batch < 4; batch++) {
            List<Map<String, Object>> items = new ArrayList<>(receipts);
            items.addAll(receipts);
            Collections.shuffle(items, shuffle);
            Http to = batch % 2 == 0 ? http : other;
            storm.add(() -> to.post("/v1/bank/collections/batch", Tokens.bank(), Map.of("items", items)));
        }
        Collections.shuffle(storm, shuffle);

        List<Http.Response> answers = SimultaneousRequests.all(storm);
        books("a storm of receipts");

        Map<String, String> outcome = new HashMap<>();
        for (Http.Response answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 201);
            List<JsonNode> results = new ArrayList<>();
            if (answer.status() == 200) {
                answer.body().get("results").forEach(results::add);
            } else {
                results.add(answer.body());
            }
            for (JsonNode result : results) {
                String said = result.get("status").asText() + " "
                        + result.path("reason").asText("");
                String first = outcome.putIfAbsent(result.get("bankTxnId").asText(), said);
                assertThat(said)
                        .as("every copy of " + result.get("bankTxnId") + " is answered alike")
                        .isEqualTo(first == null ? said : first);
            }
        }
        assertThat(outcome).hasSize(receipts.size());
        assertThat(db.fetchCount(
                        DSL.table(DSL.name("bank_collection")),
                        DSL.field(DSL.name("bank_txn_id"))
                                .in(receipts.stream()
                                        .map(r -> r.get("bankTxnId"))
                                        .toList())))
                .as("each receipt recorded once")
                .isEqualTo(receipts.size());
        for (String orderId : orders) {
            assertThat(order(orderId).get("paidFen").asLong())
                    .as(orderId + " paid once")
                    .isEqualTo(20 * PRICE);
        }
        assertThat(money(school).get("custodyFen")).isEqualTo(7 * 20 * PRICE + 12_345);

        // Instructions: a disbursement, two refunds and two suspense returns, each answered COPIES times.
        for (String orderId : orders.subList(0, 3)) {
            confirm(teach(school, orderId, 2));
        }
        for (String orderId : orders.subList(4, 6)) {
            approve(school, requestRefund(orderId).get("refundId").asText());
        }
        run();
        List<JsonNode> pending = bankList(school, "PENDING");
        assertThat(pending)
                .extracting(i -> i.get("kind").asText())
                .containsExactlyInAnyOrder("DISBURSEMENT", "REFUND", "REFUND", "SUSPENSE_RETURN", "SUSPENSE_RETURN");
        long leaving =
                pending.stream().mapToLong(i -> i.get("amountFen").asLong()).sum();
        List<Callable<Http.Response>> answersStorm = new ArrayList<>();
        for (JsonNode instruction : pending) {
            Map<String, Object> executed = executed();
            String path =
                    "/v1/bank/instructions/" + instruction.get("instructionId").asText() + "/result";
            for (int copy = 0; copy < COPIES; copy++) {
                Http to = copy % 2 == 0 ? http : other;
                answersStorm.add(() -> to.post(path, Tokens.bank(), executed));
            }
        }
        Collections.shuffle(answersStorm, shuffle);
        long custodyBefore = money(school).get("custodyFen");

        List<Http.Response> results = SimultaneousRequests.all(answersStorm);
        books("a storm of instruction answers");

        Map<String, JsonNode> firstResult = new HashMap<>();
        for (Http.Response result : results) {
            assertThat(result.status()).as(result.toString()).isEqualTo(200);
            JsonNode first =
                    firstResult.putIfAbsent(result.body().get("instructionId").asText(), result.body());
            assertThat(result.body()).isEqualTo(first == null ? result.body() : first);
            assertThat(result.body().get("status").asText()).isEqualTo("EXECUTED");
        }
        assertThat(firstResult).hasSize(pending.size());
        assertThat(money(school).get("custodyFen"))
                .as("the money left custody once")
                .isEqualTo(custodyBefore - leaving);
        assertThat(bankList(school, "PENDING")).isEmpty();
    }
}
