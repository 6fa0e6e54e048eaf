package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.support.BankSigner;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The custody bank's side of two-phase instructions over HTTP: suspense money sent back, answers that
 * are idempotent per instruction, and the paged work list. Every step is followed by a check of the
 * books.
 */
class BankInstructionApiTest extends CheckedScenario {

    // ---- suspense returns ----

    @Test
    void given_money_held_in_suspense_when_the_run_instructs_its_return_and_the_bank_executes_then_it_leaves_custody() {
        Institution school = school();
        String orderId = sell(school, id("stu"), course("piano", 10_000, 10));
        String bankTxnId = payIntoSuspense(school, orderId, 100_001, "AMOUNT_MISMATCH");
        assertThat(money(school)).containsEntry("suspenseFen", 100_001L).containsEntry("custodyFen", 100_001L);

        JsonNode run = run();

        List<JsonNode> returns = instructionsFor(run, school);
        assertThat(returns).hasSize(1);
        JsonNode instruction = returns.get(0);
        assertThat(instruction.get("kind").asText()).isEqualTo("SUSPENSE_RETURN");
        assertThat(instruction.get("instructionId").asText()).isEqualTo("SRT-" + bankTxnId);
        assertThat(instruction.get("payeeRef").asText())
                .as("back to whoever paid it")
                .isEqualTo(bankTxnId);
        assertThat(instruction.get("amountFen").asLong()).isEqualTo(100_001);
        assertThat(money(school))
                .containsEntry("suspenseFen", 0L)
                .containsEntry("returningFen", 100_001L)
                .containsEntry("custodyFen", 100_001L);

        execute(instruction.get("instructionId").asText());

        assertThat(money(school))
                .containsEntry("custodyFen", 0L)
                .containsEntry("returningFen", 0L)
                .containsEntry("suspenseFen", 0L);
        assertThat(instructionsFor(run(), school))
                .as("returned money is not returned twice")
                .isEmpty();
        // The order itself is untouched and can still be paid correctly.
        pay(school, orderId);
        assertThat(money(school)).containsEntry("custodyFen", 100_000L).containsEntry("prepaidFen", 100_000L);
    }

    @Test
    void
            given_a_suspense_return_the_bank_failed_then_its_money_stays_in_transit_and_the_next_instruction_is_listed_at_once() {
        Institution school = school();
        String orderId = sell(school, id("stu"), course("piano", 10_000, 10));
        String bankTxnId = payIntoSuspense(school, orderId, 99_999, "AMOUNT_MISMATCH");
        String first =
                instructionsFor(run(), school).get(0).get("instructionId").asText();

        fail(first);

        assertThat(money(school))
                .containsEntry("suspenseFen", 0L)
                .containsEntry("returningFen", 99_999L)
                .containsEntry("custodyFen", 99_999L);
        JsonNode retried = listed(school, first + ".2");
        assertThat(retried.get("status").asText()).isEqualTo("PENDING");
        assertThat(retried.get("payeeRef").asText()).isEqualTo(bankTxnId);
        assertThat(retried.get("amountFen").asLong()).isEqualTo(99_999);
        assertThat(retried.get("previousInstructionId").asText()).isEqualTo(first);
        assertThat(instructionsFor(run(), school))
                .as("the run does not instruct it a second time")
                .isEmpty();
        execute(retried.get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 0L).containsEntry("suspenseFen", 0L);
        assertThat(bankList(school, null))
                .extracting(i -> i.get("status").asText())
                .containsExactly("FAILED", "EXECUTED");
    }

    // ---- answers are idempotent ----

    @Test
    void
            given_an_answered_instruction_when_the_bank_sends_the_same_answer_then_it_gets_the_first_result_and_another_answer_is_a_conflict() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        String instructionId = approve(
                        school, requestRefund(order.orderId()).get("refundId").asText())
                .get("instructionId")
                .asText();
        Map<String, Object> executed = executed();

