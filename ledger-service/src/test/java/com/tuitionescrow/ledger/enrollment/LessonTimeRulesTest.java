package com.tuitionescrow.ledger.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.LessonViolation;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 2022 opinion's lesson-time rules, read in Beijing time, each at its boundary. */
class LessonTimeRulesTest {

    private static final Duration NO_BREAK = null;

    /** A Beijing wall-clock time on 2 March 2026. */
    private static Instant beijing(String time) {
        return OffsetDateTime.parse("2026-03-02T" + time + ":00+08:00").toInstant();
    }

    private static List<LessonViolation> offline(Instant start, Instant end) {
        return LessonTimeRules.check(CourseMode.OFFLINE, start, end, NO_BREAK, NO_BREAK);
    }

    private static List<LessonViolation> online(Instant start, Instant end) {
        return LessonTimeRules.check(CourseMode.ONLINE, start, end, NO_BREAK, NO_BREAK);
    }

    @Test
    void an_offline_lesson_ending_at_2030_is_within_the_rules() {
        assertThat(offline(beijing("18:30"), beijing("20:30"))).isEmpty();
    }

    @Test
    void an_offline_lesson_ending_at_2031_is_flagged() {
        assertThat(offline(beijing("18:31"), beijing("20:31"))).containsExactly(LessonViolation.OFFLINE_AFTER_2030);
    }

    @Test
    void an_offline_lesson_has_no_length_or_break_rule() {
        assertThat(LessonTimeRules.check(
                        CourseMode.OFFLINE,
                        beijing("09:00"),
                        beijing("12:00"),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(1)))
                .isEmpty();
    }

    @Test
    void an_online_lesson_ending_at_2100_is_within_the_rules() {
        assertThat(online(beijing("20:30"), beijing("21:00"))).isEmpty();
    }

    @Test
    void an_online_lesson_ending_at_2101_is_flagged() {
        assertThat(online(beijing("20:31"), beijing("21:01"))).containsExactly(LessonViolation.ONLINE_AFTER_2100);
    }

    @Test
    void an_online_lesson_ending_between_2030_and_2100_breaks_no_rule() {
        assertThat(online(beijing("20:20"), beijing("20:45"))).isEmpty();
    }

    @Test
    void an_online_lesson_of_thirty_minutes_is_within_the_rules() {
        assertThat(online(beijing("18:00"), beijing("18:30"))).isEmpty();
    }

    @Test
    void an_online_lesson_of_thirty_one_minutes_is_flagged() {
        assertThat(online(beijing("18:00"), beijing("18:31"))).containsExactly(LessonViolation.ONLINE_OVER_30_MIN);
    }

    @Test
    void a_break_of_ten_minutes_before_or_after_is_within_the_rules() {
        Duration tenMinutes = Duration.ofMinutes(10);

        assertThat(LessonTimeRules.check(CourseMode.ONLINE, beijing("18:00"), beijing("18:30"), tenMinutes, NO_BREAK))
                .isEmpty();
        assertThat(LessonTimeRules.check(CourseMode.ONLINE, beijing("18:00"), beijing("18:30"), NO_BREAK, tenMinutes))
                .isEmpty();
        assertThat(LessonTimeRules.check(CourseMode.ONLINE, beijing("18:00"), beijing("18:30"), tenMinutes, tenMinutes))
                .isEmpty();
    }

    @Test
    void a_break_of_nine_minutes_before_is_flagged() {
        assertThat(LessonTimeRules.check(
                        CourseMode.ONLINE, beijing("18:00"), beijing("18:30"), Duration.ofMinutes(9), NO_BREAK))
                .containsExactly(LessonViolation.ONLINE_BREAK_UNDER_10_MIN);
    }

    @Test
    void a_break_of_nine_minutes_after_is_flagged() {
        assertThat(LessonTimeRules.check(
                        CourseMode.ONLINE, beijing("18:00"), beijing("18:30"), NO_BREAK, Duration.ofMinutes(9)))
                .containsExactly(LessonViolation.ONLINE_BREAK_UNDER_10_MIN);
    }

