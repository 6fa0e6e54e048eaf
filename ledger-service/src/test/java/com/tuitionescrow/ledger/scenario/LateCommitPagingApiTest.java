package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.TestDatabase;
import com.tuitionescrow.ledger.support.Tokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bank pages through its instructions with a cursor ({@code afterId}). An instruction whose
 * transaction began first but commits last must not land behind a cursor the bank already holds:
 * here a transaction held open on purpose lists an instruction (as a command's projection would)
 * while a refund is approved and committed after it.
 */
class LateCommitPagingApiTest extends LedgerIntegrationTest {

    @Test
    void
            given_an_instruction_whose_transaction_commits_late_when_the_bank_pages_past_a_later_one_then_it_is_not_skipped()
                    throws Exception {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 10_000, 10));
        String late = "LATE-" + id("instr");
        TestDatabase.Connection db = TestDatabase.get();
        try (Connection held = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            held.setAutoCommit(false);
            try (PreparedStatement insert = held.prepareStatement("INSERT INTO bank_instruction (instruction_id, kind, "
                    + "owner_id, institution_id, custody_account_no, amount_fen, payee_ref, status, created_at) "
                    + "VALUES (?, 'DISBURSEMENT', ?, ?, ?, 1, ?, 'PENDING', now())")) {
                insert.setString(1, late);
                insert.setString(2, late);
                insert.setString(3, school.id());
                insert.setString(4, school.custodyAccountNo());
                insert.setString(5, school.id());
                insert.executeUpdate();
            }
            // A refund approved and committed while the first transaction is still open.
            String refundId = id("refund");
            assertThat(http.post(
                                    "/v1/orders/" + orderId + "/refunds",
                                    Tokens.platform(),
                                    Map.of("refundId", refundId, "reason", "moving away"))
                            .status())
                    .isEqualTo(201);
            Http.Response approved = http.post(
                    "/v1/refunds/" + refundId + "/decision",
                    Tokens.institution(school.id()),
                    Map.of("decision", "APPROVE"));
            assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
            String refund = approved.body().get("instructionId").asText();

            // The bank reads while the late transaction is still open; it commits a moment later.
            CompletableFuture<Void> commitSoon = CompletableFuture.runAsync(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(300);
                    held.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> seen = new ArrayList<>();
            String cursor = readAll(seen, null);
            commitSoon.get(10, TimeUnit.SECONDS);
            readAll(seen, cursor);

            assertThat(seen)
                    .as("every instruction of the institution, each once")
                    .contains(refund, late)
                    .doesNotHaveDuplicates();
        }
    }

    /** Reads every page after {@code cursor}, adding the institution's instructions; returns the last id read. */
    private String readAll(List<String> seen, String cursor) {
        String after = cursor;
        while (true) {
            Http.Response page = http.get(
                    "/v1/bank/instructions?limit=1000" + (after == null ? "" : "&afterId=" + after), Tokens.bank());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode items = page.body().get("items");
            for (JsonNode item : items) {
                String id = item.get("instructionId").asText();
                if (id.startsWith("LATE-") || item.get("kind").asText().equals("REFUND")) {
                    seen.add(id);
                }
                after = id;
            }
            if (!page.body().hasNonNull("next")) {
                return after;
            }
        }
    }
}
