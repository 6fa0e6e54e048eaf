package com.tuitionescrow.ledger.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.tuitionescrow.ledger.loadtest.simulations.LedgerUnderLoad.School;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A day's receipts in batches of 100 (POST /v1/bank/collections/batch), every one paying an order.
 * The orders are placed before the load starts and are not measured, and dealt into batches; then
 * load.batchUsers banks send load.batches batches between them (rounded down to a multiple of banks). Every batch must succeed with all 100 receipts APPLIED. The
 * receipts applied per second are 100 times the batch requests per second of Gatling's report.
 */
public class BatchCollectionsSimulation extends Simulation {

    static final int ITEMS = 100;
    private static final int BATCHES = Integer.getInteger("load.batches", 20);
    private static final int BATCH_USERS = Integer.getInteger("load.batchUsers", 4);

    /** An order placed and awaiting its payment. */
    private record Placed(String orderId, School school) {}

    private static final ConcurrentLinkedQueue<String> BATCHES_TO_SEND = new ConcurrentLinkedQueue<>();

    private final HttpProtocolBuilder protocol = http.baseUrl(LedgerUnderLoad.URL)
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .shareConnections();

    private final ScenarioBuilder batches = scenario("batch collections")
            .repeat(BATCHES / BATCH_USERS)
            .on(exec(session -> MixedCycleSimulation.signed(
                            session, "batchBody", "/v1/bank/collections/batch", BATCHES_TO_SEND.remove()))
                    .exec(MixedCycleSimulation.signedByTheBank(
                                    http("batch of " + ITEMS + " collections").post("/v1/bank/collections/batch"),
                                    "batchBody")
                            .check(
                                    status().is(200),
                                    jsonPath("$.results[?(@.status == 'APPLIED')]")
                                            .count()
                                            .is(ITEMS))));

    {
        placeOrders(BATCHES / BATCH_USERS * BATCH_USERS * ITEMS);
        setUp(batches.injectOpen(atOnceUsers(BATCH_USERS)))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }

    /** The receipts of 100 placed orders, each paying its order in full, dated two hours back. */
    private static String batch(List<Placed> orders) {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (Placed placed : orders) {
            body.append(body.length() > 10 ? "," : "")
                    .append(LedgerUnderLoad.collection(LedgerUnderLoad.id("TXN"), placed.orderId(), placed.school()));
        }
        return body.append("]}").toString();
    }

    /** The sales the batches pay, placed by 8 threads before the measured load begins. */
    private static void placeOrders(int count) {
        List<School> schools = LedgerUnderLoad.register(20);
        HttpClient client = HttpClient.newHttpClient();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Placed>> placed = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                placed.add(threads.submit(() -> place(client, LedgerUnderLoad.anyOf(schools))));
            }
            List<Placed> batch = new ArrayList<>();
            for (Future<Placed> order : placed) {
                batch.add(order.get());
                if (batch.size() == ITEMS) {
                    BATCHES_TO_SEND.add(batch(batch));
                    batch.clear();
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("placing the orders the batches pay", e);
        } finally {
            threads.shutdown();
        }
    }

    private static Placed place(HttpClient client, School school) throws Exception {
        String orderId = LedgerUnderLoad.id("order");
        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(URI.create(LedgerUnderLoad.URL + "/v1/orders"))
                        .header("Authorization", "Bearer " + LedgerUnderLoad.PLATFORM)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                LedgerUnderLoad.order(orderId, school, LedgerUnderLoad.id("stu"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("placing an order: " + answer.statusCode() + " " + answer.body());
        }
        return new Placed(orderId, school);
    }
}
