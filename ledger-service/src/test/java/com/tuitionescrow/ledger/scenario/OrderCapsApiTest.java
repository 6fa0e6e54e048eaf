package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 售课 under the caps (docs/domain.md, "Caps and timing"), over HTTP: every refusal code of
 * POST /v1/orders at its boundary, what counts against the caps, and what frees a reservation.
 * Each refusal is a 422 problem with its code, and writes nothing.
 */
class OrderCapsApiTest extends LedgerIntegrationTest {

    // ---- CAP_AMOUNT: no more than 5000 yuan outstanding at one institution ----

    @Test
    void given_a_fresh_student_when_exactly_5000_yuan_is_sold_then_the_order_awaits_payment_for_30_minutes() {
        Institution school = newInstitution();
        String orderId = id("order");
        Instant before = clock.instant();

        Http.Response placed = placeOrder(orderId, school, id("stu"), course("piano", 25_000, 20));

        Instant after = clock.instant();
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.body().get("orderId").asText()).isEqualTo(orderId);
        assertThat(placed.body().get("amountFen").asLong()).isEqualTo(500_000);
        assertThat(placed.body().get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        String payByText = placed.body().get("payBy").asText();
        assertThat(payByText).as("times are given in Beijing time").endsWith("+08:00");
        Instant payBy = OffsetDateTime.parse(payByText).toInstant();
        assertThat(payBy)
                .isBetween(
                        before.plus(Duration.ofMinutes(30)).minusMillis(1),
                        after.plus(Duration.ofMinutes(30)).plusMillis(1));
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.get("amountFen").asLong()).isEqualTo(500_000);
        assertThat(order.get("paidFen").asLong()).isZero();
        assertThat(order.get("hours").asInt()).isEqualTo(20);
        assertThat(order.get("remainingHours").asInt()).isEqualTo(20);
    }

    @Test
    void given_a_fresh_student_when_5000_yuan_and_one_fen_is_sold_then_CAP_AMOUNT_and_nothing_is_written() {
        Institution school = newInstitution();
        String student = id("stu");
        Map<String, Integer> before = footprint();

        Http.Response refused = placeOrder(id("order"), school, student, course("piano", 500_001, 1));

        assertRefused(refused, 422, "CAP_AMOUNT");
        assertThat(footprint()).isEqualTo(before);
        // One fen less is within the cap: the refusal held nothing back for the student.
        assertThat(placeOrder(id("order"), school, student, course("piano", 500_000, 1))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void given_an_unpaid_order_of_3000_yuan_when_another_subject_would_pass_5000_yuan_then_CAP_AMOUNT() {
        Institution school = newInstitution();
        String student = id("stu");
        assertThat(placeOrder(id("order"), school, student, course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response refused = placeOrder(id("order"), school, student, course("violin", 200_001, 1));

        assertRefused(refused, 422, "CAP_AMOUNT");
        assertThat(footprint()).isEqualTo(before);
        Http.Response upToTheCap = placeOrder(id("order"), school, student, course("violin", 200_000, 1));
        assertThat(upToTheCap.status()).as(upToTheCap.toString()).isEqualTo(201);
    }

    @Test
    void given_the_cap_is_per_institution_when_the_student_buys_at_another_institution_then_it_is_counted_apart() {
        Institution school = newInstitution();
        Institution otherSchool = newInstitution();
        String student = id("stu");
        assertThat(placeOrder(id("order"), school, student, course("piano", 25_000, 20))
                        .status())
                .isEqualTo(201);

        Http.Response elsewhere = placeOrder(id("order"), otherSchool, student, course("violin", 25_000, 20));

        assertThat(elsewhere.status()).as(elsewhere.toString()).isEqualTo(201);
        assertRefused(placeOrder(id("order"), school, student, course("violin", 1, 1)), 422, "CAP_AMOUNT");
    }

    @Test
    void given_a_paid_order_of_3000_yuan_when_lessons_consume_600_yuan_then_the_headroom_grows_by_600_yuan() {
        Institution school = newInstitution();
        String student = id("stu");
        String paid = paidOrder(school, student, course("piano", 15_000, 20));

        // The paid order's whole amount is unconsumed: 2000 yuan of headroom, not a fen more.
        Map<String, Integer> before = footprint();
        assertRefused(placeOrder(id("order"), school, student, course("violin", 200_001, 1)), 422, "CAP_AMOUNT");
        assertThat(footprint()).isEqualTo(before);

        // Four class hours at 150 yuan are consumed: 2600 yuan of headroom.
        consume(school, paid, 4);
        assertThat(order(paid).get("remainingHours").asInt()).isEqualTo(16);

        before = footprint();
        assertRefused(placeOrder(id("order"), school, student, course("violin", 260_001, 1)), 422, "CAP_AMOUNT");
        assertThat(footprint()).isEqualTo(before);
        Http.Response upToTheCap = placeOrder(id("order"), school, student, course("violin", 260_000, 1));
        assertThat(upToTheCap.status()).as(upToTheCap.toString()).isEqualTo(201);
    }

    @Test
    void
            given_an_accepted_order_when_the_platform_sends_it_again_then_the_first_answer_returns_and_nothing_is_reserved_twice() {
        Institution school = newInstitution();
        String student = id("stu");
        String orderId = id("order");
        Map<String, Object> piano = course("piano", 15_000, 20);
        Http.Response first = placeOrder(orderId, school, student, piano);
        assertThat(first.status()).isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response repeat = placeOrder(orderId, school, student, piano);

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(before);
        // Had the repeat reserved 3000 yuan again, 2000 more would not fit.
        assertThat(placeOrder(id("order"), school, student, course("violin", 200_000, 1))
                        .status())
                .isEqualTo(201);
    }

    // ---- CAP_HOURS: no more than 60 unconsumed class hours at one institution ----

    @Test
    void given_a_fresh_student_when_60_class_hours_are_sold_then_accepted_and_61_are_refused_with_CAP_HOURS() {
        Institution school = newInstitution();

        Http.Response sixty = placeOrder(id("order"), school, id("stu"), course("piano", 100, 60));
        assertThat(sixty.status()).as(sixty.toString()).isEqualTo(201);

        Map<String, Integer> before = footprint();
        Http.Response sixtyOne = placeOrder(id("order"), school, id("stu"), course("piano", 100, 61));

        assertRefused(sixtyOne, 422, "CAP_HOURS");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_an_unpaid_order_of_30_hours_when_31_more_hours_of_another_subject_are_sold_then_CAP_HOURS() {
        Institution school = newInstitution();
        String student = id("stu");
        assertThat(placeOrder(id("order"), school, student, course("piano", 100, 30))
                        .status())
                .isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response refused = placeOrder(id("order"), school, student, course("violin", 100, 31));

        assertRefused(refused, 422, "CAP_HOURS");
        assertThat(footprint()).isEqualTo(before);
        // The hours cap counts the institution as a whole (the default scope): 30 + 30 fits.
        assertThat(placeOrder(id("order"), school, student, course("violin", 100, 30))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void given_a_paid_order_of_30_hours_when_a_lesson_consumes_one_hour_then_31_more_hours_fit() {
        Institution school = newInstitution();
        String student = id("stu");
        String paid = paidOrder(school, student, course("piano", 100, 30));
        Map<String, Object> violin = course("violin", 100, 31);
        assertRefused(placeOrder(id("order"), school, student, violin), 422, "CAP_HOURS");

        consume(school, paid, 1);

        Http.Response renewed = placeOrder(id("order"), school, student, violin);
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(201);
        // Now 29 + 31 = 60 hours are outstanding: not one hour more.
        assertRefused(placeOrder(id("order"), school, student, course("drums", 1, 1)), 422, "CAP_HOURS");
    }

    @Test
    void given_a_price_times_hours_beyond_any_fen_amount_when_sold_then_400_VALIDATION_FAILED_and_nothing_is_written() {
        Institution school = newInstitution();
        Map<String, Integer> before = footprint();

        Http.Response invalid = placeOrder(id("order"), school, id("stu"), course("piano", Long.MAX_VALUE / 2 + 1, 2));

        assertRefused(invalid, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
    }

    // ---- CAP_TERM: no order's term spans more than 3 calendar months ----

    @Test
    void given_a_term_of_three_months_less_a_day_when_sold_then_accepted_and_one_day_more_is_refused_with_CAP_TERM() {
        Institution school = newInstitution();
        LocalDate start = today().plusDays(1);

        Http.Response threeMonths = placeOrder(
                id("order"),
                school,
                id("stu"),
                course(
                        "piano",
                        "OFFLINE",
                        10_000,
                        10,
                        start,
                        start.plusMonths(3).minusDays(1)));
        assertThat(threeMonths.status()).as(threeMonths.toString()).isEqualTo(201);

        Map<String, Integer> before = footprint();
        Http.Response oneDayMore = placeOrder(
                id("order"), school, id("stu"), course("piano", "OFFLINE", 10_000, 10, start, start.plusMonths(3)));

        assertRefused(oneDayMore, 422, "CAP_TERM");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_course_that_ends_before_it_starts_when_sold_then_400_VALIDATION_FAILED_and_nothing_is_written() {
        Institution school = newInstitution();
        LocalDate start = today().plusDays(5);
        Map<String, Integer> before = footprint();

        Http.Response invalid = placeOrder(
                id("order"), school, id("stu"), course("piano", "OFFLINE", 10_000, 10, start, start.minusDays(1)));

        assertRefused(invalid, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
    }

    // ---- ADVANCE_TOO_EARLY: a new subject a month ahead at most; an ongoing one at 20 hours left ----

    @Test
    void
            given_a_new_subject_starting_exactly_one_month_ahead_when_sold_then_accepted_and_a_day_later_is_ADVANCE_TOO_EARLY() {
        Institution school = newInstitution();
        LocalDate inOneMonth = today().plusMonths(1);

        Http.Response oneMonthAhead = placeOrder(
                id("order"),
                school,
                id("stu"),
                course("piano", "OFFLINE", 10_000, 10, inOneMonth, inOneMonth.plusDays(30)));
        assertThat(oneMonthAhead.status()).as(oneMonthAhead.toString()).isEqualTo(201);

        Map<String, Integer> before = footprint();
        LocalDate dayLater = inOneMonth.plusDays(1);
        Http.Response tooEarly = placeOrder(
                id("order"),
                school,
                id("stu"),
                course("piano", "OFFLINE", 10_000, 10, dayLater, dayLater.plusDays(30)));

        assertRefused(tooEarly, 422, "ADVANCE_TOO_EARLY");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_an_ongoing_subject_with_21_hours_left_when_renewed_then_ADVANCE_TOO_EARLY_and_with_20_left_it_is_sold() {
        Institution school = newInstitution();
        String student = id("stu");
        String piano = paidOrder(school, student, course("piano", 1_000, 25));
        consume(school, piano, 4);
        Map<String, Object> renewal = course("piano", 1_000, 10);

        Map<String, Integer> before = footprint();
        Http.Response tooEarly = placeOrder(id("order"), school, student, renewal);

        assertRefused(tooEarly, 422, "ADVANCE_TOO_EARLY");
        assertThat(footprint()).isEqualTo(before);

        consume(school, piano, 1);
        assertThat(order(piano).get("remainingHours").asInt()).isEqualTo(20);

        Http.Response renewed = placeOrder(id("order"), school, student, renewal);
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(201);
    }

    @Test
    void given_an_unpaid_order_of_21_hours_when_the_same_subject_is_sold_again_then_ADVANCE_TOO_EARLY() {
        Institution school = newInstitution();
        String student = id("stu");
        assertThat(placeOrder(id("order"), school, student, course("piano", 1_000, 21))
                        .status())
                .isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response refused = placeOrder(id("order"), school, student, course("piano", 1_000, 5));

        assertRefused(refused, 422, "ADVANCE_TOO_EARLY");
        assertThat(footprint()).isEqualTo(before);
        // Another subject is new, and starts tomorrow: it is sold.
        assertThat(placeOrder(id("order"), school, student, course("violin", 1_000, 5))
                        .status())
                .isEqualTo(201);
    }

    // ---- INSTITUTION_NOT_ACTIVE and INSTITUTION_UNKNOWN ----

    @Test
    void
            given_a_suspended_then_blacklisted_institution_when_it_sells_then_INSTITUTION_NOT_ACTIVE_until_it_is_active_again() {
        Institution school = newInstitution();
        String student = id("stu");
        Map<String, Object> piano = course("piano", 10_000, 10);

        setStatus(school, "SUSPENDED");
        Map<String, Integer> before = footprint();
        assertRefused(placeOrder(id("order"), school, student, piano), 422, "INSTITUTION_NOT_ACTIVE");
        assertThat(footprint()).isEqualTo(before);

        setStatus(school, "BLACKLISTED");
        before = footprint();
        assertRefused(placeOrder(id("order"), school, student, piano), 422, "INSTITUTION_NOT_ACTIVE");
        assertThat(footprint()).isEqualTo(before);

        setStatus(school, "ACTIVE");
        Http.Response sold = placeOrder(id("order"), school, student, piano);
        assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
    }

    @Test
    void
            given_a_valid_but_unregistered_credit_code_when_an_order_names_it_then_INSTITUTION_UNKNOWN_and_nothing_is_written() {
        String unregistered = newCreditCode();
        String orderId = id("order");
        Map<String, Integer> before = footprint();

        Http.Response refused = http.post(
                "/v1/orders",
                Tokens.platform(),
                Map.of(
                        "orderId",
                        orderId,
                        "institutionId",
                        unregistered,
                        "studentId",
                        id("stu"),
                        "contractNo",
                        "contract-" + orderId,
                        "course",
                        course("piano", 10_000, 10)));

        assertRefused(refused, 422, "INSTITUTION_UNKNOWN");
        assertThat(footprint()).isEqualTo(before);
    }

    // ---- cancel: frees an unpaid order's reservation; a paid order is not cancellable ----

    @Test
    void given_an_unpaid_order_at_the_cap_when_the_platform_cancels_it_then_CANCELLED_and_its_reservation_is_freed() {
        Institution school = newInstitution();
        String student = id("stu");
        String unpaid = id("order");
        assertThat(placeOrder(unpaid, school, student, course("piano", 25_000, 20))
                        .status())
                .isEqualTo(201);
        String nextOrder = id("order");
        Map<String, Object> violin = course("violin", 25_000, 20);
        assertRefused(placeOrder(nextOrder, school, student, violin), 422, "CAP_AMOUNT");

        Http.Response cancelled = http.post("/v1/orders/" + unpaid + "/cancel", Tokens.platform(), Map.of());

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order(unpaid).get("status").asText()).isEqualTo("CANCELLED");
        // The refused id keeps its refusal; the same sale under a new id now fits.
        assertRefused(placeOrder(nextOrder, school, student, violin), 422, "CAP_AMOUNT");
        Http.Response sold = placeOrder(id("order"), school, student, violin);
        assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
        // Cancelling again changes nothing.
        Map<String, Integer> before = footprint();
        Http.Response again = http.post("/v1/orders/" + unpaid + "/cancel", Tokens.platform(), Map.of());
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_paid_order_when_the_platform_cancels_it_then_ORDER_NOT_CANCELLABLE_and_it_stays_paid() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        Map<String, Integer> before = footprint();

        Http.Response refused = http.post("/v1/orders/" + paid + "/cancel", Tokens.platform(), Map.of());

        assertRefused(refused, 422, "ORDER_NOT_CANCELLABLE");
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(paid).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void given_a_cancelled_order_when_the_bank_reports_its_money_then_it_is_held_in_suspense() {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 10_000, 10))
                        .status())
                .isEqualTo(201);
        assertThat(http.post("/v1/orders/" + orderId + "/cancel", Tokens.platform(), Map.of())
                        .status())
                .isEqualTo(200);

        Http.Response collected = collect(orderId, 100_000, school.custodyAccountNo());

        assertThat(collected.status()).as(collected.toString()).isEqualTo(201);
        assertThat(collected.body().get("status").asText()).isEqualTo("SUSPENSE");
        assertThat(order(orderId).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order(orderId).get("paidFen").asLong()).isZero();
    }

    @Test
    void given_an_unknown_order_when_the_platform_cancels_it_then_404() {
        Map<String, Integer> before = footprint();

        Http.Response missing = http.post("/v1/orders/" + id("order") + "/cancel", Tokens.platform(), Map.of());

        assertRefused(missing, 404, "NOT_FOUND");
        assertThat(footprint()).isEqualTo(before);
    }

    private void setStatus(Institution institution, String status) {
        Http.Response changed = http.post(
                "/v1/institutions/" + institution.id() + "/status",
                Tokens.regulator(),
                Map.of("status", status, "reason", "test: " + status));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().get("status").asText()).isEqualTo(status);
    }

    /** A lesson reported and confirmed by the parent: consumed, for the caps too. */
    private void consume(Institution school, String orderId, int hours) {
        String lessonId = id("lesson");
        assertThat(reportLesson(school, orderId, lesson(lessonId, hours)).status())
                .isEqualTo(201);
        assertThat(http.post(
                                "/v1/lessons/" + lessonId + "/confirmation",
                                Tokens.platform(),
                                Map.of("decision", "CONFIRM"))
                        .status())
                .isEqualTo(200);
    }
}
