package com.tuitionescrow.ledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
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
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Tokens of an identity provider (docs/operations.md, "Tokens from an identity provider"): RS256 and
 * ES256 signed with generated keys, the JWK set served over HTTP by a server in the test and kept in a
 * file, checked for issuer, audience and the roles claim the deployment names.
 */
class TokenDecodersTest {

    private static final String ISSUER = "https://idp.example.cn/realms/escrow";
    private static final String AUDIENCE = "tuition-ledger";
    private static final String SHARED_SECRET = "integration-test-secret-0123456789abcdef";

    private static RSAKey rsa;
    private static ECKey ec;
    private static RSAKey rotatedIn;
    private static RSAKey stranger;

    @TempDir
    Path folder;

    private HttpServer server;

    @BeforeAll
    static void keys() throws JOSEException {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-2026-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-2026-1").generate();
        rotatedIn = new RSAKeyGenerator(2048).keyID("rsa-2026-2").generate();
        stranger = new RSAKeyGenerator(2048).keyID("rsa-2026-1").generate();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void given_a_jwk_set_served_over_http_then_rs256_and_es256_tokens_of_its_keys_are_accepted_with_their_roles()
            throws Exception {
        JwtDecoder decoder = decoder(served(new AtomicReference<>(publicSet(rsa, ec))), "roles");

        Jwt viaRsa =
                decoder.decode(token(rsa, JWSAlgorithm.RS256, claims -> claims.claim("roles", List.of("REGULATOR"))));
        Jwt viaEc = decoder.decode(token(ec, JWSAlgorithm.ES256, claims -> claims.claim("roles", List.of("BANK"))));

        TokenClaims claims = new TokenClaims("roles", "institution_id");
        assertThat(claims.roles(viaRsa)).containsExactly(Role.REGULATOR);
        assertThat(claims.roles(viaEc)).containsExactly(Role.BANK);
    }

    @Test
    void given_a_token_of_another_issuer_or_audience_or_signed_by_a_key_not_in_the_set_then_it_is_refused()
            throws Exception {
        JwtDecoder decoder = decoder(served(new AtomicReference<>(publicSet(rsa, ec))), "roles");
        Consumer<JWTClaimsSet.Builder> regulator = claims -> claims.claim("roles", List.of("REGULATOR"));

        assertRefused(
                decoder,
                token(rsa, JWSAlgorithm.RS256, regulator.andThen(c -> c.issuer("https://other.example.cn"))),
                "iss");
        assertRefused(
                decoder, token(rsa, JWSAlgorithm.RS256, regulator.andThen(c -> c.audience("another-service"))), "aud");
        assertRefused(
                decoder, token(rsa, JWSAlgorithm.RS256, regulator.andThen(c -> c.audience((String) null))), "aud");
        // The same key id as a key of the set, but another key: the signature does not verify.
        assertRefused(decoder, token(stranger, JWSAlgorithm.RS256, regulator), "");
        assertRefused(
                decoder,
                token(new RSAKeyGenerator(2048).keyID("unknown").generate(), JWSAlgorithm.RS256, regulator),
                "");
    }

    @Test
    void given_a_jwk_set_then_an_hs256_token_of_the_shared_secret_is_refused() throws Exception {
        JwtDecoder decoder = decoder(served(new AtomicReference<>(publicSet(rsa, ec))), "roles");
        JWTClaimsSet claims = standard().claim("roles", List.of("REGULATOR")).build();
        SignedJWT hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hs256.sign(new MACSigner(SHARED_SECRET.getBytes(StandardCharsets.UTF_8)));

        assertRefused(decoder, hs256.serialize(), "");
    }

    @Test
    void given_the_provider_rotates_its_key_over_http_then_the_new_key_is_accepted_and_the_removed_one_refused()
            throws Exception {
        AtomicReference<String> published = new AtomicReference<>(publicSet(rsa));
        JwtDecoder decoder = decoder(served(published), "roles");
        Consumer<JWTClaimsSet.Builder> platform = claims -> claims.claim("roles", List.of("PLATFORM"));
        assertThat(decoder.decode(token(rsa, JWSAlgorithm.RS256, platform)).getSubject())
                .isEqualTo("someone");

        published.set(publicSet(rotatedIn));
        Thread.sleep(1_100); // the set is fetched again for an unknown key at most once a second

        assertThat(decoder.decode(token(rotatedIn, JWSAlgorithm.RS256, platform))
                        .getSubject())
                .isEqualTo("someone");
        assertRefused(decoder, token(rsa, JWSAlgorithm.RS256, platform), "");
    }

    @Test
    void given_a_jwk_set_file_when_it_is_rotated_then_the_next_token_is_judged_by_the_new_file() throws Exception {
        Path file = folder.resolve("jwks.json");
        Files.writeString(file, publicSet(rsa, ec));
        JwtDecoder decoder = decoder(file.toUri().toString(), "realm_access.roles");
        Consumer<JWTClaimsSet.Builder> nestedBank =
                claims -> claims.claim("realm_access", Map.of("roles", List.of("BANK")));
        assertThat(decoder.decode(token(ec, JWSAlgorithm.ES256, nestedBank)).getSubject())
                .isEqualTo("someone");

        Files.writeString(file, publicSet(rotatedIn, ec));
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(decoder.decode(token(rotatedIn, JWSAlgorithm.RS256, nestedBank))
                        .getSubject())
                .isEqualTo("someone");
        assertRefused(decoder, token(rsa, JWSAlgorithm.RS256, nestedBank), "");
        // The roles are read where the deployment said: a top-level roles claim is not looked at.
        assertRefused(
                decoder, token(ec, JWSAlgorithm.ES256, claims -> claims.claim("roles", List.of("BANK"))), "roles");
    }

    @Test
    void a_jwk_set_without_issuer_or_audience_does_not_start() {
        assertThatThrownBy(() ->
                        new SecurityProperties(SHARED_SECRET, "file:/etc/ledger/jwks.json", null, AUDIENCE, null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEDGER_JWT_ISSUER");
        assertThatThrownBy(() ->
                        new SecurityProperties(SHARED_SECRET, "https://idp.example.cn/jwks", ISSUER, " ", null, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LEDGER_JWT_AUDIENCE");
    }

    private static JwtDecoder decoder(String jwkSetUri, String rolesClaim) {
        SecurityProperties properties =
                new SecurityProperties(SHARED_SECRET, jwkSetUri, ISSUER, AUDIENCE, rolesClaim, null);
        return TokenDecoders.of(properties, new TokenClaims(properties.rolesClaim(), properties.institutionClaim()));
    }

    private String served(AtomicReference<String> set) throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/jwks.json", exchange -> {
            byte[] body = set.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://localhost:" + server.getAddress().getPort() + "/jwks.json";
    }

    private static String publicSet(JWK... keys) {
        return new JWKSet(List.of(keys)).toString(true);
    }

    private static JWTClaimsSet.Builder standard() {
        return new JWTClaimsSet.Builder()
                .subject("someone")
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))));
    }

    private static String token(JWK key, JWSAlgorithm algorithm, Consumer<JWTClaimsSet.Builder> claims)
            throws JOSEException {
        JWTClaimsSet.Builder builder = standard();
        claims.accept(builder);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), builder.build());
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static void assertRefused(JwtDecoder decoder, String token, String reason) {
        assertThatThrownBy(() -> decoder.decode(token))
                .isInstanceOf(JwtException.class)
                .hasMessageContaining(reason);
    }
}
