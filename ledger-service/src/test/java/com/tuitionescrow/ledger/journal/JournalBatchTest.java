package com.tuitionescrow.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The journal writer stores a batch set-wise (one statement for its entries, one for their postings,
 * two for the balances), and what it stores is what writing the entries one by one stores: a history
 * written as it happened, with the writer caught up after every command, and the same history written
 * in batches (behind a paused writer, and again from the first event) give the same rows.
 */
class JournalBatchTest extends LedgerIntegrationTest {

    private void reportAndConfirm(Institution school, String orderId, int hours) {
        String lessonId = id("lesson");
        Http.Response reported = reportLesson(school, orderId, lesson(lessonId, hours));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        Http.Response confirmed = http.post(
                "/v1/lessons/" + lessonId + "/confirmation", Tokens.platform(), Map.of("decision", "CONFIRM"));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    }

    @Test
    void given_a_history_written_entry_by_entry_and_in_batches_then_every_row_is_the_same() throws Exception {
        Institution school = newInstitution();
        Institution other = newInstitution();
        String student = id("stu");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(paidOrder(school, student, course("piano", 20_000, 5)));
            awaitLedger();
            reportAndConfirm(school, orders.get(i), 2);
            awaitLedger();
        }

        // Accounts that have rows (the student's prepaid money and custody, in several entries each, their
        // balances going down and up again) and accounts that have none, in one batch.
        try (AutoCloseable paused = journalPaused()) {
            for (String orderId : orders) {
                reportAndConfirm(school, orderId, 1);
            }
            orders.add(paidOrder(school, student, course("piano", 20_000, 5)));
            reportAndConfirm(school, orders.get(3), 3);
            String elsewhere = paidOrder(other, id("stu"), course("violin", 12_000, 5));
            reportAndConfirm(other, elsewhere, 1);
        }
        awaitLedger();

        assertThat(db.resultQuery("select row(b.*)::text from account_balance b order by account_code")
                        .fetch(0, String.class))
                .as("each balance is the sum of its postings, and its last seq the last entry that moved it")
                .isEqualTo(db.resultQuery("select row(account_code, min(account_type), min(institution_id), "
                                + "(select student_id from account_balance b where b.account_code = p.account_code), "
                                + "sum(debit_fen), sum(credit_fen), max(seq))::text "
                                + "from journal_posting p group by account_code order by account_code")
                        .fetch(0, String.class));
        JsonNode verification =
                http.get("/v1/audit/verification", Tokens.regulator()).body();
        assertThat(verification.get("chainIntact").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("balanced").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("replayMatches").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("eventsMatch").asBoolean())
                .as(verification.toString())
                .isTrue();
        assertThat(settlement(school).get("custodyFen")).isEqualTo(4 * 100_000L);

        List<String> written = journalAsStored();
        rebuildJournal();
        assertThat(journalAsStored()).isEqualTo(written);
    }
}
