package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.RawHttp;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A path has one spelling (docs/api.md, "Conventions"): every other spelling of a bank endpoint,
 * sent with a BANK token and no signature, is refused before it reaches anything that could record,
 * so that no check decides on another path than the router. The bank endpoints are read from the
 * router itself, so a new one is covered without being listed here.
 */
class CanonicalPathApiTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** A bank endpoint: its method, a concrete path of its pattern, and a body it would act on. */
    private record BankCall(String method, String path, String contentType, String body) {}

    @TestFactory
    Stream<DynamicTest>
            given_any_other_spelling_of_a_bank_endpoint_with_a_bank_token_and_no_signature_then_it_is_refused_and_nothing_is_written()
                    throws Exception {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        String receipt = JSON.writeValueAsString(collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));
        List<BankCall> calls = bankCalls(receipt);
        assertThat(calls)
                .extracting(BankCall::path)
                .contains(
                        "/v1/bank/collections",
                        "/v1/bank/collections/batch",
                        "/v1/bank/instructions",
                        "/v1/bank/statements");
        Map<String, Integer> before = footprint();

        List<DynamicTest> tests = new ArrayList<>();
        for (BankCall call : calls) {
            tests.add(DynamicTest.dynamicTest(call.method() + " " + call.path() + " as written, unsigned", () -> {
                RawHttp.Answer answer = send(call, call.path());
                assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
                assertThat(answer.body()).contains("SIGNATURE_INVALID");
            }));
            spellings(call.path())
                    .forEach((name, spelling) -> tests.add(DynamicTest.dynamicTest(
                            call.method() + " " + call.path() + " " + name + ": " + spelling, () -> {
                                RawHttp.Answer answer = send(call, spelling);
                                assertThat(answer.status())
                                        .as(answer.toString())
                                        .isIn(400, 401);
                                assertThat(answer.contentType())
                                        .as(answer.toString())
                                        .startsWith("application/problem+json");
                                assertThat(footprint()).isEqualTo(before);
                                assertThat(order(orderId).get("status").asText())
                                        .isEqualTo("AWAITING_PAYMENT");
                            })));
        }
        return tests.stream();
    }

    @Test
    void
            given_other_spellings_of_an_endpoint_that_is_not_the_banks_then_they_are_PATH_NOT_CANONICAL_and_the_console_keeps_its_folder() {
        String order = "/v1/orders/" + id("order");
        for (String spelling : List.of(
                order + "/",
                "/v1/orders/x/.." + order.substring("/v1/orders".length()),
                "/v1/ORDERS/" + order.substring("/v1/orders/".length()),
                "/v1/%6Frders/x",
                "/v1/orders;a=b/x")) {
            RawHttp.Answer answer =
                    RawHttp.send(port, "GET", spelling, List.of("Authorization: Bearer " + Tokens.platform()), "");
            assertThat(answer.status()).as(spelling + " " + answer).isEqualTo(400);
            assertThat(answer.body()).as(spelling).contains("PATH_NOT_CANONICAL");
        }
        assertThat(RawHttp.send(port, "GET", "/console/", List.of(), "").status())
                .isEqualTo(200);
    }

    private RawHttp.Answer send(BankCall call, String target) {
        return RawHttp.send(
                port,
                call.method(),
                target,
                List.of("Authorization: Bearer " + Tokens.bank(), "Content-Type: " + call.contentType()),
                call.body());
    }

    private List<BankCall> bankCalls(String receipt) {
        List<BankCall> calls = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "RFD-" + id("refund"));
                if (!path.startsWith("/v1/bank/")) {
                    continue;
                }
                for (RequestMethod method : info.getMethodsCondition().getMethods()) {
                    calls.add(call(method.name(), path, receipt));
                }
            }
        }
        return calls;
    }

    /** A body the endpoint would act on if it were reached: a receipt that pays the order, a result, a file. */
    private BankCall call(String method, String path, String receipt) {
        if (method.equals("GET")) {
            return new BankCall(method, path, "application/json", "");
        }
        if (path.endsWith("/statements")) {
            return new BankCall(
                    method, path, "text/csv", "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n");
        }
        if (path.endsWith("/batch")) {
            return new BankCall(method, path, "application/json", "{\"items\":[" + receipt + "]}");
        }
        if (path.endsWith("/result")) {
            return new BankCall(method, path, "application/json", "{\"outcome\":\"EXECUTED\",\"bankTxnId\":\"OUT-1\"}");
        }
        return new BankCall(method, path, "application/json", receipt);
    }

    /** Every other way to write the path: each kind the router, the role rules or Tomcat read as the same route. */
    private static Map<String, String> spellings(String path) {
        String rest = path.substring("/v1/bank/".length());
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("a percent-encoded letter", "/v1/%62ank/" + rest);
        spellings.put(
                "a percent-encoded letter at the end",
                path.substring(0, path.length() - 1) + "%" + Integer.toHexString(path.charAt(path.length() - 1)));
        spellings.put("an encoded slash", "/v1/bank%2F" + rest);
        spellings.put("an encoded dot segment", "/v1/bank/%2e/" + rest);
        spellings.put("a dot segment", "/v1/bank/./" + rest);
        spellings.put("a dot-dot segment", "/v1/other/../bank/" + rest);
        spellings.put("a doubled slash", "/v1//bank/" + rest);
        spellings.put("a doubled slash inside", "/v1/bank//" + rest);
        spellings.put("a leading doubled slash", "//v1/bank/" + rest);
        spellings.put("a path parameter", "/v1/bank;x=1/" + rest);
        spellings.put("a session id", path + ";jsessionid=0123");
        spellings.put("a trailing slash", path + "/");
        spellings.put("upper case", "/v1/BANK/" + rest);
        spellings.put("mixed case", "/V1/Bank/" + rest);
        spellings.put("upper case at the end", "/v1/bank/" + rest.toUpperCase(java.util.Locale.ROOT));
        spellings.put("a backslash", "/v1/bank\\" + rest);
        spellings.put("an encoded backslash", "/v1/bank%5C" + rest);
        spellings.put("an encoded percent", "/v1/%2562ank/" + rest);
        return spellings;
    }
}
