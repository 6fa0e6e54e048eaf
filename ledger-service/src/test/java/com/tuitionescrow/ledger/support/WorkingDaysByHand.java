package com.tuitionescrow.ledger.support;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;

/**
 * Working days counted the way a person counts them with the State Council's 2026 table in hand
 * (docs/domain.md, "The working-day calendar"), typed in here rather than read from the calendar file the
 * ledger uses, so a test that compares the two checks the ledger rather than itself. Years other than
 * 2026 are plain weekdays, as the ledger counts a year its file does not cover.
 */
public final class WorkingDaysByHand {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final Set<LocalDate> HOLIDAYS = new HashSet<>();
    private static final Set<LocalDate> MAKE_UP_WORKING_DAYS = Set.of(
            LocalDate.of(2026, 1, 4),
            LocalDate.of(2026, 2, 14),
            LocalDate.of(2026, 2, 28),
            LocalDate.of(2026, 5, 9),
            LocalDate.of(2026, 9, 20),
            LocalDate.of(2026, 10, 10));

    static {
        daysOff(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 3)); // New Year
        daysOff(LocalDate.of(2026, 2, 15), LocalDate.of(2026, 2, 23)); // Spring Festival
        daysOff(LocalDate.of(2026, 4, 4), LocalDate.of(2026, 4, 6)); // Qingming
        daysOff(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 5)); // Labour Day
        daysOff(LocalDate.of(2026, 6, 19), LocalDate.of(2026, 6, 21)); // Dragon Boat
        daysOff(LocalDate.of(2026, 9, 25), LocalDate.of(2026, 9, 27)); // Mid-Autumn
        daysOff(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7)); // National Day
    }

    private WorkingDaysByHand() {}

    private static void daysOff(LocalDate first, LocalDate last) {
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            HOLIDAYS.add(day);
        }
    }

    public static boolean isWorkingDay(LocalDate day) {
        if (MAKE_UP_WORKING_DAYS.contains(day)) {
            return true;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend && !HOLIDAYS.contains(day);
    }

    /** The {@code workingDays}-th working day after {@code opened} (the day itself never counts). */
    public static LocalDate nthWorkingDayAfter(LocalDate opened, int workingDays) {
        LocalDate day = opened;
        for (int counted = 0; counted < workingDays; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /**
     * When a window of {@code workingDays} opened at {@code openedAt} closes: midnight in Beijing at
     * the end of its last working day.
     */
    public static Instant windowCloses(Instant openedAt, int workingDays) {
        LocalDate lastDay = nthWorkingDayAfter(openedAt.atZone(BEIJING).toLocalDate(), workingDays);
        return lastDay.plusDays(1).atStartOfDay(BEIJING).toInstant();
    }
}
