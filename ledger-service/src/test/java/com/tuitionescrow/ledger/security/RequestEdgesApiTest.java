package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.RawHttp;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests no client of the contract sends, which the layers in front of the ledger could each read
 * their own way: they are refused with a problem, never answered as someone.
 */
class RequestEdgesApiTest extends LedgerIntegrationTest {

    @Test
    void given_two_authorization_headers_then_the_request_is_unauthenticated_whichever_comes_first() {
        String order = "/v1/orders/" + id("order");
        for (List<String> tokens : List.of(
                List.of(Tokens.platform(), "not-a-token"),
                List.of("not-a-token", Tokens.platform()),
                List.of(Tokens.platform(), Tokens.regulator()))) {
            RawHttp.Answer answer = RawHttp.send(
                    port,
                    "GET",
                    order,
                    List.of("Authorization: Bearer " + tokens.get(0), "Authorization: Bearer " + tokens.get(1)),
                    "");

            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).contains("UNAUTHENTICATED");
        }
        assertThat(RawHttp.send(port, "GET", order, List.of("Authorization: Bearer " + Tokens.platform()), "")
                        .status())
                .as("one header, the same token: the order is simply not there")
                .isEqualTo(404);
    }

    @Test
    void given_a_request_the_firewall_rejects_then_it_is_a_REQUEST_REJECTED_problem_and_not_a_container_page() {
        RawHttp.Answer answer = RawHttp.send(
                port,
                "FOO",
                "/v1/orders",
                List.of("Authorization: Bearer " + Tokens.platform(), "Content-Type: application/json"),
                "{}");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"code\":\"REQUEST_REJECTED\"");
    }
}
