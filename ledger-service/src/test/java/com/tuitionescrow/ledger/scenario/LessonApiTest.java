package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * 消课 over HTTP: the institution reports lessons, the platform confirms or disputes them for the
 * parent, the regulator resolves disputes. Refusals are 422 problems that write nothing; time-rule
 * breaches are recorded with the lesson, which counts all the same.
 */
class LessonApiTest extends LedgerIntegrationTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    // ---- refusals ----

    @Test
    void given_an_unpaid_order_when_a_lesson_is_reported_then_ORDER_NOT_PAID_and_nothing_is_written() {
        Institution school = newInstitution();
        String unpaid = id("order");
        assertThat(placeOrder(unpaid, school, id("stu"), course("piano", 10_000, 10))
                        .status())
                .isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response refused = reportLesson(school, unpaid, lesson(id("lesson"), 1));

        assertRefused(refused, 422, "ORDER_NOT_PAID");
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(unpaid).get("consumedHours").asInt()).isZero();
    }

    @Test
    void given_7_hours_left_when_8_are_reported_then_INSUFFICIENT_HOURS_and_exactly_7_complete_the_order() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        assertThat(reportLesson(school, paid, lesson(id("lesson"), 3)).status()).isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response tooMany = reportLesson(school, paid, lesson(id("lesson"), 8));

        assertRefused(tooMany, 422, "INSUFFICIENT_HOURS");
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(paid).get("remainingHours").asInt()).isEqualTo(7);

        Http.Response lastSeven = reportLesson(school, paid, lesson(id("lesson"), 7));
        assertThat(lastSeven.status()).as(lastSeven.toString()).isEqualTo(201);
        JsonNode completed = order(paid);
        assertThat(completed.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("consumedHours").asInt()).isEqualTo(10);
        assertThat(completed.get("remainingHours").asInt()).isZero();
        assertThat(completed.get("lessons")).hasSize(2);

        before = footprint();
        assertRefused(reportLesson(school, paid, lesson(id("lesson"), 1)), 422, "INSUFFICIENT_HOURS");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_suspended_institution_when_it_reports_a_lesson_then_INSTITUTION_NOT_ACTIVE_until_it_is_active_again() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        setStatus(school, "SUSPENDED");
        Map<String, Object> lesson = lesson(id("lesson"), 1);
        Map<String, Integer> before = footprint();

        Http.Response refused = reportLesson(school, paid, lesson);

        assertRefused(refused, 422, "INSTITUTION_NOT_ACTIVE");
        assertThat(footprint()).isEqualTo(before);

        setStatus(school, "ACTIVE");
        // The refused report keeps its answer; the lesson reported anew, under a new id, is recorded.
        assertRefused(reportLesson(school, paid, lesson), 422, "INSTITUTION_NOT_ACTIVE");
        Http.Response reported = reportLesson(school, paid, lesson(id("lesson"), 1));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        assertThat(order(paid).get("consumedHours").asInt()).isEqualTo(1);
    }

    @Test
    void given_another_institutions_order_when_an_institution_reports_on_it_then_404_and_nothing_is_written() {
        Institution school = newInstitution();
        Institution intruder = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        Map<String, Integer> before = footprint();

        Http.Response hidden = reportLesson(intruder, paid, lesson(id("lesson"), 1));

        assertRefused(hidden, 404, "NOT_FOUND");
        assertThat(footprint()).isEqualTo(before);
        // Nor may it read the order: the answer is the same as for an order that does not exist.
        assertRefused(http.get("/v1/orders/" + paid, Tokens.institution(intruder.id())), 404, "NOT_FOUND");
        assertThat(http.get("/v1/orders/" + paid, Tokens.institution(school.id()))
                        .status())
                .isEqualTo(200);
        assertThat(order(paid).get("consumedHours").asInt()).isZero();
    }

    @Test
    void given_a_lesson_that_does_not_end_after_it_starts_when_reported_then_400_VALIDATION_FAILED() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        OffsetDateTime start = at(1, 10, 0);
        Map<String, Integer> before = footprint();

        Http.Response sameInstant = reportLesson(school, paid, lessonBetween(id("lesson"), 1, start, start));
        Http.Response backwards =
                reportLesson(school, paid, lessonBetween(id("lesson"), 1, start, start.minusMinutes(30)));

        assertRefused(sameInstant, 400, "VALIDATION_FAILED");
        assertRefused(backwards, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void
            given_a_reported_lesson_when_the_same_report_is_sent_again_then_the_first_answer_returns_and_other_content_is_409() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        String lessonId = id("lesson");
        Map<String, Object> report = lesson(lessonId, 2);
        Http.Response first = reportLesson(school, paid, report);
        assertThat(first.status()).isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response repeat = reportLesson(school, paid, report);
        Http.Response otherContent = reportLesson(school, paid, lesson(lessonId, 3));

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertRefused(otherContent, 409, "IDEMPOTENCY_CONFLICT");
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(paid).get("consumedHours").asInt()).isEqualTo(2);
    }

    // ---- lesson-time rules: recorded as violations, the lesson counts ----

    @Test
    void given_an_offline_lesson_ending_at_2045_beijing_time_then_OFFLINE_AFTER_2030_is_recorded_and_at_2030_nothing() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        String late = id("lesson");
        String onTime = id("lesson");

        Http.Response lateLesson = reportLesson(school, paid, lessonBetween(late, 1, at(1, 19, 45), at(1, 20, 45)));
        Http.Response onTimeLesson = reportLesson(school, paid, lessonBetween(onTime, 1, at(2, 19, 30), at(2, 20, 30)));

        assertThat(lateLesson.status()).as(lateLesson.toString()).isEqualTo(201);
        assertThat(lateLesson.body().get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(violations(lateLesson.body())).containsExactly("OFFLINE_AFTER_2030");
        assertThat(onTimeLesson.status()).as(onTimeLesson.toString()).isEqualTo(201);
        assertThat(violations(onTimeLesson.body())).isEmpty();
        Map<String, List<String>> recorded = violationsByLesson(paid);
        assertThat(recorded).containsEntry(late, List.of("OFFLINE_AFTER_2030")).containsEntry(onTime, List.of());
        assertThat(order(paid).get("consumedHours").asInt())
                .as("a breach does not stop the lesson counting")
                .isEqualTo(2);
    }

    @Test
    void given_lesson_times_sent_in_utc_then_the_2030_rule_is_still_read_in_beijing_time() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        // 11:45Z to 12:45Z is 19:45 to 20:45 in Beijing; 12:00Z to 12:30Z is 20:00 to 20:30.
        OffsetDateTime lateStart = at(1, 19, 45).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime lawfulStart = at(2, 19, 50).withOffsetSameInstant(ZoneOffset.UTC);

        Http.Response late =
                reportLesson(school, paid, lessonBetween(id("lesson"), 1, lateStart, lateStart.plusHours(1)));
        Http.Response lawful =
                reportLesson(school, paid, lessonBetween(id("lesson"), 1, lawfulStart, lawfulStart.plusMinutes(40)));

        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        assertThat(violations(late.body())).containsExactly("OFFLINE_AFTER_2030");
        assertThat(lawful.status()).as(lawful.toString()).isEqualTo(201);
        assertThat(violations(lawful.body())).isEmpty();
        assertThat(order(paid).get("lessons"))
                .allSatisfy(lesson -> assertThat(lesson.get("startedAt").asText())
                        .as("times are given back in Beijing time")
                        .endsWith("+08:00"));
    }

    @Test
    void
            given_an_online_lesson_reported_after_a_later_one_5_minutes_after_it_then_ONLINE_BREAK_UNDER_10_MIN_is_recorded() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), onlineCourse(10));
        String later = id("lesson");
        String earlierReportedSecond = id("lesson");

        Http.Response one = reportLesson(school, paid, lessonBetween(later, 1, at(1, 16, 30), at(1, 16, 55)));
        Http.Response two =
                reportLesson(school, paid, lessonBetween(earlierReportedSecond, 1, at(1, 16, 0), at(1, 16, 25)));

        assertThat(violations(one.body())).isEmpty();
        assertThat(two.status()).as(two.toString()).isEqualTo(201);
        assertThat(violations(two.body())).containsExactly("ONLINE_BREAK_UNDER_10_MIN");
    }

    @Test
    void given_an_online_lesson_of_40_minutes_then_ONLINE_OVER_30_MIN_is_recorded_and_30_minutes_is_lawful() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), onlineCourse(10));
        String long40 = id("lesson");
        String exactly30 = id("lesson");

        Http.Response tooLong = reportLesson(school, paid, lessonBetween(long40, 1, at(1, 10, 0), at(1, 10, 40)));
        Http.Response lawful = reportLesson(school, paid, lessonBetween(exactly30, 1, at(2, 10, 0), at(2, 10, 30)));

        assertThat(tooLong.status()).as(tooLong.toString()).isEqualTo(201);
        assertThat(violations(tooLong.body())).containsExactly("ONLINE_OVER_30_MIN");
        assertThat(violations(lawful.body())).isEmpty();
        assertThat(violationsByLesson(paid))
                .containsEntry(long40, List.of("ONLINE_OVER_30_MIN"))
                .containsEntry(exactly30, List.of());
    }

    @Test
    void
            given_two_online_lessons_5_minutes_apart_then_ONLINE_BREAK_UNDER_10_MIN_is_recorded_and_10_minutes_apart_is_lawful() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), onlineCourse(10));
        String first = id("lesson");
        String fiveMinutesLater = id("lesson");
        String tenMinutesLater = id("lesson");

        Http.Response one = reportLesson(school, paid, lessonBetween(first, 1, at(1, 10, 0), at(1, 10, 25)));
        Http.Response two =
                reportLesson(school, paid, lessonBetween(fiveMinutesLater, 1, at(1, 10, 30), at(1, 10, 55)));
        Http.Response three =
                reportLesson(school, paid, lessonBetween(tenMinutesLater, 1, at(1, 11, 5), at(1, 11, 30)));

        assertThat(violations(one.body())).isEmpty();
        assertThat(two.status()).as(two.toString()).isEqualTo(201);
        assertThat(violations(two.body())).containsExactly("ONLINE_BREAK_UNDER_10_MIN");
        assertThat(three.status()).as(three.toString()).isEqualTo(201);
        assertThat(violations(three.body())).isEmpty();
        assertThat(violationsByLesson(paid))
                .containsEntry(first, List.of())
                .containsEntry(fiveMinutesLater, List.of("ONLINE_BREAK_UNDER_10_MIN"))
                .containsEntry(tenMinutesLater, List.of());
    }

    @Test
    void given_an_online_lesson_ending_at_2105_beijing_time_then_ONLINE_AFTER_2100_is_recorded() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), onlineCourse(10));
        String late = id("lesson");

        Http.Response reported = reportLesson(school, paid, lessonBetween(late, 1, at(1, 20, 40), at(1, 21, 5)));

        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        assertThat(violations(reported.body())).containsExactly("ONLINE_AFTER_2100");
        assertThat(violationsByLesson(paid)).containsEntry(late, List.of("ONLINE_AFTER_2100"));
    }

    // ---- the parent's answer and the regulator's ruling ----

    @Test
    void given_a_confirmed_lesson_when_confirmed_again_then_200_unchanged_and_a_dispute_is_LESSON_ALREADY_ANSWERED() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        String lessonId = id("lesson");
        assertThat(reportLesson(school, paid, lesson(lessonId, 2)).status()).isEqualTo(201);

        Http.Response confirmed = answer(lessonId, "CONFIRM");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.body().get("lessonId").asText()).isEqualTo(lessonId);
        assertThat(order(paid).get("confirmedHours").asInt()).isEqualTo(2);

        Map<String, Integer> before = footprint();
        Http.Response again = answer(lessonId, "CONFIRM");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(confirmed.body());
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(paid).get("confirmedHours").asInt())
                .as("confirmed once, counted once")
                .isEqualTo(2);

        Http.Response dispute = answer(lessonId, "DISPUTE");
        assertRefused(dispute, 422, "LESSON_ALREADY_ANSWERED");
        assertThat(footprint()).isEqualTo(before);
        assertThat(lessonStatus(paid, lessonId)).isEqualTo("CONFIRMED");
    }

    @Test
    void given_a_disputed_lesson_when_the_regulator_reverses_it_then_the_hours_and_the_money_return_to_the_student() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        String lessonId = id("lesson");
        assertThat(reportLesson(school, paid, lesson(lessonId, 3)).status()).isEqualTo(201);
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("prepaidFen", 70_000L)
                .containsEntry("awaitingConfirmationFen", 30_000L);

        Http.Response disputed = http.post(
                "/v1/lessons/" + lessonId + "/confirmation",
                Tokens.platform(),
                Map.of("decision", "DISPUTE", "reason", "the teacher did not come"));
        assertThat(disputed.status()).as(disputed.toString()).isEqualTo(200);
        assertThat(disputed.body().get("status").asText()).isEqualTo("DISPUTED");
        assertThat(disputed.body().get("disputeReason").asText()).isEqualTo("the teacher did not come");
        assertThat(order(paid).get("remainingHours").asInt())
                .as("a dispute alone returns nothing")
                .isEqualTo(7);

        Http.Response reversed = resolve(lessonId, "REVERSED");

        assertThat(reversed.status()).as(reversed.toString()).isEqualTo(200);
        assertThat(reversed.body().get("status").asText()).isEqualTo("REVERSED");
        JsonNode order = order(paid);
        assertThat(order.get("remainingHours").asInt()).isEqualTo(10);
        assertThat(order.get("consumedHours").asInt()).isZero();
        assertThat(order.get("confirmedHours").asInt()).isZero();
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 100_000L)
                .containsEntry("prepaidFen", 100_000L)
                .containsEntry("awaitingConfirmationFen", 0L)
                .containsEntry("releasableFen", 0L);

        // The same ruling again changes nothing; the other ruling is refused.
        Map<String, Integer> before = footprint();
        Http.Response again = resolve(lessonId, "REVERSED");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().get("status").asText()).isEqualTo("REVERSED");
        assertRefused(resolve(lessonId, "CONSUMED"), 422, "LESSON_NOT_DISPUTED");
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(paid).get("remainingHours").asInt()).isEqualTo(10);
    }

    @Test
    void given_a_completed_order_when_its_disputed_lesson_is_reversed_then_the_order_is_paid_again_with_its_hours() {
        Institution school = newInstitution();
        String student = id("stu");
        String paid = paidOrder(school, student, course("piano", 10_000, 4));
        String lessonId = id("lesson");
        assertThat(reportLesson(school, paid, lesson(lessonId, 4)).status()).isEqualTo(201);
        assertThat(order(paid).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(answer(lessonId, "DISPUTE").status()).isEqualTo(200);

        assertThat(resolve(lessonId, "REVERSED").status()).isEqualTo(200);

        JsonNode reopened = order(paid);
        assertThat(reopened.get("status").asText()).isEqualTo("PAID");
        assertThat(reopened.get("remainingHours").asInt()).isEqualTo(4);
        Http.Response redelivered = reportLesson(school, paid, lesson(id("lesson"), 4));
        assertThat(redelivered.status()).as(redelivered.toString()).isEqualTo(201);
        assertThat(order(paid).get("status").asText()).isEqualTo("COMPLETED");
    }

    @Test
    void given_a_disputed_lesson_when_the_regulator_rules_it_consumed_then_its_money_becomes_releasable() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        String lessonId = id("lesson");
        assertThat(reportLesson(school, paid, lesson(lessonId, 2)).status()).isEqualTo(201);
        assertThat(answer(lessonId, "DISPUTE").status()).isEqualTo(200);

        Http.Response consumed = resolve(lessonId, "CONSUMED");

        assertThat(consumed.status()).as(consumed.toString()).isEqualTo(200);
        assertThat(consumed.body().get("status").asText()).isEqualTo("RESOLVED_CONSUMED");
        JsonNode order = order(paid);
        assertThat(order.get("remainingHours").asInt()).isEqualTo(8);
        assertThat(order.get("confirmedHours").asInt()).isEqualTo(2);
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("prepaidFen", 80_000L)
                .containsEntry("awaitingConfirmationFen", 0L)
                .containsEntry("releasableFen", 20_000L);
    }

    @Test
    void given_an_undisputed_lesson_when_the_regulator_resolves_it_then_LESSON_NOT_DISPUTED() {
        Institution school = newInstitution();
        String paid = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        String awaiting = id("lesson");
        String confirmed = id("lesson");
        assertThat(reportLesson(school, paid, lesson(awaiting, 1)).status()).isEqualTo(201);
        assertThat(reportLesson(school, paid, lesson(confirmed, 1)).status()).isEqualTo(201);
        assertThat(answer(confirmed, "CONFIRM").status()).isEqualTo(200);
        Map<String, Integer> before = footprint();

        assertRefused(resolve(awaiting, "REVERSED"), 422, "LESSON_NOT_DISPUTED");
        assertRefused(resolve(confirmed, "REVERSED"), 422, "LESSON_NOT_DISPUTED");
        assertRefused(resolve(confirmed, "CONSUMED"), 422, "LESSON_NOT_DISPUTED");

        assertThat(footprint()).isEqualTo(before);
        assertThat(lessonStatus(paid, awaiting)).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(lessonStatus(paid, confirmed)).isEqualTo("CONFIRMED");
        assertThat(order(paid).get("remainingHours").asInt()).isEqualTo(8);
    }

    @Test
    void given_an_unknown_lesson_when_it_is_answered_or_resolved_then_404() {
        String unknown = id("lesson");
        Map<String, Integer> before = footprint();

        assertRefused(answer(unknown, "CONFIRM"), 404, "NOT_FOUND");
        assertRefused(resolve(unknown, "REVERSED"), 404, "NOT_FOUND");

        assertThat(footprint()).isEqualTo(before);
    }

    // ---- helpers ----

    private Map<String, Object> onlineCourse(int hours) {
        return course("coding", "ONLINE", 10_000, hours, today().plusDays(1), today().plusDays(60));
    }

    /** The day the test's lessons are counted back from; set, and the clock moved past it, on first use. */
    private java.time.LocalDate lessonDays;

    /**
     * A wall-clock time in Beijing, {@code daysAgo} days before a day the test's lessons can all have
     * happened by: its orders were sold and paid before the first of those days, their courses began by
     * then, and the clock is moved past the last of them (up to five days ago).
     */
    private OffsetDateTime at(int daysAgo, int hour, int minute) {
        if (lessonDays == null) {
            lessonDays = today().plusDays(6);
            clock.advance(java.time.Duration.between(
                    clock.instant(), lessonDays.atStartOfDay(BEIJING).toInstant()));
        }
        return lessonDays.minusDays(daysAgo).atTime(hour, minute).atOffset(BEIJING);
    }

    private static Map<String, Object> lessonBetween(
            String lessonId, int hours, OffsetDateTime start, OffsetDateTime end) {
        return Map.of("lessonId", lessonId, "hours", hours, "startedAt", start.toString(), "endedAt", end.toString());
    }

    private Http.Response answer(String lessonId, String decision) {
        return http.post("/v1/lessons/" + lessonId + "/confirmation", Tokens.platform(), Map.of("decision", decision));
    }

    private Http.Response resolve(String lessonId, String outcome) {
        return http.post("/v1/lessons/" + lessonId + "/resolution", Tokens.regulator(), Map.of("outcome", outcome));
    }

    private void setStatus(Institution institution, String status) {
        Http.Response changed = http.post(
                "/v1/institutions/" + institution.id() + "/status",
                Tokens.regulator(),
                Map.of("status", status, "reason", "test: " + status));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }

    private static List<String> violations(JsonNode lesson) {
        List<String> names = new ArrayList<>();
        lesson.get("violations").forEach(v -> names.add(v.asText()));
        return names;
    }

    /** The violations of each of the order's lessons, as GET /v1/orders/{id} shows them. */
    private Map<String, List<String>> violationsByLesson(String orderId) {
        Map<String, List<String>> byLesson = new TreeMap<>();
        order(orderId)
                .get("lessons")
                .forEach(l -> byLesson.put(l.get("lessonId").asText(), violations(l)));
        return byLesson;
    }

    private String lessonStatus(String orderId, String lessonId) {
        for (JsonNode lesson : order(orderId).get("lessons")) {
            if (lesson.get("lessonId").asText().equals(lessonId)) {
                return lesson.get("status").asText();
            }
        }
        throw new AssertionError("order " + orderId + " shows no lesson " + lessonId);
    }
}
