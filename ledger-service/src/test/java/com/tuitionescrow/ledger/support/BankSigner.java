package com.tuitionescrow.ledger.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs bank calls as docs/api.md says (scheme v2): {@code X-Ledger-Timestamp} and
 * {@code X-Ledger-Signature: v2=<hex HMAC-SHA256(secret, canonical string)>}, the canonical string
 * written out here by hand rather than taken from {@code BankSignature}, so that the tests check the
 * documented scheme and not merely that the client and the ledger agree with each other.
 */
public final class BankSigner {

    public static final String TIMESTAMP = "X-Ledger-Timestamp";
    public static final String SIGNATURE = "X-Ledger-Signature";

    private final String secret;
    private final Clock clock;

    public BankSigner(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** Signature headers for a bank path, signed now; none for any other path. */
    Map<String, String> headersFor(String method, String pathAndQuery, String contentType, String body) {
        if (!pathAndQuery.startsWith("/v1/bank/")) {
            return Map.of();
        }
        return headers(clock.instant().getEpochSecond(), method, pathAndQuery, contentType, body);
    }

    public Map<String, String> headers(
            long timestamp, String method, String pathAndQuery, String contentType, String body) {
        return Map.of(
                TIMESTAMP,
                Long.toString(timestamp),
                SIGNATURE,
                "v2=" + sign(timestamp, method, pathAndQuery, contentType, body));
    }

    /** A POST of JSON, as {@link Http} sends it. */
    public Map<String, String> jsonPost(long timestamp, String pathAndQuery, String body) {
        return headers(timestamp, "POST", pathAndQuery, "application/json", body);
    }

    public String sign(long timestamp, String method, String pathAndQuery, String contentType, String body) {
        String canonical = "v2\n" + timestamp + "\n" + method + "\n" + pathAndQuery + "\n"
                + (contentType == null ? "" : contentType) + "\n" + sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        return hmacHex(canonical);
    }

    private String hmacHex(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
