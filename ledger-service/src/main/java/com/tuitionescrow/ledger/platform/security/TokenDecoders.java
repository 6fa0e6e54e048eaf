package com.tuitionescrow.ledger.platform.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The two ways a bearer token is verified (docs/operations.md, "Tokens from an identity provider"):
 * HS256 with the shared secret for a local trial, or RS256 and ES256 against the identity provider's
 * JWK set, where whoever mints PLATFORM or BANK tokens cannot mint a REGULATOR's unless the provider
 * lets them. With a JWK set the shared secret verifies nothing: an HS256 token is refused.
 */
final class TokenDecoders {

    /** Tokens are checked against the ledger's clock with this much tolerance either way. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** A key the cached set lacks (a rotation) makes the set be fetched again, at most this often. */
    private static final long REFETCH_AT_MOST_EVERY_MS = 1_000;

    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private TokenDecoders() {}

    static JwtDecoder of(SecurityProperties properties, TokenClaims claims) {
        return properties.usesJwkSet() ? jwkSet(properties, claims) : sharedSecret(properties, claims);
    }

    /** HS256 only: a token signed otherwise, or not at all ({@code alg: none}), is refused. */
    private static JwtDecoder sharedSecret(SecurityProperties properties, TokenClaims claims) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(properties.jwtSecretBytes(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(CLOCK_SKEW), claims));
        return decoder;
    }

    private static JwtDecoder jwkSet(SecurityProperties properties, TokenClaims claims) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASYMMETRIC, keys(properties.jwkSetUri())));
        // The claims are checked below, by Spring's validators, with the problem each one names.
        processor.setJWTClaimsSetVerifier((claimSet, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        String audience = properties.audience();
        OAuth2TokenValidator<Jwt> ourAudience =
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(properties.issuer()),
                ourAudience,
                claims));
        return decoder;
    }

    private static JWKSource<SecurityContext> keys(String jwkSetUri) {
        URI uri = URI.create(jwkSetUri);
        if ("file".equals(uri.getScheme())) {
            return new JwkSetFile(Path.of(uri));
        }
        try {
            return JWKSourceBuilder.<SecurityContext>create(uri.toURL())
                    .rateLimited(REFETCH_AT_MOST_EVERY_MS)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(
                    "ledger.security.jwk-set-uri is neither a URL nor a file: path: " + jwkSetUri, e);
        }
    }
}
