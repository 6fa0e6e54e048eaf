package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import com.tuitionescrow.ledger.support.WorkingDaysByHand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 退费 over HTTP: the platform asks, the institution approves or contests, a regulator rules on a
 * contest, the window approves what nobody answered, and the bank pays back by the original route.
 * Refund = paid − consumed hours × price − already refunded. Every step is followed by a check of
 * the books.
 */
class RefundScenarioTest extends CheckedScenario {

    private static final long PRICE = 15_000;

    @Test
    void
            given_no_lesson_yet_when_a_refund_is_approved_and_executed_then_the_whole_amount_goes_back_by_the_original_route() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        Instant before = clock.instant();

        JsonNode refund = requestRefund(order.orderId());

        assertThat(refund.get("amountFen").asLong()).isEqualTo(300_000);
        assertThat(refund.get("hours").asInt()).isEqualTo(20);
        assertThat(instant(refund.get("answerBy")))
                .isIn(WorkingDaysByHand.windowCloses(before, 5), WorkingDaysByHand.windowCloses(clock.instant(), 5));
        String refundId = refund.get("refundId").asText();
        JsonNode approved = approve(school, refundId);
        String instructionId = approved.get("instructionId").asText();
        assertThat(instructionId).isEqualTo("RFD-" + refundId);

        JsonNode instruction = listed(school, instructionId);
        assertThat(instruction.get("kind").asText()).isEqualTo("REFUND");
        assertThat(instruction.get("status").asText()).isEqualTo("PENDING");
        assertThat(instruction.get("amountFen").asLong()).isEqualTo(300_000);
        assertThat(instruction.get("payeeRef").asText())
                .as("原路返回: it names the original collection")
                .isEqualTo(order.bankTxnId());
        assertThat(instruction.get("custodyAccountNo").asText()).isEqualTo(school.custodyAccountNo());
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("refundingFen", 300_000L)
                .containsEntry("custodyFen", 300_000L);

        execute(instructionId);

        assertThat(money(school))
                .containsEntry("custodyFen", 0L)
                .containsEntry("refundingFen", 0L)
                .containsEntry("refundedTotalFen", 300_000L);
        assertThat(refund(refundId).get("status").asText()).isEqualTo("REFUNDED");
        JsonNode refunded = order(order.orderId());
        assertThat(refunded.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(refunded.get("refundedFen").asLong()).isEqualTo(300_000);
        assertThat(refunded.get("refundedHours").asInt()).isEqualTo(20);
        assertThat(refunded.get("remainingHours").asInt()).isZero();
        assertRefused(refundResponse(order.orderId(), id("refund")), 422, "NOTHING_TO_REFUND");
    }

    @Test
    void
            given_five_hours_taught_when_a_refund_is_executed_then_paid_minus_consumed_goes_back_and_the_rest_is_released() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        confirm(teach(school, order.orderId(), 2));
        String unanswered = teach(school, order.orderId(), 3);

        JsonNode refund = requestRefund(order.orderId());

        // 300 000 paid − 5 hours × 15 000 consumed (confirmed or not) − nothing refunded before.
        assertThat(refund.get("amountFen").asLong()).isEqualTo(225_000);
        assertThat(refund.get("hours").asInt()).isEqualTo(15);
        String instructionId = approve(school, refund.get("refundId").asText())
                .get("instructionId")
                .asText();
        execute(instructionId);
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("custodyFen", 75_000L)
                .containsEntry("releasableFen", 30_000L)
                .containsEntry("awaitingConfirmationFen", 45_000L)
                .containsEntry("refundedTotalFen", 225_000L);
        assertThat(order(order.orderId()).get("status").asText()).isEqualTo("REFUNDED");

