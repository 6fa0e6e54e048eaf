package com.tuitionescrow.ledger.platform.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims docs/api.md requires: {@code sub}, {@code exp}, {@code roles} (known roles only) and, with
 * INSTITUTION, an {@code institution_id}. A token without them is invalid (401), not merely weak.
 */
final class TokenClaims implements OAuth2TokenValidator<Jwt> {

    static final String ROLES = "roles";
    static final String INSTITUTION_ID = "institution_id";
    /** The journal records every actor in full; a longer subject is refused rather than cut. */
    static final int MAX_SUBJECT_LENGTH = 128;
    private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NP-RT-UW-Y]{18}");

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return invalid("the token has no sub");
        }
        if (jwt.getSubject().length() > MAX_SUBJECT_LENGTH) {
            return invalid("the token's sub is longer than " + MAX_SUBJECT_LENGTH + " characters");
        }
        if (jwt.getExpiresAt() == null) {
            return invalid("the token has no exp");
        }
        Set<Role> roles;
        try {
            roles = roles(jwt);
        } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
        }
        if (roles.isEmpty()) {
            return invalid("the token has no roles");
        }
        String institution = jwt.getClaimAsString(INSTITUTION_ID);
        if (roles.contains(Role.INSTITUTION) && (institution == null || !CREDIT_CODE.matcher(institution).matches())) {
            return invalid("an INSTITUTION token names its institution_id");
        }
        return OAuth2TokenValidatorResult.success();
    }

    static Set<Role> roles(Jwt jwt) {
        Object claim = jwt.getClaims().get(ROLES);
        if (!(claim instanceof List<?> list)) {
            return Set.of();
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object role : list) {
            try {
                roles.add(Role.valueOf(String.valueOf(role)));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("the token names an unknown role");
            }
        }
        return roles;
    }

    static Caller caller(Jwt jwt) {
        Set<Role> roles = roles(jwt);
        return new Caller(jwt.getSubject(), roles,
                roles.contains(Role.INSTITUTION) ? jwt.getClaimAsString(INSTITUTION_ID) : null);
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
