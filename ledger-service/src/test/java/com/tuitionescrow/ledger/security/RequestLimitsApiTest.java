package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every request is bounded: bodies (413), pages and batches (400). A refused request writes nothing. */
class RequestLimitsApiTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OVER_ONE_MIB = 1024 * 1024 + 1;

    @Test
    void given_a_body_declared_larger_than_one_mebibyte_then_it_is_refused_before_it_is_read() {
        String body = oversizedOrder();
        Map<String, Integer> before = footprint();

        Http.Response refused = http.postRaw("/v1/orders", Tokens.platform(), body);

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_body_sent_without_a_length_that_runs_past_the_limit_then_reading_stops_there() throws Exception {
        byte[] body = oversizedOrder().getBytes(StandardCharsets.UTF_8);
        Map<String, Integer> before = footprint();
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/orders"))
                .header("Authorization", "Bearer " + Tokens.platform())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> refused = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_a_page_larger_than_a_thousand_then_it_is_refused_and_a_thousand_is_served() {
        assertRefused(http.get("/v1/audit/journal?limit=1001", Tokens.regulator()), 400, "VALIDATION_FAILED");
        assertRefused(http.get("/v1/bank/instructions?limit=1001", Tokens.bank()), 400, "VALIDATION_FAILED");
        assertRefused(http.get("/v1/audit/journal?limit=0", Tokens.regulator()), 400, "VALIDATION_FAILED");

        assertThat(http.get("/v1/audit/journal?limit=1000", Tokens.regulator()).status())
                .isEqualTo(200);
    }

    /** A sale whose contract number is padded past the limit: a valid shape, an invalid size. */
    private String oversizedOrder() {
        Institution school = newInstitution();
        Map<String, Object> order =
                new java.util.LinkedHashMap<>(order(id("order"), school, id("stu"), course("piano", 15_000, 20)));
        order.put("contractNo", "c".repeat(OVER_ONE_MIB));
        try {
            return JSON.writeValueAsString(order);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
