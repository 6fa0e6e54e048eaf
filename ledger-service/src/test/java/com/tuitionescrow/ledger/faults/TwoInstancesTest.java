package com.tuitionescrow.ledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.platform.job.ScheduledOnce;
import com.tuitionescrow.ledger.support.BooksCheck;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.SecondInstance;
import com.tuitionescrow.ledger.support.SimultaneousRequests;
import com.tuitionescrow.ledger.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two instances of the ledger on one database, as two machines behind a load balancer: requests for
 * the same students go to either, at once. The caps and the books hold, every payment counts once,
 * the journal is projected once, and the release run and the scheduled sweeps run on one instance
 * at a time.
 */
class TwoInstancesTest extends LedgerIntegrationTest {

    private static final int STUDENTS = 4;
    private static final int ORDERS_PER_STUDENT = 8;
    /** 5 hours at 200 yuan: five of them reach the 5000-yuan cap exactly. */
    private static final long ORDER_FEN = 100_000;

    private static final long CAP_FEN = 500_000;

    @Autowired
    private ScheduledOnce schedule;

    private SecondInstance second;
    private Http other;

    @BeforeEach
    void secondInstance() {
        second = SecondInstance.get(clock);
        other = new Http(second.port(), clock);
    }

    @Test
    void
            given_two_instances_when_the_same_students_buy_and_pay_through_both_at_once_then_the_caps_hold_and_each_payment_counts_once()
                    throws Exception {
        Institution school = newInstitution();
        List<String> students = new ArrayList<>();
        List<Map<String, Object>> sales = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            String student = id("stu");
            students.add(student);
            for (int o = 0; o < ORDERS_PER_STUDENT; o++) {
                sales.add(order(id("order"), school, student, course("subject" + o, 20_000, 5)));
            }
        }
        List<Callable<Http.Response>> selling = new ArrayList<>();
        for (int i = 0; i < sales.size(); i++) {
            Http to = i % 2 == 0 ? http : other;
            Map<String, Object> sale = sales.get(i);
            selling.add(() -> to.post("/v1/orders", Tokens.platform(), sale));
        }

        List<Http.Response> sold = SimultaneousRequests.all(selling);

        Map<String, List<String>> placedByStudent = new HashMap<>();
        for (int i = 0; i < sold.size(); i++) {
            Http.Response answer = sold.get(i);
            assertThat(answer.status()).as(answer.toString()).isIn(201, 409, 422);
            if (answer.status() == 201) {
                placedByStudent
                        .computeIfAbsent((String) sales.get(i).get("studentId"), s -> new ArrayList<>())
                        .add(answer.body().get("orderId").asText());
            } else {
                assertThat(answer.code()).as(answer.toString()).isIn("CAP_AMOUNT", "CONCURRENT_MODIFICATION");
            }
        }
        for (String student : students) {
            List<String> placed = placedByStudent.getOrDefault(student, List.of());
            assertThat(placed)
                    .as(student + " holds at least one order and no more than the cap")
                    .isNotEmpty();
            assertThat(placed.size() * ORDER_FEN).as(student).isLessThanOrEqualTo(CAP_FEN);
        }

        // The bank reports each payment three times, through both instances at once, and one more
        // payment per student for an order it already pays: whichever arrives first pays the order.
        List<Callable<Http.Response>> paying = new ArrayList<>();
        Map<String, List<String>> paymentsOf = new HashMap<>();
        int n = 0;
        for (List<String> placed : placedByStudent.values()) {
            for (String orderId : placed) {
                Map<String, Object> payment = collection(id("txn"), orderId, ORDER_FEN, school.custodyAccountNo());
                paymentsOf.computeIfAbsent(orderId, o -> new ArrayList<>()).add((String) payment.get("bankTxnId"));
                for (int copy = 0; copy < 3; copy++) {
                    Http to = n++ % 2 == 0 ? http : other;
                    paying.add(() -> to.post("/v1/bank/collections", Tokens.bank(), payment));
                }
            }
            Map<String, Object> twice = collection(id("txn"), placed.get(0), ORDER_FEN, school.custodyAccountNo());
            paymentsOf.get(placed.get(0)).add((String) twice.get("bankTxnId"));
            paying.add(() -> other.post("/v1/bank/collections", Tokens.bank(), twice));
        }

        List<Http.Response> paid = SimultaneousRequests.all(paying);

