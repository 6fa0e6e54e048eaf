package com.tuitionescrow.ledger.enrollment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.enrollment.ReleasePolicy.ReleaseMode;
import com.tuitionescrow.ledger.shared.WorkingDayCalendar;
import org.junit.jupiter.api.Test;

/** A window the calendar cannot count is refused when the service starts, not when a lesson is reported. */
class ReleasePolicyTest {

    private static final int LONGEST = WorkingDayCalendar.MAX_WORKING_DAYS;

    @Test
    void windows_from_one_working_day_to_the_calendars_longest_are_accepted() {
        assertThatCode(() -> new ReleasePolicy(1, 1, ReleaseMode.PER_LESSON, 0)).doesNotThrowAnyException();
        assertThatCode(() -> new ReleasePolicy(LONGEST, LONGEST, ReleaseMode.PER_LESSON, 0))
                .doesNotThrowAnyException();
    }

    @Test
    void an_empty_or_negative_window_is_refused() {
        assertThatThrownBy(() -> new ReleasePolicy(0, 5, ReleaseMode.PER_LESSON, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReleasePolicy(15, -1, ReleaseMode.PER_LESSON, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_window_longer_than_the_calendar_counts_is_refused() {
        assertThatThrownBy(() -> new ReleasePolicy(LONGEST + 1, 5, ReleaseMode.PER_LESSON, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + LONGEST);
        assertThatThrownBy(() -> new ReleasePolicy(15, LONGEST + 1, ReleaseMode.PER_LESSON, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to " + LONGEST);
    }
}
