package com.tuitionescrow.ledger.accounting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The journal's hash chain: {@code hash = SHA-256(prevHash || canonical form of the entry)}, the
 * first entry chained to 32 zero bytes. An auditor recomputes it from the exported journal with
 * nothing but this definition; the canonical form is one UTF-8 line per field, in this order:
 * seq, entryId, type, occurredAt, recordedAt (ISO-8601 instants in microseconds, as stored),
 * actor, then each posting as {@code accountCode,debitFen,creditFen}.
 */
public final class JournalChain {

    public static final byte[] GENESIS = new byte[32];

    private JournalChain() {
    }

    /** Instants are kept to the microsecond, the precision the database stores. */
    public static Instant toStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] hash(byte[] prevHash, long seq, String entryId, String type, Instant occurredAt,
                              Instant recordedAt, String actor, List<Posting> postings) {
        if (prevHash.length != GENESIS.length) {
            throw new IllegalArgumentException("a previous hash is 32 bytes");
        }
        StringBuilder canonical = new StringBuilder(256)
                .append(seq).append('\n')
                .append(entryId).append('\n')
                .append(type).append('\n')
                .append(toStoredPrecision(occurredAt)).append('\n')
                .append(toStoredPrecision(recordedAt)).append('\n')
                .append(actor).append('\n');
        for (Posting posting : postings) {
            canonical.append(posting.account()).append(',')
                    .append(posting.debitFen()).append(',')
                    .append(posting.creditFen()).append('\n');
        }
        MessageDigest sha256 = sha256();
        sha256.update(prevHash);
        return sha256.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
