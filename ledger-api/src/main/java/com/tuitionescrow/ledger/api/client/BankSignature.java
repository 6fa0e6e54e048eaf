package com.tuitionescrow.ledger.api.client;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The body signature every {@code /v1/bank/**} call carries (docs/api.md, "Who may call what"):
 * {@code X-Ledger-Signature: sha256=<lower-case hex HMAC-SHA256(secret, timestamp + "." + body)>},
 * keyed with the secret's UTF-8 bytes, over the body bytes exactly as sent (a GET signs an empty
 * body). {@link LedgerClient} signs for its caller; this class is public for a bank that sends a
 * call the client does not cover, such as a statement file.
 */
public final class BankSignature {

    public static final String TIMESTAMP_HEADER = "X-Ledger-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Ledger-Signature";
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DOT = {'.'};

    private final SecretKeySpec key;

    /** @param secret the bank's {@code LEDGER_BANK_HMAC_SECRET}, as text */
    public BankSignature(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the bank secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The {@value #SIGNATURE_HEADER} value for this body signed at {@code timestampSeconds} (unix seconds). */
    public String sign(long timestampSeconds, byte[] body) {
        if (timestampSeconds < 0) {
            throw new IllegalArgumentException("a timestamp is unix seconds, never negative: " + timestampSeconds);
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.US_ASCII));
            mac.update(DOT);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
        }
    }
}
