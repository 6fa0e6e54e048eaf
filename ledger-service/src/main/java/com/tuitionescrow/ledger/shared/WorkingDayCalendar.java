package com.tuitionescrow.ledger.shared;

import java.io.Reader;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The days that windows counted in working days run on ("within 15 working days"): Monday to
 * Friday, except the State Council's holidays, plus the weekend days it makes working days (调休).
 * The arrangement is data, read from a file an operator extends each year (format and source in
 * {@code calendar/china-working-days.csv}).
 *
 * <p>A year the file does not cover is counted as plain weekdays, with one warning per year: the
 * next year's arrangement is published only weeks before it starts, and a late file must not stop
 * the ledger. The answers never change; the only state that does is which years were warned about.
 */
public final class WorkingDayCalendar {

    /** No rule counts a window this long (the law's are 5 to 15 working days): a longer one is a mistake. */
    public static final int MAX_WORKING_DAYS = 366;

    private static final System.Logger LOG = System.getLogger(WorkingDayCalendar.class.getName());

    private final Set<Integer> coveredYears;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkdays;
    private final System.Logger log;
    private final Set<Integer> warnedYears = ConcurrentHashMap.newKeySet();

    private WorkingDayCalendar(
            Set<Integer> coveredYears, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays, System.Logger log) {
        this.coveredYears = Collections.unmodifiableSortedSet(new TreeSet<>(coveredYears));
        this.holidays = Set.copyOf(holidays);
        this.makeUpWorkdays = Set.copyOf(makeUpWorkdays);
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Reads a calendar file; any line it is not sure of is refused with its line number. */
    public static WorkingDayCalendar parse(Reader source) {
        return parse(source, LOG);
    }

    /** As {@link #parse(Reader)}, warning of uncovered years to {@code log} (tests listen there). */
    static WorkingDayCalendar parse(Reader source, System.Logger log) {
        CalendarFile file = CalendarFile.read(source);
        return new WorkingDayCalendar(
                file.years(), file.dates(CalendarFile.Kind.HOLIDAY), file.dates(CalendarFile.Kind.WORKDAY), log);
    }

    public boolean isWorkingDay(LocalDate date) {
        Objects.requireNonNull(date, "date");
        if (!coveredYears.contains(date.getYear())) {
            warnOnce(date.getYear());
            return !isWeekend(date);
        }
        return isWeekend(date) ? makeUpWorkdays.contains(date) : !holidays.contains(date);
    }

    /**
     * The day on which a window of {@code workingDays} opened on {@code start} closes: the
     * {@code workingDays}-th working day after it. The start itself never counts, whatever it is.
     */
    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        Objects.requireNonNull(start, "start");
        if (workingDays < 0 || workingDays > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("workingDays must be 0 to " + MAX_WORKING_DAYS + ", was " + workingDays);
        }
        LocalDate date = start;
        int counted = 0;
        while (counted < workingDays) {
            date = date.plusDays(1);
            if (isWorkingDay(date)) {
                counted++;
            }
        }
        return date;
    }

    /** The years the file lists the arrangement of, in order. */
    public Set<Integer> coveredYears() {
        return coveredYears;
    }

    static boolean isWeekend(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    private void warnOnce(int year) {
        if (warnedYears.add(year)) {
            log.log(
                    System.Logger.Level.WARNING,
                    "Year " + year + " is not in the working-day calendar (it covers "
                            + coveredYears
                            + "): plain weekdays are assumed, Monday to Friday working and weekends off. "
                            + "Add the State Council's arrangement for " + year + " to the calendar file.");
        }
    }
}
