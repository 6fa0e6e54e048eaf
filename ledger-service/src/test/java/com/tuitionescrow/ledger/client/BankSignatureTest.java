package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.api.client.BankSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The v2 signature against vectors computed by hand, outside Java, as a bank's engineer would (and as
 * scripts/bank-call.sh does): {@code printf 'v2\n%s\n%s\n%s\n%s\n%s' "$TS" "$METHOD" "$PATH" "$TYPE"
 * "$(printf '%s' "$BODY" | openssl dgst -sha256 -hex | sed 's/^.* //')" | openssl dgst -sha256 -hmac "$SECRET" -hex}.
 */
class BankSignatureTest {

    private static final String DEVELOPMENT_SECRET = "local-development-bank-secret-do-not-use-in-production";
    /** 2026-03-02T19:00:00+08:00 */
    private static final long TIMESTAMP = 1_772_449_200L;

    private static final String RECEIPT =
            "{\"bankTxnId\":\"TXN-20260002\",\"orderId\":\"order-1001\",\"amountFen\":300000,"
                    + "\"custodyAccountNo\":\"6222020200112233\",\"receivedAt\":\"2026-03-02T19:00:00+08:00\"}";

    @Test
    void a_receipt_is_signed_over_timestamp_method_path_content_type_and_the_body_as_sent() {
        assertThat(new BankSignature(DEVELOPMENT_SECRET)
                        .sign(
                                TIMESTAMP,
                                "POST",
                                "/v1/bank/collections",
                                "application/json",
                                RECEIPT.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v2=d96914602a8e30a4509e759f77d7a62a8085c0f53967312be9df810761563c64");
    }

    @Test
    void a_get_signs_its_query_no_content_type_and_the_empty_body() {
        assertThat(new BankSignature(DEVELOPMENT_SECRET)
                        .sign(TIMESTAMP, "GET", "/v1/bank/instructions?status=PENDING&limit=100", null, new byte[0]))
                .isEqualTo("v2=d3aef32fcd106bff5ba8f527e8a37a27ef84d96c1c37b6f6542762ad6f631842");
    }

    @Test
    void secret_and_body_are_taken_as_utf8_bytes() {
        assertThat(new BankSignature("密钥-0123456789abcdef0123456789abcdef")
                        .sign(
                                TIMESTAMP,
                                "POST",
                                "/v1/bank/instructions/RFD-refund-1/result",
                                "application/json; charset=utf-8",
                                "{\"reason\":\"学费\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v2=2cccd9dddc261fab0ffbb82035feaac9c431e10ed1e65a679f3aa9a879e9e806");
    }

    @Test
    void each_part_signed_changes_the_signature() {
        BankSignature signature = new BankSignature(DEVELOPMENT_SECRET);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String signed = signature.sign(TIMESTAMP, "POST", "/v1/bank/instructions/A/result", "application/json", body);

        assertThat(signed)
                .isNotEqualTo(signature.sign(
                        TIMESTAMP,
                        "POST",
                        "/v1/bank/instructions/A/result",
                        "application/json",
                        "{} ".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature.sign(
                        TIMESTAMP + 1, "POST", "/v1/bank/instructions/A/result", "application/json", body))
                .isNotEqualTo(
                        signature.sign(TIMESTAMP, "PUT", "/v1/bank/instructions/A/result", "application/json", body))
                .isNotEqualTo(
                        signature.sign(TIMESTAMP, "POST", "/v1/bank/instructions/B/result", "application/json", body))
                .isNotEqualTo(signature.sign(
                        TIMESTAMP, "POST", "/v1/bank/instructions/A/result?x=1", "application/json", body))
                .isNotEqualTo(signature.sign(TIMESTAMP, "POST", "/v1/bank/instructions/A/result", "text/csv", body));
    }

    @Test
    void there_is_no_signature_without_a_secret() {
        assertThatThrownBy(() -> new BankSignature("")).isInstanceOf(IllegalArgumentException.class);
    }
}
