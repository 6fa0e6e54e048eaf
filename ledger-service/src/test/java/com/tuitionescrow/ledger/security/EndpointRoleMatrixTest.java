package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint, called by every kind of caller: the status each one gets is the security model,
 * written down as a table. An endpoint added without a row fails {@link #every_endpoint_has_a_row}.
 *
 * <p>Who sees what: a role an endpoint does not list gets 403. An INSTITUTION token reaches only its
 * own institution: a resource addressed by its own id (order, lesson, refund) of another
 * institution is 404, so its existence is not revealed; an institution addressed by id (its
 * record, settlement, accounts) is 403. Allowed calls carry a body that fails validation, so the
 * matrix checks the door without changing the books; a call's status then only has to show it was
 * let in (neither 401 nor 403).
 */
class EndpointRoleMatrixTest extends LedgerIntegrationTest {

    enum CallerKind {
        ANONYMOUS,
        PLATFORM,
        BANK,
        INSTITUTION,
        OTHER_INSTITUTION,
        REGULATOR
    }

    /** What another institution's token gets where INSTITUTION tokens are let in. */
    enum Foreign {
        FORBIDDEN,
        HIDDEN
    }

    private record Row(
            HttpMethod method,
            String pattern,
            Set<CallerKind> allowed,
            Foreign foreign,
            String foreignBody,
            String invalidBody) {
        /** The same row, let in with a body that fails validation in another way than {@code {}}. */
        Row invalidWith(String body) {
            return new Row(method, pattern, allowed, foreign, foreignBody, body);
        }
    }

    private static final Set<CallerKind> PUBLIC = EnumSet.allOf(CallerKind.class);
    private static final String INVALID = "{}";

    private static final List<Row> ROWS = List.of(
            row(POST, "/v1/institutions", kinds(CallerKind.REGULATOR)),
            scoped(GET, "/v1/institutions/{institutionId}", Foreign.FORBIDDEN, null, CallerKind.REGULATOR),
            row(POST, "/v1/institutions/{institutionId}/status", kinds(CallerKind.REGULATOR)),
            row(POST, "/v1/institutions/{institutionId}/wind-down", kinds(CallerKind.REGULATOR)),
            scoped(GET, "/v1/institutions/{institutionId}/settlement", Foreign.FORBIDDEN, null, CallerKind.REGULATOR),
            row(POST, "/v1/orders", kinds(CallerKind.PLATFORM)),
            scoped(GET, "/v1/orders/{orderId}", Foreign.HIDDEN, null, CallerKind.PLATFORM, CallerKind.REGULATOR),
            row(POST, "/v1/orders/{orderId}/cancel", kinds(CallerKind.PLATFORM)),
            scoped(POST, "/v1/orders/{orderId}/lessons", Foreign.HIDDEN, "LESSON"),
            row(POST, "/v1/orders/{orderId}/refunds", kinds(CallerKind.PLATFORM)),
            row(POST, "/v1/lessons/{lessonId}/confirmation", kinds(CallerKind.PLATFORM)),
            row(POST, "/v1/lessons/{lessonId}/resolution", kinds(CallerKind.REGULATOR)),
            scoped(POST, "/v1/refunds/{refundId}/decision", Foreign.HIDDEN, "{\"decision\":\"APPROVE\"}"),
            row(POST, "/v1/refunds/{refundId}/resolution", kinds(CallerKind.REGULATOR)),
            scoped(GET, "/v1/refunds/{refundId}", Foreign.HIDDEN, null, CallerKind.PLATFORM, CallerKind.REGULATOR),
            // An empty body is a valid run; a number for asOf is not.
            row(POST, "/v1/disbursements/run", kinds(CallerKind.PLATFORM, CallerKind.REGULATOR))
                    .invalidWith("{\"asOf\":1}"),
            row(GET, "/v1/disbursements/runs/{runId}", kinds(CallerKind.PLATFORM, CallerKind.REGULATOR)),
            row(GET, "/v1/institutions/{institutionId}/wind-down", kinds(CallerKind.REGULATOR)),
            row(POST, "/v1/bank/collections", kinds(CallerKind.BANK)),
            row(POST, "/v1/bank/collections/batch", kinds(CallerKind.BANK)),
            row(GET, "/v1/bank/instructions", kinds(CallerKind.BANK)),
            row(POST, "/v1/bank/instructions/{instructionId}/result", kinds(CallerKind.BANK)),
            row(GET, "/v1/instructions", kinds(CallerKind.REGULATOR)),
            row(POST, "/v1/instructions/{instructionId}/resolution", kinds(CallerKind.REGULATOR)),
            // A JSON body is no statement (415): the bank is let in all the same.
            row(POST, "/v1/bank/statements", kinds(CallerKind.BANK)),
            // Without institutionId every institution lists its own reports.
            row(
                    GET,
                    "/v1/reconciliations",
                    kinds(CallerKind.REGULATOR, CallerKind.INSTITUTION, CallerKind.OTHER_INSTITUTION)),
            scoped(GET, "/v1/reconciliations/{statementId}", Foreign.HIDDEN, null, CallerKind.REGULATOR),
            row(GET, "/v1/students/{studentId}/statement", kinds(CallerKind.PLATFORM, CallerKind.REGULATOR)),
            scoped(GET, "/v1/accounts/{accountCode}", Foreign.FORBIDDEN, null, CallerKind.REGULATOR),
            scoped(GET, "/v1/accounts/{accountCode}/entries", Foreign.FORBIDDEN, null, CallerKind.REGULATOR),
            row(GET, "/v1/audit/trial-balance", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/journal", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/verification", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/violations", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/institutions", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/institutions/ranking", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/journal/search", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/checkpoints", kinds(CallerKind.REGULATOR)),
            row(POST, "/v1/audit/checkpoints", kinds(CallerKind.REGULATOR)),
            row(GET, "/v1/audit/checkpoint-key", kinds(CallerKind.REGULATOR)),
            // Without institutionId every institution lists its own lessons and refunds.
            row(GET, "/v1/lessons", kinds(CallerKind.REGULATOR, CallerKind.INSTITUTION, CallerKind.OTHER_INSTITUTION)),
            row(GET, "/v1/refunds", kinds(CallerKind.REGULATOR, CallerKind.INSTITUTION, CallerKind.OTHER_INSTITUTION)),
            scoped(
                    GET,
                    "/v1/institutions/{institutionId}/custody-history",
                    Foreign.FORBIDDEN,
                    null,
                    CallerKind.REGULATOR),
            scoped(
                    GET,
                    "/v1/institutions/{institutionId}/weekly-activity",
                    Foreign.FORBIDDEN,
                    null,
                    CallerKind.REGULATOR),
            row(GET, "/actuator/health", PUBLIC),
            row(GET, "/actuator/prometheus", kinds(CallerKind.REGULATOR)),
            row(GET, "/v3/api-docs", PUBLIC));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void every_endpoint_has_a_row() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("com.tuitionescrow.ledger")) {
                info.getMethodsCondition()
                        .getMethods()
                        .forEach(method -> info.getPatternValues().stream()
                                // The API's; the console's page (/console/) holds no data, like its scripts.
                                .filter(pattern -> pattern.startsWith("/v1/"))
                                .forEach(pattern -> served.add(method + " " + pattern)));
            }
        });
        Set<String> tabled = ROWS.stream()
                .filter(r -> r.pattern().startsWith("/v1/"))
                .map(r -> r.method() + " " + r.pattern())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(tabled)
                .as("the matrix has one row per endpoint the service serves")
                .isEqualTo(served);
    }

    @TestFactory
    Stream<DynamicTest> every_caller_at_every_endpoint() {
        Fixture fixture = new Fixture();
        List<DynamicTest> cells = new ArrayList<>();
        for (Row row : ROWS) {
            for (CallerKind caller : CallerKind.values()) {
                cells.add(DynamicTest.dynamicTest(
                        row.method() + " " + row.pattern() + " as " + caller, () -> assertCell(row, caller, fixture)));
            }
        }
        return cells.stream();
    }

    private void assertCell(Row row, CallerKind caller, Fixture fixture) {
        boolean foreign = caller == CallerKind.OTHER_INSTITUTION
                && row.allowed().contains(CallerKind.INSTITUTION)
                && row.foreign() != null;
        String body = foreign && row.foreignBody() != null ? fixture.body(row.foreignBody()) : row.invalidBody();
        Http.Response response = send(row, fixture.path(row.pattern()), fixture.token(caller), body);

        String cell = row.method() + " " + row.pattern() + " as " + caller + " answered " + response;
        if (row.allowed() == PUBLIC) {
            assertThat(response.status()).as(cell).isNotIn(401, 403);
        } else if (caller == CallerKind.ANONYMOUS) {
            assertThat(response.status()).as(cell).isEqualTo(401);
        } else if (foreign) {
            assertThat(response.status()).as(cell).isEqualTo(row.foreign() == Foreign.HIDDEN ? 404 : 403);
        } else if (row.allowed().contains(caller)) {
            assertThat(response.status()).as(cell).isNotIn(401, 403);
        } else {
            assertThat(response.status()).as(cell).isEqualTo(403);
            assertThat(response.code()).as(cell).isEqualTo("FORBIDDEN");
        }
    }

    private Http.Response send(Row row, String path, String token, String body) {
        return row.method() == GET ? http.get(path, token) : http.postRaw(path, token, body);
    }

    private static Row row(HttpMethod method, String pattern, Set<CallerKind> allowed) {
        return new Row(method, pattern, allowed, null, null, INVALID);
    }

    /** An endpoint INSTITUTION tokens reach for their own institution, besides the roles listed. */
    private static Row scoped(
            HttpMethod method, String pattern, Foreign foreign, String foreignBody, CallerKind... others) {
        Set<CallerKind> allowed = EnumSet.of(CallerKind.INSTITUTION);
        allowed.addAll(List.of(others));
        return new Row(method, pattern, allowed, foreign, foreignBody, INVALID);
    }

    private static Set<CallerKind> kinds(CallerKind... kinds) {
        return EnumSet.copyOf(List.of(kinds));
    }

    /**
     * One institution with an order, a lesson, a pending refund, an instruction and a reconciled
     * statement; and a second one.
     */
    private final class Fixture {
        final Institution mine = newInstitution();
        final Institution theirs = newInstitution();
        final String student = id("stu");
        final String orderId = paidOrder(mine, student, course("piano", 15_000, 20));
        final String lessonId = id("lesson");
        final String refundId;
        final String instructionId;
        final String runId;
        final String statementId;

        Fixture() {
            assertThat(reportLesson(mine, orderId, lesson(lessonId, 1)).status())
                    .isEqualTo(201);
            String refundedOrder = paidOrder(mine, student, course("violin", 10_000, 10));
            refundId = id("refund");
            assertThat(http.post(
                                    "/v1/orders/" + refundedOrder + "/refunds",
                                    Tokens.platform(),
                                    Map.of("refundId", refundId, "reason", "moving"))
                            .status())
                    .isEqualTo(201);
            collect(id("no-such-order"), 1_000, mine.custodyAccountNo());
            JsonNode run = http.post("/v1/disbursements/run", Tokens.regulator(), Map.of())
                    .body();
            runId = run.get("runId").asText();
            instructionId = run.get("instructions").get(0).get("instructionId").asText();
            String day = today().toString();
            statementId = http.postRaw(
                            "/v1/bank/statements",
                            Tokens.bank(),
                            "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n"
                                    + mine.custodyAccountNo() + "," + day + ",OPBD,0,,BOOK,false\n"
                                    + mine.custodyAccountNo() + "," + day + ",CLBD,0,,BOOK,false\n",
                            "text/csv")
                    .body()
                    .get("statementId")
                    .asText();
        }

        String path(String pattern) {
            return pattern.replace("{institutionId}", mine.id())
                    .replace("{orderId}", orderId)
                    .replace("{lessonId}", lessonId)
                    .replace("{refundId}", refundId)
                    .replace("{instructionId}", instructionId)
                    .replace("{runId}", runId)
                    .replace("{statementId}", statementId)
                    .replace("{studentId}", student)
                    .replace("{accountCode}", "CUSTODY_CASH:" + mine.id());
        }

        String body(String name) {
            if (name.equals("LESSON")) {
                Map<String, Object> lesson = lesson(id("lesson"), 1);
                return "{\"lessonId\":\"" + lesson.get("lessonId") + "\",\"hours\":1,\"startedAt\":\""
                        + lesson.get("startedAt") + "\",\"endedAt\":\"" + lesson.get("endedAt") + "\"}";
            }
            return name;
        }

        String token(CallerKind caller) {
            return switch (caller) {
                case ANONYMOUS -> null;
                case PLATFORM -> Tokens.platform();
                case BANK -> Tokens.bank();
                case INSTITUTION -> Tokens.institution(mine.id());
                case OTHER_INSTITUTION -> Tokens.institution(theirs.id());
                case REGULATOR -> Tokens.regulator();
            };
        }
    }
}
