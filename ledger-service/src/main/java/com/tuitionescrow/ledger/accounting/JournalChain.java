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
 * nothing but this definition. The canonical form is a sequence of UTF-8 fields, each written as
 * its length in bytes (decimal), a colon, the bytes and a newline, so that no value (an actor
 * named with a newline, say) can pass for two. The fields, in order: seq, entryId, type,
 * occurredAt and recordedAt (ISO-8601 instants to the microsecond, as stored), actor, then one
 * field per posting, {@code accountCode,debitFen,creditFen}.
 */
public final class JournalChain {

    private static final int HASH_BYTES = 32;

    private JournalChain() {
    }

    /** The previous hash of the first entry: 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    /** Instants are kept to the microsecond, the precision the database stores. */
    public static Instant toStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] hash(byte[] prevHash, long seq, String entryId, String type, Instant occurredAt,
                              Instant recordedAt, String actor, List<Posting> postings) {
        if (prevHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a previous hash is " + HASH_BYTES + " bytes");
        }
        MessageDigest sha256 = sha256();
        sha256.update(prevHash);
        field(sha256, Long.toString(seq));
        field(sha256, entryId);
        field(sha256, type);
        field(sha256, toStoredPrecision(occurredAt).toString());
        field(sha256, toStoredPrecision(recordedAt).toString());
        field(sha256, actor);
        for (Posting posting : postings) {
            field(sha256, posting.account() + "," + posting.debitFen() + "," + posting.creditFen());
        }
        return sha256.digest();
    }

    private static void field(MessageDigest digest, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        digest.update(bytes);
        digest.update((byte) '\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
