package com.tuitionescrow.ledger.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.client.BankSignature;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.platform.web.Problems;
import com.tuitionescrow.ledger.shared.Sha256;
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
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the body signature of every {@code /v1/bank/**} call before it reaches the ledger:
 * {@code X-Ledger-Signature: sha256=<hex HMAC-SHA256(secret, X-Ledger-Timestamp + "." + raw body)>}.
 * Missing or wrong: 401 SIGNATURE_INVALID; a timestamp more than the allowed skew away: 401
 * SIGNATURE_STALE; a signature of a changing call already accepted: 401 SIGNATURE_REPLAYED. A GET
 * changes nothing and signs an empty body, so every GET of one second carries the same signature:
 * reads are held to freshness, not to first sighting. The body read here is the body the controller
 * gets, so what was signed is exactly what is applied.
 */
class BankSignatureFilter extends OncePerRequestFilter {

    private static final String TIMESTAMP = BankSignature.TIMESTAMP_HEADER;
    private static final String SIGNATURE = BankSignature.SIGNATURE_HEADER;
    private static final String PREFIX = "sha256=";
    private static final HexFormat HEX = HexFormat.of();

    private final BankSignatureProperties properties;
    private final SignatureReplayGuard replays;
    private final Clock clock;
    private final ObjectMapper json;

    BankSignatureFilter(BankSignatureProperties properties, SignatureReplayGuard replays, Clock clock, ObjectMapper json) {
        this.properties = properties;
        this.replays = replays;
        this.clock = clock;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/bank/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > properties.maxBodyBytes()) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, properties.maxBodyBytes() + 1));
        if (body.length > properties.maxBodyBytes()) {
            refuse(response, HttpStatus.PAYLOAD_TOO_LARGE, ProblemCode.PAYLOAD_TOO_LARGE, tooLarge());
            return;
        }
        String timestamp = request.getHeader(TIMESTAMP);
        String signature = request.getHeader(SIGNATURE);
        if (timestamp == null || signature == null || !timestamp.matches("[0-9]{1,12}") || !signature.startsWith(PREFIX)) {
            refuse(response, HttpStatus.UNAUTHORIZED, ProblemCode.SIGNATURE_INVALID,
                    "a bank call carries " + TIMESTAMP + " (unix seconds) and " + SIGNATURE + ": sha256=<hex>");
            return;
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(Long.parseLong(timestamp)), clock.instant()).abs();
        if (skew.compareTo(properties.maxClockSkew()) > 0) {
            refuse(response, HttpStatus.UNAUTHORIZED, ProblemCode.SIGNATURE_STALE,
                    "the signature's timestamp is more than " + properties.maxClockSkew().toSeconds()
                            + " s from the ledger's clock; sign each call when you send it");
            return;
        }
        byte[] presented = parseHex(signature.substring(PREFIX.length()));
        if (presented == null || !matchesAnySecret(presented, timestamp, body)) {
            refuse(response, HttpStatus.UNAUTHORIZED, ProblemCode.SIGNATURE_INVALID,
                    "the signature does not match the timestamp and body as sent");
            return;
        }
        if (!"GET".equals(request.getMethod()) && !replays.firstSighting(Sha256.of(presented))) {
            refuse(response, HttpStatus.UNAUTHORIZED, ProblemCode.SIGNATURE_REPLAYED,
                    "this signed call was already received; sign each attempt afresh");
            return;
        }
        chain.doFilter(new SignedBody(request, body), response);
    }

    private boolean matchesAnySecret(byte[] presented, String timestamp, byte[] body) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] secret : properties.acceptedSecrets()) {
            // Constant-time comparison, and every secret tried, so timing tells nothing.
            matched |= MessageDigest.isEqual(presented, hmac(secret, prefix, body));
        }
        return matched;
    }

    static byte[] hmac(byte[] secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides HmacSHA256", e);
        }
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

    private void refuse(HttpServletResponse response, HttpStatus status, ProblemCode code, String detail) throws IOException {
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
