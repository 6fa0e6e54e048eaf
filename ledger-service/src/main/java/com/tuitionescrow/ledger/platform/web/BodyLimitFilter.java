package com.tuitionescrow.ledger.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body (413 beyond the limit), before anything reads it: a declared length over
 * the limit is refused at once, and a body sent without one stops being read at the limit. Bank
 * calls ({@link BankChannel}) have their own, larger limit where their signature is checked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodyLimitFilter extends OncePerRequestFilter {

    private final long maxBodyBytes;
    private final Routes routes;
    private final ObjectMapper json;

    BodyLimitFilter(@Value("${ledger.web.max-body-bytes}") long maxBodyBytes, Routes routes, ObjectMapper json) {
        this.maxBodyBytes = maxBodyBytes;
        this.routes = routes;
        this.json = json;
    }

    /** The path is canonical by now ({@link CanonicalPathFilter}): the one the router and the signature read. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return routes.isBankChannel(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            Problems.write(
                    response,
                    json,
                    Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE, tooLarge(maxBodyBytes)));
            return;
        }
        chain.doFilter(new Bounded(request, maxBodyBytes), response);
    }

    static String tooLarge(long maxBodyBytes) {
        return "a request body is at most " + maxBodyBytes + " bytes";
    }

    /** Thrown while reading a body past the limit; the problem advice answers it with 413. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge(long maxBodyBytes) {
            super(tooLarge(maxBodyBytes));
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final long maxBodyBytes;

        Bounded(HttpServletRequest request, long maxBodyBytes) {
            super(request);
            this.maxBodyBytes = maxBodyBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = body.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = body.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int bytes) throws BodyTooLarge {
                    read += bytes;
                    if (read > maxBodyBytes) {
                        throw new BodyTooLarge(maxBodyBytes);
                    }
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
