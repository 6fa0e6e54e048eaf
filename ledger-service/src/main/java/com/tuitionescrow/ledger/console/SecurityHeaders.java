package com.tuitionescrow.ledger.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser-facing headers. The console runs only its own scripts (no inline script, no eval, no
 * other origin), talks only to this service, and cannot be framed; Swagger UI gets the same, but
 * needs inline styles; any other response is data that nothing may run as a page. Every response
 * keeps its referrer to itself. Spring Security adds {@code X-Content-Type-Options} and
 * {@code X-Frame-Options} to all, and {@code Cache-Control: no-store} to all but the files whose
 * caching is set here.
 */
// Before Spring Security, so that its refusals (401, 403) carry these headers too.
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders extends OncePerRequestFilter {

    static final String CONSOLE_POLICY =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final String SWAGGER_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Everything else is data or a library file: nothing in it may run as a page. */
    static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // The path as the servlet container decoded and normalised it: the one the resource handlers serve.
        String path = request.getServletPath();
        if (path.startsWith("/console")) {
            response.setHeader("Content-Security-Policy", CONSOLE_POLICY);
            if (!ConsoleAssets.isVersioned(path)) {
                // Kept by the browser but checked with the service before each use: an upgrade shows at once.
                // The versioned files are kept as they are (ConsoleAssets): a new version is a new address.
                response.setHeader("Cache-Control", "no-cache");
            }
        } else if (path.startsWith("/swagger-ui")) {
            response.setHeader("Content-Security-Policy", SWAGGER_POLICY);
        } else {
            response.setHeader("Content-Security-Policy", DATA_POLICY);
        }
        if (path.startsWith("/webjars/")) {
            // A library's files never change under an address that names its version.
            response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
        }
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        chain.doFilter(request, response);
    }
}
