package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No query parameter of the contract holds a control character, and PostgreSQL refuses NUL in text:
 * such a parameter is refused here (400), for every endpoint at once, before it reaches a query.
 * JSON bodies are held to the same by their fields' patterns.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class QueryTextFilter extends OncePerRequestFilter {

    private final ObjectMapper json;

    QueryTextFilter(ObjectMapper json) {
        this.json = json;
    }

    /** Reads the query string itself, never the body: a form body stays for whoever reads it, within its limit. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            for (String parameter : query.split("&")) {
                String decoded;
                try {
                    decoded = URLDecoder.decode(parameter, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    refuse(response, "a query parameter is not URL-encoded");
                    return;
                }
                if (hasControlCharacter(decoded)) {
                    refuse(response, "a query parameter holds a control character");
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, String detail) throws IOException {
        Problems.write(response, json, Problems.invalid(detail, List.of()));
    }

    private static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7F);
    }
}
