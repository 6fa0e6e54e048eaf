package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseSmokeTest extends LedgerIntegrationTest {

    @Test
    void release_and_refund_reach_the_bank_and_back() {
        Institution school = newInstitution();
        String student = id("stu");
        String orderId = paidOrder(school, student, course("piano", 15_000, 20));
        String lessonId = id("lesson");
        assertThat(reportLesson(school, orderId, lesson(lessonId, 2, 2)).status()).isEqualTo(201);
        assertThat(http.post("/v1/lessons/" + lessonId + "/confirmation", Tokens.platform(), Map.of("decision", "CONFIRM"))
                .status()).isEqualTo(200);

        Http.Response run = http.post("/v1/disbursements/run", Tokens.regulator(), Map.of());
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        JsonNode instruction = run.body().get("instructions").get(0);
        assertThat(instruction.get("kind").asText()).isEqualTo("DISBURSEMENT");
        assertThat(instruction.get("amountFen").asLong()).isEqualTo(30_000);
        Http.Response pending = http.get("/v1/bank/instructions?status=PENDING&limit=1000", Tokens.bank());
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);

        Http.Response executed = http.post("/v1/bank/instructions/" + instruction.get("instructionId").asText() + "/result",
                Tokens.bank(), Map.of("outcome", "EXECUTED", "bankTxnId", id("out"),
                        "executedAt", OffsetDateTime.now(clock).toString()));
        assertThat(executed.status()).as(executed.toString()).isEqualTo(200);
        assertThat(executed.body().get("status").asText()).isEqualTo("EXECUTED");
        awaitLedger();
        assertThat(settlement(school)).containsEntry("custodyFen", 270_000L).containsEntry("disbursedTotalFen", 30_000L)
                .containsEntry("disbursingFen", 0L);

        Http.Response refund = http.post("/v1/orders/" + orderId + "/refunds", Tokens.platform(),
                Map.of("refundId", id("refund"), "reason", "moving away"));
        assertThat(refund.status()).as(refund.toString()).isEqualTo(201);
        assertThat(refund.body().get("amountFen").asLong()).isEqualTo(270_000);
        Http.Response approved = http.post("/v1/refunds/" + refund.body().get("refundId").asText() + "/decision",
                Tokens.institution(school.id()), Map.of("decision", "APPROVE"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        String refundInstruction = approved.body().get("instructionId").asText();
        Http.Response paidBack = http.post("/v1/bank/instructions/" + refundInstruction + "/result", Tokens.bank(),
                Map.of("outcome", "EXECUTED", "bankTxnId", id("out"), "executedAt", OffsetDateTime.now(clock).toString()));
        assertThat(paidBack.status()).as(paidBack.toString()).isEqualTo(200);
        awaitLedger();
        assertThat(settlement(school)).containsEntry("custodyFen", 0L).containsEntry("refundedTotalFen", 270_000L);
        assertThat(order(orderId).get("status").asText()).isEqualTo("REFUNDED");
    }
}
