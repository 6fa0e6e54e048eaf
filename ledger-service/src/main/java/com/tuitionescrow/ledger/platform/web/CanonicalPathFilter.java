package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else decides on it, a request whose raw path is not the one spelling of its
 * route ({@link CanonicalPath}, plus letter case and a trailing slash on a route): 400
 * PATH_NOT_CANONICAL, nothing read, nothing written. After it, the raw request URI that the body
 * limits and the bank signature read is the path the role rules and the router decide on, so no
 * spelling reaches a bank controller around the signature (docs/architecture.md, "Bank signatures").
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CanonicalPathFilter extends OncePerRequestFilter {

    private final Routes routes;
    private final ObjectMapper json;

    CanonicalPathFilter(Routes routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        Optional<String> problem = CanonicalPath.problem(path).or(() -> routeProblem(path));
        if (problem.isPresent()) {
            Problems.write(
                    response,
                    json,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            ProblemCode.PATH_NOT_CANONICAL,
                            problem.get() + " (docs/api.md, \"Conventions\")"));
            return;
        }
        chain.doFilter(request, response);
    }

    private Optional<String> routeProblem(String path) {
        // Static folders (the console at /console/) keep their slash; a route of the API has none.
        if (path.length() > 1
                && path.endsWith("/")
                && (path.startsWith("/v1/") || routes.isRouteInAnyCase(path.substring(0, path.length() - 1)))) {
            return Optional.of("a route is written without a trailing slash");
        }
        if (!path.equals(path.toLowerCase(Locale.ROOT)) && routes.isOtherCaseOfARoute(path)) {
            return Optional.of("a route is written in the letter case of the contract");
        }
        return Optional.empty();
    }
}
