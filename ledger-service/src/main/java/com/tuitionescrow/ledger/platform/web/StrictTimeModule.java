package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * Times and dates exactly as docs/api.md states them: an ISO-8601 string with an offset for a time,
 * {@code YYYY-MM-DD} for a date. Jackson would otherwise read a number as epoch seconds (a bank
 * sending milliseconds would land 50 000 years ahead) and cut a date-time down to its date in UTC
 * (a course starting at 00:30 in Beijing would start the day before).
 */
@Component
class StrictTimeModule extends SimpleModule {

    StrictTimeModule() {
        super("strict-times");
        addDeserializer(OffsetDateTime.class, new JsonDeserializer<>() {
            @Override
            public OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                requireString(parser, context, OffsetDateTime.class, "an ISO-8601 time with an offset");
                return InstantDeserializer.OFFSET_DATE_TIME.deserialize(parser, context);
            }
        });
        addDeserializer(LocalDate.class, new JsonDeserializer<>() {
            @Override
            public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                requireString(parser, context, LocalDate.class, "a date as YYYY-MM-DD");
                try {
                    return LocalDate.parse(parser.getText(), DateTimeFormatter.ISO_LOCAL_DATE);
                } catch (DateTimeParseException e) {
                    return (LocalDate) context.handleWeirdStringValue(
                            LocalDate.class, parser.getText(), "expected a date as YYYY-MM-DD");
                }
            }
        });
    }

    private static void requireString(JsonParser parser, DeserializationContext context, Class<?> type, String expected)
            throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            context.reportInputMismatch(type, "expected %s", expected);
        }
    }
}