    @Test
    void a_break_just_under_ten_minutes_is_flagged() {
        assertThat(LessonTimeRules.check(
                        CourseMode.ONLINE,
                        beijing("18:00"),
                        beijing("18:30"),
                        Duration.ofMinutes(10).minusSeconds(1),
                        NO_BREAK))
                .containsExactly(LessonViolation.ONLINE_BREAK_UNDER_10_MIN);
    }

    @Test
    void overlapping_online_lessons_are_flagged_as_too_short_a_break() {
        assertThat(LessonTimeRules.check(
                        CourseMode.ONLINE, beijing("18:00"), beijing("18:30"), Duration.ofMinutes(-5), NO_BREAK))
                .containsExactly(LessonViolation.ONLINE_BREAK_UNDER_10_MIN);
    }

    @Test
    void every_breach_of_one_online_lesson_is_recorded() {
        assertThat(LessonTimeRules.check(
                        CourseMode.ONLINE, beijing("20:45"), beijing("21:20"), Duration.ofMinutes(5), NO_BREAK))
                .containsExactly(
                        LessonViolation.ONLINE_AFTER_2100,
                        LessonViolation.ONLINE_OVER_30_MIN,
                        LessonViolation.ONLINE_BREAK_UNDER_10_MIN);
    }

    @Test
    void an_offline_lesson_crossing_midnight_is_flagged() {
        Instant start = OffsetDateTime.parse("2026-03-02T23:50:00+08:00").toInstant();
        Instant end = OffsetDateTime.parse("2026-03-03T00:20:00+08:00").toInstant();

        assertThat(offline(start, end)).containsExactly(LessonViolation.OFFLINE_AFTER_2030);
    }

    @Test
    void an_online_lesson_crossing_midnight_is_flagged() {
        Instant start = OffsetDateTime.parse("2026-03-02T23:50:00+08:00").toInstant();
        Instant end = OffsetDateTime.parse("2026-03-03T00:10:00+08:00").toInstant();

        assertThat(online(start, end)).containsExactly(LessonViolation.ONLINE_AFTER_2100);
    }

    @Test
    void the_same_lesson_given_in_utc_or_in_beijing_time_is_judged_the_same() {
        Instant startBeijing = OffsetDateTime.parse("2026-03-02T18:31:00+08:00").toInstant();
        Instant endBeijing = OffsetDateTime.parse("2026-03-02T20:31:00+08:00").toInstant();
        Instant startUtc = Instant.parse("2026-03-02T10:31:00Z");
        Instant endUtc = Instant.parse("2026-03-02T12:31:00Z");

        assertThat(offline(startUtc, endUtc))
                .isEqualTo(offline(startBeijing, endBeijing))
                .containsExactly(LessonViolation.OFFLINE_AFTER_2030);
        assertThat(offline(Instant.parse("2026-03-02T10:30:00Z"), Instant.parse("2026-03-02T12:30:00Z")))
                .isEqualTo(offline(beijing("18:30"), beijing("20:30")))
                .isEmpty();
        assertThat(online(Instant.parse("2026-03-02T12:31:00Z"), Instant.parse("2026-03-02T13:01:00Z")))
                .isEqualTo(online(beijing("20:31"), beijing("21:01")))
                .containsExactly(LessonViolation.ONLINE_AFTER_2100);
    }

    @Test
    void the_clock_time_is_read_in_beijing_not_in_utc() {
        // 21:10 to 21:30 UTC is 05:10 to 05:30 the next morning in Beijing: no late-evening rule applies.
        assertThat(online(Instant.parse("2026-03-02T21:10:00Z"), Instant.parse("2026-03-02T21:30:00Z")))
                .isEmpty();
        // 12:31 UTC is 20:31 in Beijing: a late offline lesson, although early evening in UTC.
        assertThat(offline(Instant.parse("2026-03-02T11:00:00Z"), Instant.parse("2026-03-02T12:31:00Z")))
                .containsExactly(LessonViolation.OFFLINE_AFTER_2030);
    }
}
