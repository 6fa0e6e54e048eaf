package com.tuitionescrow.ledger.loadtest.simulations;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HS256 bearer tokens as scripts/mint-token.sh mints them, valid for the run. */
final class Tokens {

    private final String secret;

    Tokens(String secret) {
        this.secret = secret;
    }

    String mint(String role, String institutionId) {
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"load-" + role.toLowerCase() + "\",\"roles\":[\"" + role + "\"],\"iat\":" + now
                + ",\"exp\":" + (now + 6 * 3600)
                + (institutionId == null ? "" : ",\"institution_id\":\"" + institutionId + "\"") + "}";
        String unsigned = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "." + base64(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
