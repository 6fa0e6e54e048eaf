package com.tuitionescrow.ledger.api.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tuitionescrow.ledger.accounting.JournalChain;
import com.tuitionescrow.ledger.api.audit.CheckpointView;
import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier on journals built here and chained with the ledger's own {@link JournalChain},
 * so the verifier's independent reading of the published definition is checked against the ledger's.
 */
class OfflineVerifierTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String CUSTODY = "CUSTODY_CASH:" + SCHOOL;
    private static final String PREPAID = "STUDENT_PREPAID:" + SCHOOL + ":stu-1";
    private static final OffsetDateTime AT = OffsetDateTime.parse("2026-03-02T10:00:00.123456+08:00");
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path dir;

    private KeyPair key;

    @BeforeEach
    void keys() throws Exception {
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static JournalEntryView.Line line(String account, long debit, long credit) {
        return new JournalEntryView.Line(account, account.split(":")[0], SCHOOL, debit, credit);
    }

    /** Three entries: 3000 yuan in, 300 consumed, 100 more in; each chained like the ledger chains it. */
    private static List<JournalEntryView> journal() {
        return chain(List.of(
                List.of(line(CUSTODY, 300_000, 0), line(PREPAID, 0, 300_000)),
                List.of(line(PREPAID, 30_000, 0), line("AWAITING_CONFIRMATION:" + SCHOOL, 0, 30_000)),
                List.of(line(CUSTODY, 10_000, 0), line(PREPAID, 0, 10_000))));
    }

    private static List<JournalEntryView> chain(List<List<JournalEntryView.Line>> postings) {
        List<JournalEntryView> entries = new ArrayList<>();
        byte[] prev = JournalChain.genesis();
        for (int i = 0; i < postings.size(); i++) {
            JournalEntryView unhashed = entry(i + 1, postings.get(i), HEX.formatHex(prev), "");
            byte[] hash = JournalChain.hash(prev, linkOf(unhashed));
            entries.add(entry(i + 1, postings.get(i), HEX.formatHex(prev), HEX.formatHex(hash)));
            prev = hash;
        }
        return entries;
    }

    /** The entry changed, then the chain recomputed from it on: a rewrite that keeps the chain valid. */
    private static List<JournalEntryView> rewritten(
            List<JournalEntryView> entries, int index, UnaryOperator<List<JournalEntryView.Line>> change) {
        List<List<JournalEntryView.Line>> postings =
                new ArrayList<>(entries.stream().map(JournalEntryView::postings).toList());
        postings.set(index, change.apply(postings.get(index)));
        return chain(postings);
    }

    private static JournalEntryView entry(
            long seq, List<JournalEntryView.Line> postings, String prevHash, String hash) {
        return new JournalEntryView(
                seq,
                seq * 10,
                "entry-" + seq,
                "CollectionApplied",
                SCHOOL,
                seq == 2 ? null : "order-1",
                AT.plusSeconds(seq),
                AT.plusSeconds(seq + 1),
                "bank:icbc",
                postings,
                prevHash,
                hash);
    }

    private static JournalChain.Link linkOf(JournalEntryView e) {
        return new JournalChain.Link(
                e.seq(),
                e.globalIndex(),
                e.entryId(),
                e.type(),
                e.institutionId(),
                e.orderId(),
                e.occurredAt().toInstant(),
                e.recordedAt().toInstant(),
                e.actor(),
                e.postings().stream()
                        .map(l -> new JournalChain.Line(
                                l.accountCode(), l.accountType(), l.institutionId(), l.debitFen(), l.creditFen()))
                        .toList());
    }

    private CheckpointView checkpoint(JournalEntryView at) throws Exception {
        Instant publishedAt = Instant.parse("2026-03-02T03:00:00.000001Z");
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.getPrivate());
        signature.update(
                CheckpointView.signedText(at.seq(), at.hash(), publishedAt).getBytes(StandardCharsets.UTF_8));
        return new CheckpointView(
                at.seq(),
                at.hash(),
                publishedAt.atOffset(ZoneOffset.ofHours(8)),
                "test",
                Base64.getEncoder().encodeToString(signature.sign()));
    }

    /** Writes the export, the checkpoints and the key, runs the verifier, and returns its exit code and what it said. */
    private String[] run(List<JournalEntryView> entries, List<CheckpointView> checkpoints) throws Exception {
        StringBuilder export = new StringBuilder();
        for (JournalEntryView entry : entries) {
            export.append(json.writeValueAsString(entry)).append('\n');
        }
        Files.writeString(dir.resolve("journal.ndjson"), export);
        Files.writeString(
                dir.resolve("checkpoints.json"), json.writeValueAsString(java.util.Map.of("items", checkpoints)));
        Files.writeString(
                dir.resolve("key.pem"),
                "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(key.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int code = new OfflineVerifier(new PrintStream(said, true, StandardCharsets.UTF_8)).run(new String[] {
            dir.resolve("journal.ndjson").toString(),
            dir.resolve("checkpoints.json").toString(),
            dir.resolve("key.pem").toString()
        });
        return new String[] {
            Integer.toString(code), said.toString(StandardCharsets.UTF_8).strip()
        };
    }

    @Test
    void a_journal_as_the_ledger_chains_it_with_its_signed_checkpoint_verifies() throws Exception {
        List<JournalEntryView> journal = journal();

        assertThat(run(journal, List.of(checkpoint(journal.get(2))))).containsExactly("0", "OK");
    }

    @Test
    void an_amount_changed_in_the_export_is_named_by_its_line() throws Exception {
        List<JournalEntryView> journal = new ArrayList<>(journal());
        JournalEntryView second = journal.get(1);
        journal.set(
                1,
                new JournalEntryView(
                        second.seq(),
                        second.globalIndex(),
                        second.entryId(),
                        second.type(),
                        second.institutionId(),
                        second.orderId(),
                        second.occurredAt(),
                        second.recordedAt(),
                        second.actor(),
                        List.of(line(PREPAID, 30_001, 0), line("AWAITING_CONFIRMATION:" + SCHOOL, 0, 30_001)),
                        second.prevHash(),
                        second.hash()));

        assertThat(run(journal, List.of()))
                .containsExactly("1", "FAILED: line 2 (seq 2): the hash is not the hash of the entry's content");
    }

    @Test
    void a_rewrite_that_keeps_the_chain_valid_is_caught_by_the_checkpoint_kept_before() throws Exception {
        List<JournalEntryView> journal = journal();
        List<JournalEntryView> rewrite = rewritten(
                journal,
                1,
                lines -> List.of(line(PREPAID, 20_000, 0), line("AWAITING_CONFIRMATION:" + SCHOOL, 0, 20_000)));

        assertThat(run(rewrite, List.of(checkpoint(journal.get(2)))))
                .containsExactly(
                        "1",
                        "FAILED: line 3 (seq 3): the hash differs from the checkpoint published at this seq: "
                                + "the journal up to here was rewritten");
    }

    @Test
    void a_truncated_export_is_caught_by_a_checkpoint_beyond_its_end() throws Exception {
        List<JournalEntryView> journal = journal();

        assertThat(run(journal.subList(0, 2), List.of(checkpoint(journal.get(2)))))
                .containsExactly(
                        "1",
                        "FAILED: the export ends at seq 2 but a checkpoint was published at seq 3: entries after 2 are missing");
    }

    @Test
    void an_entry_that_does_not_balance_per_institution_is_named_even_when_rehashed() throws Exception {
        List<JournalEntryView> unbalanced = rewritten(
                journal(),
                2,
                lines -> List.of(
                        line(CUSTODY, 10_000, 0),
                        new JournalEntryView.Line(
                                "STUDENT_PREPAID:91350100M000200Y21:stu-1",
                                "STUDENT_PREPAID",
                                "91350100M000200Y21",
                                0,
                                10_000)));

        assertThat(run(unbalanced, List.of()))
                .containsExactly(
                        "1",
                        "FAILED: line 3 (seq 3): does not balance for 91350100M000200Y21: debits minus credits = -10000");
    }

    @Test
    void a_posting_whose_institution_column_is_not_its_accounts_is_named() throws Exception {
        List<JournalEntryView> moved = rewritten(
                journal(),
                0,
                lines -> List.of(
                        new JournalEntryView.Line(CUSTODY, "CUSTODY_CASH", "91350100M000200Y21", 300_000, 0),
                        lines.get(1)));

        assertThat(run(moved, List.of())[1]).startsWith("FAILED: line 1 (seq 1): posting to " + CUSTODY + " says");
    }

    @Test
    void a_balance_driven_below_its_normal_side_is_named() throws Exception {
        List<JournalEntryView> overdrawn = rewritten(
                journal(),
                1,
                lines -> List.of(line(PREPAID, 400_000, 0), line("AWAITING_CONFIRMATION:" + SCHOOL, 0, 400_000)));

        assertThat(run(overdrawn, List.of()))
                .containsExactly("1", "FAILED: line 2 (seq 2): the balance of " + PREPAID + " leaves its normal side");
    }

    @Test
    void a_checkpoint_not_signed_by_the_key_fails() throws Exception {
        List<JournalEntryView> journal = journal();
        CheckpointView good = checkpoint(journal.get(2));
        CheckpointView moved = new CheckpointView(
                good.seq(), good.hash(), good.publishedAt().plusSeconds(1), good.keyId(), good.signature());

        assertThat(run(journal, List.of(moved)))
                .containsExactly("1", "FAILED: checkpoint at seq 3: the signature does not verify with the key");
    }
}
