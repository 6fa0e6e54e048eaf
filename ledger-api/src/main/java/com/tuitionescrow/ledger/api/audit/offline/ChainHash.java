package com.tuitionescrow.ledger.api.audit.offline;

import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The journal's hash recomputed from an exported entry, written from the published definition alone
 * (docs/architecture.md, "The journal and its chain"), not from the ledger's code: SHA-256 over the
 * previous hash and the entry's fields, each as its UTF-8 length, a colon, the bytes and a newline,
 * an absent value as {@code -1:} and a newline.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private ChainHash() {}

    static String of(String prevHash, JournalEntryView entry) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
        sha256.update(HEX.parseHex(prevHash));
        field(sha256, Long.toString(entry.seq()));
        field(sha256, Long.toString(entry.globalIndex()));
        field(sha256, entry.entryId());
        field(sha256, entry.type());
        field(sha256, entry.institutionId());
        field(sha256, entry.orderId());
        field(
                sha256,
                entry.occurredAt().toInstant().truncatedTo(ChronoUnit.MICROS).toString());
        field(
                sha256,
                entry.recordedAt().toInstant().truncatedTo(ChronoUnit.MICROS).toString());
        field(sha256, entry.actor());
        for (JournalEntryView.Line line : entry.postings()) {
            field(
                    sha256,
                    line.accountCode() + "," + line.accountType() + "," + line.institutionId() + "," + line.debitFen()
                            + "," + line.creditFen());
        }
        return HEX.formatHex(sha256.digest());
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
}
