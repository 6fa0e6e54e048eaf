package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first half of the money cycle over HTTP: sale, collection, lesson, confirmation, and the books after each. */
class MoneyCycleScenarioTest extends LedgerIntegrationTest {

    @Test
    void sale_collection_lesson_and_confirmation_move_the_money_between_the_right_accounts() {
        Institution school = newInstitution();
        String student = id("stu");
        String orderId = id("order");

        // Given a sale of 20 class hours at 150 yuan
        Http.Response placed = placeOrder(orderId, school, student, course("piano", 15_000, 20));
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.body().get("amountFen").asLong()).isEqualTo(300_000);
        assertThat(placed.body().get("status").asText()).isEqualTo("AWAITING_PAYMENT");

        // When the bank reports the money
        Http.Response paid = collect(orderId, 300_000, school.custodyAccountNo());
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.body().get("status").asText()).isEqualTo("APPLIED");
        assertThat(order(orderId).get("status").asText()).isEqualTo("PAID");
        awaitLedger();
        assertThat(settlement(school)).containsEntry("custodyFen", 300_000L).containsEntry("prepaidFen", 300_000L);

        // And the institution reports a two-hour lesson
        Http.Response lesson = reportLesson(school, orderId, lesson("lesson-" + orderId, 2));
        assertThat(lesson.status()).as(lesson.toString()).isEqualTo(201);
        assertThat(lesson.body().get("violations")).isEmpty();
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("prepaidFen", 270_000L)
                .containsEntry("awaitingConfirmationFen", 30_000L);

        // And the parent confirms it
        Http.Response confirmed = http.post(
                "/v1/lessons/lesson-" + orderId + "/confirmation", Tokens.platform(), Map.of("decision", "CONFIRM"));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("CONFIRMED");
        awaitLedger();

        // Then the money is releasable and the books still balance
        assertThat(settlement(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("prepaidFen", 270_000L)
                .containsEntry("awaitingConfirmationFen", 0L)
                .containsEntry("releasableFen", 30_000L)
                .containsEntry("liabilitiesFen", 300_000L);
        JsonNode order = order(orderId);
        assertThat(order.get("consumedHours").asInt()).isEqualTo(2);
        assertThat(order.get("confirmedHours").asInt()).isEqualTo(2);
        assertThat(order.get("remainingHours").asInt()).isEqualTo(18);

        Http.Response trial = http.get("/v1/audit/trial-balance", Tokens.regulator());
        assertThat(trial.body().get("balanced").asBoolean()).isTrue();
        assertThat(trial.body().get("totalDebitFen").asLong())
                .isEqualTo(trial.body().get("totalCreditFen").asLong());

        Http.Response prepaid = http.get(
                "/v1/accounts/STUDENT_PREPAID:" + school.id() + ":" + student, Tokens.institution(school.id()));
        assertThat(prepaid.body().get("balanceFen").asLong()).isEqualTo(270_000);
        Http.Response entries = http.get(
                "/v1/accounts/STUDENT_PREPAID:" + school.id() + ":" + student + "/entries", Tokens.regulator());
        assertThat(entries.body().get("items"))
                .extracting(e -> e.get("balanceAfterFen").asLong())
                .containsExactly(300_000L, 270_000L);
    }
}
