package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.SimultaneousRequests;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Client-chosen ids are idempotency keys (docs/api.md, "Conventions"): the same create again with the
 * same content returns the first result, same status and body; the same id with other content is
 * {@code 409 IDEMPOTENCY_CONFLICT}; nothing is ever applied twice. A refused create (422) is
 * answered the same way: its refusal is the first result, and the id is spent. An institution's
 * credit code is the exception, as it is the institution's own: a refused registration leaves it free.
 */
class IdempotencyApiTest extends LedgerIntegrationTest {

    /**
     * Enough simultaneous retries, enough times over, that some arrive while the first is still
     * being applied: the race the idempotency record must win.
     */
    private static final int SENDERS = 8;

    private static final int ROUNDS = 5;

    // ---- orders (orderId) -------------------------------------------------------------------

    @Test
    void given_a_placed_sale_when_the_platform_sends_it_again_then_it_gets_the_first_answer_and_one_order_exists() {
        Institution school = newInstitution();
        String orderId = id("order");
        Map<String, Object> sale = order(orderId, school, id("stu"), course("piano", 15_000, 20));
        Http.Response first = http.post("/v1/orders", Tokens.platform(), sale);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Map<String, Integer> afterFirst = footprint();

        Http.Response again = http.post("/v1/orders", Tokens.platform(), sale);

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(afterFirst);
        assertThat(rows("course_order", "order_id", orderId)).isEqualTo(1);
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.get("amountFen").asLong()).isEqualTo(300_000);
    }

    @Test
    void
            given_a_new_sale_when_the_platform_sends_it_several_times_at_once_then_one_order_is_placed_and_all_get_its_answer()
                    throws Exception {
        Institution school = newInstitution();
        for (int round = 0; round < ROUNDS; round++) {
            String orderId = id("order");
            Map<String, Object> sale = order(orderId, school, id("stu"), course("piano", 15_000, 20));

            List<Http.Response> responses =
                    SimultaneousRequests.send(SENDERS, () -> http.post("/v1/orders", Tokens.platform(), sale));

            assertThat(responses)
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
            assertThat(responses)
                    .extracting(Http.Response::body)
                    .containsOnly(responses.get(0).body());
            assertThat(rows("course_order", "order_id", orderId)).isEqualTo(1);
            assertThat(db.fetchCount(
                            DSL.table(DSL.name("idempotency_record")),
                            DSL.field(DSL.name("scope")).eq("ORDER"),
                            DSL.field(DSL.name("idempotency_key")).eq(orderId)))
                    .isEqualTo(1);
        }
    }

    @Test
    void given_a_sale_that_was_paid_since_when_the_platform_retries_the_sale_then_it_still_gets_the_first_answer() {
        Institution school = newInstitution();
        String orderId = id("order");
        Map<String, Object> sale = order(orderId, school, id("stu"), course("piano", 15_000, 20));
        Http.Response first = http.post("/v1/orders", Tokens.platform(), sale);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(collect(orderId, 300_000, school.custodyAccountNo())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("APPLIED");
        Map<String, Integer> afterPayment = footprint();

        Http.Response retry = http.post("/v1/orders", Tokens.platform(), sale);

        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(afterPayment);
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.get("paidFen").asLong()).isEqualTo(300_000);
    }

    @Test
    void
            given_a_placed_sale_when_the_same_orderId_arrives_with_other_content_then_it_is_an_idempotency_conflict_and_nothing_changes() {
        Institution school = newInstitution();
        String student = id("stu");
        String orderId = id("order");
        Institution otherSchool = newInstitution();
        assertThat(placeOrder(orderId, school, student, course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        JsonNode orderBefore = order(orderId);
        Map<String, Integer> before = footprint();

        Http.Response otherHours = placeOrder(orderId, school, student, course("piano", 15_000, 10));
        Http.Response otherStudent = placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20));
        Http.Response otherInstitution = placeOrder(orderId, otherSchool, student, course("piano", 15_000, 20));

        assertConflict(otherHours);
        assertConflict(otherStudent);
        assertConflict(otherInstitution);
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(orderId)).isEqualTo(orderBefore);
    }

    // ---- lessons (lessonId) -----------------------------------------------------------------

    @Test
    void
            given_a_reported_lesson_when_the_institution_reports_it_again_then_it_gets_the_first_answer_and_the_hours_are_consumed_once() {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        Map<String, Object> lesson = lesson(id("lesson"), 2);
        Http.Response first = reportLesson(school, orderId, lesson);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Map<String, Integer> afterFirst = footprint();

        Http.Response again = reportLesson(school, orderId, lesson);

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(afterFirst);
        JsonNode order = order(orderId);
        assertThat(order.get("consumedHours").asInt()).isEqualTo(2);
        assertThat(order.get("remainingHours").asInt()).isEqualTo(18);
        assertThat(order.get("lessons")).hasSize(1);
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("prepaidFen", 270_000L)
                .containsEntry("awaitingConfirmationFen", 30_000L);
    }

    @Test
    void
            given_a_new_lesson_when_the_institution_reports_it_several_times_at_once_then_it_is_recorded_once_and_all_get_its_answer()
                    throws Exception {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        for (int round = 1; round <= ROUNDS; round++) {
            Map<String, Object> lesson = lesson(id("lesson"), 2);

            List<Http.Response> responses =
                    SimultaneousRequests.send(SENDERS, () -> reportLesson(school, orderId, lesson));

            assertThat(responses)
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
            assertThat(responses)
                    .extracting(Http.Response::body)
                    .containsOnly(responses.get(0).body());
            assertThat(rows("lesson", "order_id", orderId)).isEqualTo(round);
            assertThat(order(orderId).get("consumedHours").asInt()).isEqualTo(2 * round);
        }
    }

    @Test
    void
            given_a_reported_lesson_when_the_same_lessonId_arrives_with_other_content_then_it_is_an_idempotency_conflict_and_nothing_changes() {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        String lessonId = id("lesson");
        assertThat(reportLesson(school, orderId, lesson(lessonId, 2)).status()).isEqualTo(201);
        JsonNode orderBefore = order(orderId);
        Map<String, Integer> before = footprint();

        Http.Response otherHours = reportLesson(school, orderId, lesson(lessonId, 3));
        Http.Response otherDay = reportLesson(school, orderId, lesson(lessonId, 2));

        assertConflict(otherHours);
        assertConflict(otherDay);
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(orderId)).isEqualTo(orderBefore);
    }

    @Test
    void
            given_a_lessonId_used_on_one_order_when_the_institution_reports_it_on_another_order_then_it_is_an_idempotency_conflict() {
        Institution school = newInstitution();
        String firstOrder = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        String secondOrder = paidOrder(school, id("stu"), course("violin", 15_000, 20));
        Map<String, Object> lesson = lesson(id("lesson"), 2);
        assertThat(reportLesson(school, firstOrder, lesson).status()).isEqualTo(201);
        JsonNode secondBefore = order(secondOrder);
        Map<String, Integer> before = footprint();

        Http.Response reused = reportLesson(school, secondOrder, lesson);

        assertConflict(reused);
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(secondOrder)).isEqualTo(secondBefore);
        assertThat(order(firstOrder).get("consumedHours").asInt()).isEqualTo(2);
    }

    // ---- collections (bankTxnId) ------------------------------------------------------------

    @Test
    void
            given_an_applied_collection_when_the_bank_reports_it_again_then_it_gets_the_first_answer_and_the_money_counts_once() {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        Map<String, Object> receipt = collection(id("txn"), orderId, 300_000, school.custodyAccountNo());
        Http.Response first = http.post("/v1/bank/collections", Tokens.bank(), receipt);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Map<String, Integer> afterFirst = footprint();

        Http.Response again = http.post("/v1/bank/collections", Tokens.bank(), receipt);

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.body().get("status").asText()).isEqualTo("APPLIED");
        assertThat(footprint()).isEqualTo(afterFirst);
        assertThat(order(orderId).get("paidFen").asLong()).isEqualTo(300_000);
        awaitLedger();
        assertThat(settlement(school).get("custodyFen")).isEqualTo(300_000L);
        assertThat(settlement(school).get("suspenseFen")).isZero();
    }

    @Test
    void
            given_a_collection_held_in_suspense_when_the_bank_reports_it_again_then_it_gets_the_first_answer_and_is_held_once() {
        Institution school = newInstitution();
        Map<String, Object> receipt = collection(id("txn"), id("no-such-order"), 8_800, school.custodyAccountNo());
        Http.Response first = http.post("/v1/bank/collections", Tokens.bank(), receipt);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body().get("reason").asText()).isEqualTo("ORDER_UNKNOWN");
        Map<String, Integer> afterFirst = footprint();

        Http.Response again = http.post("/v1/bank/collections", Tokens.bank(), receipt);

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(afterFirst);
        awaitLedger();
        assertThat(settlement(school).get("suspenseFen")).isEqualTo(8_800L);
        assertThat(settlement(school).get("custodyFen")).isEqualTo(8_800L);
    }

    @Test
    void
            given_a_recorded_collection_when_the_same_bankTxnId_arrives_with_other_content_then_it_is_an_idempotency_conflict_and_nothing_changes() {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        String bankTxnId = id("txn");
        assertThat(http.post(
                                "/v1/bank/collections",
                                Tokens.bank(),
                                collection(bankTxnId, orderId, 300_000, school.custodyAccountNo()))
                        .status())
                .isEqualTo(201);
        JsonNode orderBefore = order(orderId);
        Map<String, Integer> before = footprint();

        Http.Response otherAmount = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, 300_001, school.custodyAccountNo()));
        Http.Response otherOrder = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, id("order"), 300_000, school.custodyAccountNo()));

        assertConflict(otherAmount);
        assertConflict(otherOrder);
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(orderId)).isEqualTo(orderBefore);
        awaitLedger();
        assertThat(settlement(school).get("custodyFen")).isEqualTo(300_000L);
    }

    // ---- institutions (institutionId) -------------------------------------------------------

    @Test
    void given_a_registered_institution_when_the_regulator_registers_it_again_then_it_gets_the_first_answer() {
        Map<String, Object> registration = registration(newCreditCode(), newAccountNo(), "Sunrise Arts");
        Http.Response first = http.post("/v1/institutions", Tokens.regulator(), registration);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Map<String, Integer> afterFirst = footprint();

        Http.Response again = http.post("/v1/institutions", Tokens.regulator(), registration);

        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(afterFirst);
        assertThat(rows("institution", "institution_id", (String) registration.get("institutionId")))
                .isEqualTo(1);
    }

    @Test
    void
            given_a_new_institution_when_the_regulator_registers_it_several_times_at_once_then_it_is_registered_once_and_all_get_its_answer()
                    throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Map<String, Object> registration = registration(newCreditCode(), newAccountNo(), "Sunrise Arts");

            List<Http.Response> responses = SimultaneousRequests.send(
                    SENDERS, () -> http.post("/v1/institutions", Tokens.regulator(), registration));

            assertThat(responses)
                    .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
            assertThat(responses)
                    .extracting(Http.Response::body)
                    .containsOnly(responses.get(0).body());
            assertThat(rows("institution", "institution_id", (String) registration.get("institutionId")))
                    .isEqualTo(1);
        }
    }

    @Test
    void
            given_a_registered_institution_when_the_same_institutionId_arrives_with_other_content_then_it_is_an_idempotency_conflict_and_nothing_changes() {
        String institutionId = newCreditCode();
        String account = newAccountNo();
        assertThat(http.post(
                                "/v1/institutions",
                                Tokens.regulator(),
                                registration(institutionId, account, "Sunrise Arts"))
                        .status())
                .isEqualTo(201);
        JsonNode before = http.get("/v1/institutions/" + institutionId, Tokens.regulator())
                .body();
        Map<String, Integer> footprintBefore = footprint();

        Http.Response otherName =
                http.post("/v1/institutions", Tokens.regulator(), registration(institutionId, account, "Sunset Arts"));
        Http.Response otherAccount = http.post(
                "/v1/institutions", Tokens.regulator(), registration(institutionId, newAccountNo(), "Sunrise Arts"));

        assertConflict(otherName);
        assertConflict(otherAccount);
        assertThat(footprint()).isEqualTo(footprintBefore);
        assertThat(http.get("/v1/institutions/" + institutionId, Tokens.regulator())
                        .body())
                .isEqualTo(before);
    }

    // ---- a refusal is the first answer too --------------------------------------------------------

    @Test
    void
            given_a_sale_refused_by_the_amount_cap_when_the_platform_repeats_it_then_it_gets_the_same_refusal_and_the_books_stay_as_they_were() {
        Institution school = newInstitution();
        String orderId = id("order");
        Map<String, Object> tooDear = order(orderId, school, id("stu"), course("piano", 30_000, 20));
        Map<String, Integer> before = footprint();

        Http.Response first = http.post("/v1/orders", Tokens.platform(), tooDear);
        Http.Response again = http.post("/v1/orders", Tokens.platform(), tooDear);

        assertRefused(first, 422, "CAP_AMOUNT");
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(before);
        assertThat(http.get("/v1/orders/" + orderId, Tokens.platform()).status())
                .isEqualTo(404);
        // The refused id is spent: other content under it is a conflict, and a new sale takes a new id.
        assertConflict(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20)));
        assertThat(placeOrder(id("order"), school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void
            given_a_sale_refused_while_another_order_held_the_cap_when_that_order_is_cancelled_and_the_sale_is_repeated_then_it_is_still_refused() {
        Institution school = newInstitution();
        String student = id("stu");
        String holding = id("order");
        assertThat(placeOrder(holding, school, student, course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        String orderId = id("order");
        Map<String, Object> second = order(orderId, school, student, course("violin", 15_000, 20));
        Http.Response refused = http.post("/v1/orders", Tokens.platform(), second);
        assertRefused(refused, 422, "CAP_AMOUNT");
        Http.Response cancelled = http.post("/v1/orders/" + holding + "/cancel", Tokens.platform(), Map.of());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        Map<String, Integer> afterCancel = footprint();

        // A late duplicate of the refused request (a redelivery, a client retrying what it was told
        // was refused) must not become a sale the platform already told the parent was refused.
        Http.Response repeated = http.post("/v1/orders", Tokens.platform(), second);

        assertThat(repeated.status()).isEqualTo(422);
        assertThat(repeated.body()).isEqualTo(refused.body());
        assertThat(footprint()).isEqualTo(afterCancel);
        assertThat(http.get("/v1/orders/" + orderId, Tokens.platform()).status())
                .isEqualTo(404);
    }

    @Test
    void
            given_a_lesson_refused_on_an_unpaid_order_when_the_order_is_paid_and_the_report_repeated_then_it_is_still_refused() {
        Institution school = newInstitution();
        String orderId = id("order");
        Http.Response placed = placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20));
        String receivedAt = OffsetDateTime.now(clock).toString();
        Map<String, Object> lesson = lesson(id("lesson"), 1);
        Http.Response refused = reportLesson(school, orderId, lesson);
        assertRefused(refused, 422, "ORDER_NOT_PAID");
        // The clock moved past the lesson, beyond the payment window: the bank reports late a payment it
        // received in time, which pays the order (README, "Late reports").
        Http.Response paid = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                Map.of(
                        "bankTxnId",
                        id("txn"),
                        "orderId",
                        orderId,
                        "amountFen",
                        placed.body().get("amountFen").asLong(),
                        "custodyAccountNo",
                        school.custodyAccountNo(),
                        "receivedAt",
                        receivedAt));
        assertThat(paid.body().path("status").asText()).as(paid.toString()).isEqualTo("APPLIED");

        Http.Response repeated = reportLesson(school, orderId, lesson);

        assertThat(repeated.status()).isEqualTo(422);
        assertThat(repeated.body()).isEqualTo(refused.body());
        assertThat(order(orderId).get("consumedHours").asInt()).isZero();
        assertThat(reportLesson(school, orderId, lesson(id("lesson"), 1)).status())
                .as("a new id is a new report")
                .isEqualTo(201);
    }

    @Test
    void
            given_a_registration_refused_for_a_custody_account_in_use_when_corrected_under_the_same_credit_code_then_it_is_registered() {
        Institution holder = newInstitution();
        String institutionId = newCreditCode();
        Http.Response refused = http.post(
                "/v1/institutions",
                Tokens.regulator(),
                registration(institutionId, holder.custodyAccountNo(), "Sunrise Arts"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("CUSTODY_ACCOUNT_IN_USE");

        // A credit code is the institution's own and cannot be changed: a refusal does not use it up.
        Http.Response corrected = http.post(
                "/v1/institutions", Tokens.regulator(), registration(institutionId, newAccountNo(), "Sunrise Arts"));

        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Map<String, Object> registration(String institutionId, String account, String name) {
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("institutionId", institutionId);
        registration.put("name", name);
        registration.put("category", "ARTS");
        registration.put("supervisionModel", "BANK_CUSTODY");
        registration.put("custodyAccountNo", account);
        return registration;
    }

    private int rows(String table, String keyColumn, String key) {
        return db.fetchCount(
                DSL.table(DSL.name(table)), DSL.field(DSL.name(keyColumn)).eq(key));
    }

    private static void assertConflict(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
    }
}
