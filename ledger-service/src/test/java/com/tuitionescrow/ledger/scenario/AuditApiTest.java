package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** What a regulator's auditor reads: the journal verified end to end, violations, institutions at a glance. */
class AuditApiTest extends LedgerIntegrationTest {

    @Test
    void given_a_ledger_nobody_touched_then_its_verification_finds_the_chain_intact_balanced_and_replayed_exactly() {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        reportLesson(school, orderId, lesson(id("lesson"), 2));
        awaitLedger();

        JsonNode verification = verify();

        assertThat(verification.get("entries").asLong()).isPositive();
        assertThat(verification.get("chainIntact").asBoolean()).isTrue();
        assertThat(verification.has("firstBrokenSeq"))
                .as("no broken entry to name")
                .isFalse();
        assertThat(verification.get("balanced").asBoolean()).isTrue();
        assertThat(verification.get("replayMatches").asBoolean()).isTrue();
        JsonNode mine = institution(verification, school);
        assertThat(mine.get("custodyFen").asLong())
                .isEqualTo(300_000)
                .isEqualTo(mine.get("liabilitiesFen").asLong());
        assertThat(mine.get("covered").asBoolean()).isTrue();
    }

    @Test
    void given_an_amount_changed_in_a_stored_posting_then_verification_names_the_entry_where_the_chain_breaks() {
        Institution school = newInstitution();
        paidOrder(school, id("stu"), course("piano", 15_000, 20));
        awaitLedger();
        long seq = db.select(DSL.max(DSL.field("seq", Long.class)))
                .from(DSL.table("journal_posting"))
                .where(DSL.field("institution_id").eq(school.id()))
                .fetchOne(0, Long.class);

        db.execute("update journal_posting set debit_fen = debit_fen + 1 where seq = ? and debit_fen > 0", seq);
        try {
            JsonNode verification = verify();

            assertThat(verification.get("chainIntact").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenSeq").asLong()).isEqualTo(seq);
            assertThat(verification.get("balanced").asBoolean()).isFalse();
            assertThat(verification.get("replayMatches").asBoolean()).isFalse();
        } finally {
            db.execute("update journal_posting set debit_fen = debit_fen - 1 where seq = ? and debit_fen > 0", seq);
        }
        assertThat(verify().get("chainIntact").asBoolean()).isTrue();
    }

    @Test
    void given_a_stored_balance_changed_behind_the_journal_then_the_replay_does_not_match() {
        Institution school = newInstitution();
        paidOrder(school, id("stu"), course("piano", 15_000, 20));
        awaitLedger();
        String custody = "CUSTODY_CASH:" + school.id();

        db.execute(
                "update account_balance set debit_fen = debit_fen + 100, credit_fen = credit_fen + 100 where account_code = ?",
                custody);
        try {
            JsonNode verification = verify();

            assertThat(verification.get("chainIntact").asBoolean()).isTrue();
            assertThat(verification.get("replayMatches").asBoolean()).isFalse();
        } finally {
            db.execute(
                    "update account_balance set debit_fen = debit_fen - 100, credit_fen = credit_fen - 100 where account_code = ?",
                    custody);
        }
    }

    @Test
    void given_lessons_breaking_the_time_rules_then_the_violations_list_them_by_institution_and_period() {
        Institution school = newInstitution();
        Institution other = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        // A lawful lesson first (it moves the clock past tomorrow morning), then one tomorrow evening.
        assertThat(reportLesson(school, orderId, lesson(id("lesson"), 1)).status())
                .isEqualTo(201);
        OffsetDateTime late = today().atTime(20, 0).atOffset(ZoneOffset.ofHours(8));
        clock.advance(
                java.time.Duration.between(clock.instant(), late.plusHours(1).toInstant()));
        String lateLesson = id("lesson");
        assertThat(reportLesson(
                                school,
                                orderId,
                                Map.of(
                                        "lessonId",
                                        lateLesson,
                                        "hours",
                                        1,
                                        "startedAt",
                                        late.toString(),
                                        "endedAt",
                                        late.plusMinutes(45).toString()))
                        .status())
                .isEqualTo(201);

        Http.Response mine = http.get("/v1/audit/violations?institutionId=" + school.id(), Tokens.regulator());
        Http.Response theirs = http.get("/v1/audit/violations?institutionId=" + other.id(), Tokens.regulator());
        Http.Response before = http.get(
                "/v1/audit/violations?institutionId=" + school.id() + "&to="
                        + late.minusMinutes(1).toString().replace("+", "%2B"),
                Tokens.regulator());

        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.body().get("items")).hasSize(1);
        assertThat(mine.body().get("items").get(0).get("lessonId").asText()).isEqualTo(lateLesson);
        assertThat(mine.body().get("items").get(0).get("violations").get(0).asText())
                .isEqualTo("OFFLINE_AFTER_2030");
        assertThat(theirs.body().get("items")).isEmpty();
        assertThat(before.body().get("items")).isEmpty();
    }

    @Test
    void given_institutions_then_the_overview_shows_each_ones_custody_unconsumed_fees_and_violations() {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        reportLesson(school, orderId, lesson(id("lesson"), 2));
        awaitLedger();
        String justBefore = db.fetchValue(DSL.select(DSL.max(DSL.field("institution_id", String.class)))
                .from(DSL.table("institution"))
                .where(DSL.field("institution_id").lt(school.id())));

        Http.Response page = http.get(
                "/v1/audit/institutions?limit=1" + (justBefore == null ? "" : "&afterId=" + justBefore),
                Tokens.regulator());

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        JsonNode overview = page.body().get("items").get(0);
        assertThat(overview.get("institutionId").asText()).isEqualTo(school.id());
        assertThat(overview.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(overview.get("custodyFen").asLong()).isEqualTo(300_000);
        assertThat(overview.get("unconsumedFen").asLong()).isEqualTo(270_000);
        assertThat(overview.get("covered").asBoolean()).isTrue();
        assertThat(overview.get("violations").asLong()).isZero();
    }

    private JsonNode verify() {
        Http.Response verification = http.get("/v1/audit/verification", Tokens.regulator());
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        return verification.body();
    }

    private static JsonNode institution(JsonNode verification, Institution institution) {
        return StreamSupport.stream(verification.get("institutions").spliterator(), false)
                .filter(i -> i.get("institutionId").asText().equals(institution.id()))
                .findFirst()
                .orElseThrow();
    }
}
