package com.tuitionescrow.ledger.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** A verified token is served again for a minute at most, never past its expiry; a refused one never is. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-03-02T02:00:00Z");

    private final List<String> verified = new ArrayList<>();
    private Instant now = NOW;
    private Instant expiresAt = NOW.plus(Duration.ofHours(1));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final JwtDecoder verifier = token -> {
        verified.add(token);
        if (token.startsWith("bad")) {
            throw new BadJwtException("signature does not match");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "HS256")
                .subject("platform")
                .issuedAt(NOW.minusSeconds(10))
                .expiresAt(expiresAt)
                .build();
    };
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock);

    @Test
    void given_a_token_verified_when_it_comes_again_within_a_minute_then_it_is_not_verified_again() {
        Jwt first = tokens.decode("token-a");
        now = now.plusSeconds(59);

        assertThat(tokens.decode("token-a")).isSameAs(first);
        assertThat(verified).containsExactly("token-a");
    }

    @Test
    void given_a_token_verified_a_minute_ago_when_it_comes_again_then_it_is_verified_again() {
        tokens.decode("token-a");
        now = now.plus(VerifiedTokens.KEEP);

        tokens.decode("token-a");

        assertThat(verified).containsExactly("token-a", "token-a");
    }

    @Test
    void given_a_token_that_expires_within_the_minute_when_it_comes_after_its_expiry_then_the_verifier_judges_it() {
        expiresAt = NOW.plusSeconds(20);
        tokens.decode("token-a");
        now = NOW.plusSeconds(20);

        tokens.decode("token-a");

        assertThat(verified).containsExactly("token-a", "token-a");
    }

    @Test
    void given_a_refused_token_when_it_comes_again_then_it_is_refused_again_by_the_verifier() {
        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("bad-token")).isInstanceOf(BadJwtException.class);

        assertThat(verified).containsExactly("bad-token", "bad-token");
    }

    @Test
    void given_other_tokens_when_each_comes_then_each_is_verified_on_its_own() {
        tokens.decode("token-a");
        tokens.decode("token-b");

        assertThat(verified).containsExactly("token-a", "token-b");
    }
}
