package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Money that never strands: a refund the bank fails keeps its approval and goes to the bank again; a
 * refund or suspense return that fails every attempt waits, UNDELIVERABLE, for a regulator, who
 * instructs it again; money for an institution that may not sell is not applied; hours a reversal
 * gives back after the order's refund or the institution's wind-down are refunded. The books are
 * checked after every step.
 */
class MoneyNeverStrandsApiTest extends CheckedScenario {

    private static final long PRICE = 15_000;

    @Test
    void
            given_an_approved_refund_when_the_bank_fails_it_then_it_stays_approved_and_the_next_instruction_is_pending_at_once() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        String first = approve(school, refundId).get("instructionId").asText();

        fail(first);

        JsonNode refund = refund(refundId);
        assertThat(refund.get("status").asText()).isEqualTo("APPROVED");
        String second = refund.get("instructionId").asText();
        assertThat(second).isEqualTo(first + ".2");
        JsonNode next = listed(school, second);
        assertThat(next.get("status").asText()).isEqualTo("PENDING");
        assertThat(next.get("amountFen").asLong()).isEqualTo(20 * PRICE);
        assertThat(next.get("payeeRef").asText()).isEqualTo(order.bankTxnId());
        assertThat(next.get("previousInstructionId").asText()).isEqualTo(first);
        JsonNode read = order(order.orderId());
        assertThat(read.get("refundedHours").asInt())
                .as("the hours stay refunded")
                .isEqualTo(20);
        assertThat(read.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(money(school)).containsEntry("prepaidFen", 0L).containsEntry("refundingFen", 20 * PRICE);
        execute(second);
        assertThat(refund(refundId).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(money(school)).containsEntry("custodyFen", 0L);
    }

    @Test
    void
            given_a_refund_the_bank_fails_three_times_when_a_regulator_resolves_it_with_the_payers_new_account_then_it_is_paid() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 10));
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        String instruction = approve(school, refundId).get("instructionId").asText();
        fail(instruction);
        fail(instruction + ".2");

        Http.Response last = resultResponse(instruction + ".3", failed("payee account closed"));

        assertThat(last.body().get("status").asText()).as(last.toString()).isEqualTo("UNDELIVERABLE");
        assertThat(refund(refundId).get("status").asText()).isEqualTo("UNDELIVERABLE");
        assertThat(bankList(school, "PENDING")).as("nothing left for the bank").isEmpty();
        assertThat(undeliverable(school)).containsExactly(instruction + ".3");
        assertThat(money(school)).as("the money waits in transit").containsEntry("refundingFen", 10 * PRICE);
        assertRefused(
                http.post(
                        "/v1/instructions/" + instruction + ".3/resolution",
                        Tokens.platform(),
                        Map.of("reason", "not the platform's call")),
                403,
                "FORBIDDEN");

        Http.Response resolved = http.post(
                "/v1/instructions/" + instruction + ".3/resolution",
                Tokens.regulator(),
                Map.of("payeeRef", "CARD-NEW-0001", "reason", "the parent's old card was closed; paid to the new one"));
        books("a regulator resolves " + instruction + ".3");

        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        JsonNode fourth = resolved.body();
        assertThat(fourth.get("instructionId").asText()).isEqualTo(instruction + ".4");
        assertThat(fourth.get("status").asText()).isEqualTo("PENDING");
        assertThat(fourth.get("payeeRef").asText()).isEqualTo("CARD-NEW-0001");
        assertThat(fourth.get("resolution").asText()).contains("new one");
        assertThat(fourth.get("resolvedBy").asText()).isNotBlank();
        assertThat(undeliverable(school)).isEmpty();
        assertThat(refund(refundId).get("status").asText()).isEqualTo("APPROVED");
        assertRefused(
                http.post(
                        "/v1/instructions/" + instruction + ".4/resolution",
                        Tokens.regulator(),
                        Map.of("reason", "again")),
                422,
                "INSTRUCTION_NOT_UNDELIVERABLE");
        execute(instruction + ".4");
        assertThat(refund(refundId).get("status").asText()).isEqualTo("REFUNDED");
    }

    @Test
    void
            given_suspense_money_whose_return_fails_every_attempt_then_it_is_undeliverable_and_a_regulator_sends_it_back() {
        Institution school = school();
        String orderId = sell(school, id("stu"), course("piano", PRICE, 10));
        String bankTxnId = payIntoSuspense(school, orderId, 99_999, "AMOUNT_MISMATCH");
        String first =
                instructionsFor(run(), school).get(0).get("instructionId").asText();
        assertThat(first).isEqualTo("SRT-" + bankTxnId);
        fail(first);
        fail(first + ".2");
        resultResponse(first + ".3", failed("payer account closed"));

        assertThat(undeliverable(school)).containsExactly(first + ".3");
        assertThat(instructionsFor(run(), school))
                .as("the run does not take it again")
                .isEmpty();
        assertThat(money(school)).containsEntry("returningFen", 99_999L);

        Http.Response resolved = http.post(
                "/v1/instructions/" + first + ".3/resolution",
                Tokens.regulator(),
                Map.of("reason", "the payer confirmed the account by phone"));
        books("a regulator resolves the return");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        assertThat(resolved.body().get("payeeRef").asText()).isEqualTo(bankTxnId);
        execute(resolved.body().get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 0L).containsEntry("returningFen", 0L);
    }

    @Test
    void
            given_a_suspended_institution_when_money_for_its_unpaid_order_arrives_then_it_is_held_in_suspense_and_returned() {
        Institution school = school();
        String orderId = sell(school, id("stu"), course("piano", PRICE, 10));
        setStatus(school, "SUSPENDED");

        String bankTxnId = payIntoSuspense(school, orderId, 10 * PRICE, "INSTITUTION_NOT_ACTIVE");

        assertThat(order(orderId).get("status").asText()).isNotEqualTo("PAID");
        assertThat(money(school)).containsEntry("prepaidFen", 0L).containsEntry("suspenseFen", 10 * PRICE);
        JsonNode back = instructionsFor(run(), school).get(0);
        assertThat(back.get("kind").asText()).isEqualTo("SUSPENSE_RETURN");
        assertThat(back.get("payeeRef").asText()).isEqualTo(bankTxnId);
    }

    @Test
    void
            given_a_refunded_order_when_its_disputed_lesson_is_reversed_then_the_hours_go_back_to_the_parent_by_a_refund() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        String lessonId = teach(school, order.orderId(), 2);
        dispute(lessonId);
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        execute(approve(school, refundId).get("instructionId").asText());

        rule(lessonId, "REVERSED");

        JsonNode read = order(order.orderId());
        assertThat(read.get("remainingHours").asInt())
                .as("no hour is left for nobody to consume")
                .isZero();
        assertThat(read.get("refundedHours").asInt()).isEqualTo(20);
        List<JsonNode> refunds = new ArrayList<>(bankList(school, "PENDING"));
        assertThat(refunds).hasSize(1);
        assertThat(refunds.get(0).get("kind").asText()).isEqualTo("REFUND");
        assertThat(refunds.get(0).get("amountFen").asLong()).isEqualTo(2 * PRICE);
        assertThat(refunds.get(0).get("payeeRef").asText()).isEqualTo(order.bankTxnId());
        assertThat(money(school)).containsEntry("prepaidFen", 0L);
        execute(refunds.get(0).get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 0L);
    }

    @Test
    void given_a_wound_down_institution_when_a_disputed_lesson_is_reversed_then_its_hours_are_refunded_too() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        String lessonId = teach(school, order.orderId(), 3);
        dispute(lessonId);
        windDown(school);

        rule(lessonId, "REVERSED");

        assertThat(order(order.orderId()).get("remainingHours").asInt()).isZero();
        long refunding = bankList(school, "PENDING").stream()
                .filter(i -> i.get("kind").asText().equals("REFUND"))
                .mapToLong(i -> i.get("amountFen").asLong())
                .sum();
        assertThat(refunding).as("every fen back to the parent").isEqualTo(20 * PRICE);
        assertThat(money(school)).containsEntry("prepaidFen", 0L).containsEntry("refundingFen", 20 * PRICE);
    }

    private List<String> undeliverable(Institution school) {
        Http.Response list = http.get("/v1/instructions?status=UNDELIVERABLE&limit=1000", Tokens.regulator());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        List<String> mine = new ArrayList<>();
        list.body().get("items").forEach(i -> {
            if (i.get("institutionId").asText().equals(school.id())) {
                mine.add(i.get("instructionId").asText());
            }
        });
        return mine;
    }

    private void setStatus(Institution school, String status) {
        Http.Response changed = http.post(
                "/v1/institutions/" + school.id() + "/status",
                Tokens.regulator(),
                Map.of("status", status, "reason", "test: " + status));
        books("set " + school.id() + " " + status);
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    }
}
