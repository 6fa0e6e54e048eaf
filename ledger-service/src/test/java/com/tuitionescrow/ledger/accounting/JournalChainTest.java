package com.tuitionescrow.ledger.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hash chain an auditor recomputes from the exported journal. */
class JournalChainTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode PREPAID = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-1");

    private static final long SEQ = 7;
    private static final String ENTRY_ID = "entry-7";
    private static final String TYPE = "CollectionApplied";
    private static final Instant OCCURRED = Instant.parse("2026-03-02T02:00:00.123456Z");
    private static final Instant RECORDED = Instant.parse("2026-03-02T02:00:01.654321Z");
    private static final String ACTOR = "bank:icbc";
    private static final List<Posting> POSTINGS = JournalEntry.of(CUSTODY, PREPAID, 300_000).postings();

    private static byte[] reference() {
        return JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS);
    }

    @Test
    void genesis_is_thirty_two_zero_bytes() {
        assertThat(JournalChain.genesis()).hasSize(32).containsOnly((byte) 0);
    }

    @Test
    void the_hash_is_a_sha256_and_deterministic() {
        byte[] first = reference();
        byte[] second = JournalChain.hash(new byte[32], SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED, ACTOR,
                List.of(new Posting(CUSTODY, 300_000, 0), new Posting(PREPAID, 0, 300_000)));

        assertThat(first).hasSize(32).isEqualTo(second);
    }

    @Test
    void the_hash_follows_the_published_canonical_form() throws Exception {
        String canonical = "1:7\n7:entry-7\n17:CollectionApplied\n27:2026-03-02T02:00:00.123456Z\n"
                + "27:2026-03-02T02:00:01.654321Z\n"
                + "9:bank:icbc\n"
                + "40:CUSTODY_CASH:91350100M000100Y43,300000,0\n"
                + "49:STUDENT_PREPAID:91350100M000100Y43:stu-1,0,300000\n";
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        byte[] expected = sha256.digest(canonical.getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(reference())).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void a_value_containing_a_newline_cannot_pass_for_two_fields() {
        byte[] split = JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, "a\nb", OCCURRED, RECORDED, "c", POSTINGS);
        byte[] shifted = JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, "a", OCCURRED, RECORDED, "b\nc", POSTINGS);

        assertThat(split).isNotEqualTo(shifted);
    }

    @Test
    void the_genesis_hash_cannot_be_changed_by_a_caller() {
        JournalChain.genesis()[0] = 1;

        assertThat(JournalChain.genesis()).containsOnly((byte) 0);
    }

    @Test
    void the_hash_changes_with_the_previous_hash() {
        byte[] prev = new byte[32];
        prev[31] = 1;

        assertThat(JournalChain.hash(prev, SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS))
                .isNotEqualTo(reference());
    }

    @Test
    void the_hash_changes_with_every_field() {
        byte[] reference = reference();
        Instant later = OCCURRED.plusNanos(1_000);

        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ + 1, ENTRY_ID, TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS))
                .as("seq").isNotEqualTo(reference);
        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ, "entry-8", TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS))
                .as("entryId").isNotEqualTo(reference);
        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, "LessonReported", OCCURRED, RECORDED, ACTOR, POSTINGS))
                .as("type").isNotEqualTo(reference);
        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, TYPE, later, RECORDED, ACTOR, POSTINGS))
                .as("occurredAt").isNotEqualTo(reference);
        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED.plusSeconds(1), ACTOR, POSTINGS))
                .as("recordedAt").isNotEqualTo(reference);
        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED, "platform", POSTINGS))
                .as("actor").isNotEqualTo(reference);
    }

    @Test
    void swapping_occurred_and_recorded_changes_the_hash() {
        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, TYPE, RECORDED, OCCURRED, ACTOR, POSTINGS))
                .isNotEqualTo(reference());
    }

    @Test
    void the_hash_changes_with_every_posting() {
        byte[] reference = reference();
        AccountCode otherStudent = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-2");

        assertThat(hashOf(JournalEntry.of(CUSTODY, PREPAID, 300_001).postings()))
                .as("amount").isNotEqualTo(reference);
        assertThat(hashOf(JournalEntry.of(CUSTODY, otherStudent, 300_000).postings()))
                .as("account").isNotEqualTo(reference);
        assertThat(hashOf(List.of(POSTINGS.get(1), POSTINGS.get(0))))
                .as("order of postings").isNotEqualTo(reference);
        assertThat(hashOf(JournalEntry.of(PREPAID, CUSTODY, 300_000).postings()))
                .as("sides").isNotEqualTo(reference);
        assertThat(hashOf(List.of(POSTINGS.get(0), Posting.credit(PREPAID, 100_000), Posting.credit(PREPAID, 200_000))))
                .as("split posting").isNotEqualTo(reference);
    }

    @Test
    void instants_are_hashed_at_the_microsecond_precision_the_database_stores() {
        Instant occurredWithNanos = OCCURRED.plusNanos(999);
        Instant recordedWithNanos = RECORDED.plusNanos(1);

        assertThat(JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, TYPE, occurredWithNanos, recordedWithNanos,
                ACTOR, POSTINGS)).isEqualTo(reference());
        assertThat(JournalChain.toStoredPrecision(occurredWithNanos)).isEqualTo(OCCURRED);
    }

    @Test
    void a_previous_hash_of_the_wrong_length_is_refused() {
        assertThatThrownBy(() -> JournalChain.hash(new byte[31], SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalChain.hash(new byte[33], SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_chain_of_two_entries_depends_on_the_first() {
        byte[] first = reference();
        byte[] tamperedFirst = hashOf(JournalEntry.of(CUSTODY, PREPAID, 300_001).postings());

        byte[] second = JournalChain.hash(first, SEQ + 1, "entry-8", TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS);
        byte[] secondAfterTamper = JournalChain.hash(tamperedFirst, SEQ + 1, "entry-8", TYPE, OCCURRED, RECORDED, ACTOR, POSTINGS);

        assertThat(second).isNotEqualTo(secondAfterTamper);
    }

    private static byte[] hashOf(List<Posting> postings) {
        return JournalChain.hash(JournalChain.genesis(), SEQ, ENTRY_ID, TYPE, OCCURRED, RECORDED, ACTOR, postings);
    }
}
