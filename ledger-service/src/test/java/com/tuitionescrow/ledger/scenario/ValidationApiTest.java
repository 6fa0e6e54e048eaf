package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A money API refuses what it does not understand rather than guess (docs/api.md, "Conventions"): every
 * malformed or invalid create is answered {@code 400 VALIDATION_FAILED} as a problem document, and
 * writes nothing. Each case spoils one thing in an otherwise valid request; the valid request is
 * then sent with the same id and accepted, which shows the refusal was about that one thing and
 * that the refused attempt did not use up the id.
 */
class ValidationApiTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEYOND_LONG = "9223372036854775808";
    private static final String BEYOND_INT = "2147483648";

    /** Spoils a copy of a valid request and returns the body to send. */
    private interface Spoiler extends Function<ObjectNode, String> {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledSales")
    void
            given_a_sale_request_broken_in_one_way_when_the_platform_sends_it_then_it_is_refused_as_invalid_and_nothing_is_stored(
                    Spoiler spoil) {
        Institution school = newInstitution();
        String orderId = id("order");
        ObjectNode valid = JSON.valueToTree(order(orderId, school, id("stu"), course("piano", 15_000, 20)));
        Map<String, Integer> before = footprint();

        Http.Response refused = http.postRaw("/v1/orders", Tokens.platform(), spoil.apply(valid.deepCopy()));

        assertRefusedAsInvalid(refused);
        assertThat(footprint()).isEqualTo(before);
        Http.Response accepted = http.postRaw("/v1/orders", Tokens.platform(), write(valid));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.body().get("orderId").asText()).isEqualTo(orderId);
    }

    static Stream<Arguments> spoiledSales() {
        return Stream.of(
                spoiler("malformed JSON (cut short)", text(json -> json.substring(0, json.length() - 1))),
                spoiler("malformed JSON (not JSON at all)", text(json -> "orderId=o-1&hours=20")),
                spoiler("empty body", text(json -> "")),
                spoiler("the JSON literal null", text(json -> "null")),
                spoiler("a JSON array instead of an object", text(json -> "[" + json + "]")),
                spoiler("trailing content after the object", text(json -> json + "{}")),
                spoiler("missing orderId", remove("orderId")),
                spoiler("missing course", remove("course")),
                spoiler("missing course.pricePerHourFen", remove("course.pricePerHourFen")),
                spoiler("missing course.endDate", remove("course.endDate")),
                spoiler("null studentId", raw("studentId", "null")),
                spoiler("an empty course object", raw("course", "{}")),
                spoiler("zero price per hour", raw("course.pricePerHourFen", "0")),
                spoiler("negative price per hour", raw("course.pricePerHourFen", "-15000")),
                spoiler("zero hours", raw("course.hours", "0")),
                spoiler("negative hours", raw("course.hours", "-20")),
                spoiler("price beyond Long.MAX_VALUE", raw("course.pricePerHourFen", BEYOND_LONG)),
                spoiler("hours beyond Long.MAX_VALUE", raw("course.hours", BEYOND_LONG)),
                spoiler("hours beyond Integer.MAX_VALUE", raw("course.hours", BEYOND_INT)),
                spoiler(
                        "price x hours overflowing a long",
                        all(raw("course.pricePerHourFen", "4611686018427387904"), raw("course.hours", "2"))),
                spoiler("a float price (100.5)", raw("course.pricePerHourFen", "100.5")),
                spoiler("a float hours (20.5)", raw("course.hours", "20.5")),
                spoiler("price as the string \"100\"", raw("course.pricePerHourFen", "\"100\"")),
                spoiler("hours as the string \"20\"", raw("course.hours", "\"20\"")),
                spoiler("unknown mode HYBRID", raw("course.mode", "\"HYBRID\"")),
                spoiler("mode as a number", raw("course.mode", "1")),
                spoiler("an unknown field", raw("discountFen", "100")),
                spoiler("an unknown field in the course", raw("course.teacher", "\"Ms Li\"")),
                spoiler("a duplicated key", text(json -> "{\"orderId\":\"other-order\"," + json.substring(1))),
                spoiler(
                        "a duplicated key in the course (price 1 fen, then the real price)",
                        text(json ->
                                json.replace("\"pricePerHourFen\":", "\"pricePerHourFen\":1,\"pricePerHourFen\":"))),
                spoiler("endDate before startDate", swap("course.startDate", "course.endDate")),
                spoiler("a date that does not exist", raw("course.startDate", "\"2026-02-30\"")),
                spoiler(
                        "startDate as the UTC date-time of 00:30 Beijing time, not YYYY-MM-DD",
                        startDate(start -> "\"" + start.minusDays(1) + "T16:30:00Z\"")),
                spoiler(
                        "startDate as an array [year, month, day]",
                        startDate(start -> "[" + start.getYear() + "," + start.getMonthValue() + ","
                                + start.getDayOfMonth() + "]")),
                spoiler("orderId with a slash", raw("orderId", "\"order/1\"")),
                spoiler("orderId with a space", raw("orderId", "\"order 1\"")),
                spoiler("orderId in Chinese characters", raw("orderId", "\"订单一\"")),
                spoiler("orderId of 65 characters", raw("orderId", "\"" + "o".repeat(65) + "\"")),
                spoiler("studentId with SQL in it", raw("studentId", "\"stu';drop table course_order;--\"")),
                spoiler("institutionId not a credit code", raw("institutionId", "\"not-a-credit-code\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledCollections")
    void
            given_a_collection_report_broken_in_one_way_when_the_bank_sends_it_then_it_is_refused_as_invalid_and_nothing_is_stored(
                    Spoiler spoil) {
        Institution school = newInstitution();
        String orderId = id("order");
        Http.Response placed = placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        String bankTxnId = id("txn");
        ObjectNode valid = JSON.valueToTree(collection(bankTxnId, orderId, 300_000, school.custodyAccountNo()));
        Map<String, Integer> before = footprint();

        Http.Response refused = http.postRaw("/v1/bank/collections", Tokens.bank(), spoil.apply(valid.deepCopy()));

        assertRefusedAsInvalid(refused);
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        Http.Response accepted = http.postRaw("/v1/bank/collections", Tokens.bank(), write(valid));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.body().get("status").asText()).isEqualTo("APPLIED");
    }

    static Stream<Arguments> spoiledCollections() {
        return Stream.of(
                spoiler("malformed JSON (cut short)", text(json -> json.substring(0, json.length() - 1))),
                spoiler("malformed JSON (single quotes)", text(json -> json.replace('"', '\''))),
                spoiler("empty body", text(json -> "")),
                spoiler("the JSON literal null", text(json -> "null")),
                spoiler("trailing content after the object", text(json -> json + "[]")),
                spoiler("missing bankTxnId", remove("bankTxnId")),
                spoiler("missing amountFen", remove("amountFen")),
                spoiler("missing custodyAccountNo", remove("custodyAccountNo")),
                spoiler("missing receivedAt", remove("receivedAt")),
                spoiler("null amountFen", raw("amountFen", "null")),
                spoiler("zero amount", raw("amountFen", "0")),
                spoiler("negative amount", raw("amountFen", "-300000")),
                spoiler("amount beyond Long.MAX_VALUE", raw("amountFen", BEYOND_LONG)),
                spoiler("a float amount (100.5)", raw("amountFen", "100.5")),
                spoiler("a float amount written as 300000.0", raw("amountFen", "300000.0")),
                spoiler("amount as the string \"100\"", raw("amountFen", "\"100\"")),
                spoiler("an unknown field", raw("currency", "\"CNY\"")),
                spoiler("a misspelt amount field", rename("amountFen", "amountfen")),
                spoiler(
                        "a duplicated key (1 fen, then the real amount)",
                        text(json -> json.replace("\"amountFen\":", "\"amountFen\":1,\"amountFen\":"))),
                spoiler("bankTxnId with a space", raw("bankTxnId", "\"txn 1\"")),
                spoiler("bankTxnId with a slash", raw("bankTxnId", "\"txn/1\"")),
                spoiler("orderId with forbidden characters", raw("orderId", "\"order#1\"")),
                spoiler("custodyAccountNo with letters", raw("custodyAccountNo", "\"6222ABCD00001111\"")),
                spoiler("custodyAccountNo too short", raw("custodyAccountNo", "\"1234567\"")),
                spoiler("receivedAt not a time", raw("receivedAt", "\"yesterday\"")),
                spoiler("receivedAt without an offset", raw("receivedAt", "\"2026-03-02T19:00:00\"")),
                spoiler(
                        "money not received yet (next year)",
                        raw("receivedAt", "\"" + java.time.OffsetDateTime.now().plusYears(1) + "\"")),
                spoiler("receivedAt as a number (epoch seconds), not ISO-8601", raw("receivedAt", "1772449200")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("spoiledLessons")
    void
            given_a_lesson_report_broken_in_one_way_when_the_institution_sends_it_then_it_is_refused_as_invalid_and_nothing_is_stored(
                    Spoiler spoil) {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        String lessonId = id("lesson");
        ObjectNode valid = JSON.valueToTree(lesson(lessonId, 2));
        String path = "/v1/orders/" + orderId + "/lessons";
        Map<String, Integer> before = footprint();

        Http.Response refused = http.postRaw(path, Tokens.institution(school.id()), spoil.apply(valid.deepCopy()));

        assertRefusedAsInvalid(refused);
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(orderId).get("consumedHours").asInt()).isZero();
        Http.Response accepted = http.postRaw(path, Tokens.institution(school.id()), write(valid));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(order(orderId).get("consumedHours").asInt()).isEqualTo(2);
    }

    static Stream<Arguments> spoiledLessons() {
        return Stream.of(
                spoiler("malformed JSON (cut short)", text(json -> json.substring(0, json.length() - 1))),
                spoiler("malformed JSON (unquoted key)", text(json -> json.replace("\"hours\"", "hours"))),
                spoiler("empty body", text(json -> "")),
                spoiler("the JSON literal null", text(json -> "null")),
                spoiler("missing lessonId", remove("lessonId")),
                spoiler("missing hours", remove("hours")),
                spoiler("missing endedAt", remove("endedAt")),
                spoiler("zero hours", raw("hours", "0")),
                spoiler("negative hours", raw("hours", "-2")),
                spoiler("hours beyond Long.MAX_VALUE", raw("hours", BEYOND_LONG)),
                spoiler("hours beyond Integer.MAX_VALUE", raw("hours", BEYOND_INT)),
                spoiler("a float hours (1.5)", raw("hours", "1.5")),
                spoiler("hours as the string \"2\"", raw("hours", "\"2\"")),
                spoiler("an unknown field", raw("teacher", "\"Ms Li\"")),
                spoiler(
                        "a duplicated key (1 hour, then 2)",
                        text(json -> json.replace("\"hours\":", "\"hours\":1,\"hours\":"))),
                spoiler("endedAt before startedAt", swap("startedAt", "endedAt")),
                spoiler("endedAt equal to startedAt", copy("startedAt", "endedAt")),
                spoiler("startedAt without an offset", raw("startedAt", "\"2026-03-02T10:00:00\"")),
                spoiler("startedAt as a number, not ISO-8601", raw("startedAt", "1772416800")),
                spoiler("lessonId with a slash", raw("lessonId", "\"lesson/1\"")),
                spoiler("lessonId with a quote and a semicolon", raw("lessonId", "\"l';--\"")),
                spoiler("lessonId of 65 characters", raw("lessonId", "\"" + "l".repeat(65) + "\"")));
    }

    // ---- the spoilers -----------------------------------------------------------------------

    private static Arguments spoiler(String name, Spoiler spoiler) {
        return Arguments.of(Named.of(name, spoiler));
    }

    /** Works on the valid request's JSON text. */
    private static Spoiler text(UnaryOperator<String> change) {
        return request -> change.apply(write(request));
    }

    /** Sets a field (dotted path) to a JSON value written exactly as given. */
    private static Spoiler raw(String path, String rawJson) {
        return request -> {
            parent(request, path).putRawValue(leaf(path), new RawValue(rawJson));
            return write(request);
        };
    }

    /** Writes the valid course's start date in another shape. */
    private static Spoiler startDate(Function<LocalDate, String> rawJson) {
        return request -> {
            ObjectNode course = (ObjectNode) request.get("course");
            course.putRawValue(
                    "startDate",
                    new RawValue(rawJson.apply(
                            LocalDate.parse(course.get("startDate").asText()))));
            return write(request);
        };
    }

    private static Spoiler remove(String path) {
        return request -> {
            assertThat(parent(request, path).remove(leaf(path)))
                    .as("the valid request has " + path)
                    .isNotNull();
            return write(request);
        };
    }

    private static Spoiler rename(String field, String to) {
        return request -> {
            request.set(to, request.remove(field));
            return write(request);
        };
    }

    /** Gives the first field the second's value and the second the first's: end before start. */
    private static Spoiler swap(String first, String second) {
        return request -> {
            JsonNode a = parent(request, first).get(leaf(first));
            JsonNode b = parent(request, second).get(leaf(second));
            assertThat(a.asText())
                    .as("the valid request's %s is before its %s", first, second)
                    .isLessThan(b.asText());
            parent(request, first).set(leaf(first), b);
            parent(request, second).set(leaf(second), a);
            return write(request);
        };
    }

    private static Spoiler copy(String from, String to) {
        return request -> {
            parent(request, to).set(leaf(to), parent(request, from).get(leaf(from)));
            return write(request);
        };
    }

    private static Spoiler all(Spoiler first, Spoiler second) {
        return request -> {
            // The first spoils the request in place; only the second's rendering is sent.
            var unused = first.apply(request);
            return second.apply(request);
        };
    }

    private static ObjectNode parent(ObjectNode request, String path) {
        ObjectNode node = request;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String write(JsonNode request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertRefusedAsInvalid(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.body().get("status").asInt()).isEqualTo(400);
    }
}
