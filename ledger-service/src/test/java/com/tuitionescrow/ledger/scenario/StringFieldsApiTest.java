package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.JsonEndpoints;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every string field of every JSON request takes a JSON string only: a number or a boolean in its
 * place is refused with 400 naming the field, before anything is read into the ledger. Walked from
 * the service's own mappings, so a new request type is covered without a line here.
 */
class StringFieldsApiTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Not a string, each in its own way: an integer, a fraction, a truth value. */
    private static final List<JsonNode> NOT_STRINGS = List.of(
            JSON.getNodeFactory().numberNode(-1),
            JSON.getNodeFactory().numberNode(1.5),
            JSON.getNodeFactory().booleanNode(true));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @TestFactory
    Stream<DynamicTest>
            given_any_string_field_when_a_number_or_boolean_is_sent_in_its_place_then_it_is_refused_naming_the_field() {
        String everyRole =
                Tokens.token("all-roles", List.of("PLATFORM", "BANK", "INSTITUTION", "REGULATOR"), newCreditCode());
        List<DynamicTest> cases = new ArrayList<>();
        for (JsonEndpoints.Endpoint endpoint : JsonEndpoints.of(mappings)) {
            String path = endpoint.pattern().replaceAll("\\{[^}]+}", "no-such-thing-1");
            for (JsonEndpoints.Field field : JsonEndpoints.fields(endpoint.body())) {
                if (field.type() != String.class) {
                    continue;
                }
                for (JsonNode value : NOT_STRINGS) {
                    cases.add(DynamicTest.dynamicTest(endpoint.pattern() + " " + field.path() + " = " + value, () -> {
                        Http.Response response = http.post(path, everyRole, bodyWith(field.path(), value));
                        assertThat(response.status()).as(response.toString()).isEqualTo(400);
                        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
                        assertThat(response.body().get("detail").asText())
                                .as(response.toString())
                                .isEqualTo(field.path() + " must be a JSON string");
                    }));
                }
            }
        }
        assertThat(cases).as("the walk finds the string fields").hasSizeGreaterThan(60);
        return cases.stream();
    }

    /** A body holding only the field, at its place: the type is checked before anything else is. */
    private static String bodyWith(String path, JsonNode value) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode at = root;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            String step = steps[i];
            if (step.endsWith("[0]")) {
                ArrayNode list = at.putArray(step.substring(0, step.length() - 3));
                at = list.addObject();
            } else {
                at = at.putObject(step);
            }
        }
        at.set(steps[steps.length - 1], value);
        return root.toString();
    }
}
