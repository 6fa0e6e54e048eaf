package com.tuitionescrow.ledger.loadtest.simulations;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import com.tuitionescrow.ledger.loadtest.simulations.LedgerUnderLoad.School;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;
import java.util.Map;

/**
 * The money cycle, one request at a time, as its clients send it: the platform sells a course, the
 * bank reports the payment (signed), the institution reports a lesson, the platform confirms it, the
 * parent asks for the rest back, the institution approves, and the bank reports the refund paid. Each
 * virtual user runs one cycle for a new student of one of 20 institutions; load.users of them at a time
 * for load.seconds. Every request must succeed, and p99 stay under load.maxP99Ms (the target, 50 ms).
 */
public class MixedCycleSimulation extends Simulation {

    private static final List<School> SCHOOLS = LedgerUnderLoad.register(20);

    private final HttpProtocolBuilder protocol = http.baseUrl(LedgerUnderLoad.URL)
            .contentTypeHeader("application/json")
            .acceptHeader("application/json")
            .shareConnections();

    private final ScenarioBuilder cycle = scenario("mixed cycle")
            .exec(newCycle())
            .exec(asPlatform(http("place order").post("/v1/orders").body(StringBody("#{orderBody}")))
                    .check(status().is(201)))
            .exec(signedByTheBank(http("collection").post("/v1/bank/collections"), "collectionBody")
                    .check(status().is(201), jsonPath("$.status").is("APPLIED")))
            .exec(asSchool(http("report lesson")
                            .post("/v1/orders/#{orderId}/lessons")
                            .body(StringBody("#{lessonBody}")))
                    .check(status().is(201)))
            .exec(asPlatform(http("confirm lesson")
                            .post("/v1/lessons/#{lessonId}/confirmation")
                            .body(StringBody("{\"decision\":\"CONFIRM\"}")))
                    .check(status().is(200)))
            .exec(asPlatform(http("request refund")
                            .post("/v1/orders/#{orderId}/refunds")
                            .body(StringBody("{\"refundId\":\"#{refundId}\",\"reason\":\"moving away\"}")))
                    .check(status().is(201)))
            .exec(asSchool(http("approve refund")
                            .post("/v1/refunds/#{refundId}/decision")
                            .body(StringBody("{\"decision\":\"APPROVE\"}")))
                    .check(status().is(200)))
            .exec(session -> signed(
                    session,
                    "resultBody",
                    "/v1/bank/instructions/RFD-" + session.getString("refundId") + "/result",
                    LedgerUnderLoad.instructionResult(LedgerUnderLoad.id("OUT"))))
            .exec(signedByTheBank(
                            http("refund paid").post("/v1/bank/instructions/RFD-#{refundId}/result"), "resultBody")
                    .check(status().is(200)));

    {
        setUp(cycle.injectClosed(constantConcurrentUsers(LedgerUnderLoad.USERS).during(LedgerUnderLoad.SECONDS)))
                .protocols(protocol)
                .assertions(
                        global().failedRequests().count().is(0L),
                        global().responseTime().percentile(99.0).lt(LedgerUnderLoad.MAX_P99_MS));
    }

    /** The ids and bodies of one cycle, made when it starts. */
    private static java.util.function.Function<Session, Session> newCycle() {
        return session -> {
            School school = LedgerUnderLoad.anyOf(SCHOOLS);
            String orderId = LedgerUnderLoad.id("order");
            String lessonId = LedgerUnderLoad.id("lesson");
            Session started = session.set("schoolToken", school.token())
                    .set("orderId", orderId)
                    .set("lessonId", lessonId)
                    .set("refundId", LedgerUnderLoad.id("refund"))
                    .set("orderBody", LedgerUnderLoad.order(orderId, school, LedgerUnderLoad.id("stu")))
                    .set("lessonBody", LedgerUnderLoad.lesson(lessonId));
            return signed(
                    started,
                    "collectionBody",
                    "/v1/bank/collections",
                    LedgerUnderLoad.collection(LedgerUnderLoad.id("TXN"), orderId, school));
        };
    }

    /** Keeps the body under its name, with the signature headers made for exactly this POST of these bytes. */
    static Session signed(Session session, String name, String path, String body) {
        Map<String, String> headers = LedgerUnderLoad.BANK.headers(path, body);
        Session withBody = session.set(name, body);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            withBody = withBody.set(name + "." + header.getKey(), header.getValue());
        }
        return withBody;
    }

    static HttpRequestActionBuilder signedByTheBank(HttpRequestActionBuilder request, String bodyName) {
        HttpRequestActionBuilder signedRequest = request.header("Authorization", "Bearer " + LedgerUnderLoad.BANK_TOKEN)
                .body(StringBody("#{" + bodyName + "}"));
        for (String header : LedgerUnderLoad.BANK.headers("/", "").keySet()) {
            signedRequest = signedRequest.header(header, session -> session.getString(bodyName + "." + header));
        }
        return signedRequest;
    }

    private static HttpRequestActionBuilder asPlatform(HttpRequestActionBuilder request) {
        return request.header("Authorization", "Bearer " + LedgerUnderLoad.PLATFORM);
    }

    private static HttpRequestActionBuilder asSchool(HttpRequestActionBuilder request) {
        return request.header("Authorization", session -> "Bearer " + session.getString("schoolToken"));
    }
}
