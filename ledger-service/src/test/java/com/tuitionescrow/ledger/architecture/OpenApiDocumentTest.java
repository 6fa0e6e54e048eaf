package com.tuitionescrow.ledger.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document committed in ledger-api is the one the service serves, byte for byte once
 * pretty-printed. After changing the contract, regenerate it with
 * {@code mvn verify -pl ledger-service -am -Dtest=OpenApiDocumentTest -Dopenapi.update=true}.
 */
class OpenApiDocumentTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void the_committed_contract_is_the_served_contract() throws Exception {
        Http.Response served = http.get("/v3/api-docs", null);
        assertThat(served.status()).isEqualTo(200);
        String servedText = JSON.writeValueAsString(JSON.treeToValue(served.body(), Object.class)) + "\n";
        Path committed = Path.of(System.getProperty("openapi.document"));

        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(committed, servedText);
        }

        assertThat(Files.readString(committed))
                .as("ledger-api's OpenAPI document differs from the served one; regenerate it with -Dopenapi.update=true")
                .isEqualTo(servedText);
        JsonNode paths = served.body().get("paths");
        assertThat(paths.fieldNames()).toIterable().contains("/v1/institutions", "/v1/orders", "/v1/bank/collections",
                "/v1/orders/{orderId}/lessons", "/v1/audit/trial-balance");
    }
}
