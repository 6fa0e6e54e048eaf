package com.tuitionescrow.ledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tuitionescrow.ledger.support.BankSigner;
import com.tuitionescrow.ledger.support.JsonEndpoints;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Hundreds of malformed and hostile requests across every endpoint, generated from a table of
 * mutations applied to a lawful request of each endpoint: broken JSON, wrong types, huge numbers,
 * fractional fen, negative hours, overlong strings, control characters, injection strings, wrong
 * content types, oversized bodies, odd spellings of paths, bad dates and time zones. Each is
 * answered with a 4xx problem and never a 5xx, and when all have been sent the books are as they
 * were. The callers are entitled (every role, signed bank calls): the doors are open, and only the
 * requests themselves are wrong.
 */
class HostileInputApiTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Names in paths that nothing in the ledger is called: a request that slipped through finds nothing. */
    private static final String NOBODY = "nobody-1";

    private static final String NO_INSTITUTION = "91110000MA0000000N";
    private static final int JSON_BODY_LIMIT = 1_048_576;
    private static final int BANK_BODY_LIMIT = 8_388_608;

    /** Strings no field of the contract may hold. */
    private static final List<String> HOSTILE_TEXT = List.of(
            "x".repeat(5_000),
            "nul\u0000byte",
            "escape\u001b[31mred",
            "line\r\nbreak",
            "'; drop table institution; --",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1/x}",
            "../../etc/passwd",
            "\uD800");
    /** Values no money or hours field may hold. */
    private static final List<JsonNode> HOSTILE_NUMBERS = List.of(
            NODES.textNode("100"),
            NODES.numberNode(100.5),
            NODES.numberNode(-1),
            NODES.numberNode(0),
            NODES.numberNode(new java.math.BigInteger("9223372036854775808")),
            NODES.numberNode(new java.math.BigDecimal("1e400")),
            NODES.booleanNode(true),
            NODES.objectNode());
    /** Values no date field may hold. */
    private static final List<String> HOSTILE_DATES =
            List.of("2026-02-30", "2026-13-01", "2026/03/02", "20260302", "2026-3-2", "2026-03-02T00:00:00+08:00", "");
    /** Values no time field may hold: impossible times, no offset, an offset out of range, a zone name. */
    private static final List<JsonNode> HOSTILE_TIMES = List.of(
            NODES.textNode("2026-03-02T25:00:00+08:00"),
            NODES.textNode("2026-03-02T10:00:00"),
            NODES.textNode("2026-03-02T10:00:00+25:00"),
            NODES.textNode("2026-03-02 10:00:00+08:00"),
            NODES.textNode("2026-03-02T10:00:00Z[Asia/Shanghai]"),
            NODES.textNode("2026-02-30T10:00:00+08:00"),
            NODES.numberNode(1_767_225_600L),
            NODES.textNode(""));
    /** Whole bodies that are no request at all. */
    private static final List<String> BROKEN_BODIES =
            List.of("", "{", "{\"a\":", "[]", "null", "\"text\"", "42", "{} trailing", "\uFEFF{}");
    /** No body, null, or a byte-order mark before {}: a lawful run of the release, as its body is optional. */
    private static final Set<String> LAWFUL_RUN_BODIES = Set.of("", "null", "\uFEFF{}");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private final HttpClient client = HttpClient.newHttpClient();
    private BankSigner signer;
    private final String everyRole =
            Tokens.token("hostile", List.of("PLATFORM", "BANK", "INSTITUTION", "REGULATOR"), NO_INSTITUTION);

    /** One request; {@code status} is the one answer it must get, or 0 where any 4xx will do. */
    private record Case(String name, String method, String path, String contentType, byte[] body, int status) {}

    @TestFactory
    Stream<DynamicTest>
            given_hostile_requests_at_every_endpoint_when_sent_then_each_is_a_4xx_problem_and_the_books_are_unchanged() {
        signer = new BankSigner(Tokens.BANK_HMAC_SECRET, clock);
        List<Case> cases = new ArrayList<>();
        Map<String, ObjectNode> lawful = lawfulBodies();
        int endpoints = 0;
        int fields = 0;
        for (JsonEndpoints.Endpoint endpoint : JsonEndpoints.of(mappings)) {
            ObjectNode body = lawful.get(endpoint.pattern());
            assertThat(body)
                    .as("a lawful body for " + endpoint.pattern() + " in this test's table")
                    .isNotNull();
            String path = endpoint.pattern()
                    .replaceAll("\\{institutionId}", NO_INSTITUTION)
                    .replaceAll("\\{[^}]+}", NOBODY);
            wholeBodies(cases, path, body, endpoints++);
            for (JsonEndpoints.Field field : JsonEndpoints.fields(endpoint.body())) {
                int rotation = fields++;
                fieldValues(field, endpoint.pattern(), rotation)
                        .forEach((what, value) -> cases.add(json(
                                endpoint.pattern() + " " + field.path() + " = " + what,
                                path,
                                with(body, field.path(), value),
                                value.isTextual() && value.asText().chars().anyMatch(Character::isISOControl)
                                        ? 400
                                        : 0)));
            }
        }
        // PostgreSQL takes no NUL in text: a new institution named with one must be refused, not fail the insert.
        ObjectNode nul = object(Map.of(
                "institutionId",
                newCreditCode(),
                "name",
                "nul\u0000byte",
                "category",
                "ARTS",
                "supervisionModel",
                "BANK_CUSTODY",
                "custodyAccountNo",
                newAccountNo()));
        cases.add(json("a new institution named with a NUL", "/v1/institutions", nul, 400));
        oddPaths(cases);
        hostileQueries(cases);
        hostileStatements(cases);
        assertThat(cases).as("the corpus is large enough to mean something").hasSizeGreaterThanOrEqualTo(200);

        Map<String, Integer> before = books();
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(
                    c.name().length() > 200 ? c.name().substring(0, 200) : c.name(),
                    () -> assertRefusedWithProblem(c)));
        }
        tests.add(DynamicTest.dynamicTest(
                "the books after " + cases.size() + " hostile requests",
                () -> assertThat(books()).isEqualTo(before)));
        return tests.stream();
    }

    // ------------------------------------------------------------------------------ the corpus

    /** Whole bodies that are no request, each endpoint a different share of them; content types; size. */
    private void wholeBodies(List<Case> cases, String path, ObjectNode lawful, int rotation) {
        for (int i = 0; i < BROKEN_BODIES.size(); i++) {
            String broken = BROKEN_BODIES.get(i);
            boolean lawfulRun = path.equals("/v1/disbursements/run") && LAWFUL_RUN_BODIES.contains(broken);
            if ((i + rotation) % 2 == 0 && !lawfulRun) {
                cases.add(raw(
                        "body " + JSON.valueToTree(broken) + " to " + path, "POST", path, "application/json", broken));
            }
        }
        ObjectNode unknown = lawful.deepCopy();
        unknown.put("amountFenn", 1);
        cases.add(json("an unknown field to " + path, path, unknown, 400));
        String twice = lawful.toString()
                .replaceFirst("\\{", "{\"" + lawful.fieldNames().next() + "\":\"first\",");
        cases.add(raw("a field twice to " + path, "POST", path, "application/json", twice));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded")) {
            cases.add(raw(type + " to " + path, "POST", path, type, lawful.toString()));
        }
        int limit = path.startsWith("/v1/bank/") ? BANK_BODY_LIMIT : JSON_BODY_LIMIT;
        if (path.equals("/v1/orders") || path.equals("/v1/bank/collections")) {
            cases.add(new Case(
                    "a body of " + (limit + 1) + " bytes to " + path,
                    "POST",
                    path,
                    "application/json",
                    ("{\"pad\":\"" + "x".repeat(limit) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    413));
        }
    }

    /** Per field, by its type: what the field can never be. */
    private Map<String, JsonNode> fieldValues(JsonEndpoints.Field field, String pattern, int rotation) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Class<?> type = field.type();
        if (type == String.class) {
            // Each string field gets a third of the hostile texts; across the fields every one is sent many times.
            for (int i = 0; i < HOSTILE_TEXT.size(); i++) {
                if ((i + rotation) % 3 == 0) {
                    String text = HOSTILE_TEXT.get(i);
                    values.put(JSON.valueToTree(text).toString(), NODES.textNode(text));
                }
            }
            values.put(rotation % 2 == 0 ? "{}" : "[]", rotation % 2 == 0 ? NODES.objectNode() : NODES.arrayNode());
        } else if (type == Long.class || type == Integer.class) {
            HOSTILE_NUMBERS.forEach(n -> values.put(n.toString(), n));
        } else if (type == java.time.LocalDate.class) {
            HOSTILE_DATES.forEach(d -> values.put("'" + d + "'", NODES.textNode(d)));
        } else if (type == OffsetDateTime.class) {
            if (pattern.equals("/v1/disbursements/run")) {
                values.put(
                        "a year ahead",
                        NODES.textNode(OffsetDateTime.now(clock).plusYears(1).toString()));
            }
            for (int i = 0; i < HOSTILE_TIMES.size(); i++) {
                if ((i + rotation) % 2 == 0) {
                    values.put(HOSTILE_TIMES.get(i).toString(), HOSTILE_TIMES.get(i));
                }
            }
        } else if (type.isEnum()) {
            values.put("\"NOT_A_VALUE\"", NODES.textNode("NOT_A_VALUE"));
            values.put(
                    "lower case",
                    NODES.textNode(type.getEnumConstants()[0].toString().toLowerCase()));
            values.put("1", NODES.numberNode(1));
        } else if (type.isRecord()) {
            values.put("\"text\"", NODES.textNode("text"));
            values.put("[]", NODES.arrayNode());
        } else if (List.class.isAssignableFrom(type)) {
            values.put("[]", NODES.arrayNode());
            values.put("[null]", NODES.arrayNode().addNull());
            values.put("{}", NODES.objectNode());
            values.put("1001 items", thousandAndOne());
        }
        // A run without asOf is a lawful run: the one null that would change the books.
        if (!pattern.equals("/v1/disbursements/run")) {
            values.put("null", NODES.nullNode());
        }
        return values;
    }

    private void oddPaths(List<Case> cases) {
        for (String path : List.of(
                "/v1//orders",
                "/V1/ORDERS",
                "/v1/orders/",
                "/v1/./orders",
                "/v1/orders/%2e%2e",
                "/v1/orders/..%2F..%2Fv1%2Finstitutions",
                "/v1/orders/%00",
                "/v1/orders/a%20b",
                "/v1/orders/" + "o".repeat(3_000),
                "/v1/orders;jsessionid=1",
                "/v1/institutions/%27%20or%201=1--",
                "/v1/accounts/NOT_A_TYPE:" + NO_INSTITUTION,
                "/v1/accounts/CUSTODY_CASH:%00",
                "/v1/accounts/CUSTODY_CASH:" + NO_INSTITUTION + ":x:y",
                "/v1/students/%3Cscript%3E/statement",
                "/v2/orders",
                "/v1/orders/" + NOBODY + "/cancel/extra")) {
            cases.add(raw("GET " + path, "GET", path, null, ""));
        }
        cases.add(raw("DELETE /v1/orders", "DELETE", "/v1/orders", null, ""));
        cases.add(raw("PUT /v1/institutions", "PUT", "/v1/institutions", "application/json", "{}"));
        cases.add(raw("GET on a POST endpoint", "GET", "/v1/disbursements/run", null, ""));
    }

    private void hostileQueries(List<Case> cases) {
        for (String query : List.of(
                "limit=-1",
                "limit=0",
                "limit=100000",
                "limit=abc",
                "limit=1.5",
                "status=DONE",
                "afterId=%00x",
                "afterId=" + "i".repeat(300),
                "limit=99999999999999999999")) {
            cases.add(raw("instructions?" + query, "GET", "/v1/bank/instructions?" + query, null, ""));
        }
        for (String query :
                List.of("afterSeq=-1", "afterSeq=abc", "afterSeq=99999999999999999999", "limit=0", "limit=1001")) {
            cases.add(raw("journal?" + query, "GET", "/v1/audit/journal?" + query, null, ""));
        }
        String settlement = "/v1/institutions/" + NO_INSTITUTION + "/settlement?asOf=";
        for (String asOf :
                List.of("garbage", "2026-02-30T00:00:00%2B08:00", "2026-03-02", "1767225600", "2026-03-02T10:00:00")) {
            cases.add(raw("settlement asOf=" + asOf, "GET", settlement + asOf, null, ""));
        }
        for (String query :
                List.of("from=x", "to=2026-13-01T00:00:00Z", "institutionId=lower-case", "afterId=%00", "limit=0")) {
            cases.add(raw("violations?" + query, "GET", "/v1/audit/violations?" + query, null, ""));
        }
        cases.add(raw("statement without institution", "GET", "/v1/students/" + NOBODY + "/statement", null, ""));
        cases.add(raw(
                "statement of a bad institution",
                "GET",
                "/v1/students/" + NOBODY + "/statement?institutionId=%00",
                null,
                ""));
        cases.add(raw("reconciliations limit=0", "GET", "/v1/reconciliations?limit=0", null, ""));
        cases.add(raw("reconciliation of a bad id", "GET", "/v1/reconciliations/%27%3B--", null, ""));
        cases.add(raw(
                "entries from after to",
                "GET",
                "/v1/accounts/CUSTODY_CASH:" + NO_INSTITUTION
                        + "/entries?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                null,
                ""));
        cases.add(raw("trial balance asOf=x", "GET", "/v1/audit/trial-balance?asOf=x", null, ""));
    }

    private void hostileStatements(List<Case> cases) {
        String csvHeader = "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n";
        Map<String, String> csv = new LinkedHashMap<>();
        csv.put("an empty statement", "");
        csv.put("a statement with a NUL", csvHeader + "62220000111122,2026-03-02,OPBD,0,\u0000,BOOK,false\n");
        csv.put("a negative amount", csvHeader + "62220000111122,2026-03-02,CRDT,-5,TXN-1,BOOK,false\n");
        csv.put("a fractional amount", csvHeader + "62220000111122,2026-03-02,CRDT,5.5,TXN-1,BOOK,false\n");
        csv.put(
                "an amount past a long",
                csvHeader + "62220000111122,2026-03-02,CRDT,99999999999999999999,T,BOOK,false\n");
        csv.put("a bad date", csvHeader + "62220000111122,2026-02-30,OPBD,0,,BOOK,false\n");
        csv.put("a formula", csvHeader + "=cmd|'/c calc'!A1,2026-03-02,OPBD,0,,BOOK,false\n");
        csv.put("an overlong line", csvHeader + "6".repeat(100_000) + ",2026-03-02,OPBD,0,,BOOK,false\n");
        csv.forEach((what, body) -> cases.add(raw("CSV: " + what, "POST", "/v1/bank/statements", "text/csv", body)));
        Map<String, String> xml = new LinkedHashMap<>();
        xml.put(
                "a billion laughs",
                "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">]><Document>&lol2;</Document>");
        xml.put(
                "an external entity",
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<Document>&x;</Document>");
        xml.put("XML that is not well-formed", "<Document><BkToCstmrStmt>");
        xml.put("another message", "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"/>");
        xml.put(
                "nesting 40 deep",
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\">" + "<a>".repeat(40)
                        + "</a>".repeat(40) + "</Document>");
        xml.forEach((what, body) ->
                cases.add(raw("camt.053: " + what, "POST", "/v1/bank/statements", "application/xml", body)));
        cases.add(raw("a statement as JSON", "POST", "/v1/bank/statements", "application/json", "{}"));
        cases.add(raw(
                "a statement over 8 MiB",
                "POST",
                "/v1/bank/statements",
                "text/csv",
                csvHeader + "x".repeat(BANK_BODY_LIMIT)));
    }

    // ------------------------------------------------------------------------------ lawful bodies

    /**
     * A request each endpoint would take, aimed where it can change nothing: at nothing that exists
     * where the path names something, and for a create at one made already, with other content. A
     * mutation that happens to be lawful is then a 404 or a 409, never a change to the books.
     */
    private Map<String, ObjectNode> lawfulBodies() {
        String now = OffsetDateTime.now(clock)
                .withOffsetSameInstant(ZoneOffset.ofHours(8))
                .minusMinutes(1)
                .toString();
        Institution made = newInstitution();
        String madeOrder = id("order");
        assertThat(placeOrder(madeOrder, made, "stu-1", course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        String madeReceipt = "TXN-" + id("h");
        assertThat(http.post(
                                "/v1/bank/collections",
                                Tokens.bank(),
                                collection(madeReceipt, madeOrder, 1, made.custodyAccountNo()))
                        .status())
                .isEqualTo(201);

        ObjectNode collection = object(Map.of(
                "bankTxnId",
                madeReceipt,
                "orderId",
                NOBODY,
                "amountFen",
                100,
                "custodyAccountNo",
                "62229999999999",
                "receivedAt",
                now));
        Map<String, ObjectNode> bodies = new LinkedHashMap<>();
        bodies.put(
                "/v1/institutions",
                object(Map.of(
                        "institutionId",
                        made.id(),
                        "name",
                        "Another Name",
                        "category",
                        "ARTS",
                        "supervisionModel",
                        "BANK_CUSTODY",
                        "custodyAccountNo",
                        newAccountNo())));
        bodies.put(
                "/v1/institutions/{institutionId}/status",
                object(Map.of("status", "SUSPENDED", "reason", "inspection")));
        bodies.put("/v1/institutions/{institutionId}/wind-down", object(Map.of("reason", "closing")));
        ObjectNode order = object(Map.of(
                "orderId",
                madeOrder,
                "institutionId",
                made.id(),
                "studentId",
                "stu-2",
                "contractNo",
                "another-contract"));
        order.set("course", JSON.valueToTree(course("piano", 15_000, 20)));
        bodies.put("/v1/orders", order);
        bodies.put("/v1/orders/{orderId}/lessons", JSON.valueToTree(lesson(id("lesson"), 1)));
        bodies.put("/v1/lessons/{lessonId}/confirmation", object(Map.of("decision", "DISPUTE", "reason", "absent")));
        bodies.put("/v1/lessons/{lessonId}/resolution", object(Map.of("outcome", "CONSUMED", "reason", "heard")));
        bodies.put("/v1/orders/{orderId}/refunds", object(Map.of("refundId", id("refund"), "reason", "moving")));
        bodies.put("/v1/refunds/{refundId}/decision", object(Map.of("decision", "CONTEST", "reason", "taught")));
        bodies.put("/v1/refunds/{refundId}/resolution", object(Map.of("outcome", "DENY", "reason", "heard")));
        bodies.put("/v1/disbursements/run", object(Map.of("asOf", now)));
        bodies.put("/v1/bank/collections", collection);
        ObjectNode batch = NODES.objectNode();
        batch.putArray("items").add(collection.deepCopy());
        bodies.put("/v1/bank/collections/batch", batch);
        bodies.put(
                "/v1/bank/instructions/{instructionId}/result",
                object(Map.of("outcome", "FAILED", "bankTxnId", "OUT-1", "executedAt", now, "reason", "closed")));
        bodies.put(
                "/v1/instructions/{instructionId}/resolution", object(Map.of("payeeRef", "TXN-1", "reason", "found")));
        return bodies;
    }

    private static ObjectNode object(Map<String, Object> fields) {
        return JSON.valueToTree(new LinkedHashMap<>(fields));
    }

    private static ObjectNode with(ObjectNode lawful, String path, JsonNode value) {
        ObjectNode body = lawful.deepCopy();
        ObjectNode at = body;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            String step = steps[i];
            at = (ObjectNode)
                    (step.endsWith("[0]")
                            ? at.get(step.substring(0, step.length() - 3)).get(0)
                            : at.get(step));
        }
        at.set(steps[steps.length - 1], value);
        return body;
    }

    private static ArrayNode thousandAndOne() {
        ArrayNode items = NODES.arrayNode();
        for (int i = 0; i < 1001; i++) {
            items.addObject().put("bankTxnId", "T" + i);
        }
        return items;
    }

    // ------------------------------------------------------------------------------ sending

    private Case json(String name, String path, JsonNode body, int status) {
        return new Case(
                name,
                "POST",
                path,
                "application/json",
                body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                status);
    }

    private static Case raw(String name, String method, String path, String contentType, String body) {
        return new Case(name, method, path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0);
    }

    private void assertRefusedWithProblem(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + c.path()))
                .header("Authorization", "Bearer " + everyRole)
                .method(
                        c.method(),
                        c.body().length == 0 && c.method().equals("GET")
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        if (c.contentType() != null) {
            request.header("Content-Type", c.contentType());
        }
        if (c.path().startsWith("/v1/bank/")) {
            signer.headers(clock.instant().getEpochSecond(), c.method(), c.path(), c.contentType(), signable(c))
                    .forEach(request::header);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

        String answer = c.name() + " answered " + response.statusCode() + " " + response.body();
        assertThat(response.statusCode()).as(answer).isBetween(400, 499);
        if (c.status() != 0) {
            assertThat(response.statusCode()).as(answer).isEqualTo(c.status());
        }
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as(answer)
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("code").asText()).as(answer).isNotBlank();
        assertThat(problem.path("status").asInt()).as(answer).isEqualTo(response.statusCode());
    }

    /** A bank call is signed over its body as sent; the ledger reads the body as UTF-8 bytes. */
    private static String signable(Case c) {
        return new String(c.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private Map<String, Integer> books() {
        Map<String, Integer> counts = new LinkedHashMap<>(footprint());
        for (String table : Set.of("idempotency_record", "reconciliation", "bank_instruction", "long_operation")) {
            counts.put(table, db.fetchCount(DSL.table(DSL.name(table))));
        }
        return counts;
    }
}
