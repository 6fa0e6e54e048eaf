package com.tuitionescrow.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What an insider with the database could try, done directly in PostgreSQL, and the verification
 * naming each: an amount on a posting, an institution on a balance row, an event's payload in the
 * event store, the last entries deleted, a checkpoint's row changed.
 */
class JournalTamperTest extends LedgerIntegrationTest {

    private JsonNode verify(String query) {
        Http.Response verification = http.get("/v1/audit/verification" + query, Tokens.regulator());
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        return verification.body();
    }

    private void assertAllHolds(JsonNode verification) {
        for (String finding : new String[] {
            "chainIntact", "balanced", "replayMatches", "eventsMatch", "headMatches", "checkpointsHold"
        }) {
            assertThat(verification.get(finding).asBoolean())
                    .as(finding + " in " + verification)
                    .isTrue();
        }
    }

    /** A paid order of its own institution, journaled; returns the collection entry's seq. */
    private long collectionEntry(Institution school) {
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        awaitLedger();
        return db.resultQuery(
                        "select seq from journal_entry where order_id = ? and entry_type = 'CollectionApplied'",
                        orderId)
                .fetchOne(0, Long.class);
    }

    private String entryId(long seq) {
        return db.resultQuery("select entry_id from journal_entry where seq = ?", seq)
                .fetchOne(0, String.class);
    }

    @Test
    void given_an_amount_changed_on_a_posting_then_the_chain_the_event_and_the_balance_each_name_it() {
        Institution school = newInstitution();
        long seq = collectionEntry(school);

        db.execute("update journal_posting set debit_fen = debit_fen + 1 where seq = ? and debit_fen > 0", seq);
        try {
            JsonNode verification = verify("");

            assertThat(verification.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verification.get("firstUnbalancedSeq").asLong()).isEqualTo(seq);
            assertThat(verification.get("firstDifferingEventId").asText()).isEqualTo(entryId(seq));
            assertThat(verification.get("firstDifferingAccount").asText()).isEqualTo("CUSTODY_CASH:" + school.id());
        } finally {
            db.execute("update journal_posting set debit_fen = debit_fen - 1 where seq = ? and debit_fen > 0", seq);
        }
        assertAllHolds(verify(""));
    }

    /**
     * The watermark moved into the future would make an asOf read answer before the journal holds its
     * moment, and a later answer differ; no writer sets one past the database's clock, so the writer
     * sets it back.
     */
    @Test
    void given_the_watermark_moved_into_the_future_then_the_writer_sets_it_back() {
        Institution school = newInstitution();
        collectionEntry(school);

        db.execute("update journal_head set complete_until = timestamptz '2099-01-01 00:00:00+00'");

        Awaitility.await("the watermark is set back")
                .atMost(Duration.ofSeconds(10))
                .until(() -> db.resultQuery("select complete_until <= statement_timestamp() from journal_head")
                        .fetchOne(0, Boolean.class));
        Http.Response asOf = http.get(
                "/v1/institutions/" + school.id() + "/settlement?asOf="
                        + Instant.now()
                                .minusSeconds(1)
                                .atOffset(ZoneOffset.ofHours(8))
                                .toString()
                                .replace("+", "%2B"),
                Tokens.regulator());
        assertThat(asOf.status()).as(asOf.toString()).isEqualTo(200);
        assertAllHolds(verify(""));
    }

    @Test
    void given_an_institution_id_moved_on_a_balance_row_then_the_replay_names_the_account() {
        Institution school = newInstitution();
        Institution other = newInstitution();
        collectionEntry(school);
        String custody = "CUSTODY_CASH:" + school.id();

        db.execute("update account_balance set institution_id = ? where account_code = ?", other.id(), custody);
        try {
            JsonNode verification = verify("");

            assertThat(verification.get("chainIntact").asBoolean()).isTrue();
            assertThat(verification.get("replayMatches").asBoolean()).isFalse();
            assertThat(verification.get("firstDifferingAccount").asText()).isEqualTo(custody);
        } finally {
            db.execute("update account_balance set institution_id = ? where account_code = ?", school.id(), custody);
        }
        assertAllHolds(verify(""));
    }

