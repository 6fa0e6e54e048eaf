package com.tuitionescrow.ledger.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs bank calls as docs/api.md says: {@code X-Ledger-Timestamp} and
 * {@code X-Ledger-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}.
 *
 * <p>A bank signs each attempt when it sends it, so two attempts are never the same signed call.
 * Tests send the same body many times within one second (every GET signs the same empty body), so
 * each signing takes the latest second, at or before now, that the body was never signed with, and
 * after four minutes back the earliest one ahead of now: up to about 480 calls of one body in a
 * burst, one more for every second that passes, each a signature the ledger has not seen. The seconds
 * used are remembered for the whole run, because test classes with their own application context
 * have clocks of their own and share the database that remembers the signatures.
 */
public final class BankSigner {

    public static final String TIMESTAMP = "X-Ledger-Timestamp";
    public static final String SIGNATURE = "X-Ledger-Signature";
    /** How far from now a timestamp may be chosen: well inside the ledger's 300 seconds. */
    private static final long SPREAD_SECONDS = 240;
    /** The timestamps each body (by its hash and length) was signed with. */
    private static final Map<String, NavigableSet<Long>> SIGNED = new ConcurrentHashMap<>();

    private final String secret;
    private final Clock clock;

    public BankSigner(String secret, Clock clock) {
        this.secret = secret;
        this.clock = clock;
    }

    /** Signature headers for a bank path; none for any other path. */
    Map<String, String> headersFor(String path, String body) {
        if (!path.startsWith("/v1/bank/")) {
            return Map.of();
        }
        return headers(unusedTimestamp(Integer.toHexString(body.hashCode()) + ":" + body.length()), body);
    }

    private long unusedTimestamp(String bodyKey) {
        long now = clock.instant().getEpochSecond();
        NavigableSet<Long> signed = SIGNED.computeIfAbsent(bodyKey, key -> new TreeSet<>());
        synchronized (signed) {
            for (long timestamp = now; timestamp >= now - SPREAD_SECONDS; timestamp--) {
                if (signed.add(timestamp)) {
                    return timestamp;
                }
            }
            for (long timestamp = now + 1; timestamp <= now + SPREAD_SECONDS; timestamp++) {
                if (signed.add(timestamp)) {
                    return timestamp;
                }
            }
        }
        throw new IllegalStateException("the same bank call body was signed more than " + (2 * SPREAD_SECONDS)
                + " times within " + SPREAD_SECONDS + " seconds; every further signature would be a replay");
    }

    public Map<String, String> headers(long timestamp, String body) {
        return Map.of(TIMESTAMP, Long.toString(timestamp), SIGNATURE, "sha256=" + sign(timestamp, body));
    }

    public String sign(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
