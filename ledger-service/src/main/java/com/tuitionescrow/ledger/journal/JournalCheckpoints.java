package com.tuitionescrow.ledger.journal;

import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_CHECKPOINT;
import static com.tuitionescrow.ledger.schema.Tables.JOURNAL_HEAD;

import com.tuitionescrow.ledger.api.audit.CheckpointView;
import com.tuitionescrow.ledger.schema.tables.records.JournalCheckpointRecord;
import com.tuitionescrow.ledger.schema.tables.records.JournalHeadRecord;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the journal's head at intervals as a signed checkpoint. The chain alone proves that no
 * entry was changed, not that none was cut off the end or that the whole tail was not rewritten
 * and re-chained; a checkpoint a regulator has kept anchors the chain up to it, whatever happens to
 * the database afterwards. Every instance tries; the seq is the key, so each head is published once.
 */
@Component
class JournalCheckpoints {

    private static final HexFormat HEX = HexFormat.of();

    private final DSLContext db;
    private final CheckpointKey key;
    private final Clock clock;

    JournalCheckpoints(DSLContext db, CheckpointKey key, Clock clock) {
        this.db = db;
        this.key = key;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${ledger.audit.checkpoint-interval}",
            initialDelayString = "${ledger.audit.checkpoint-interval}")
    void publishOnSchedule() {
        publish();
    }

    /** Publishes the current head unless it is published already or the journal is empty. */
    Optional<CheckpointView> publish() {
        JournalHeadRecord head = db.selectFrom(JOURNAL_HEAD).fetchSingle();
        if (head.getLastSeq() == 0) {
            return Optional.empty();
        }
        Instant publishedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        String hash = HEX.formatHex(head.getLastHash());
        byte[] signature = key.sign(CheckpointView.signedText(head.getLastSeq(), hash, publishedAt));
        db.insertInto(JOURNAL_CHECKPOINT)
                .set(JOURNAL_CHECKPOINT.SEQ, head.getLastSeq())
                .set(JOURNAL_CHECKPOINT.HASH, head.getLastHash())
                .set(JOURNAL_CHECKPOINT.PUBLISHED_AT, publishedAt.atOffset(java.time.ZoneOffset.UTC))
                .set(JOURNAL_CHECKPOINT.KEY_ID, key.keyId())
                .set(JOURNAL_CHECKPOINT.SIGNATURE, signature)
                .onConflictDoNothing()
                .execute();
        return Optional.of(view(db.selectFrom(JOURNAL_CHECKPOINT)
                .where(JOURNAL_CHECKPOINT.SEQ.eq(head.getLastSeq()))
                .fetchSingle()));
    }

    List<CheckpointView> page(long afterSeq, int limit) {
        return db.selectFrom(JOURNAL_CHECKPOINT)
                .where(JOURNAL_CHECKPOINT.SEQ.gt(afterSeq))
                .orderBy(JOURNAL_CHECKPOINT.SEQ)
                .limit(limit)
                .fetch(JournalCheckpoints::view);
    }

    /** Whether a stored checkpoint carries a good signature by this ledger's key. */
    boolean signedHere(CheckpointView checkpoint) {
        return checkpoint.keyId().equals(key.keyId())
                && key.verifies(checkpoint.signedText(), Base64.getDecoder().decode(checkpoint.signature()));
    }

    private static CheckpointView view(JournalCheckpointRecord r) {
        return new CheckpointView(
                r.getSeq(),
                HEX.formatHex(r.getHash()),
                LedgerTime.offsetOf(r.getPublishedAt().toInstant()),
                r.getKeyId(),
                Base64.getEncoder().encodeToString(r.getSignature()));
    }
}
