package com.tuitionescrow.ledger.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.shared.WorkingDayCalendar;
import com.tuitionescrow.ledger.support.WorkingDaysByHand;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The confirmation window (15 working days) and the refund window (5) on the shipped calendar, with
 * dates counted by hand across the 2026 holidays and their make-up working days.
 */
class WorkingWindowsTest {

    private static final WorkingWindows WINDOWS =
            new WorkingWindows(shippedCalendar(), new ReleasePolicy(15, 5, ReleasePolicy.ReleaseMode.PER_LESSON, 0));

    private static WorkingDayCalendar shippedCalendar() {
        try (Reader file = new InputStreamReader(
                Objects.requireNonNull(
                        WorkingWindowsTest.class.getResourceAsStream("/calendar/china-working-days.csv")),
                StandardCharsets.UTF_8)) {
            return WorkingDayCalendar.parse(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant beijing(String localDateTime) {
        return OffsetDateTime.parse(localDateTime + "+08:00").toInstant();
    }

    @Test
    void a_lesson_reported_before_mid_autumn_and_national_day_is_confirmed_from_the_night_of_22_october() {
        // Thu 24 Sep. Off: 25-27 Sep, 1-7 Oct. Counted: 28, 29, 30 Sep (3); 8, 9 Oct and the make-up
        // Saturday 10 Oct (6); 12-16 Oct (11); 19-22 Oct (15).
        assertThat(WINDOWS.confirmationEnds(beijing("2026-09-24T10:00:00"))).isEqualTo(beijing("2026-10-23T00:00:00"));
    }

    @Test
    void a_refund_asked_for_the_night_before_spring_festival_counts_the_make_up_saturday_first() {
        // Fri 13 Feb, 23:30. Counted: Sat 14 Feb, a make-up working day (1); off 15-23 Feb; 24-27 Feb (5).
        assertThat(WINDOWS.refundAnswerEnds(beijing("2026-02-13T23:30:00"))).isEqualTo(beijing("2026-02-28T00:00:00"));
    }

    @Test
    void the_day_a_window_opens_is_the_day_in_beijing_and_never_counts() {
        // 16:30 UTC on 13 Feb is 00:30 on Sat 14 Feb in Beijing: the make-up day is the opening day, so
        // 24-27 Feb count four and the make-up Saturday 28 Feb the fifth.
        assertThat(WINDOWS.refundAnswerEnds(Instant.parse("2026-02-13T16:30:00Z")))
                .isEqualTo(beijing("2026-03-01T00:00:00"));
    }

    @Test
    void a_year_the_calendar_does_not_cover_counts_plain_weekdays() {
        // Fri 1 Jan 2027 (its holidays are not published yet): Mon 4 to Fri 8 Jan.
        assertThat(WINDOWS.refundAnswerEnds(beijing("2027-01-01T10:00:00"))).isEqualTo(beijing("2027-01-09T00:00:00"));
    }

    @Test
    void every_day_of_2026_agrees_with_the_table_counted_by_hand() {
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getYear() == 2026; day = day.plusDays(1)) {
            Instant noon = beijing(day + "T12:00:00");
            assertThat(WINDOWS.confirmationEnds(noon))
                    .as("confirmation window opened " + day)
                    .isEqualTo(WorkingDaysByHand.windowCloses(noon, 15));
            assertThat(WINDOWS.refundAnswerEnds(noon))
                    .as("refund window opened " + day)
                    .isEqualTo(WorkingDaysByHand.windowCloses(noon, 5));
        }
    }
}