        // The lessons given are still the institution's: confirmed and released, the account is empty.
        confirm(unanswered);
        JsonNode released = disbursementFor(run(), school);
        assertThat(released.get("amountFen").asLong()).isEqualTo(75_000);
        execute(released.get("instructionId").asText());
        assertThat(money(school))
                .containsEntry("custodyFen", 0L)
                .containsEntry("disbursedTotalFen", 75_000L)
                .containsEntry("refundedTotalFen", 225_000L);
    }

    @Test
    void
            given_a_pending_refund_when_a_lesson_another_refund_or_a_run_comes_then_they_are_refused_or_frozen_until_it_is_approved() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        confirm(teach(school, order.orderId(), 2));
        JsonNode refund = requestRefund(order.orderId());
        Map<String, Integer> before = footprint();

        Http.Response lesson = lessonResponse(school, order.orderId(), id("lesson"), 1);

        assertRefused(lesson, 422, "REFUND_PENDING");
        assertThat(footprint()).isEqualTo(before);
        assertRefused(refundResponse(order.orderId(), id("refund")), 422, "REFUND_PENDING");
        assertThat(instructionsFor(run(), school))
                .as("a pending refund freezes its order's release")
                .isEmpty();
        assertThat(money(school)).containsEntry("releasableFen", 30_000L).containsEntry("disbursingFen", 0L);

        execute(approve(school, refund.get("refundId").asText())
                .get("instructionId")
                .asText());

        JsonNode released = disbursementFor(run(), school);
        assertThat(released.get("amountFen").asLong()).isEqualTo(30_000);
        execute(released.get("instructionId").asText());
        assertThat(money(school))
                .containsEntry("custodyFen", 0L)
                .containsEntry("refundedTotalFen", 270_000L)
                .containsEntry("disbursedTotalFen", 30_000L);
    }

    @Test
    void
            given_a_contested_refund_when_the_window_passes_and_then_the_regulator_approves_then_it_waits_for_the_ruling_and_is_paid() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        teach(school, order.orderId(), 4);
        JsonNode refund = requestRefund(order.orderId());
        String refundId = refund.get("refundId").asText();
        assertRefused(decisionResponse(school, refundId, "CONTEST", null), 400, "VALIDATION_FAILED");

        JsonNode contested = contest(school, refundId);

        assertThat(contested.get("answerReason").asText()).isEqualTo("all lessons were booked and held");
        advanceClockTo(instant(refund.get("answerBy")).plus(Duration.ofMinutes(1)));
        run();
        assertThat(refund(refundId).get("status").asText())
                .as("the window approves only unanswered refunds")
                .isEqualTo("CONTESTED");
        assertThat(bankList(school, "PENDING")).isEmpty();
        assertRefused(decisionResponse(school, refundId, "APPROVE", null), 422, "REFUND_ALREADY_ANSWERED");

        JsonNode approved = resolveRefund(refundId, "APPROVE");

        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("amountFen").asLong()).isEqualTo(240_000);
        execute(approved.get("instructionId").asText());
        assertThat(refund(refundId).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("refundedTotalFen", 240_000L)
                .containsEntry("custodyFen", 60_000L);
    }

    @Test
    void given_a_contested_refund_when_the_regulator_denies_it_then_lessons_and_release_go_on() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        confirm(teach(school, order.orderId(), 2));
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        contest(school, refundId);
        assertRefused(lessonResponse(school, order.orderId(), id("lesson"), 1), 422, "REFUND_PENDING");

        JsonNode denied = resolveRefund(refundId, "DENY");

        assertThat(denied.get("status").asText()).isEqualTo("DENIED");
        assertThat(denied.get("instructionId")).isNull();
        assertThat(bankList(school, null)).isEmpty();
        confirm(teach(school, order.orderId(), 1));
        JsonNode released = disbursementFor(run(), school);
        assertThat(released.get("amountFen").asLong()).isEqualTo(45_000);
        execute(released.get("instructionId").asText());
        assertThat(money(school))
                .containsEntry("prepaidFen", 255_000L)
                .containsEntry("custodyFen", 255_000L)
                .containsEntry("refundedTotalFen", 0L);
        assertThat(order(order.orderId()).get("refundedFen").asLong()).isZero();
        Http.Response ruledAgain =
                http.post("/v1/refunds/" + refundId + "/resolution", Tokens.regulator(), Map.of("outcome", "APPROVE"));
        books("rule the denied refund again");
        assertRefused(ruledAgain, 422, "REFUND_NOT_CONTESTED");
    }

    @Test
    void
            given_a_refund_nobody_answers_when_5_working_days_have_passed_then_it_is_approved_at_the_deadline_without_a_run() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        JsonNode refund = requestRefund(order.orderId());
        String refundId = refund.get("refundId").asText();
        Instant answerBy = instant(refund.get("answerBy"));
        assertThat(Duration.between(clock.instant(), answerBy)).isGreaterThanOrEqualTo(Duration.ofDays(5));

        advanceClockTo(answerBy.minusSeconds(60));
        assertThat(refund(refundId).get("status").asText()).isEqualTo("AWAITING_INSTITUTION");
        advanceClockTo(answerBy.plusSeconds(60));

        JsonNode approved = refund(refundId);
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        JsonNode instruction = listed(school, approved.get("instructionId").asText());
        assertThat(instruction.get("amountFen").asLong()).isEqualTo(300_000);
        assertThat(instruction.get("payeeRef").asText()).isEqualTo(order.bankTxnId());
        assertThat(instant(instruction.get("createdAt")))
                .as("dated at the deadline")
                .isEqualTo(answerBy);
        assertRefused(decisionResponse(school, refundId, "CONTEST", "too late"), 422, "ANSWER_WINDOW_CLOSED");
        runAsOf(answerBy);
        assertThat(refund(refundId).get("instructionId").asText())
                .as("a closed window is answered once")
                .isEqualTo(instruction.get("instructionId").asText());
        execute(instruction.get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 0L).containsEntry("refundedTotalFen", 300_000L);
    }

    @Test
    void
            given_an_approved_refund_when_the_bank_fails_it_then_it_keeps_its_approval_and_hours_and_goes_to_the_bank_again() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        teach(school, order.orderId(), 2);
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        String instructionId = approve(school, refundId).get("instructionId").asText();
        assertThat(order(order.orderId()).get("status").asText()).isEqualTo("REFUNDED");

        fail(instructionId);

        assertThat(refund(refundId).get("status").asText()).isEqualTo("APPROVED");
        JsonNode still = order(order.orderId());
        assertThat(still.get("status").asText()).isEqualTo("REFUNDED");
        assertThat(still.get("refundedHours").asInt()).isEqualTo(18);
        assertThat(still.get("refundedFen").asLong()).isEqualTo(270_000);
        assertThat(still.get("refundPaidFen").asLong()).isZero();
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("refundingFen", 270_000L)
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("refundedTotalFen", 0L);
        assertRefused(refundResponse(order.orderId(), id("refund")), 422, "NOTHING_TO_REFUND");

        String second = refund(refundId).get("instructionId").asText();
        assertThat(second).isEqualTo(instructionId + ".2");
        execute(second);
        assertThat(order(order.orderId()).get("refundPaidFen").asLong()).isEqualTo(270_000);
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("refundedTotalFen", 270_000L)
                .containsEntry("custodyFen", 30_000L);
        assertThat(bankList(school, null))
                .extracting(i -> i.get("status").asText())
                .isEqualTo(List.of("FAILED", "EXECUTED"));
    }

    @Test
    void
            given_an_approved_refund_the_bank_has_not_paid_yet_when_the_student_buys_more_then_it_no_longer_counts_against_the_caps() {
        Institution school = school();
        String student = id("stu");
        Paid order = soldAndPaid(school, student, course("piano", 10_000, 40));
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        String instructionId = approve(school, refundId).get("instructionId").asText();

        // 4000 yuan are in transit, and stay so until the bank pays them: they are no longer prepaid.
        Paid violin = soldAndPaid(school, student, course("violin", 10_000, 20));
        fail(instructionId);
        assertThat(order(order.orderId()).get("remainingHours").asInt()).isZero();
        execute(instructionId + ".2");

        assertThat(violin.amountFen()).isEqualTo(200_000);
        assertThat(money(school))
                .containsEntry("prepaidFen", 200_000L)
                .containsEntry("custodyFen", 200_000L)
                .containsEntry("refundedTotalFen", 400_000L);
    }

    @Test
    void
            given_a_requested_refund_when_the_platform_sends_it_again_then_it_gets_the_first_answer_and_its_id_with_other_content_is_a_conflict() {
        Institution school = school();
        String student = id("stu");
        Paid order = soldAndPaid(school, student, course("piano", 10_000, 10));
        Paid other = soldAndPaid(school, student, course("violin", 10_000, 10));
        String refundId = id("refund");

        Http.Response first = refundResponse(order.orderId(), refundId);
        Http.Response again = refundResponse(order.orderId(), refundId);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        Map<String, Integer> before = footprint();
        assertRefused(refundResponse(other.orderId(), refundId), 409, "IDEMPOTENCY_CONFLICT");
        Http.Response otherReason = http.post(
                "/v1/orders/" + order.orderId() + "/refunds",
                Tokens.platform(),
                Map.of("refundId", refundId, "reason", "another reason"));
        books("request refund " + refundId + " again with another reason");
        assertRefused(otherReason, 409, "IDEMPOTENCY_CONFLICT");
        assertThat(footprint()).isEqualTo(before);
        assertThat(money(school)).containsEntry("prepaidFen", 200_000L).containsEntry("refundingFen", 0L);
    }

    @Test
    void given_an_unpaid_or_unknown_order_when_a_refund_is_requested_then_it_is_refused_and_nothing_is_written() {
        Institution school = school();
        String unpaid = sell(school, id("stu"), course("piano", 10_000, 10));
        Map<String, Integer> before = footprint();

        assertRefused(refundResponse(unpaid, id("refund")), 422, "ORDER_NOT_PAID");
        assertRefused(refundResponse(id("no-such-order"), id("refund")), 404, "NOT_FOUND");

        assertThat(footprint()).isEqualTo(before);
    }
}
