package com.tuitionescrow.ledger.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Deadlines that close: an answer after its window is refused and the window's outcome stands from
 * the deadline on, whether a release run has come by or not; a payment is judged by when the bank
 * received it, however late it is reported. In this package because the expiry sweep is package-private.
 */
class DeadlinesApiTest extends CheckedScenario {

    private static final long PRICE = 15_000;

    @Autowired
    private OrderExpirySweep expirySweep;

    @Test
    void
            given_a_lesson_past_its_confirmation_window_when_the_parent_disputes_it_then_ANSWER_WINDOW_CLOSED_and_it_reads_confirmed_without_a_run() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        String lessonId = teach(school, order.orderId(), 2);
        Instant confirmBy = instant(lessonOf(order.orderId(), lessonId).get("confirmBy"));
        advanceClockTo(confirmBy.plusSeconds(1));

        Http.Response late = http.post(
                "/v1/lessons/" + lessonId + "/confirmation",
                Tokens.platform(),
                Map.of("decision", "DISPUTE", "reason", "the teacher did not come"));

        assertRefused(late, 422, "ANSWER_WINDOW_CLOSED");
        assertThat(lessonOf(order.orderId(), lessonId).get("status").asText()).isEqualTo("CONFIRMED");
        JsonNode read = order(order.orderId());
        assertThat(read.get("confirmedHours").asInt()).isEqualTo(2);
        assertThat(read.get("releasableFen").asLong()).isEqualTo(2 * PRICE);
        awaitLedger();
        assertThat(money(school))
                .containsEntry("awaitingConfirmationFen", 0L)
                .containsEntry("releasableFen", 2 * PRICE);
        // A late confirmation agrees with the outcome and changes nothing.
        Http.Response agreeing = http.post(
                "/v1/lessons/" + lessonId + "/confirmation", Tokens.platform(), Map.of("decision", "CONFIRM"));
        assertThat(agreeing.status()).as(agreeing.toString()).isEqualTo(200);
        assertThat(agreeing.body().get("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void
            given_a_refund_past_its_answer_window_when_the_institution_contests_it_then_ANSWER_WINDOW_CLOSED_and_the_bank_already_has_it() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        JsonNode refund = requestRefund(order.orderId());
        String refundId = refund.get("refundId").asText();
        advanceClockTo(instant(refund.get("answerBy")).plusSeconds(1));

        Http.Response late = decisionResponse(school, refundId, "CONTEST", "all lessons were booked");

        assertRefused(late, 422, "ANSWER_WINDOW_CLOSED");
        JsonNode approved = refund(refundId);
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        // No regulator and no run needed: the REFUND instruction is with the bank.
        JsonNode instruction = listed(school, approved.get("instructionId").asText());
        assertThat(instruction.get("status").asText()).isEqualTo("PENDING");
        assertThat(instruction.get("amountFen").asLong()).isEqualTo(20 * PRICE);
        books("after the late contest");
    }

    @Test
    void given_money_received_before_payBy_when_reported_after_the_expiry_sweep_then_it_pays_the_order() {
        Institution school = school();
        String orderId = sell(school, id("stu"), course("piano", PRICE, 20));
        OffsetDateTime receivedInTime = OffsetDateTime.now(clock).plusMinutes(29);
        clock.advance(Duration.ofMinutes(31));
        expirySweep.sweep();
        assertThat(order(orderId).get("status").asText()).isEqualTo("EXPIRED");

        Http.Response late = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                Map.of(
                        "bankTxnId",
                        id("txn"),
                        "orderId",
                        orderId,
                        "amountFen",
                        20 * PRICE,
                        "custodyAccountNo",
                        school.custodyAccountNo(),
                        "receivedAt",
                        receivedInTime.toString()));
        books("a late report of a payment made in time");

        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        assertThat(late.body().get("status").asText()).isEqualTo("APPLIED");
        assertThat(order(orderId).get("status").asText()).isEqualTo("PAID");
    }

    @Test
    void
            given_an_expired_order_whose_room_another_sale_took_when_its_timely_payment_is_reported_then_it_is_held_in_suspense() {
        Institution school = school();
        String student = id("stu");
        String first = sell(school, student, course("piano", 20_000, 20));
        OffsetDateTime receivedInTime = OffsetDateTime.now(clock).plusMinutes(29);
        clock.advance(Duration.ofMinutes(31));
        // 400 000 + 200 000 would pass the 5000-yuan cap: the new sale took the room the expired order freed.
        pay(school, sell(school, student, course("violin", 20_000, 20)));

        Http.Response late = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                Map.of(
                        "bankTxnId",
                        id("txn"),
                        "orderId",
                        first,
                        "amountFen",
                        400_000,
                        "custodyAccountNo",
                        school.custodyAccountNo(),
                        "receivedAt",
                        receivedInTime.toString()));
        books("a late payment that no longer fits the caps");

        assertThat(late.body().get("status").asText()).as(late.toString()).isEqualTo("SUSPENSE");
        assertThat(late.body().get("reason").asText()).isEqualTo("ORDER_EXPIRED");
        assertThat(order(first).get("status").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void given_an_unpaid_order_when_its_institution_is_blacklisted_then_the_sweep_ends_the_order() {
        Institution school = school();
        String orderId = sell(school, id("stu"), course("piano", PRICE, 20));
        Http.Response blacklisted = http.post(
                "/v1/institutions/" + school.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "BLACKLISTED", "reason", "fraud"));
        assertThat(blacklisted.status()).as(blacklisted.toString()).isEqualTo(200);

        expirySweep.sweep();

        assertThat(order(orderId).get("status").asText()).isEqualTo("CANCELLED");
        books("the sweep after the blacklisting");
    }

    private JsonNode lessonOf(String orderId, String lessonId) {
        for (JsonNode lesson : order(orderId).get("lessons")) {
            if (lesson.get("lessonId").asText().equals(lessonId)) {
                return lesson;
            }
        }
        throw new AssertionError("order " + orderId + " shows no lesson " + lessonId);
    }
}
