package com.tuitionescrow.ledger.loadtests.faults;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens as the ledger reads them (docs/api.md, "Who may call what"): HS256 over the service's
 * {@code LEDGER_JWT_SECRET} with {@code sub}, {@code roles}, {@code exp} and, for an institution,
 * {@code institution_id}. Each call mints a fresh one, so a run never outlives its tokens.
 */
final class Tokens {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final long LIFETIME_SECONDS = 3600;

    private final SecretKeySpec key;
    private final Clock clock;

    Tokens(String secret, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    Supplier<String> platform() {
        return () -> mint("PLATFORM", null);
    }

    Supplier<String> bank() {
        return () -> mint("BANK", null);
    }

    Supplier<String> regulator() {
        return () -> mint("REGULATOR", null);
    }

    Supplier<String> institution(String institutionId) {
        return () -> mint("INSTITUTION", institutionId);
    }

    /** Ids here are the harness's own ([A-Z0-9]), so the claims need no JSON escaping. */
    String mint(String role, String institutionId) {
        long now = clock.instant().getEpochSecond();
        String claims =
                "{\"sub\":\"fault-harness-" + role.toLowerCase() + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now
                        + ",\"exp\":" + (now + LIFETIME_SECONDS)
                        + (institutionId == null ? "" : ",\"institution_id\":\"" + institutionId + "\"") + "}";
        String unsigned =
                encode(HEADER.getBytes(StandardCharsets.UTF_8)) + "." + encode(claims.getBytes(StandardCharsets.UTF_8));
        return unsigned + "." + encode(hmac(unsigned));
    }

    private byte[] hmac(String unsigned) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
    }

    private static String encode(byte[] bytes) {
        return BASE64URL.encodeToString(bytes);
    }
}