    @Test
    void given_an_event_payload_changed_in_the_event_store_then_verification_names_the_event() {
        Institution school = newInstitution();
        long seq = collectionEntry(school);
        String eventId = entryId(seq);
        long globalIndex = db.resultQuery("select global_index from journal_entry where seq = ?", seq)
                .fetchOne(0, Long.class);

        db.execute(
                "update domainevententry set payload = convert_to(replace(convert_from(payload, 'UTF8'), ':300000', ':300001'), "
                        + "'UTF8') where eventidentifier = ?",
                eventId);
        try {
            JsonNode verification = verify("");

            assertThat(verification.get("chainIntact").asBoolean())
                    .as("the journal itself is untouched")
                    .isTrue();
            assertThat(verification.get("eventsMatch").asBoolean()).isFalse();
            assertThat(verification.get("firstDifferingEventId").asText()).isEqualTo(eventId);
            assertThat(verification.get("firstDifferingGlobalIndex").asLong()).isEqualTo(globalIndex);
        } finally {
            db.execute(
                    "update domainevententry set payload = convert_to(replace(convert_from(payload, 'UTF8'), ':300001', "
                            + "':300000'), 'UTF8') where eventidentifier = ?",
                    eventId);
        }
        assertAllHolds(verify(""));
    }

    @Test
    void given_the_last_entries_deleted_then_the_head_the_events_and_a_kept_checkpoint_name_the_truncation() {
        Institution school = newInstitution();
        collectionEntry(school);
        long firstDeleted = collectionEntry(school);
        Http.Response published = http.post("/v1/audit/checkpoints", Tokens.regulator(), java.util.Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        JsonNode kept = published.body();
        String keptQuery = "?checkpointSeq=" + kept.get("seq").asLong() + "&checkpointHash="
                + kept.get("hash").asText();
        assertThat(verify(keptQuery).get("givenCheckpointHolds").asBoolean()).isTrue();
        String firstDeletedEvent = entryId(firstDeleted);

        try (AutoCloseable paused = journalPaused()) {
            db.execute("delete from journal_posting where seq >= ?", firstDeleted);
            db.execute("delete from journal_entry where seq >= ?", firstDeleted);

            JsonNode verification = verify(keptQuery);

            assertThat(verification.get("chainIntact").asBoolean())
                    .as("what is left is a valid shorter chain")
                    .isTrue();
            assertThat(verification.get("headMatches").asBoolean()).isFalse();
            assertThat(verification.get("firstDifferingEventId").asText()).isEqualTo(firstDeletedEvent);
            assertThat(verification.get("givenCheckpointHolds").asBoolean()).isFalse();
            assertThat(verification.get("checkpointsHold").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenCheckpointSeq").asLong()).isGreaterThanOrEqualTo(firstDeleted);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        rebuildJournal();
        JsonNode rebuilt = verify(keptQuery);
        assertAllHolds(rebuilt);
        assertThat(rebuilt.get("givenCheckpointHolds").asBoolean())
                .as("projected again, the same chain")
                .isTrue();
    }

    @Test
    void given_a_checkpoint_row_changed_then_its_signature_fails_and_the_public_key_checks_the_others()
            throws Exception {
        Institution school = newInstitution();
        collectionEntry(school);
        JsonNode checkpoint = http.post("/v1/audit/checkpoints", Tokens.regulator(), java.util.Map.of())
                .body();
        JsonNode key = http.get("/v1/audit/checkpoint-key", Tokens.regulator()).body();
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(
                        Base64.getDecoder().decode(key.get("publicKey").asText())));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(("escrow-ledger-checkpoint\n" + checkpoint.get("seq").asLong() + "\n"
                        + checkpoint.get("hash").asText() + "\n"
                        + java.time.OffsetDateTime.parse(
                                        checkpoint.get("publishedAt").asText())
                                .toInstant() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(signature.verify(
                        Base64.getDecoder().decode(checkpoint.get("signature").asText())))
                .isTrue();
        assertThat(key.get("keyId").asText()).isEqualTo(checkpoint.get("keyId").asText());

        db.execute(
                "update journal_checkpoint set published_at = published_at + interval '1 second' where seq = ?",
                checkpoint.get("seq").asLong());
        try {
            JsonNode verification = verify("");
            assertThat(verification.get("checkpointsHold").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenCheckpointSeq").asLong())
                    .isEqualTo(checkpoint.get("seq").asLong());
        } finally {
            db.execute(
                    "update journal_checkpoint set published_at = published_at - interval '1 second' where seq = ?",
                    checkpoint.get("seq").asLong());
        }
    }
}
