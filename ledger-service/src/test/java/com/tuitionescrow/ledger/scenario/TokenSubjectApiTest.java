package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The actor ({@code sub}) of every change is journaled with it, so the ledger must never accept a
 * change whose actor the journal cannot record: a subject beyond 128 characters is refused at the
 * door, and one of 128 is journaled in full.
 */
class TokenSubjectApiTest extends LedgerIntegrationTest {

    @Test
    void
            given_a_bank_token_with_a_129_character_subject_when_it_reports_a_collection_then_it_is_refused_and_nothing_changes() {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response response = http.post(
                "/v1/bank/collections",
                Tokens.token("b".repeat(129), List.of("BANK"), null),
                collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void
            given_a_bank_token_with_a_128_character_subject_when_it_reports_a_collection_then_the_journal_records_it_in_full() {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        String subject = "b".repeat(128);

        Http.Response response = http.post(
                "/v1/bank/collections",
                Tokens.token(subject, List.of("BANK"), null),
                collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        awaitLedger();
        JsonNode entry = lastJournalEntryOf(school);
        assertThat(entry.get("type").asText()).isEqualTo("CollectionApplied");
        assertThat(entry.get("actor").asText()).isEqualTo(subject + " (BANK)");
    }

    private JsonNode lastJournalEntryOf(Institution institution) {
        String after = "0";
        JsonNode last = null;
        while (after != null) {
            JsonNode page = http.get("/v1/audit/journal?limit=1000&afterSeq=" + after, Tokens.regulator())
                    .body();
            for (JsonNode entry : page.get("items")) {
                boolean ours = StreamSupport.stream(entry.get("postings").spliterator(), false)
                        .anyMatch(p -> p.get("accountCode").asText().contains(":" + institution.id()));
                if (ours) {
                    last = entry;
                }
            }
            after = page.hasNonNull("next") ? page.get("next").asText() : null;
        }
        assertThat(last).as("a journal entry of " + institution.id()).isNotNull();
        return last;
    }
}
