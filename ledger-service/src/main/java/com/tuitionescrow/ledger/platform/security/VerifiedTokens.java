package com.tuitionescrow.ledger.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Bearer tokens already verified, kept for a minute by the token's exact text. A client sends the
 * same token with every request, and verifying it (parsing, the HMAC, the claims) cost more CPU per
 * request than most of the command path. Only a token that passed verification is kept, never past
 * its own expiry, so a cached answer is the answer the verifier would give; a refused token is
 * verified again every time. The cache is bounded: when full it is emptied, and refilled as requests come.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration KEEP = Duration.ofMinutes(1);
    static final int MAX_TOKENS = 10_000;

    private record Verified(Jwt jwt, Instant until) {}

    private final JwtDecoder verifier;
    private final Clock clock;
    private final ConcurrentMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Verified hit = verified.get(token);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.jwt();
        }
        Jwt jwt = verifier.decode(token);
        Instant until = now.plus(KEEP);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (verified.size() >= MAX_TOKENS) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, until));
        return jwt;
    }
}
