package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.api.client.BankSignature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The signature against vectors computed by hand, outside Java, as a bank's engineer would:
 * {@code printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex}.
 */
class BankSignatureTest {

    private static final String DEVELOPMENT_SECRET = "local-development-bank-secret-do-not-use-in-production";
    /** 2026-03-02T19:00:00+08:00 */
    private static final long TIMESTAMP = 1_772_449_200L;

    @Test
    void a_receipt_is_signed_over_the_timestamp_a_dot_and_the_body_as_sent() {
        String body = "{\"bankTxnId\":\"TXN-20260002\",\"orderId\":\"order-1001\",\"amountFen\":300000,"
                + "\"custodyAccountNo\":\"6222020200112233\",\"receivedAt\":\"2026-03-02T19:00:00+08:00\"}";

        assertThat(new BankSignature(DEVELOPMENT_SECRET).sign(TIMESTAMP, body.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=12886da771891d3875daa9eedbeacd717c0e977afb7ad49d44aa58428b0feb64");
    }

    @Test
    void a_get_signs_the_empty_body() {
        assertThat(new BankSignature(DEVELOPMENT_SECRET).sign(TIMESTAMP, new byte[0]))
                .isEqualTo("sha256=aed85af462963647f99a7bbb7f62c2b97e2015812c826f312937c72bf89ee1f0");
    }

    @Test
    void secret_and_body_are_taken_as_utf8_bytes() {
        assertThat(new BankSignature("密钥-0123456789abcdef0123456789abcdef")
                .sign(TIMESTAMP, "{\"reason\":\"学费\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=3c3ce609a9f7742c942cf88f87dad9155bd2ded453155191b8fea00b5738f7b0");
    }

    @Test
    void one_byte_more_is_another_signature() {
        BankSignature signature = new BankSignature(DEVELOPMENT_SECRET);
        assertThat(signature.sign(TIMESTAMP, "{}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature.sign(TIMESTAMP, "{} ".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(signature.sign(TIMESTAMP + 1, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void there_is_no_signature_without_a_secret() {
        assertThatThrownBy(() -> new BankSignature("")).isInstanceOf(IllegalArgumentException.class);
    }
}
