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
 * nothing but this definition (docs/architecture.md, "The journal and its chain"). The canonical
 * form is a sequence of UTF-8 fields, each written as its length in bytes (decimal), a colon, the
 * bytes and a newline, so that no value (an actor named with a newline, say) can pass for two; an
 * absent value is written {@code -1:} and a newline, which no present value can be. The fields, in
 * order: seq, globalIndex, entryId, type, institutionId, orderId, occurredAt and recordedAt
 * (ISO-8601 instants to the microsecond, as stored), actor, then one field per posting line,
 * {@code accountCode,accountType,institutionId,debitFen,creditFen}. Every column a report reads
 * is in it: an institution id moved on an entry or a posting breaks the chain like an amount does.
 */
public final class JournalChain {

    private static final int HASH_BYTES = 32;

    private JournalChain() {}

    /** An entry as stored, column by column: what the hash covers. */
    public record Link(
            long seq,
            long globalIndex,
            String entryId,
            String type,
            String institutionId,
            String orderId,
            Instant occurredAt,
            Instant recordedAt,
            String actor,
            List<Line> lines) {
        public Link {
            lines = List.copyOf(lines);
        }
    }

    /** A posting line as stored: its account's code, type and institution are separate columns. */
    public record Line(String accountCode, String accountType, String institutionId, long debitFen, long creditFen) {

        public static Line of(Posting posting) {
            AccountCode account = posting.account();
            return new Line(
                    account.toString(),
                    account.type().name(),
                    account.institutionId(),
                    posting.debitFen(),
                    posting.creditFen());
        }
    }

    /** The previous hash of the first entry: 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[HASH_BYTES];
    }

    /** Instants are kept to the microsecond, the precision the database stores. */
    public static Instant toStoredPrecision(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static byte[] hash(byte[] prevHash, Link link) {
        if (prevHash.length != HASH_BYTES) {
            throw new IllegalArgumentException("a previous hash is " + HASH_BYTES + " bytes");
        }
        MessageDigest sha256 = sha256();
        sha256.update(prevHash);
        field(sha256, Long.toString(link.seq()));
        field(sha256, Long.toString(link.globalIndex()));
        field(sha256, link.entryId());
        field(sha256, link.type());
        field(sha256, link.institutionId());
        field(sha256, link.orderId());
        field(sha256, toStoredPrecision(link.occurredAt()).toString());
        field(sha256, toStoredPrecision(link.recordedAt()).toString());
        field(sha256, link.actor());
        for (Line line : link.lines()) {
            field(
                    sha256,
                    line.accountCode() + "," + line.accountType() + "," + line.institutionId() + "," + line.debitFen()
                            + "," + line.creditFen());
        }
        return sha256.digest();
    }

    private static void field(MessageDigest digest, String value) {
        if (value == null) {
            digest.update("-1:\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
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
