package com.tuitionescrow.ledger.platform.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.shared.WorkingDayCalendar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The calendar the service starts with: the shipped one by default, an operator's by property, none if broken. */
class CalendarConfigurationTest {

    private final ApplicationContextRunner service =
            new ApplicationContextRunner().withUserConfiguration(CalendarConfiguration.class);

    @TempDir
    Path directory;

    @Test
    void by_default_the_shipped_calendar_named_in_application_yml_is_loaded() {
        service.withInitializer(new ConfigDataApplicationContextInitializer()).run(context -> {
            WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);

            assertThat(calendar.coveredYears()).containsExactly(2026);
            assertThat(calendar.isWorkingDay(LocalDate.parse("2026-01-04"))).isTrue();
        });
    }

    @Test
    void an_operator_file_adds_a_year() throws IOException {
        Path file = write(
                "operator.csv",
                "# years: 2026, 2027\n" + "2026-10-01,HOLIDAY,National Day\n" + "2027-01-01,HOLIDAY,New Year (元旦)\n");

        service.withPropertyValues("ledger.calendar.file=file:" + file).run(context -> {
            WorkingDayCalendar calendar = context.getBean(WorkingDayCalendar.class);

            assertThat(calendar.coveredYears()).containsExactly(2026, 2027);
            assertThat(calendar.isWorkingDay(LocalDate.parse("2027-01-01"))).isFalse();
        });
    }

    @Test
    void a_missing_file_stops_the_start() {
        Path missing = directory.resolve("calendar.csv");

        service.withPropertyValues("ledger.calendar.file=file:" + missing)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining("ledger.calendar.file (")
                        .hasStackTraceContaining(
                                missing + "]) does not exist; the service counts refund and confirmation windows"));
    }

    @Test
    void a_malformed_file_stops_the_start_naming_the_line() throws IOException {
        Path file = write("calendar.csv", "# years: 2026\n2026-01-05,WORKDAY,not a weekend\n");

        service.withPropertyValues("ledger.calendar.file=file:" + file)
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasStackTraceContaining(
                                "]) is malformed: working-day calendar line 2: 2026-01-05 is a Monday"));
    }

    @Test
    void a_file_that_is_not_utf_8_stops_the_start() throws IOException {
        Path file = directory.resolve("gbk.csv");
        Files.write(file, "# years: 2026\n2026-01-01,HOLIDAY,元旦\n".getBytes("GBK"));

        service.withPropertyValues("ledger.calendar.file=file:" + file)
                .run(
                        context -> assertThat(context)
                                .getFailure()
                                .hasStackTraceContaining(
                                        "]) could not be read: the working-day calendar could not be read; it must be UTF-8 text"));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
    }
}
