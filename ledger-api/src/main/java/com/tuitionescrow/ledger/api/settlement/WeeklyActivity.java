package com.tuitionescrow.ledger.api.settlement;

import java.time.LocalDate;
import java.util.List;

/**
 * An institution's lessons and releases week by week (weeks start on Monday, Beijing time), oldest
 * first: lessons by when they started, with their class hours, their worth and how many broke a
 * lesson-time rule; disbursements by when they were instructed to the bank and when the bank
 * executed them.
 */
public record WeeklyActivity(String institutionId, List<Week> weeks) {

    public WeeklyActivity {
        weeks = List.copyOf(weeks);
    }

    public record Week(
            LocalDate weekStart,
            long lessons,
            long lessonHours,
            long lessonFen,
            long lessonsWithViolations,
            long instructedFen,
            long disbursedFen) {}
}
