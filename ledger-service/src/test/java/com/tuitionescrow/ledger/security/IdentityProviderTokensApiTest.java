package com.tuitionescrow.ledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service configured as a deployment (docs/operations.md, "Tokens from an identity provider"): a
 * JWK set in a file, an issuer, an audience and the roles in a nested claim. The provider's tokens
 * reach the endpoints their roles allow; the shared secret's HS256 tokens are refused, and so are
 * tokens of another issuer and of a key the set no longer holds.
 */
class IdentityProviderTokensApiTest extends LedgerIntegrationTest {

    private static final String ISSUER = "https://idp.example.cn/realms/escrow";
    private static final String AUDIENCE = "tuition-ledger";
    private static final RSAKey RSA = generateRsa("rsa-1");
    private static final ECKey EC = generateEc();
    private static final RSAKey ROTATED_IN = generateRsa("rsa-2");
    private static final Path JWK_SET = publish(RSA, EC);

    @DynamicPropertySource
    static void identityProvider(DynamicPropertyRegistry registry) {
        registry.add("ledger.security.jwk-set-uri", () -> JWK_SET.toUri().toString());
        registry.add("ledger.security.issuer", () -> ISSUER);
        registry.add("ledger.security.audience", () -> AUDIENCE);
        registry.add("ledger.security.roles-claim", () -> "realm_access.roles");
    }

    @Test
    void given_a_jwk_set_then_rs256_and_es256_tokens_of_its_keys_reach_their_endpoints_and_hs256_is_refused() {
        Http.Response regulator =
                http.get("/v1/audit/trial-balance", token(RSA, JWSAlgorithm.RS256, ISSUER, "REGULATOR"));
        Http.Response platform =
                http.get("/v1/orders/" + id("order"), token(EC, JWSAlgorithm.ES256, ISSUER, "PLATFORM"));
        Http.Response platformAtAudit =
                http.get("/v1/audit/trial-balance", token(EC, JWSAlgorithm.ES256, ISSUER, "PLATFORM"));

        assertThat(regulator.status()).as(regulator.toString()).isEqualTo(200);
        assertThat(platform.status())
                .as("authenticated, and no such order: " + platform)
                .isEqualTo(404);
        assertRefused(platformAtAudit, 403, "FORBIDDEN");
        assertRefused(http.get("/v1/audit/trial-balance", Tokens.regulator()), 401, "UNAUTHENTICATED");
        assertRefused(
                http.get(
                        "/v1/audit/trial-balance",
                        token(RSA, JWSAlgorithm.RS256, "https://other.example.cn", "REGULATOR")),
                401,
                "UNAUTHENTICATED");
    }

    @Test
    void given_the_provider_rotates_its_key_in_the_file_then_the_new_key_is_accepted_and_the_removed_one_refused()
            throws IOException {
        String oldKeyToken = token(RSA, JWSAlgorithm.RS256, ISSUER, "REGULATOR");
        assertThat(http.get("/v1/audit/trial-balance", oldKeyToken).status()).isEqualTo(200);

        Files.writeString(JWK_SET, new JWKSet(List.of(ROTATED_IN, EC)).toString(true));
        Files.setLastModifiedTime(JWK_SET, FileTime.from(Instant.now().plusSeconds(10)));

        assertThat(http.get("/v1/audit/trial-balance", token(ROTATED_IN, JWSAlgorithm.RS256, ISSUER, "REGULATOR"))
                        .status())
                .isEqualTo(200);
        assertRefused(http.get("/v1/audit/trial-balance", oldKeyToken), 401, "UNAUTHENTICATED");
        // The other tests of the class use the first key again.
        Files.writeString(JWK_SET, new JWKSet(List.of(RSA, ROTATED_IN, EC)).toString(true));
        Files.setLastModifiedTime(JWK_SET, FileTime.from(Instant.now().plusSeconds(20)));
    }

    private static String token(JWK key, JWSAlgorithm algorithm, String issuer, String role) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("idp-user-1")
                .issuer(issuer)
                .audience(AUDIENCE)
                .claim("realm_access", Map.of("roles", List.of(role)))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(key instanceof RSAKey rsa ? new RSASSASigner(rsa) : new ECDSASigner((ECKey) key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static Path publish(JWK... keys) {
        try {
            Path file = Files.createTempFile("ledger-jwks-", ".json");
            file.toFile().deleteOnExit();
            Files.writeString(file, new JWKSet(List.of(keys)).toString(true));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RSAKey generateRsa(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey generateEc() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
