package com.tuitionescrow.ledger.platform.calendar;

import com.tuitionescrow.ledger.shared.WorkingDayCalendar;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The working-day calendar, read once at start from {@code ledger.calendar.file}. Without a
 * readable, well-formed file the service does not start: deadlines counted on a guessed calendar
 * would be wrong without anyone noticing, while a failed start is seen at once.
 */
@Configuration
class CalendarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CalendarConfiguration.class);

    @Bean
    WorkingDayCalendar workingDayCalendar(@Value("${ledger.calendar.file}") Resource file) {
        String source = "ledger.calendar.file (" + file.getDescription() + ")";
        if (!file.exists()) {
            throw new IllegalStateException(source + " does not exist; the service counts refund and confirmation "
                    + "windows in working days and does not start without its calendar");
        }
        WorkingDayCalendar calendar;
        // A strict decoder: a file saved in another encoding (GBK) is refused, not half read.
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8.newDecoder())) {
            calendar = WorkingDayCalendar.parse(reader);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalStateException(source + " could not be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is malformed: " + e.getMessage(), e);
        }
        log.info("Working-day calendar {} covers the years {}", file.getDescription(), calendar.coveredYears());
        return calendar;
    }
}
