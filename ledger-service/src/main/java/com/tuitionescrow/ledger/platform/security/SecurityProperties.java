package com.tuitionescrow.ledger.platform.security;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How bearer tokens are verified (docs/operations.md, "Tokens from an identity provider").
 *
 * @param jwtSecret        HS256 key of the bearer tokens of a local trial, as UTF-8 bytes (not
 *                         base64-decoded), from {@code LEDGER_JWT_SECRET}; at least 32 bytes or the
 *                         service does not start; not used once a JWK set is configured
 * @param jwkSetUri        the identity provider's JWK set: an {@code https:} URL, or a {@code file:} path
 *                         for a site without a route to it; when set, only RS256 and ES256 tokens signed by
 *                         a key of the set are accepted, and HS256 is off
 * @param issuer           the {@code iss} every token must carry (required with a JWK set)
 * @param audience         a value the token's {@code aud} must contain (required with a JWK set)
 * @param rolesClaim       the claim holding the roles, a dotted path into nested claims
 *                         ({@code realm_access.roles}); {@code roles} unless set
 * @param institutionClaim the claim naming an INSTITUTION caller's institution; {@code institution_id} unless set
 */
@ConfigurationProperties("ledger.security")
public record SecurityProperties(
        String jwtSecret,
        String jwkSetUri,
        String issuer,
        String audience,
        String rolesClaim,
        String institutionClaim) {

    public static final int MIN_SECRET_BYTES = 32;
    /** The published default of application.yml, which only a local trial should run with. */
    static final String DEVELOPMENT_SECRET = "local-development-secret-do-not-use-in-production";

    @ConstructorBinding
    public SecurityProperties {
        if (jwtSecret == null || jwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("ledger.security.jwt-secret (LEDGER_JWT_SECRET) must be at least "
                    + MIN_SECRET_BYTES + " bytes; the service does not start with a weaker key");
        }
        jwkSetUri = blankToNull(jwkSetUri);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        if (jwkSetUri != null && (issuer == null || audience == null)) {
            throw new IllegalStateException("with ledger.security.jwk-set-uri (LEDGER_JWK_SET_URI), set the issuer "
                    + "(LEDGER_JWT_ISSUER) and the audience (LEDGER_JWT_AUDIENCE) the tokens must carry: a token of "
                    + "another issuer or for another service is not one of ours");
        }
        rolesClaim = blankToNull(rolesClaim) == null ? "roles" : rolesClaim;
        institutionClaim = blankToNull(institutionClaim) == null ? "institution_id" : institutionClaim;
    }

    /** The shared-secret trial: HS256 only, the default claims. */
    public SecurityProperties(String jwtSecret) {
        this(jwtSecret, null, null, null, null, null);
    }

    boolean usesJwkSet() {
        return jwkSetUri != null;
    }

    boolean isDevelopmentSecret() {
        return DEVELOPMENT_SECRET.equals(jwtSecret);
    }

    public byte[] jwtSecretBytes() {
        return jwtSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SecurityProperties[jwtSecret=<redacted>, jwkSetUri=" + jwkSetUri + ", issuer=" + issuer + ", audience="
                + audience + ", rolesClaim=" + rolesClaim + ", institutionClaim=" + institutionClaim + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