        Http.Response first = resultResponse(instructionId, executed);
        Http.Response again = resultResponse(instructionId, executed);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(first.body().get("resultBankTxnId").asText()).isEqualTo(executed.get("bankTxnId"));
        assertThat(money(school)).containsEntry("custodyFen", 0L).containsEntry("refundedTotalFen", 100_000L);
        Map<String, Integer> before = footprint();
        assertRefused(resultResponse(instructionId, failed("changed our mind")), 409, "IDEMPOTENCY_CONFLICT");
        assertRefused(resultResponse(instructionId, executed()), 409, "IDEMPOTENCY_CONFLICT");
        assertThat(footprint()).isEqualTo(before);
        assertThat(money(school)).containsEntry("custodyFen", 0L).containsEntry("refundedTotalFen", 100_000L);
    }

    @Test
    void
            given_a_signed_EXECUTED_for_one_instruction_when_it_is_sent_to_another_instructions_path_then_it_is_refused_and_both_stay_pending()
                    throws Exception {
        Institution school = school();
        String a = approve(
                        school,
                        requestRefund(soldAndPaid(school, id("stu"), course("piano", 10_000, 10))
                                        .orderId())
                                .get("refundId")
                                .asText())
                .get("instructionId")
                .asText();
        String b = approve(
                        school,
                        requestRefund(soldAndPaid(school, id("stu"), course("violin", 10_000, 10))
                                        .orderId())
                                .get("refundId")
                                .asText())
                .get("instructionId")
                .asText();
        String body = new ObjectMapper().writeValueAsString(executed());
        // Captured on its way to A: signed for A's path, and the body names no instruction.
        Map<String, String> signedForA = new BankSigner(Tokens.BANK_HMAC_SECRET, clock)
                .jsonPost(clock.instant().getEpochSecond(), "/v1/bank/instructions/" + a + "/result", body);
        Map<String, Integer> before = footprint();

        Http.Response sentToB =
                http.postWithHeaders("/v1/bank/instructions/" + b + "/result", Tokens.bank(), body, signedForA);

        assertRefused(sentToB, 401, "SIGNATURE_INVALID");
        assertThat(footprint()).isEqualTo(before);
        assertThat(listed(school, a).get("status").asText()).isEqualTo("PENDING");
        assertThat(listed(school, b).get("status").asText()).isEqualTo("PENDING");
        Http.Response sentToA =
                http.postWithHeaders("/v1/bank/instructions/" + a + "/result", Tokens.bank(), body, signedForA);
        assertThat(sentToA.status()).as(sentToA.toString()).isEqualTo(200);
    }

    @Test
    void
            given_a_pending_instruction_when_an_answer_is_for_an_unknown_one_or_FAILED_without_reason_or_from_the_future_then_it_is_refused() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        String instructionId = approve(
                        school, requestRefund(order.orderId()).get("refundId").asText())
                .get("instructionId")
                .asText();
        Map<String, Integer> before = footprint();

        assertRefused(resultResponse("RFD-" + id("no-such-refund"), executed()), 404, "NOT_FOUND");
        assertRefused(
                resultResponse(
                        instructionId,
                        Map.of(
                                "outcome",
                                "FAILED",
                                "bankTxnId",
                                id("out"),
                                "executedAt",
                                OffsetDateTime.now(clock).toString())),
                400,
                "VALIDATION_FAILED");
        assertRefused(
                resultResponse(
                        instructionId,
                        Map.of(
                                "outcome",
                                "FAILED",
                                "bankTxnId",
                                id("out"),
                                "executedAt",
                                OffsetDateTime.now(clock).toString(),
                                "reason",
                                "  ")),
                400,
                "VALIDATION_FAILED");
        assertRefused(
                resultResponse(
                        instructionId,
                        Map.of(
                                "outcome",
                                "EXECUTED",
                                "bankTxnId",
                                id("out"),
                                "executedAt",
                                OffsetDateTime.now(clock)
                                        .plus(Duration.ofMinutes(10))
                                        .toString())),
                400,
                "VALIDATION_FAILED");

        assertThat(footprint()).isEqualTo(before);
        assertThat(listed(school, instructionId).get("status").asText()).isEqualTo("PENDING");
        // Refused answers stored nothing: the instruction takes its real answer afterwards.
        fail(instructionId);
        assertThat(money(school)).containsEntry("prepaidFen", 0L).containsEntry("refundingFen", 100_000L);
        assertThat(listed(school, instructionId + ".2").get("status").asText()).isEqualTo("PENDING");
    }

    // ---- the bank's work list ----

    @Test
    void
            given_four_instructions_when_the_bank_pages_after_the_first_then_it_reads_the_others_oldest_first_and_by_status() {
        Institution school = school();
        String student = id("stu");
        List<String> instructions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Paid order = soldAndPaid(school, student, course("subject" + i, 1_000, 10));
            instructions.add(approve(
                            school,
                            requestRefund(order.orderId()).get("refundId").asText())
                    .get("instructionId")
                    .asText());
        }
        String marker = instructions.get(0);
        List<String> mine = instructions.subList(1, 4);

        Http.Response first = page("status=PENDING&limit=2&afterId=" + marker);
        Http.Response second = page(
                "status=PENDING&limit=2&afterId=" + first.body().get("next").asText());

        assertThat(ids(first)).containsExactly(mine.get(0), mine.get(1));
        assertThat(first.body().get("next").asText()).isEqualTo(mine.get(1));
        assertThat(ids(second)).containsExactly(mine.get(2));
        assertThat(second.body().hasNonNull("next")).as("the last page says so").isFalse();

        execute(mine.get(0));
        assertThat(ids(page("status=PENDING&limit=10&afterId=" + marker))).containsExactly(mine.get(1), mine.get(2));
        assertThat(ids(page("status=EXECUTED&limit=10&afterId=" + marker))).containsExactly(mine.get(0));
        assertThat(ids(page("limit=10&afterId=" + marker))).containsExactlyElementsOf(mine);
        assertRefused(page("limit=0"), 400, "VALIDATION_FAILED");
        assertRefused(page("limit=1001"), 400, "VALIDATION_FAILED");
        assertRefused(page("status=ASSEMBLING"), 400, "VALIDATION_FAILED");
    }

    @Test
    void given_a_bank_signing_with_the_second_it_sends_when_it_reads_the_next_pages_in_that_second_then_it_gets_them() {
        Institution school = school();
        String student = id("stu");
        List<String> instructions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Paid order = soldAndPaid(school, student, course("subject" + i, 1_000, 10));
            instructions.add(approve(
                            school,
                            requestRefund(order.orderId()).get("refundId").asText())
                    .get("instructionId")
                    .asText());
        }
        String firstPage = "/v1/bank/instructions?status=PENDING&limit=1&afterId=" + instructions.get(0);
        Map<String, String> firstPageSigned = new BankSigner(Tokens.BANK_HMAC_SECRET, clock)
                .headers(clock.instant().getEpochSecond(), "GET", firstPage, null, "");

        Http.Response first = http.getWithHeaders(firstPage, Tokens.bank(), firstPageSigned);
        Http.Response second = page("status=PENDING&limit=1&afterId=" + instructions.get(1));
        // The very same signed read again is answered again: a read changes nothing.
        Http.Response again = http.getWithHeaders(firstPage, Tokens.bank(), firstPageSigned);

        assertThat(ids(first)).containsExactly(instructions.get(1));
        assertThat(ids(second)).containsExactly(instructions.get(2));
        assertThat(ids(again)).containsExactly(instructions.get(1));
    }

    private Http.Response page(String query) {
        return http.get("/v1/bank/instructions?" + query, Tokens.bank());
    }

    private static List<String> ids(Http.Response page) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.body().get("items").forEach(i -> ids.add(i.get("instructionId").asText()));
        return ids;
    }
}
