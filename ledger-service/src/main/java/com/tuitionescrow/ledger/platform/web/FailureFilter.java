package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The problem advice answers what fails inside a controller; this answers what fails in a filter
 * before one is reached (the bank signature's replay check writes to the database). Without it
 * such a failure would leave as the servlet container's error page, or as a 500 for a database
 * that is merely out of reach.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FailureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(FailureFilter.class);

    private final ObjectMapper json;

    FailureFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException failure) {
            if (response.isCommitted()) {
                throw failure;
            }
            response.reset();
            if (DatabaseOutage.isCause(failure)) {
                log.warn("the database is unreachable: {}", failure.toString());
                response.setHeader(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
                Problems.write(
                        response,
                        json,
                        Problems.of(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                ProblemCode.DATABASE_UNAVAILABLE,
                                "the ledger cannot reach its database; nothing was recorded; "
                                        + "the same request may be sent again"));
            } else {
                log.error("unexpected failure before the request reached the ledger", failure);
                Problems.write(
                        response,
                        json,
                        Problems.of(
                                HttpStatus.INTERNAL_SERVER_ERROR,
                                ProblemCode.INTERNAL_ERROR,
                                "the ledger could not process the request; nothing was recorded"));
            }
        }
    }
}
