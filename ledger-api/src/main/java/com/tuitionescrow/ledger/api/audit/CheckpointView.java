package com.tuitionescrow.ledger.api.audit;

import java.time.OffsetDateTime;

/**
 * The journal's head as published: entry {@code seq} had {@code hash} (hex) at {@code publishedAt}.
 * {@code signature} is Ed25519 (base64) by the key {@code keyId} over {@link #signedText()}; a
 * regulator who keeps one can later prove that the journal up to it was neither truncated nor
 * rewritten.
 */
public record CheckpointView(long seq, String hash, OffsetDateTime publishedAt, String keyId, String signature) {

    /** What the signature covers: UTF-8 lines, {@code escrow-ledger-checkpoint}, seq, hash, publishedAt (ISO instant). */
    public String signedText() {
        return signedText(seq, hash, publishedAt.toInstant());
    }

    public static String signedText(long seq, String hash, java.time.Instant publishedAt) {
        return "escrow-ledger-checkpoint\n" + seq + "\n" + hash + "\n" + publishedAt + "\n";
    }
}
