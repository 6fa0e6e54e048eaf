package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.support.BankSigner;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bank calls carry a body signature (docs/api.md): HMAC-SHA256 over timestamp and raw body. A call that
 * is unsigned, signed wrongly, stale or replayed is refused with 401 and records nothing.
 */
class BankSignatureApiTest extends LedgerIntegrationTest {

    private static final String PATH = "/v1/bank/collections";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Institution school;
    private String orderId;
    private String body;
    private BankSigner signer;

    @BeforeEach
    void anUnpaidOrder() throws Exception {
        school = newInstitution();
        orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20)).status()).isEqualTo(201);
        body = JSON.writeValueAsString(collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));
        signer = new BankSigner(Tokens.BANK_HMAC_SECRET, clock);
    }

    @Test
    void given_a_call_without_signature_headers_then_it_is_refused_as_invalid_and_nothing_is_recorded() {
        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body, Map.of()), "SIGNATURE_INVALID");
        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body,
                Map.of(BankSigner.TIMESTAMP, Long.toString(now()))), "SIGNATURE_INVALID");
    }

    @Test
    void given_a_signature_made_with_another_secret_then_it_is_refused_as_invalid() {
        BankSigner impostor = new BankSigner("a-secret-the-ledger-never-heard-of-0123456789", clock);

        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body, impostor.headers(now(), body)),
                "SIGNATURE_INVALID");
    }

    @Test
    void given_a_body_changed_after_signing_then_it_is_refused_as_invalid() {
        Map<String, String> headers = signer.headers(now(), body);
        String altered = body.replace("300000", "3000000");

        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), altered, headers), "SIGNATURE_INVALID");
    }

    @Test
    void given_a_signature_header_that_is_not_sha256_hex_then_it_is_refused_as_invalid() {
        Map<String, String> headers = new HashMap<>(signer.headers(now(), body));
        headers.put(BankSigner.SIGNATURE, headers.get(BankSigner.SIGNATURE).replace("sha256=", "md5="));

        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body, headers), "SIGNATURE_INVALID");
    }

    @Test
    void given_a_timestamp_more_than_300_seconds_away_then_it_is_refused_as_stale_and_299_seconds_is_accepted() {
        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body, signer.headers(now() - 301, body)),
                "SIGNATURE_STALE");
        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body, signer.headers(now() + 301, body)),
                "SIGNATURE_STALE");

        Http.Response accepted = http.postWithHeaders(PATH, Tokens.bank(), body, signer.headers(now() - 299, body));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(order(orderId).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void given_a_signed_call_received_twice_then_the_replay_is_refused_and_the_money_is_recorded_once() {
        Map<String, String> headers = signer.headers(now(), body);
        Http.Response first = http.postWithHeaders(PATH, Tokens.bank(), body, headers);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response replay = http.postWithHeaders(PATH, Tokens.bank(), body, headers);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.code()).isEqualTo("SIGNATURE_REPLAYED");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_two_signed_reads_in_the_same_second_then_both_are_answered_since_a_read_changes_nothing() {
        Map<String, String> headers = signer.headers(now(), "");

        Http.Response first = http.getWithHeaders("/v1/bank/instructions?limit=1", Tokens.bank(), headers);
        Http.Response second = http.getWithHeaders("/v1/bank/instructions?limit=1", Tokens.bank(), headers);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(http.getWithHeaders("/v1/bank/instructions?limit=1", Tokens.bank(), signer.headers(now() - 301, ""))
                .code()).isEqualTo("SIGNATURE_STALE");
    }

    @Test
    void given_a_secret_being_rotated_out_then_calls_signed_with_it_are_still_accepted() {
        BankSigner oldSigner = new BankSigner(Tokens.BANK_HMAC_SECRET_PREVIOUS, clock);

        Http.Response accepted = http.postWithHeaders(PATH, Tokens.bank(), body, oldSigner.headers(now(), body));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.body().get("status").asText()).isEqualTo("APPLIED");
    }

    @Test
    void given_a_correctly_signed_call_with_a_token_that_is_not_the_banks_then_it_is_forbidden() {
        Http.Response refused = http.postWithHeaders(PATH, Tokens.platform(), body, signer.headers(now(), body));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void given_a_body_beyond_the_limit_then_it_is_refused_as_too_large_and_nothing_is_recorded() {
        String huge = body.substring(0, body.length() - 1) + ",\"padding\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}";
        Map<String, Integer> before = footprint();

        Http.Response refused = http.postWithHeaders(PATH, Tokens.bank(), huge, signer.headers(now(), huge));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(footprint()).isEqualTo(before);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private void assertRefusedAndNothingRecorded(Http.Response response, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(db.fetchCount(org.jooq.impl.DSL.table("bank_collection"),
                org.jooq.impl.DSL.field("order_id").eq(orderId))).isZero();
    }
}
