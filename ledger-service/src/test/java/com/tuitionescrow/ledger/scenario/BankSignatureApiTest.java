package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.support.BankSigner;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.RawHttp;
import com.tuitionescrow.ledger.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bank calls carry a v2 signature (docs/api.md, "Bank signatures"): HMAC-SHA256 over the timestamp, the
 * method, the path and query, the content type and the raw body's hash. A call that is unsigned, signed
 * wrongly, for another path, query or content type, or stale is refused with 401 and records nothing; a
 * byte-identical resend gets the first answer.
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
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        body = JSON.writeValueAsString(collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));
        signer = new BankSigner(Tokens.BANK_HMAC_SECRET, clock);
    }

    @Test
    void given_a_call_without_signature_headers_then_it_is_refused_as_invalid_and_nothing_is_recorded() {
        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body, Map.of()), "SIGNATURE_INVALID");
        assertRefusedAndNothingRecorded(
                http.postWithHeaders(PATH, Tokens.bank(), body, Map.of(BankSigner.TIMESTAMP, Long.toString(now()))),
                "SIGNATURE_INVALID");
    }

    @Test
    void given_a_signature_made_with_another_secret_then_it_is_refused_as_invalid() {
        BankSigner impostor = new BankSigner("a-secret-the-ledger-never-heard-of-0123456789", clock);

        assertRefusedAndNothingRecorded(
                http.postWithHeaders(PATH, Tokens.bank(), body, impostor.jsonPost(now(), PATH, body)),
                "SIGNATURE_INVALID");
    }

    @Test
    void given_a_body_changed_after_signing_then_it_is_refused_as_invalid() {
        Map<String, String> headers = signer.jsonPost(now(), PATH, body);
        String altered = body.replace("300000", "3000000");

        assertRefusedAndNothingRecorded(
                http.postWithHeaders(PATH, Tokens.bank(), altered, headers), "SIGNATURE_INVALID");
    }

    @Test
    void given_a_signature_header_that_is_not_v2_hex_then_it_is_refused_as_invalid() {
        Map<String, String> headers = new HashMap<>(signer.jsonPost(now(), PATH, body));
        headers.put(BankSigner.SIGNATURE, headers.get(BankSigner.SIGNATURE).replace("v2=", "md5="));

        assertRefusedAndNothingRecorded(http.postWithHeaders(PATH, Tokens.bank(), body, headers), "SIGNATURE_INVALID");
    }

    @Test
    void given_the_retired_sha256_scheme_over_timestamp_and_body_then_it_is_refused_with_a_detail_asking_for_v2() {
        long now = now();
        Map<String, String> retired = Map.of(
                BankSigner.TIMESTAMP,
                Long.toString(now),
                BankSigner.SIGNATURE,
                "sha256=" + hmacHex(Tokens.BANK_HMAC_SECRET, now + "." + body));

        Http.Response refused = http.postWithHeaders(PATH, Tokens.bank(), body, retired);

        assertRefusedAndNothingRecorded(refused, "SIGNATURE_INVALID");
        assertThat(refused.body().get("detail").asText()).contains("v2");
    }

    @Test
    void given_a_signature_for_another_path_query_method_or_content_type_then_it_is_refused_as_invalid() {
        long now = now();
        assertRefusedAndNothingRecorded(
                http.postWithHeaders(PATH, Tokens.bank(), body, signer.jsonPost(now, PATH + "/batch", body)),
                "SIGNATURE_INVALID");
        assertRefusedAndNothingRecorded(
                http.postWithHeaders(PATH, Tokens.bank(), body, signer.jsonPost(now, PATH + "?x=1", body)),
                "SIGNATURE_INVALID");
        assertRefusedAndNothingRecorded(
                http.postWithHeaders(
                        PATH, Tokens.bank(), body, signer.headers(now, "PUT", PATH, "application/json", body)),
                "SIGNATURE_INVALID");
        assertRefusedAndNothingRecorded(
                http.postWithHeaders(
                        PATH,
                        Tokens.bank(),
                        body,
                        signer.headers(now, "POST", PATH, "application/json; charset=utf-8", body)),
                "SIGNATURE_INVALID");
        Map<String, String> signedForLimit1 = signer.headers(now, "GET", "/v1/bank/instructions?limit=1", null, "");
        assertThat(http.getWithHeaders("/v1/bank/instructions?limit=1", Tokens.bank(), signedForLimit1)
                        .status())
                .isEqualTo(200);
        assertRefused(
                http.getWithHeaders("/v1/bank/instructions?limit=2", Tokens.bank(), signedForLimit1),
                401,
                "SIGNATURE_INVALID");
    }

    @Test
    void given_a_timestamp_more_than_300_seconds_away_then_it_is_refused_as_stale_and_299_seconds_is_accepted() {
        assertRefusedAndNothingRecorded(
                http.postWithHeaders(PATH, Tokens.bank(), body, signer.jsonPost(now() - 301, PATH, body)),
                "SIGNATURE_STALE");
        assertRefusedAndNothingRecorded(
                http.postWithHeaders(PATH, Tokens.bank(), body, signer.jsonPost(now() + 301, PATH, body)),
                "SIGNATURE_STALE");

        Http.Response accepted =
                http.postWithHeaders(PATH, Tokens.bank(), body, signer.jsonPost(now() - 299, PATH, body));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(order(orderId).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void given_two_signature_or_timestamp_headers_one_of_them_right_then_the_call_is_refused_as_invalid() {
        Map<String, String> right = signer.jsonPost(now(), PATH, body);
        List<String> common = List.of("Authorization: Bearer " + Tokens.bank(), "Content-Type: application/json");
        List<String> twoSignatures = new ArrayList<>(common);
        twoSignatures.addAll(List.of(
                BankSigner.TIMESTAMP + ": " + right.get(BankSigner.TIMESTAMP),
                BankSigner.SIGNATURE + ": " + right.get(BankSigner.SIGNATURE),
                BankSigner.SIGNATURE + ": v2=" + "0".repeat(64)));
        List<String> twoTimestamps = new ArrayList<>(common);
        twoTimestamps.addAll(List.of(
                BankSigner.TIMESTAMP + ": " + right.get(BankSigner.TIMESTAMP),
                BankSigner.TIMESTAMP + ": " + (now() - 1),
                BankSigner.SIGNATURE + ": " + right.get(BankSigner.SIGNATURE)));

        for (List<String> headers : List.of(twoSignatures, twoTimestamps)) {
            RawHttp.Answer answer = RawHttp.send(port, "POST", PATH, headers, body);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.body()).contains("SIGNATURE_INVALID");
        }
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void
            given_a_bank_that_lost_the_answer_when_it_resends_the_byte_identical_signed_call_then_it_gets_the_first_answer_and_the_money_is_recorded_once() {
        Map<String, String> headers = signer.jsonPost(now(), PATH, body);
        Http.Response first = http.postWithHeaders(PATH, Tokens.bank(), body, headers);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response resent = http.postWithHeaders(PATH, Tokens.bank(), body, headers);

        assertThat(resent.status()).as(resent.toString()).isEqualTo(201);
        assertThat(resent.body()).isEqualTo(first.body());
        assertThat(footprint()).isEqualTo(before);
        assertThat(db.fetchCount(
                        org.jooq.impl.DSL.table("bank_collection"),
                        org.jooq.impl.DSL.field("order_id").eq(orderId)))
                .isEqualTo(1);
    }

    @Test
    void given_the_same_signed_read_twice_then_both_are_answered_and_a_stale_one_is_not() {
        String path = "/v1/bank/instructions?limit=1";
        Map<String, String> headers = signer.headers(now(), "GET", path, null, "");

        Http.Response first = http.getWithHeaders(path, Tokens.bank(), headers);
        Http.Response second = http.getWithHeaders(path, Tokens.bank(), headers);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(http.getWithHeaders(path, Tokens.bank(), signer.headers(now() - 301, "GET", path, null, ""))
                        .code())
                .isEqualTo("SIGNATURE_STALE");
    }

    @Test
    void given_a_secret_being_rotated_out_then_calls_signed_with_it_are_still_accepted() {
        BankSigner oldSigner = new BankSigner(Tokens.BANK_HMAC_SECRET_PREVIOUS, clock);

        Http.Response accepted = http.postWithHeaders(PATH, Tokens.bank(), body, oldSigner.jsonPost(now(), PATH, body));

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.body().get("status").asText()).isEqualTo("APPLIED");
    }

    @Test
    void given_a_correctly_signed_call_with_a_token_that_is_not_the_banks_then_it_is_forbidden() {
        Http.Response refused = http.postWithHeaders(PATH, Tokens.platform(), body, signer.jsonPost(now(), PATH, body));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("FORBIDDEN");
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void given_a_body_beyond_the_limit_then_it_is_refused_as_too_large_and_nothing_is_recorded() {
        String huge = body.substring(0, body.length() - 1) + ",\"padding\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}";
        Map<String, Integer> before = footprint();

        Http.Response refused = http.postWithHeaders(PATH, Tokens.bank(), huge, signer.jsonPost(now(), PATH, huge));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(footprint()).isEqualTo(before);
    }

    private static String hmacHex(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private void assertRefusedAndNothingRecorded(Http.Response response, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(db.fetchCount(
                        org.jooq.impl.DSL.table("bank_collection"),
                        org.jooq.impl.DSL.field("order_id").eq(orderId)))
                .isZero();
    }
}
