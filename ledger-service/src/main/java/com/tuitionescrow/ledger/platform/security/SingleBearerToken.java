package com.tuitionescrow.ledger.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The bearer token of a request that carries exactly one {@code Authorization} header. With two, the
 * default resolver reads the first and a proxy or a logger may read the other: which caller the
 * request is would depend on who reads it, so it is refused (401) instead.
 */
final class SingleBearerToken implements BearerTokenResolver {

    private final DefaultBearerTokenResolver single = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        if (Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION)).size() > 1) {
            BearerTokenError error = BearerTokenErrors.invalidRequest("a request carries one Authorization header");
            throw new OAuth2AuthenticationException(error);
        }
        return single.resolve(request);
    }
}
