package com.tuitionescrow.ledger.platform.security;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param jwtSecret HS256 key of the bearer tokens, as UTF-8 bytes (not base64-decoded), from
 *                  {@code LEDGER_JWT_SECRET}; at least 32 bytes or the service does not start
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(String jwtSecret) {

    public static final int MIN_SECRET_BYTES = 32;
    /** The published default of application.yml, which only a local trial should run with. */
    static final String DEVELOPMENT_SECRET = "local-development-secret-do-not-use-in-production";

    public SecurityProperties {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("ledger.security.jwt-secret (LEDGER_JWT_SECRET) must be at least "
                    + MIN_SECRET_BYTES + " bytes; the service does not start with a weaker key");
        }
    }

    boolean isDevelopmentSecret() {
        return DEVELOPMENT_SECRET.equals(jwtSecret);
    }

    public byte[] jwtSecretBytes() {
        return jwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecurityProperties[jwtSecret=<redacted>]";
    }
}
