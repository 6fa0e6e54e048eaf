package com.tuitionescrow.ledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.client.BankSignature;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.web.BankChannel;
import com.tuitionescrow.ledger.platform.web.Problems;
import com.tuitionescrow.ledger.platform.web.Routes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the signature of every bank call ({@link BankChannel} routes) before it reaches the ledger:
 * {@code X-Ledger-Signature: v2=<hex HMAC-SHA256(secret, canonical string)>}, the canonical string
 * covering the timestamp, the method, the path with its query, the content type and the body's hash
 * ({@link BankSignature}, docs/api.md "Bank signatures"). Missing, malformed, of the retired
 * {@code sha256=} scheme or wrong: 401 SIGNATURE_INVALID; a timestamp more than the allowed skew
 * away: 401 SIGNATURE_STALE. A byte-identical resend within the skew passes: every change it asks is
 * keyed by its id and answered with the first result, and the path it names is signed, so a
 * captured call cannot be put to another use. The path read here is canonical ({@code
 * CanonicalPathFilter} ran first): the path the role rules and the router decide on. The body read
 * here is the body the controller gets, so what was signed is exactly what is applied.
 */
class BankSignatureFilter extends OncePerRequestFilter {

    private static final String TIMESTAMP = BankSignature.TIMESTAMP_HEADER;
    private static final String SIGNATURE = BankSignature.SIGNATURE_HEADER;
    private static final String PREFIX = BankSignature.SCHEME + "=";
    private static final String RETIRED_PREFIX = "sha256=";
    private static final HexFormat HEX = HexFormat.of();

    private final BankSignatureProperties properties;
    private final List<BankSignature> accepted;
    private final Routes routes;
    private final Clock clock;
    private final ObjectMapper json;

    BankSignatureFilter(BankSignatureProperties properties, Routes routes, Clock clock, ObjectMapper json) {
        this.properties = properties;
        this.accepted =
                properties.acceptedSecrets().stream().map(BankSignature::new).toList();
        this.routes = routes;
        this.clock = clock;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !routes.isBankChannel(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > properties.maxBodyBytes()) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        byte[] body = request.getInputStream()
                .readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxBodyBytes() + 1));
        if (body.length > properties.maxBodyBytes()) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        String timestamp = request.getHeader(TIMESTAMP);
        String signature = request.getHeader(SIGNATURE);
        if (signature != null && signature.startsWith(RETIRED_PREFIX)) {
            refuse(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    ProblemCode.SIGNATURE_INVALID,
                    "the sha256= signature is retired: sign with v2, over the method, path and query, content type "
                            + "and body (docs/api.md, \"Bank signatures\")");
            return;
        }
        if (timestamp == null
                || signature == null
                || !timestamp.matches("[0-9]{1,12}")
                || !signature.startsWith(PREFIX)
                || count(request, SIGNATURE) > 1
                || count(request, TIMESTAMP) > 1) {
            refuse(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    ProblemCode.SIGNATURE_INVALID,
                    "a bank call carries one " + TIMESTAMP + " (unix seconds) and one " + SIGNATURE + ": v2=<hex>");
            return;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant())
                .abs();
        if (skew.compareTo(properties.maxClockSkew()) > 0) {
            refuse(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    ProblemCode.SIGNATURE_STALE,
                    "the signature's timestamp is more than "
                            + properties.maxClockSkew().toSeconds()
                            + " s from the ledger's clock; sign each call when you send it");
            return;
        }
        byte[] presented = parseHex(signature.substring(PREFIX.length()));
        if (presented == null || !matchesAnySecret(presented, Long.parseLong(timestamp), request, body)) {
            refuse(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    ProblemCode.SIGNATURE_INVALID,
                    "the signature does not match the timestamp, method, path and query, content type and body as sent");
            return;
        }
        chain.doFilter(new SignedBody(request, body), response);
    }

    private boolean matchesAnySecret(byte[] presented, long timestamp, HttpServletRequest request, byte[] body) {
        String query = request.getQueryString();
        String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
        boolean matched = false;
        for (BankSignature secret : accepted) {
            // Constant-time comparison, and every secret tried, so timing tells nothing.
            matched |= MessageDigest.isEqual(
                    presented,
                    secret.mac(timestamp, request.getMethod(), pathAndQuery, request.getHeader("Content-Type"), body));
        }
        return matched;
    }

    private static int count(HttpServletRequest request, String header) {
        return Collections.list(request.getHeaders(header)).size();
    }

    private static byte[] parseHex(String hex) {
        try {
            return hex.length() == 64 ? HEX.parseHex(hex.toLowerCase()) : null;
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private String tooLarge() {
        return "a bank call's body is at most " + properties.maxBodyBytes() + " bytes";
    }

    private void refuse(HttpServletResponse response, HttpStatus status, ProblemCode code, String detail)
            throws IOException {
        Problems.write(response, json, Problems.of(status, code, detail));
    }

    /** The request with its body already read, handed on unchanged. */
    private static final class SignedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        SignedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the signed body is read synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
