package com.tuitionescrow.ledger.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs bank calls as api.md says: {@code X-Ledger-Timestamp} and
 * {@code X-Ledger-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 *
 * <p>A bank signs each attempt when it sends it, so two attempts are never the same signed call.
 * Tests send the same body many times within one second; to give each its own signature, a repeat
 * of a body is signed one second earlier than the body's previous signature, within the first two
 * minutes of the allowed skew.
 */
public final class BankSigner {

    public static final String TIMESTAMP = "X-Ledger-Timestamp";
    public static final String SIGNATURE = "X-Ledger-Signature";
    private static final long SPREAD_SECONDS = 120;
    /** The last timestamp each body (by its hash) was signed with. */
    private static final Map<String, Long> LAST_SIGNED = new ConcurrentHashMap<>();

    private final String secret;
    private final Clock clock;

    public BankSigner(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** Signature headers for a bank path; none for any other path. */
    Map<String, String> headersFor(String path, String body) {
        if (!path.startsWith("/v1/bank/")) {
            return Map.of();
        }
        long now = clock.instant().getEpochSecond();
        long timestamp = LAST_SIGNED.merge(Integer.toHexString(body.hashCode()) + ":" + body.length(), now,
                (last, current) -> last > current - SPREAD_SECONDS ? last - 1 : current);
        return headers(timestamp, body);
    }

    public Map<String, String> headers(long timestamp, String body) {
        return Map.of(TIMESTAMP, Long.toString(timestamp), SIGNATURE, "sha256=" + sign(timestamp, body));
    }

    public String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
