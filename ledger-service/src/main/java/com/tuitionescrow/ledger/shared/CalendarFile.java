package com.tuitionescrow.ledger.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The working-day calendar's data file: {@code #} comments, one {@code # years: 2026, 2027} line
 * before any date, then one {@code date,kind,note} line per listed date. A slip in it would move
 * refund and confirmation deadlines without anyone noticing, so every doubtful line is refused
 * with its number.
 */
final class CalendarFile {

    enum Kind {
        HOLIDAY,
        WORKDAY
    }

    /** A calendar has a few dozen lines a year; a far longer file is the wrong file. */
    static final int MAX_LINES = 10_000;

    private static final String YEARS_LINE = "years:";
    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    /** Spreadsheets save UTF-8 with this mark in front; it is not part of the first line. */
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final SortedSet<Integer> years = new TreeSet<>();
    private final SortedMap<LocalDate, Kind> kindByDate = new TreeMap<>();
    private final Map<LocalDate, Integer> lineByDate = new HashMap<>();
    private int yearsLineNumber; // 0 until the years line is read

    private CalendarFile() {}

    static CalendarFile read(Reader source) {
        CalendarFile file = new CalendarFile();
        BufferedReader lines = new BufferedReader(source);
        int number = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                number++;
                if (number > MAX_LINES) {
                    throw malformed(number, "more than " + MAX_LINES + " lines, which is not a calendar");
                }
                file.accept(number, number == 1 && line.startsWith(BYTE_ORDER_MARK) ? line.substring(1) : line);
            }
        } catch (IOException e) {
            // No line number: a reader decodes ahead of the lines it hands out.
            throw new UncheckedIOException("the working-day calendar could not be read; it must be UTF-8 text", e);
        }
        file.requireComplete();
        return file;
    }

    SortedSet<Integer> years() {
        return Collections.unmodifiableSortedSet(years);
    }

    /** The dates of one kind, in order. */
    SortedSet<LocalDate> dates(Kind kind) {
        SortedSet<LocalDate> dates = new TreeSet<>();
        kindByDate.forEach((date, listed) -> {
            if (listed == kind) {
                dates.add(date);
            }
        });
        return dates;
    }

    private void accept(int number, String line) {
        String text = line.strip();
        if (text.startsWith("#")) {
            String comment = text.substring(1).strip();
            if (comment.startsWith(YEARS_LINE)) {
                readYears(number, comment.substring(YEARS_LINE.length()));
            }
        } else if (!text.isEmpty()) {
            readDate(number, text);
        }
    }

    private void readYears(int number, String list) {
        if (yearsLineNumber != 0) {
            throw malformed(number, "a second years line; the years are declared once, on line " + yearsLineNumber);
        }
        for (String entry : list.split(",", -1)) {
            String year = entry.strip();
            if (!YEAR.matcher(year).matches()) {
                throw malformed(number, "'" + year + "' is not a year; declare years as '# years: 2026, 2027'");
            }
            if (!years.add(Integer.parseInt(year))) {
                throw malformed(number, "year " + year + " is declared twice");
            }
        }
        yearsLineNumber = number;
    }

    private void readDate(int number, String text) {
        if (yearsLineNumber == 0) {
            throw malformed(number, "a date before the '# years:' line, which must come first");
        }
        String[] fields = text.split(",", 3);
        if (fields.length < 3) {
            throw malformed(number, "'" + text + "' is not date,kind,note");
        }
        LocalDate date = date(number, fields[0].strip());
        Kind kind = kind(number, fields[1].strip());
        if (fields[2].isBlank()) {
            throw malformed(number, "the note is empty; name the holiday the date belongs to");
        }
        if (!years.contains(date.getYear())) {
            throw malformed(
                    number,
                    date + " is outside the declared years " + years + "; add " + date.getYear()
                            + " to the '# years:' line");
        }
        Integer earlier = lineByDate.putIfAbsent(date, number);
        if (earlier != null) {
            throw malformed(number, date + " is already listed on line " + earlier);
        }
        if (kind == Kind.WORKDAY && !WorkingDayCalendar.isWeekend(date)) {
            throw malformed(
                    number,
                    date + " is a " + date.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
                            + ", a working day anyway; a WORKDAY is a Saturday or Sunday that is worked");
        }
        kindByDate.put(date, kind);
    }

    private void requireComplete() {
        if (yearsLineNumber == 0) {
            throw new IllegalArgumentException("the working-day calendar declares no years: "
                    + "it needs a '# years: 2026' line before its dates");
        }
        for (int year : years) {
            if (kindByDate.keySet().stream().noneMatch(date -> date.getYear() == year)) {
                throw malformed(
                        yearsLineNumber,
                        "year " + year + " is declared but none of its dates is listed; "
                                + "list its holidays and make-up days, or leave it out until they are published");
            }
        }
        requireWeekdayInEveryHoliday();
    }

    /**
     * A holiday that falls only on a weekend changes nothing and no notice declares one, so it is
     * a mistyped date. Weekend days inside a holiday that has a weekday are as the notices list them.
     */
    private void requireWeekdayInEveryHoliday() {
        List<LocalDate> run = new ArrayList<>();
        for (LocalDate date : dates(Kind.HOLIDAY)) {
            if (!run.isEmpty() && !date.equals(run.get(run.size() - 1).plusDays(1))) {
                requireWeekdayIn(run);
                run.clear();
            }
            run.add(date);
        }
        requireWeekdayIn(run);
    }

    private void requireWeekdayIn(List<LocalDate> run) {
        if (!run.isEmpty() && run.stream().allMatch(WorkingDayCalendar::isWeekend)) {
            LocalDate first = run.get(0);
            String span = run.size() == 1 ? first.toString() : first + " to " + run.get(run.size() - 1);
            throw malformed(
                    lineByDate.get(first),
                    "holiday " + span + " falls on a weekend only, which is off anyway; "
                            + "no notice declares such a holiday, so check the date");
        }
    }

    private static LocalDate date(int number, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(number, "'" + text + "' is not a date; write it as 2026-10-01");
        }
    }

    private static Kind kind(int number, String text) {
        try {
            return Kind.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw malformed(number, "kind '" + text + "' is neither HOLIDAY nor WORKDAY");
        }
    }

    private static IllegalArgumentException malformed(int number, String reason) {
        return new IllegalArgumentException("working-day calendar line " + number + ": " + reason);
    }
}
