package com.tuitionescrow.ledger.platform.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims docs/api.md requires: {@code sub}, {@code exp}, the roles (known roles only) and, with
 * INSTITUTION, the institution's credit code. A token without them is invalid (401), not merely weak.
 * The roles and the institution are read from the claims the deployment names
 * ({@code ledger.security.roles-claim}, {@code institution-claim}): {@code roles} and
 * {@code institution_id} unless set; a dotted name reads into nested claims, as identity providers
 * nest roles ({@code realm_access.roles}).
 */
final class TokenClaims implements OAuth2TokenValidator<Jwt> {

    private final String rolesClaim;
    private final String institutionClaim;
    /** The journal records every actor in full; a longer subject is refused rather than cut. */
    static final int MAX_SUBJECT_LENGTH = 128;

    private static final Pattern CREDIT_CODE = Pattern.compile("[0-9A-HJ-NP-RT-UW-Y]{18}");

    TokenClaims(String rolesClaim, String institutionClaim) {
        this.rolesClaim = rolesClaim;
        this.institutionClaim = institutionClaim;
    }

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
        Object institution = claim(jwt, institutionClaim);
        if (roles.contains(Role.INSTITUTION)
                && !(institution instanceof String code
                        && CREDIT_CODE.matcher(code).matches())) {
            return invalid("an INSTITUTION token names its institution in " + institutionClaim);
        }
        return OAuth2TokenValidatorResult.success();
    }

    Set<Role> roles(Jwt jwt) {
        Object claim = claim(jwt, rolesClaim);
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

    Caller caller(Jwt jwt) {
        Set<Role> roles = roles(jwt);
        return new Caller(
                jwt.getSubject(),
                roles,
                roles.contains(Role.INSTITUTION) ? (String) claim(jwt, institutionClaim) : null);
    }

    /** The claim at a dotted path ({@code realm_access.roles}), or null. */
    private static Object claim(Jwt jwt, String path) {
        Object value = jwt.getClaims();
        for (String name : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> claims)) {
                return null;
            }
            value = claims.get(name);
        }
        return value;
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
