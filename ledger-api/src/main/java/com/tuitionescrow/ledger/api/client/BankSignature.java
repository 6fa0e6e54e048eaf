package com.tuitionescrow.ledger.api.client;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature every {@code /v1/bank/**} call carries (docs/api.md, "Bank signatures"), scheme v2:
 * {@code X-Ledger-Signature: v2=<lower-case hex HMAC-SHA256(secret, canonical string)>}, keyed with the
 * secret's UTF-8 bytes, where the canonical string is
 * <pre>
 * "v2\n" + timestamp + "\n" + METHOD + "\n" + path + ("?" + query, as sent, when there is one) + "\n"
 *        + Content-Type as sent (empty when none) + "\n" + lower-case hex SHA-256 of the body as sent
 * </pre>
 * The method and the path are signed so that a captured call cannot be sent to another path (an
 * instruction's result to another instruction); the body by its hash, so the string stays short. The
 * ledger checks with this very class, so the client and the server cannot drift apart.
 * {@link LedgerClient} signs for its caller; this class is public for a bank that sends a call the
 * client does not cover.
 */
public final class BankSignature {

    public static final String TIMESTAMP_HEADER = "X-Ledger-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Ledger-Signature";
    /** The name of the scheme, first in the canonical string and before the {@code =} of the header. */
    public static final String SCHEME = "v2";

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    /** @param secret the bank's {@code LEDGER_BANK_HMAC_SECRET}, as text */
    public BankSignature(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the bank secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /**
     * The {@value #SIGNATURE_HEADER} value of a call.
     *
     * @param timestampSeconds the {@value #TIMESTAMP_HEADER} sent with it (unix seconds)
     * @param method           the HTTP method, as sent ({@code GET}, {@code POST})
     * @param pathAndQuery     the path and, after {@code ?}, the query, exactly as they are sent
     * @param contentType      the {@code Content-Type} header as sent, or null when none is sent
     * @param body             the body as sent (empty for a GET)
     */
    public String sign(long timestampSeconds, String method, String pathAndQuery, String contentType, byte[] body) {
        return SCHEME + "=" + HEX.formatHex(mac(timestampSeconds, method, pathAndQuery, contentType, body));
    }

    /** The HMAC itself, for a verifier that compares bytes. */
    public byte[] mac(long timestampSeconds, String method, String pathAndQuery, String contentType, byte[] body) {
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("a timestamp is unix seconds, never negative: " + timestampSeconds);
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(canonicalString(timestampSeconds, method, pathAndQuery, contentType, body)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
        }
    }

    /** What is signed; see the class comment. */
    public static String canonicalString(
            long timestampSeconds, String method, String pathAndQuery, String contentType, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        Objects.requireNonNull(body, "body");
        try {
            String bodyHash = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return SCHEME + "\n" + timestampSeconds + "\n" + method + "\n" + pathAndQuery + "\n"
                    + (contentType == null ? "" : contentType) + "\n" + bodyHash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
