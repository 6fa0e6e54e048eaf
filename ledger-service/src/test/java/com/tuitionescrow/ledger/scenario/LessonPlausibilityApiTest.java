package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lessons that could not have happened are refused with a code of their own and leave nothing
 * behind: outside the course's days, before the order was paid, not over yet, more class hours than
 * their minutes hold, or the same student in two lessons at once. One that could have happened but
 * breaks the lesson-time rules is still recorded, with its violation.
 */
class LessonPlausibilityApiTest extends LedgerIntegrationTest {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    @Test
    void
            given_a_course_starting_in_twenty_days_when_20_hours_are_reported_in_one_minute_today_then_refused_and_a_full_refund_is_approved() {
        Institution school = newInstitution();
        LocalDate start = today().plusDays(20);
        String orderId =
                paidOrder(school, id("stu"), course("piano", "OFFLINE", 15_000, 20, start, start.plusDays(60)));
        clock.advance(Duration.ofMinutes(5));
        OffsetDateTime end = OffsetDateTime.now(clock).minusMinutes(1);
        Map<String, Integer> before = footprint();

        Http.Response oneMinute = reportLesson(school, orderId, between(id("lesson"), 20, end.minusMinutes(1), end));

        assertRefused(oneMinute, 422, "LESSON_OUTSIDE_COURSE");
        assertThat(footprint()).isEqualTo(before);
        Http.Response refund = http.post(
                "/v1/orders/" + orderId + "/refunds",
                Tokens.platform(),
                Map.of("refundId", id("refund"), "reason", "changed our mind before the course began"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(refund.body().get("amountFen").asLong()).isEqualTo(300_000);
        assertThat(refund.body().get("hours").asInt()).isEqualTo(20);
    }

    @Test
    void given_a_course_when_a_lesson_is_after_its_last_day_then_LESSON_OUTSIDE_COURSE() {
        Institution school = newInstitution();
        String orderId =
                paidOrder(school, id("stu"), course("piano", "OFFLINE", 15_000, 20, today(), today().plusDays(1)));
        OffsetDateTime start = today().plusDays(2).atTime(10, 0).atOffset(BEIJING);
        clock.advance(Duration.between(clock.instant(), start.plusHours(2).toInstant()));

        assertRefused(
                reportLesson(school, orderId, between(id("lesson"), 1, start, start.plusMinutes(45))),
                422,
                "LESSON_OUTSIDE_COURSE");
        assertThat(order(orderId).get("consumedHours").asInt()).isZero();
    }

    @Test
    void given_an_order_paid_now_when_a_lesson_began_before_the_payment_then_LESSON_BEFORE_PAYMENT() {
        Institution school = newInstitution();
        String orderId = paidOrder(
                school, id("stu"), course("piano", "OFFLINE", 15_000, 20, today().minusDays(1), today().plusDays(60)));
        OffsetDateTime end = OffsetDateTime.now(clock).plusMinutes(20);
        clock.advance(Duration.ofMinutes(30));
        Map<String, Integer> before = footprint();

        assertRefused(
                reportLesson(school, orderId, between(id("lesson"), 1, end.minusMinutes(45), end)),
                422,
                "LESSON_BEFORE_PAYMENT");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_lesson_that_ends_in_a_minute_when_reported_then_LESSON_NOT_ENDED() {
        Institution school = newInstitution();
        String orderId = paidOrder(
                school, id("stu"), course("piano", "OFFLINE", 15_000, 20, today().minusDays(1), today().plusDays(60)));
        clock.advance(Duration.ofMinutes(50));
        OffsetDateTime end = OffsetDateTime.now(clock).plusMinutes(1);

        assertRefused(
                reportLesson(school, orderId, between(id("lesson"), 1, end.minusMinutes(45), end)),
                422,
                "LESSON_NOT_ENDED");
    }

    @Test
    void
            given_class_hours_of_40_offline_and_20_online_minutes_when_a_lesson_holds_more_then_LESSON_TOO_SHORT_and_exactly_enough_is_recorded() {
        Institution school = newInstitution();
        String offline = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        String online = paidOrder(
                school, id("stu"), course("coding", "ONLINE", 10_000, 20, today().plusDays(1), today().plusDays(60)));
        OffsetDateTime start = today().plusDays(1).atTime(9, 0).atOffset(BEIJING);
        clock.advance(Duration.between(clock.instant(), start.plusHours(6).toInstant()));

        assertRefused(
                reportLesson(school, offline, between(id("lesson"), 3, start, start.plusMinutes(119))),
                422,
                "LESSON_TOO_SHORT");
        assertRefused(
                reportLesson(school, online, between(id("lesson"), 2, start, start.plusMinutes(39))),
                422,
                "LESSON_TOO_SHORT");
        assertThat(reportLesson(school, offline, between(id("lesson"), 3, start, start.plusMinutes(120)))
                        .status())
                .isEqualTo(201);
        Http.Response twoOnline = reportLesson(
                school,
                online,
                between(id("lesson"), 2, start.plusHours(3), start.plusHours(3).plusMinutes(40)));
        assertThat(twoOnline.status()).as(twoOnline.toString()).isEqualTo(201);
        // Possible but against the lesson-time rules: recorded, with the violation.
        assertThat(twoOnline.body().get("violations").toString()).contains("ONLINE_OVER_30_MIN");
    }

    @Test
    void
            given_a_reported_offline_slot_when_the_same_slot_is_reported_under_another_id_or_overlapping_then_LESSON_OVERLAPS() {
        Institution school = newInstitution();
        String student = id("stu");
        String piano = paidOrder(school, student, course("piano", 10_000, 20));
        String violin = paidOrder(school, student, course("violin", 10_000, 20));
        OffsetDateTime start = today().plusDays(1).atTime(14, 0).atOffset(BEIJING);
        clock.advance(Duration.between(clock.instant(), start.plusHours(3).toInstant()));
        assertThat(reportLesson(school, piano, between(id("lesson"), 2, start, start.plusMinutes(90)))
                        .status())
                .isEqualTo(201);
        Map<String, Integer> before = footprint();

        assertRefused(
                reportLesson(school, piano, between(id("lesson"), 2, start, start.plusMinutes(90))),
                422,
                "LESSON_OVERLAPS");
        assertRefused(
                reportLesson(school, violin, between(id("lesson"), 1, start.plusMinutes(60), start.plusMinutes(105))),
                422,
                "LESSON_OVERLAPS");
        assertThat(footprint()).isEqualTo(before);
        // Back to back is not an overlap.
        assertThat(reportLesson(school, violin, between(id("lesson"), 1, start.plusMinutes(90), start.plusMinutes(135)))
                        .status())
                .isEqualTo(201);
    }

    private static Map<String, Object> between(String lessonId, int hours, OffsetDateTime start, OffsetDateTime end) {
        return Map.of("lessonId", lessonId, "hours", hours, "startedAt", start.toString(), "endedAt", end.toString());
    }
}
