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
 * The orders are placed before the load starts and are not measured; then load.batchUsers banks send
 * batches until every order is paid. Every batch must succeed with all 100 receipts APPLIED. The
 * receipts applied per second are 100 times the batch requests per second of Gatling's report.
 */
public class BatchCollectionsSimulation extends Simulation {

    static final int ITEMS = 100;
    private static final int BATCHES = Integer.getInteger("load.batches", 40);
    private static final int BATCH_USERS = Integer.getInteger("load.batchUsers", 4);

    /** An order placed and awaiting its payment. */
    private record Placed(String orderId, School school) {
    }

    private static final ConcurrentLinkedQueue<Placed> AWAITING_PAYMENT = new ConcurrentLinkedQueue<>();

    private final HttpProtocolBuilder protocol = http.baseUrl(LedgerUnderLoad.URL)
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .shareConnections();

    private final ScenarioBuilder batches = scenario("batch collections")
            .asLongAs(session -> AWAITING_PAYMENT.size() >= ITEMS).on(
                    exec(session -> MixedCycleSimulation.signed(session, "batchBody", nextBatch()))
                            .exec(MixedCycleSimulation.signedByTheBank(
                                            http("batch of " + ITEMS + " collections").post("/v1/bank/collections/batch"),
                                            "batchBody")
                                    .check(status().is(200),
                                            jsonPath("$.results[?(@.status == 'APPLIED')]").count().is(ITEMS))));

    {
        placeOrders(BATCHES * ITEMS);
        setUp(batches.injectOpen(atOnceUsers(BATCH_USERS)))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L));
    }

    private static String nextBatch() {
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < ITEMS; i++) {
            Placed placed = AWAITING_PAYMENT.poll();
            if (placed == null) {
                throw new IllegalStateException("another bank took the last orders");
            }
            body.append(i == 0 ? "" : ",")
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
            for (Future<Placed> order : placed) {
                AWAITING_PAYMENT.add(order.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("placing the orders the batches pay", e);
        } finally {
            threads.shutdown();
        }
    }

    private static Placed place(HttpClient client, School school) throws Exception {
        String orderId = LedgerUnderLoad.id("order");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(LedgerUnderLoad.URL + "/v1/orders"))
                .header("Authorization", "Bearer " + LedgerUnderLoad.PLATFORM).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(LedgerUnderLoad.order(orderId, school, LedgerUnderLoad.id("stu"))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("placing an order: " + answer.statusCode() + " " + answer.body());
        }
        return new Placed(orderId, school);
    }
}
