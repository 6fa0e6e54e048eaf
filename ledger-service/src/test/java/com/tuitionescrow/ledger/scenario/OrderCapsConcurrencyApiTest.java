package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * "Two concurrent orders or collections for the same student must never together pass a cap"
 * (docs/domain.md): sales that race each other over HTTP, released at the same moment.
 */
class OrderCapsConcurrencyApiTest extends LedgerIntegrationTest {

    private static final int RACERS = 8;
    private static final int ROUNDS = 10;

    @Test
    void
            given_eight_concurrent_sales_of_3000_yuan_to_one_student_then_exactly_one_is_sold_and_the_rest_are_CAP_AMOUNT() {
        Institution school = newInstitution();
        String student = id("stu");

        List<Http.Response> answers =
                race(i -> placeOrder(id("order"), school, student, course("subject" + i, 300_000, 1)));

        assertThat(statuses(answers))
                .as(answers.toString())
                .containsEntry(201, 1L)
                .containsEntry(422, (long) RACERS - 1);
        assertThat(answers)
                .filteredOn(a -> a.status() == 422)
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("CAP_AMOUNT"));
        assertThat(ordersOf(school, student)).isEqualTo(1);
    }

    @Test
    void given_eight_concurrent_sales_of_31_hours_to_one_student_then_exactly_one_is_sold_and_the_rest_are_CAP_HOURS() {
        Institution school = newInstitution();
        String student = id("stu");

        List<Http.Response> answers =
                race(i -> placeOrder(id("order"), school, student, course("subject" + i, 100, 31)));

        assertThat(statuses(answers))
                .as(answers.toString())
                .containsEntry(201, 1L)
                .containsEntry(422, (long) RACERS - 1);
        assertThat(answers)
                .filteredOn(a -> a.status() == 422)
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("CAP_HOURS"));
        assertThat(ordersOf(school, student)).isEqualTo(1);
    }

    /**
     * A repeat that races its first is still a repeat: it must get the first answer, never a 500.
     * Several rounds, because the losing interleaving (the repeat reads no idempotency record, then
     * loads the account after the first committed) is a matter of timing.
     */
    @Test
    void given_the_same_order_sent_eight_times_at_once_then_every_answer_is_the_first_and_one_order_exists() {
        for (int round = 0; round < ROUNDS; round++) {
            Institution school = newInstitution();
            String student = id("stu");
            String orderId = id("order");
            Map<String, Object> piano = course("piano", 15_000, 20);

            List<Http.Response> answers = race(i -> placeOrder(orderId, school, student, piano));

            assertThat(answers)
                    .as("round " + round + ": " + answers)
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
            assertThat(answers.stream().map(Http.Response::body).distinct()).hasSize(1);
            assertThat(ordersOf(school, student)).isEqualTo(1);
            // Reserved once: 2000 yuan still fit beside it.
            assertThat(placeOrder(id("order"), school, student, course("violin", 200_000, 1))
                            .status())
                    .isEqualTo(201);
        }
    }

    @Test
    void given_the_same_lesson_reported_eight_times_at_once_then_every_answer_is_the_first_and_it_counts_once() {
        for (int round = 0; round < ROUNDS; round++) {
            Institution school = newInstitution();
            String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
            Map<String, Object> lesson = lesson(id("lesson"), 2);

            List<Http.Response> answers = race(i -> reportLesson(school, paid, lesson));

            assertThat(answers)
                    .as("round " + round + ": " + answers)
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
            assertThat(answers.stream().map(Http.Response::body).distinct()).hasSize(1);
            assertThat(order(paid).get("consumedHours").asInt()).isEqualTo(2);
            assertThat(order(paid).get("lessons")).hasSize(1);
        }
    }

    @Test
    void given_the_same_institution_registered_eight_times_at_once_then_every_answer_is_the_first() {
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> request = registration(newCreditCode(), newAccountNo());

            List<Http.Response> answers = race(i -> http.post("/v1/institutions", Tokens.regulator(), request));

            assertThat(answers)
                    .as("round " + round + ": " + answers)
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
            assertThat(answers.stream().map(Http.Response::body).distinct()).hasSize(1);
        }
    }

    @Test
    void
            given_a_paid_order_of_10_hours_when_eight_lessons_of_6_hours_are_reported_at_once_then_exactly_one_is_recorded() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));

        // Eight lessons on eight days, each of which could have happened: only the hours decide.
        List<Map<String, Object>> lessons = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            lessons.add(lesson(id("lesson"), 6));
        }

        List<Http.Response> answers = race(i -> reportLesson(school, paid, lessons.get(i)));

        assertThat(statuses(answers))
                .as(answers.toString())
                .containsEntry(201, 1L)
                .containsEntry(422, (long) RACERS - 1);
        assertThat(answers)
                .filteredOn(a -> a.status() == 422)
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("INSUFFICIENT_HOURS"));
        assertThat(order(paid).get("consumedHours").asInt()).isEqualTo(6);
        assertThat(order(paid).get("lessons")).hasSize(1);
    }

    @Test
    void
            given_two_institutions_registering_one_custody_account_at_once_then_one_is_registered_and_the_other_is_CUSTODY_ACCOUNT_IN_USE() {
        String account = newAccountNo();

        List<Http.Response> answers =
                race(i -> http.post("/v1/institutions", Tokens.regulator(), registration(newCreditCode(), account)));

        assertThat(statuses(answers))
                .as(answers.toString())
                .containsEntry(201, 1L)
                .containsEntry(409, (long) RACERS - 1);
        assertThat(answers)
                .filteredOn(a -> a.status() == 409)
                .allSatisfy(a -> assertThat(a.code()).isEqualTo("CUSTODY_ACCOUNT_IN_USE"));
        assertThat(db.fetchCount(
                        DSL.table(DSL.name("institution")),
                        DSL.field(DSL.name("custody_account_no")).eq(account)))
                .isEqualTo(1);
    }

    /** Runs the request RACERS times, all released at once, and returns the answers in order. */
    private List<Http.Response> race(IntFunction<Http.Response> request) {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            CountDownLatch ready = new CountDownLatch(RACERS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(racer);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError("the race did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Long> statuses(List<Http.Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Http.Response::status, Collectors.counting()));
    }

    private int ordersOf(Institution institution, String studentId) {
        return db.fetchCount(
                DSL.table(DSL.name("course_order")),
                DSL.field(DSL.name("institution_id")).eq(institution.id()),
                DSL.field(DSL.name("student_id")).eq(studentId));
    }

    private static Map<String, Object> registration(String institutionId, String account) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("institutionId", institutionId);
        request.put("name", "Racer " + institutionId);
        request.put("category", "SPORTS");
        request.put("supervisionModel", "BANK_CUSTODY");
        request.put("custodyAccountNo", account);
        return request;
    }
}
