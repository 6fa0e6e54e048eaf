package com.tuitionescrow.ledger.platform.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The signature of bank calls (docs/api.md, "Bank signatures"): HMAC-SHA256 over the v2 canonical string.
 *
 * @param hmacSecret         the current secret, UTF-8 bytes, from {@code LEDGER_BANK_HMAC_SECRET}
 * @param hmacSecretPrevious the secret being rotated out, still accepted (empty when not rotating)
 * @param maxClockSkew       how far a call's timestamp may be from the ledger's clock (300 s)
 * @param maxBodyBytes       the largest body a bank call may carry (a day's statement file fits)
 */
@ConfigurationProperties("ledger.bank")
public record BankSignatureProperties(
        String hmacSecret, String hmacSecretPrevious, Duration maxClockSkew, long maxBodyBytes) {

    static final String DEVELOPMENT_SECRET = "local-development-bank-secret-do-not-use-in-production";

    public BankSignatureProperties {
        requireStrong(hmacSecret, "ledger.bank.hmac-secret (LEDGER_BANK_HMAC_SECRET)");
        if (hmacSecretPrevious != null && !hmacSecretPrevious.isEmpty()) {
            requireStrong(hmacSecretPrevious, "ledger.bank.hmac-secret-previous");
        }
        if (maxClockSkew == null || maxClockSkew.isNegative() || maxBodyBytes <= 0) {
            throw new IllegalStateException("ledger.bank needs a max-clock-skew and a positive max-body-bytes");
        }
    }

    /** The secrets a signature may be made with: the current one first. */
    List<String> acceptedSecrets() {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(hmacSecret);
        if (hmacSecretPrevious != null && !hmacSecretPrevious.isEmpty()) {
            secrets.add(hmacSecretPrevious);
        }
        return secrets;
    }

    boolean isDevelopmentSecret() {
        return DEVELOPMENT_SECRET.equals(hmacSecret);
    }

    @Override
    public String toString() {
        return "BankSignatureProperties[secrets=<redacted>, maxClockSkew=" + maxClockSkew + ", maxBodyBytes="
                + maxBodyBytes + "]";
    }

    private static void requireStrong(String secret, String name) {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < SecurityProperties.MIN_SECRET_BYTES) {
            throw new IllegalStateException(name + " must be at least " + SecurityProperties.MIN_SECRET_BYTES
                    + " bytes; the service does not start with a weaker key");
        }
    }
}
