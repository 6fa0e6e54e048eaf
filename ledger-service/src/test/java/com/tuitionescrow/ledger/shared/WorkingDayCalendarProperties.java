package com.tuitionescrow.ledger.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Windows counted on the shipped calendar from any start between October 2025 and March 2028, so
 * that they cross into 2026 from an uncovered year, through every holiday, and out again.
 */
class WorkingDayCalendarProperties {

    private static final LocalDate FIRST_START = LocalDate.parse("2025-10-01");
    private static final int START_SPAN_DAYS = 900;
    private static final WorkingDayCalendar CALENDAR = ShippedCalendar.parse(new RecordingLogger());

    @Property
    void a_window_of_working_days_closes_on_a_working_day_after_its_start(
            @ForAll("starts") LocalDate start,
            @ForAll @IntRange(min = 1, max = WorkingDayCalendar.MAX_WORKING_DAYS) int workingDays) {
        LocalDate closes = CALENDAR.addWorkingDays(start, workingDays);

        assertThat(closes).isAfter(start);
        assertThat(CALENDAR.isWorkingDay(closes)).isTrue();
    }

    @Property
    void a_longer_window_closes_later(
            @ForAll("starts") LocalDate start,
            @ForAll @IntRange(min = 0, max = 180) int workingDays,
            @ForAll @IntRange(min = 0, max = 180) int more) {
        LocalDate shorter = CALENDAR.addWorkingDays(start, workingDays);
        LocalDate longer = CALENDAR.addWorkingDays(start, workingDays + more);

        if (more == 0) {
            assertThat(longer).isEqualTo(shorter);
        } else {
            assertThat(longer).isAfter(shorter);
        }
    }

    @Property
    void a_window_holds_exactly_its_working_days(
            @ForAll("starts") LocalDate start,
            @ForAll @IntRange(min = 0, max = WorkingDayCalendar.MAX_WORKING_DAYS) int workingDays) {
        LocalDate closes = CALENDAR.addWorkingDays(start, workingDays);

        // The start is not counted; the closing day is.
        long counted = start.plusDays(1)
                .datesUntil(closes.plusDays(1))
                .filter(CALENDAR::isWorkingDay)
                .count();

        assertThat(counted).isEqualTo(workingDays);
    }

    @Provide
    Arbitrary<LocalDate> starts() {
        return Arbitraries.integers().between(0, START_SPAN_DAYS).map(FIRST_START::plusDays);
    }
}
