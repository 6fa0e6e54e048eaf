package com.tuitionescrow.ledger.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.tuitionescrow.ledger.shared.CalendarFile.Kind;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The 2026 arrangement (国务院办公厅, published 2025-11-04) as shipped, and windows counted across it. */
class WorkingDayCalendarTest {

    private static final String YEARS_2026 = "# years: 2026";

    private final RecordingLogger log = new RecordingLogger();
    private final WorkingDayCalendar calendar = ShippedCalendar.parse(log);

    @Test
    void the_shipped_file_covers_2026() {
        assertThat(calendar.coveredYears()).containsExactly(2026);
    }

    @Test
    void the_shipped_file_lists_the_state_council_arrangement_for_2026_and_nothing_else() {
        CalendarFile file = ShippedCalendar.file();

        SortedSet<LocalDate> holidays = new TreeSet<>();
        holidays.addAll(days("2026-01-01", "2026-01-03")); // New Year
        holidays.addAll(days("2026-02-15", "2026-02-23")); // Spring Festival
        holidays.addAll(days("2026-04-04", "2026-04-06")); // Qingming
        holidays.addAll(days("2026-05-01", "2026-05-05")); // Labour Day
        holidays.addAll(days("2026-06-19", "2026-06-21")); // Dragon Boat
        holidays.addAll(days("2026-09-25", "2026-09-27")); // Mid-Autumn
        holidays.addAll(days("2026-10-01", "2026-10-07")); // National Day
        assertThat(file.dates(Kind.HOLIDAY)).containsExactlyElementsOf(holidays);
        assertThat(file.dates(Kind.WORKDAY))
                .containsExactly(
                        date("2026-01-04"),
                        date("2026-02-14"),
                        date("2026-02-28"),
                        date("2026-05-09"),
                        date("2026-09-20"),
                        date("2026-10-10"));
    }

    @Test
    void every_listed_holiday_is_off_and_every_listed_make_up_day_is_worked() {
        CalendarFile file = ShippedCalendar.file();

        assertThat(file.dates(Kind.HOLIDAY))
                .hasSize(33)
                .allSatisfy(day -> assertThat(calendar.isWorkingDay(day))
                        .as("holiday %s", day)
                        .isFalse());
        assertThat(file.dates(Kind.WORKDAY))
                .hasSize(6)
                .allSatisfy(day -> assertThat(calendar.isWorkingDay(day))
                        .as("make-up day %s", day)
                        .isTrue());
    }

    @ParameterizedTest(name = "{0} ({2}) is a working day: {1}")
    @CsvSource({
        "2026-01-01, false, Thursday: New Year",
        "2026-01-02, false, Friday: New Year",
        "2026-01-03, false, Saturday: New Year and a weekend day anyway",
        "2026-01-04, true, Sunday: New Year make-up day",
        "2026-01-05, true, an ordinary Monday",
        "2026-02-13, true, Friday before Spring Festival",
        "2026-02-14, true, Saturday: Spring Festival make-up day",
        "2026-02-16, false, Monday: Spring Festival",
        "2026-02-17, false, Tuesday: Spring Festival (the first day of the lunar year)",
        "2026-02-23, false, Monday: the last day of Spring Festival",
        "2026-02-24, true, Tuesday: the first day back",
        "2026-02-28, true, Saturday: Spring Festival make-up day",
        "2026-03-01, false, an ordinary Sunday",
        "2026-03-07, false, an ordinary Saturday",
        "2026-04-06, false, Monday: Qingming",
        "2026-04-07, true, Tuesday after Qingming",
        "2026-05-01, false, Friday: Labour Day",
        "2026-05-04, false, Monday: Labour Day",
        "2026-05-05, false, Tuesday: Labour Day",
        "2026-05-09, true, Saturday: Labour Day make-up day",
        "2026-05-10, false, the Sunday after the make-up Saturday",
        "2026-06-19, false, Friday: Dragon Boat",
        "2026-09-20, true, Sunday: National Day make-up day",
        "2026-09-25, false, Friday: Mid-Autumn",
        "2026-10-01, false, Thursday: National Day",
        "2026-10-07, false, Wednesday: National Day",
        "2026-10-08, true, Thursday: the first day back",
        "2026-10-10, true, Saturday: National Day make-up day",
        "2026-10-11, false, the Sunday after the make-up Saturday"
    })
    void days_of_2026(LocalDate date, boolean working, String why) {
        assertThat(calendar.isWorkingDay(date)).as(why).isEqualTo(working);
    }

