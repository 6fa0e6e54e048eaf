package com.tuitionescrow.ledger.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.accounting.JournalChain.Line;
import com.tuitionescrow.ledger.accounting.JournalChain.Link;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The hash chain an auditor recomputes from the exported journal: it covers every stored column. */
class JournalChainTest {

    private static final String SCHOOL = "91350100M000100Y43";
    private static final String OTHER_SCHOOL = "91350100M000200Y21";
    private static final AccountCode CUSTODY = AccountCode.of(AccountType.CUSTODY_CASH, SCHOOL);
    private static final AccountCode PREPAID = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-1");

    private static final Instant OCCURRED = Instant.parse("2026-03-02T02:00:00.123456Z");
    private static final Instant RECORDED = Instant.parse("2026-03-02T02:00:01.654321Z");
    private static final List<Line> LINES = lines(JournalEntry.of(CUSTODY, PREPAID, 300_000));
    private static final Link REFERENCE =
            new Link(7, 42, "entry-7", "CollectionApplied", SCHOOL, null, OCCURRED, RECORDED, "bank:icbc", LINES);

    private static List<Line> lines(JournalEntry entry) {
        return entry.postings().stream().map(Line::of).toList();
    }

    private static byte[] reference() {
        return JournalChain.hash(JournalChain.genesis(), REFERENCE);
    }

    private static byte[] with(UnaryOperator<Link> change) {
        return JournalChain.hash(JournalChain.genesis(), change.apply(REFERENCE));
    }

    private static Link link(
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
        return new Link(seq, globalIndex, entryId, type, institutionId, orderId, occurredAt, recordedAt, actor, lines);
    }

    @Test
    void genesis_is_thirty_two_zero_bytes() {
        assertThat(JournalChain.genesis()).hasSize(32).containsOnly((byte) 0);
    }

