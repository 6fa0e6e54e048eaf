package com.tuitionescrow.ledger.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/** Bearer tokens as a client would mint them: HS256 over the test secret. */
public final class Tokens {

    public static final String SECRET = "integration-test-secret-0123456789abcdef";
    /** The bank's body-signing secret in the tests (see {@link BankSigner}). */
    public static final String BANK_HMAC_SECRET = "integration-test-bank-secret-0123456789abcdef";
    /** The secret being rotated out, still accepted: the tests run as if mid-rotation. */
    public static final String BANK_HMAC_SECRET_PREVIOUS = "integration-test-old-bank-secret-0123456789";

    private Tokens() {}

    public static String platform() {
        return token("platform-1", List.of("PLATFORM"), null);
    }

    public static String bank() {
        return token("bank-1", List.of("BANK"), null);
    }

    public static String regulator() {
        return token("regulator-1", List.of("REGULATOR"), null);
    }

    public static String institution(String institutionId) {
        return token("staff-of-" + institutionId, List.of("INSTITUTION"), institutionId);
    }

    public static String token(String subject, List<String> roles, String institutionId) {
        return sign(SECRET, claims -> {
            claims.subject(subject)
                    .claim("roles", roles)
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
            if (institutionId != null) {
                claims.claim("institution_id", institutionId);
            }
        });
    }

    public static String sign(String secret, Consumer<JWTClaimsSet.Builder> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