    @Test
    void year_2026_has_248_working_days() {
        // By hand: 365 days from a Thursday are 52 weeks and one Thursday, so 261 weekdays. 19 holidays
        // fall on weekdays (Jan 1-2; Feb 16-20 and 23; Apr 6; May 1, 4, 5; Jun 19; Sep 25; Oct 1-2, 5-7)
        // and 6 weekend days are worked: 261 - 19 + 6 = 248.
        long working = days("2026-01-01", "2026-12-31").stream()
                .filter(calendar::isWorkingDay)
                .count();

        assertThat(working).isEqualTo(248);
    }

    @ParameterizedTest(name = "1 working day after {0} is {1}")
    @CsvSource({
        "2026-03-06, 2026-03-09, Friday before an ordinary weekend: Monday",
        "2026-05-08, 2026-05-09, Friday before the Labour Day make-up Saturday: that Saturday",
        "2026-10-01, 2026-10-08, a start on a holiday counts from the next working day",
        "2026-02-16, 2026-02-24, a start inside Spring Festival",
        "2026-01-01, 2026-01-04, a start on New Year: the make-up Sunday",
        "2026-05-03, 2026-05-06, a start on a Sunday inside Labour Day"
    })
    void one_working_day_later(LocalDate start, LocalDate expected, String why) {
        assertThat(calendar.addWorkingDays(start, 1)).as(why).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} working days after {0} is {2}")
    @CsvSource({
        // Spring Festival: Sat Feb 14 worked, Feb 15-23 off, Sat Feb 28 worked, Sun Mar 1 off.
        "2026-02-13, 1, 2026-02-14",
        "2026-02-13, 2, 2026-02-24",
        "2026-02-13, 6, 2026-02-28",
        "2026-02-13, 7, 2026-03-02",
        // National Day: Sun Sep 20 worked, Sep 25-27 and Oct 1-7 off, Sat Oct 10 worked, Sun Oct 11 off.
        "2026-09-18, 1, 2026-09-20",
        "2026-09-18, 2, 2026-09-21",
        "2026-09-18, 5, 2026-09-24",
        "2026-09-18, 6, 2026-09-28",
        "2026-09-18, 8, 2026-09-30",
        "2026-09-18, 9, 2026-10-08",
        "2026-09-18, 11, 2026-10-10",
        "2026-09-18, 12, 2026-10-12"
    })
    void windows_across_the_long_holidays(LocalDate start, int workingDays, LocalDate expected) {
        assertThat(calendar.addWorkingDays(start, workingDays)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "15 working days after {0} is {1}: {2}")
    @CsvSource({
        "2026-03-02, 2026-03-23, three plain weeks from a Monday",
        "2025-12-31, 2026-01-22, New Year: Jan 1-3 off and Sun Jan 4 worked (the start itself is not judged)",
        "2026-02-13, 2026-03-12, Spring Festival: Feb 14 and Feb 24-28 give 6; Mar 2-12 the other 9",
        "2026-04-03, 2026-04-27, Qingming: Apr 4-6 off then three weeks from Tuesday",
        "2026-04-30, 2026-05-25, Labour Day: May 1-5 off and Sat May 9 worked",
        "2026-06-18, 2026-07-10, Dragon Boat: Jun 19-21 off then three plain weeks",
        "2026-09-18, 2026-10-15, Mid-Autumn and National Day together"
    })
    void the_15_working_day_confirmation_window(LocalDate start, LocalDate closes, String why) {
        assertThat(calendar.addWorkingDays(start, 15)).as(why).isEqualTo(closes);
        assertThat(log.entries()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-02", "2026-10-03", "2026-02-14", "2027-05-01"})
    void zero_working_days_after_a_day_is_that_day_whatever_it_is(LocalDate start) {
        assertThat(calendar.addWorkingDays(start, 0)).isEqualTo(start);
    }

    @Test
    void a_window_is_0_to_366_working_days() {
        LocalDate start = date("2026-01-01");

        assertThatThrownBy(() -> calendar.addWorkingDays(start, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workingDays must be 0 to 366, was -1");
        assertThatThrownBy(() -> calendar.addWorkingDays(start, WorkingDayCalendar.MAX_WORKING_DAYS + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workingDays must be 0 to 366, was 367");
        // By hand: all 248 working days of 2026 come after Jan 1, leaving 118 in plain 2027. Fri Jan 1
        // is the 1st; weeks from Mon Jan 4 give 5 each, so the 117th is Mon Jun 14 and the 118th Tue Jun 15.
        assertThat(calendar.addWorkingDays(start, WorkingDayCalendar.MAX_WORKING_DAYS))
                .isEqualTo(date("2027-06-15"));
    }

    @Test
    void a_year_the_file_does_not_cover_counts_as_plain_weekdays() {
        // Fri 2027-01-01 will surely be New Year's Day, but until its notice is in the file it is not known.
        assertThat(calendar.isWorkingDay(date("2027-01-01"))).isTrue();
        assertThat(calendar.isWorkingDay(date("2027-01-02"))).isFalse();
        assertThat(calendar.isWorkingDay(date("2027-10-01"))).isTrue();
        assertThat(calendar.isWorkingDay(date("2025-10-01"))).isTrue();
        assertThat(calendar.addWorkingDays(date("2026-12-31"), 1)).isEqualTo(date("2027-01-01"));
        // Thu Dec 31 and Fri Jan 1 are the 1st and 2nd; Jan 4-8 and 11-15 the 3rd to 12th; Jan 18-20 the rest.
        assertThat(calendar.addWorkingDays(date("2026-12-30"), 15)).isEqualTo(date("2027-01-20"));
    }

    @Test
    void each_uncovered_year_is_warned_about_once() {
        calendar.isWorkingDay(date("2027-03-01"));
        calendar.isWorkingDay(date("2027-03-06"));
        calendar.addWorkingDays(date("2027-06-01"), 15);

        assertThat(log.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.level()).isEqualTo(System.Logger.Level.WARNING);
            assertThat(entry.message())
                    .startsWith("Year 2027 is not in the working-day calendar (it covers [2026]): "
                            + "plain weekdays are assumed");
        });

        calendar.isWorkingDay(date("2025-12-01"));
        calendar.isWorkingDay(date("2027-12-01"));

        assertThat(log.entries())
                .extracting(RecordingLogger.Entry::message)
                .hasSize(2)
                .last(InstanceOfAssertFactories.STRING)
                .startsWith("Year 2025 is not in the working-day calendar");
    }

    @Test
    void a_covered_year_gives_no_warning() {
        calendar.addWorkingDays(date("2026-01-01"), 200);

        assertThat(log.entries()).isEmpty();
    }

    @Test
    void comments_blank_lines_spaces_line_endings_a_byte_order_mark_and_commas_in_notes_are_read() {
        WorkingDayCalendar parsed = parse(
                "\uFEFF# a calendar for a test",
                "",
                "#   years:  2025 , 2026",
                "  2025-12-31 , HOLIDAY , New Year's Eve, for a test  ",
                "# a comment between dates",
                "2026-01-04,WORKDAY,New Year make-up day\r",
                "2026-01-03,HOLIDAY,Saturday inside a holiday that has a weekday: as notices list it",
                "2026-01-02,HOLIDAY,New Year");

        assertThat(parsed.coveredYears()).containsExactly(2025, 2026);
        assertThat(parsed.isWorkingDay(date("2025-12-31"))).isFalse();
        assertThat(parsed.isWorkingDay(date("2026-01-04"))).isTrue();
        assertThat(parsed.isWorkingDay(date("2026-01-03"))).isFalse();
    }

    static Stream<Arguments> malformed_files() {
        return Stream.of(
                arguments(
                        "a date before the years line",
                        List.of("2026-01-01,HOLIDAY,New Year", YEARS_2026),
                        1,
                        "a date before the '# years:' line, which must come first"),
                arguments(
                        "two years lines",
                        List.of(YEARS_2026, "2026-01-01,HOLIDAY,New Year", "# years: 2027"),
                        3,
                        "a second years line; the years are declared once, on line 1"),
                arguments("a two-digit year", List.of("# years: 26"), 1, "'26' is not a year"),
                arguments("an empty years line", List.of("# years:"), 1, "'' is not a year"),
                arguments("years without commas", List.of("# years: 2026 2027"), 1, "'2026 2027' is not a year"),
                arguments("a year declared twice", List.of("# years: 2026, 2026"), 1, "year 2026 is declared twice"),
                arguments(
                        "a declared year without dates",
                        List.of("# years: 2026, 2027", "2026-01-01,HOLIDAY,New Year"),
                        1,
                        "year 2027 is declared but none of its dates is listed"),
                arguments(
                        "a date that does not exist",
                        List.of(YEARS_2026, "2026-02-30,HOLIDAY,Spring Festival"),
                        2,
                        "'2026-02-30' is not a date; write it as 2026-10-01"),
                arguments(
                        "a date in another format",
                        List.of(YEARS_2026, "2026/01/01,HOLIDAY,New Year"),
                        2,
                        "'2026/01/01' is not a date"),
                arguments(
                        "an unknown kind",
                        List.of(YEARS_2026, "2026-01-01,holiday,New Year"),
                        2,
                        "kind 'holiday' is neither HOLIDAY nor WORKDAY"),
                arguments(
                        "a missing note",
                        List.of(YEARS_2026, "2026-01-01,HOLIDAY"),
                        2,
                        "'2026-01-01,HOLIDAY' is not date,kind,note"),
                arguments("a blank note", List.of(YEARS_2026, "2026-01-01,HOLIDAY, "), 2, "the note is empty"),
                arguments("a date alone", List.of(YEARS_2026, "2026-01-01"), 2, "'2026-01-01' is not date,kind,note"),
                arguments(
                        "a date listed twice",
                        List.of(YEARS_2026, "2026-01-01,HOLIDAY,New Year", "2026-01-01,HOLIDAY,New Year"),
                        3,
                        "2026-01-01 is already listed on line 2"),
                arguments(
                        "a date listed as both kinds",
                        List.of(YEARS_2026, "2026-01-04,WORKDAY,make-up", "2026-01-04,HOLIDAY,New Year"),
                        3,
                        "2026-01-04 is already listed on line 2"),
                arguments(
                        "a date outside the declared years",
                        List.of(YEARS_2026, "2026-01-01,HOLIDAY,New Year", "2027-01-01,HOLIDAY,New Year"),
                        3,
                        "2027-01-01 is outside the declared years [2026]; add 2027 to the '# years:' line"),
                arguments(
                        "a make-up day on a weekday",
                        List.of(YEARS_2026, "2026-01-05,WORKDAY,New Year make-up day"),
                        2,
                        "2026-01-05 is a Monday, a working day anyway; a WORKDAY is a Saturday or Sunday that is worked"),
                arguments(
                        "a holiday on a lone Saturday",
                        List.of(YEARS_2026, "2026-01-01,HOLIDAY,New Year", "2026-03-07,HOLIDAY,typo"),
                        3,
                        "holiday 2026-03-07 falls on a weekend only, which is off anyway"),
                arguments(
                        "a holiday on a whole weekend",
                        List.of(YEARS_2026, "2026-03-08,HOLIDAY,typo", "2026-03-07,HOLIDAY,typo"),
                        3,
                        "holiday 2026-03-07 to 2026-03-08 falls on a weekend only"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void malformed_files(String what, List<String> lines, int line, String reason) {
        assertThatThrownBy(() -> parse(lines.toArray(String[]::new)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("working-day calendar line " + line + ": ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"an empty file |", "comments only | # a calendar without its years line"})
    void a_file_without_years_is_refused(String what, String text) {
        assertThatThrownBy(() -> parse(text == null ? "" : text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "the working-day calendar declares no years: it needs a '# years: 2026' line before its dates");
    }

    @Test
    void a_file_longer_than_any_calendar_is_refused_at_the_line_past_the_bound() {
        String[] lines = new String[CalendarFile.MAX_LINES + 1];
        lines[0] = YEARS_2026;
        Arrays.fill(lines, 1, lines.length, "# filler");

        assertThatThrownBy(() -> parse(lines))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("working-day calendar line 10001: more than 10000 lines, which is not a calendar");
    }

    @Test
    void a_source_that_fails_to_read_is_reported_as_unreadable() {
        Reader failing = new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                throw new IOException("disk gone");
            }

            @Override
            public void close() {}
        };

        assertThatThrownBy(() -> WorkingDayCalendar.parse(failing))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("the working-day calendar could not be read; it must be UTF-8 text")
                .hasRootCauseMessage("disk gone");
    }

    private WorkingDayCalendar parse(String... lines) {
        return WorkingDayCalendar.parse(new StringReader(String.join("\n", lines)), log);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static List<LocalDate> days(String first, String last) {
        return date(first).datesUntil(date(last).plusDays(1)).toList();
    }
}