    @Test
    void the_hash_follows_the_published_canonical_form() throws Exception {
        String canonical = "1:7\n2:42\n7:entry-7\n17:CollectionApplied\n18:91350100M000100Y43\n-1:\n"
                + "27:2026-03-02T02:00:00.123456Z\n"
                + "27:2026-03-02T02:00:01.654321Z\n"
                + "9:bank:icbc\n"
                + "72:CUSTODY_CASH:91350100M000100Y43,CUSTODY_CASH,91350100M000100Y43,300000,0\n"
                + "84:STUDENT_PREPAID:91350100M000100Y43:stu-1,STUDENT_PREPAID,91350100M000100Y43,0,300000\n";
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        byte[] expected = sha256.digest(canonical.getBytes(StandardCharsets.UTF_8));

        assertThat(HexFormat.of().formatHex(reference()))
                .isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void an_absent_value_differs_from_every_present_one() {
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        "",
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .isNotEqualTo(reference());
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        "-1:",
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .isNotEqualTo(reference());
    }

    @Test
    void a_value_containing_a_newline_cannot_pass_for_two_fields() {
        byte[] split = with(l -> link(
                l.seq(),
                l.globalIndex(),
                l.entryId(),
                "a\nb",
                l.institutionId(),
                l.orderId(),
                l.occurredAt(),
                l.recordedAt(),
                "c",
                l.lines()));
        byte[] shifted = with(l -> link(
                l.seq(),
                l.globalIndex(),
                l.entryId(),
                "a",
                l.institutionId(),
                l.orderId(),
                l.occurredAt(),
                l.recordedAt(),
                "b\nc",
                l.lines()));

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

        assertThat(JournalChain.hash(prev, REFERENCE)).isNotEqualTo(reference());
    }

    @Test
    void the_hash_changes_with_every_column_a_report_reads() {
        byte[] reference = reference();
        Instant later = OCCURRED.plusNanos(1_000);

        assertThat(with(l -> link(
                        8,
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .as("seq")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        43,
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .as("globalIndex")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        "entry-8",
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .as("entryId")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        "LessonReported",
                        l.institutionId(),
                        l.orderId(),
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .as("type")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        OTHER_SCHOOL,
                        l.orderId(),
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .as("institutionId")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        "order-1",
                        l.occurredAt(),
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .as("orderId")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        later,
                        l.recordedAt(),
                        l.actor(),
                        l.lines())))
                .as("occurredAt")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        l.occurredAt(),
                        RECORDED.plusSeconds(1),
                        l.actor(),
                        l.lines())))
                .as("recordedAt")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        l.occurredAt(),
                        l.recordedAt(),
                        "platform",
                        l.lines())))
                .as("actor")
                .isNotEqualTo(reference);
        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        l.recordedAt(),
                        l.occurredAt(),
                        l.actor(),
                        l.lines())))
                .as("occurred and recorded swapped")
                .isNotEqualTo(reference);
    }

    @Test
    void the_hash_changes_with_every_column_of_every_posting() {
        byte[] reference = reference();
        AccountCode otherStudent = AccountCode.ofStudent(AccountType.STUDENT_PREPAID, SCHOOL, "stu-2");
        Line custody = LINES.get(0);
        Line prepaid = LINES.get(1);

        assertThat(hashOf(lines(JournalEntry.of(CUSTODY, PREPAID, 300_001))))
                .as("amount")
                .isNotEqualTo(reference);
        assertThat(hashOf(lines(JournalEntry.of(CUSTODY, otherStudent, 300_000))))
                .as("account")
                .isNotEqualTo(reference);
        assertThat(hashOf(List.of(prepaid, custody))).as("order of postings").isNotEqualTo(reference);
        assertThat(hashOf(lines(JournalEntry.of(PREPAID, CUSTODY, 300_000))))
                .as("sides")
                .isNotEqualTo(reference);
        assertThat(hashOf(List.of(
                        new Line(custody.accountCode(), custody.accountType(), OTHER_SCHOOL, 300_000, 0), prepaid)))
                .as("a posting's institution column")
                .isNotEqualTo(reference);
        assertThat(hashOf(List.of(
                        new Line(custody.accountCode(), "SUSPENSE", custody.institutionId(), 300_000, 0), prepaid)))
                .as("a posting's account type column")
                .isNotEqualTo(reference);
        assertThat(hashOf(List.of(
                        custody, Line.of(Posting.credit(PREPAID, 100_000)), Line.of(Posting.credit(PREPAID, 200_000)))))
                .as("split posting")
                .isNotEqualTo(reference);
    }

    @Test
    void instants_are_hashed_at_the_microsecond_precision_the_database_stores() {
        Instant occurredWithNanos = OCCURRED.plusNanos(999);

        assertThat(with(l -> link(
                        l.seq(),
                        l.globalIndex(),
                        l.entryId(),
                        l.type(),
                        l.institutionId(),
                        l.orderId(),
                        occurredWithNanos,
                        RECORDED.plusNanos(1),
                        l.actor(),
                        l.lines())))
                .isEqualTo(reference());
        assertThat(JournalChain.toStoredPrecision(occurredWithNanos)).isEqualTo(OCCURRED);
    }

    @Test
    void a_previous_hash_of_the_wrong_length_is_refused() {
        assertThatThrownBy(() -> JournalChain.hash(new byte[31], REFERENCE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JournalChain.hash(new byte[33], REFERENCE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_chain_of_two_entries_depends_on_the_first() {
        byte[] tamperedFirst = hashOf(lines(JournalEntry.of(CUSTODY, PREPAID, 300_001)));
        Link second = link(8, 43, "entry-8", "CollectionApplied", SCHOOL, null, OCCURRED, RECORDED, "bank:icbc", LINES);

        assertThat(JournalChain.hash(reference(), second)).isNotEqualTo(JournalChain.hash(tamperedFirst, second));
    }

    private static byte[] hashOf(List<Line> lines) {
        return with(l -> link(
                l.seq(),
                l.globalIndex(),
                l.entryId(),
                l.type(),
                l.institutionId(),
                l.orderId(),
                l.occurredAt(),
                l.recordedAt(),
                l.actor(),
                lines));
    }
}
