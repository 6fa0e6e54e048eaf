package com.tuitionescrow.ledger.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/** The calendar file the service ships, as the tests read it. */
final class ShippedCalendar {

    private static final String RESOURCE = "/calendar/china-working-days.csv";

    private ShippedCalendar() {}

    /** Warnings of uncovered years go to {@code log}. */
    static WorkingDayCalendar parse(System.Logger log) {
        return read(source -> WorkingDayCalendar.parse(source, log));
    }

    static CalendarFile file() {
        return read(CalendarFile::read);
    }

    private static <T> T read(Function<Reader, T> reading) {
        InputStream bytes = Objects.requireNonNull(ShippedCalendar.class.getResourceAsStream(RESOURCE), RESOURCE);
        try (Reader source = new InputStreamReader(bytes, StandardCharsets.UTF_8)) {
            return reading.apply(source);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