        Map<String, JsonNode> firstAnswer = new HashMap<>();
        for (Http.Response answer : paid) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            JsonNode body = answer.body();
            JsonNode first = firstAnswer.putIfAbsent(body.get("bankTxnId").asText(), body);
            assertThat(body).as("every answer to one payment is the first").isEqualTo(first == null ? body : first);
        }
        paymentsOf.forEach((orderId, payments) -> {
            List<String> statuses = payments.stream()
                    .map(txn -> firstAnswer.get(txn).get("status").asText())
                    .toList();
            assertThat(statuses)
                    .as(orderId + " is paid by one payment, the other held")
                    .containsOnlyOnce("APPLIED");
            payments.stream()
                    .map(firstAnswer::get)
                    .filter(a -> a.get("status").asText().equals("SUSPENSE"))
                    .forEach(held -> assertThat(held.get("reason").asText()).isEqualTo("ORDER_ALREADY_PAID"));
            JsonNode order = order(orderId);
            assertThat(order.get("status").asText()).isEqualTo("PAID");
            assertThat(order.get("paidFen").asLong()).as("paid once").isEqualTo(ORDER_FEN);
        });
        long placedFen = placedByStudent.values().stream().mapToLong(List::size).sum() * ORDER_FEN;
        Map<String, JsonNode> books =
                new BooksCheck(http, this::awaitLedger).after("two instances", List.of(school.id()));
        assertThat(books.get(school.id()).get("custodyFen").asLong())
                .isEqualTo(placedFen + (long) placedByStudent.size() * ORDER_FEN);
        assertJournalProjectedOnceAndWhole();
    }

    @Test
    void given_two_instances_when_both_are_asked_to_run_the_release_at_once_then_runs_never_overlap() throws Exception {
        List<Http.Response> answers = SimultaneousRequests.all(List.of(
                () -> http.post("/v1/disbursements/run", Tokens.regulator(), Map.of()),
                () -> other.post("/v1/disbursements/run", Tokens.platform(), Map.of()),
                () -> http.post("/v1/disbursements/run", Tokens.platform(), Map.of()),
                () -> other.post("/v1/disbursements/run", Tokens.regulator(), Map.of())));

        Set<String> runIds = ConcurrentHashMap.newKeySet();
        answers.forEach(answer -> {
            assertThat(answer.status()).as(answer.toString()).isIn(200, 202);
            runIds.add(answer.body().get("runId").asText());
        });
        List<JsonNode> runs = new ArrayList<>();
        for (String runId : runIds) {
            Awaitility.await(runId)
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !run(runId).get("state").asText().equals("RUNNING"));
            runs.add(run(runId));
        }
        runs.sort((a, b) ->
                a.get("startedAt").asText().compareTo(b.get("startedAt").asText()));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(instant(runs.get(i).get("startedAt")))
                    .as("one run at a time: " + runs)
                    .isAfterOrEqualTo(instant(runs.get(i - 1).get("finishedAt")));
        }
        runs.forEach(
                run -> assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("COMPLETED"));
    }

    @Test
    void
            given_an_instance_that_answers_at_once_when_it_runs_the_release_then_202_and_the_run_is_asked_after_on_either_instance()
                    throws Exception {
        HttpResponse<String> started = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://localhost:" + second.port() + "/v1/disbursements/run"))
                                .header("Authorization", "Bearer " + Tokens.regulator())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(started.statusCode()).as(started.body()).isIn(200, 202);
        String runId = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(started.body())
                .get("runId")
                .asText();
        if (started.statusCode() == 202) {
            assertThat(started.headers().firstValue("Location")).hasValue("/v1/disbursements/runs/" + runId);
        }
        Awaitility.await(runId)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> run(runId).get("state").asText().equals("COMPLETED"));
        assertThat(other.get("/v1/disbursements/runs/" + runId, Tokens.platform())
                        .body())
                .isEqualTo(run(runId));
        assertRefused(
                http.get("/v1/disbursements/runs/release-run-00000000-0000-0000-0000-000000000000", Tokens.regulator()),
                404,
                "NOT_FOUND");
    }

    @Test
    void given_both_instances_timers_firing_for_the_same_slots_when_they_race_then_each_slot_runs_once()
            throws Exception {
        ScheduledOnce theirs = second.bean(ScheduledOnce.class);
        String job = "race-" + id("job");
        Instant firstSlot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Map<Instant, AtomicInteger> ran = new ConcurrentHashMap<>();
        ExecutorService timers = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch fire = new CountDownLatch(1);
            List<Future<?>> fired = new ArrayList<>();
            for (int slot = 0; slot < 20; slot++) {
                Instant at = firstSlot.plus(Duration.ofMinutes(slot));
                ran.put(at, new AtomicInteger());
                for (ScheduledOnce instance : List.of(schedule, theirs, schedule, theirs)) {
                    fired.add(timers.submit(() -> {
                        fire.await();
                        return instance.run(job, at, () -> ran.get(at).incrementAndGet());
                    }));
                }
            }
            fire.countDown();
            for (Future<?> f : fired) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            timers.shutdownNow();
        }

        ran.forEach((slot, times) -> assertThat(times.get()).as(slot.toString()).isEqualTo(1));
    }

    private JsonNode run(String runId) {
        Http.Response run = http.get("/v1/disbursements/runs/" + runId, Tokens.regulator());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        return run.body();
    }

    private int count(String sql) {
        return db.fetchSingle(sql).get(0, Integer.class);
    }

    private static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }

    /**
     * Each event that carries a journal entry is in the journal once, and the journal holds nothing
     * else: two instances did not both project it, nor did either skip an event.
     */
    private void assertJournalProjectedOnceAndWhole() {
        awaitLedger();
        int journaled = count("select count(*) from domainevententry "
                + "where jsonb_typeof(convert_from(payload, 'UTF8')::jsonb -> 'journalEntry') = 'object'");
        int entries = count("select count(*) from journal_entry");
        int matched =
                count("select count(*) from journal_entry j join domainevententry e on e.eventidentifier = j.entry_id");
        assertThat(entries)
                .as("journal entries, one per journaled event")
                .isEqualTo(journaled)
                .isEqualTo(matched);
        Http.Response verification = http.get("/v1/audit/verification", Tokens.regulator());
        assertThat(verification.body().get("chainIntact").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.body().get("replayMatches").asBoolean())
                .as(verification.toString())
                .isTrue();
    }
}
