package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.WorkingDaysByHand;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * 序时拨付 over HTTP: confirmed, undisputed consumption is released into a DISBURSEMENT instruction,
 * which sits in transit until the custody bank answers; EXECUTED takes it out of custody, FAILED
 * makes it releasable again. Every step is followed by a check of the books.
 */
class ReleaseScenarioTest extends CheckedScenario {

    private static final long PRICE = 15_000;

    @Test
    void given_a_confirmed_lesson_when_the_run_releases_it_and_the_bank_executes_then_the_institution_is_paid() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        confirm(teach(school, order.orderId(), 2));
        assertThat(money(school)).containsEntry("releasableFen", 30_000L).containsEntry("prepaidFen", 270_000L);

        JsonNode run = run();

        JsonNode disbursement = disbursementFor(run, school);
        assertThat(disbursement.get("amountFen").asLong()).isEqualTo(30_000);
        assertThat(disbursement.get("status").asText()).isEqualTo("PENDING");
        assertThat(disbursement.get("payeeRef").asText()).isEqualTo(school.id());
        assertThat(disbursement.get("custodyAccountNo").asText()).isEqualTo(school.custodyAccountNo());
        String instructionId = disbursement.get("instructionId").asText();
        assertThat(listed(school, instructionId).get("status").asText()).isEqualTo("PENDING");
        // Instructed, not yet paid: the money is in transit and still in the custody account.
        assertThat(money(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("releasableFen", 0L)
                .containsEntry("disbursingFen", 30_000L)
                .containsEntry("disbursedTotalFen", 0L);
        assertThat(order(order.orderId()).get("disbursingFen").asLong()).isEqualTo(30_000);

        execute(instructionId);

        assertThat(money(school))
                .containsEntry("custodyFen", 270_000L)
                .containsEntry("disbursingFen", 0L)
                .containsEntry("disbursedTotalFen", 30_000L)
                .containsEntry("prepaidFen", 270_000L);
        JsonNode paidOut = order(order.orderId());
        assertThat(paidOut.get("disbursedFen").asLong()).isEqualTo(30_000);
        assertThat(paidOut.get("disbursingFen").asLong()).isZero();
        assertThat(paidOut.get("releasableFen").asLong()).isZero();
        assertThat(listed(school, instructionId).get("status").asText()).isEqualTo("EXECUTED");
        assertThat(instructionsFor(run(), school))
                .as("nothing is released twice")
                .isEmpty();
    }

    @Test
    void given_a_disbursement_the_bank_failed_when_the_next_run_comes_then_it_is_released_again_and_paid() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        confirm(teach(school, order.orderId(), 2));
        String first = disbursementFor(run(), school).get("instructionId").asText();

        fail(first);

        assertThat(money(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("releasableFen", 30_000L)
                .containsEntry("disbursingFen", 0L)
                .containsEntry("disbursedTotalFen", 0L);
        JsonNode returned = order(order.orderId());
        assertThat(returned.get("releasableFen").asLong()).isEqualTo(30_000);
        assertThat(returned.get("disbursingFen").asLong()).isZero();
        assertThat(listed(school, first).get("status").asText()).isEqualTo("FAILED");
        assertThat(listed(school, first).get("failureReason").asText()).isEqualTo("payee account closed");

        JsonNode again = disbursementFor(run(), school);

        assertThat(again.get("instructionId").asText()).isNotEqualTo(first);
        assertThat(again.get("amountFen").asLong()).isEqualTo(30_000);
        execute(again.get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 270_000L).containsEntry("disbursedTotalFen", 30_000L);
        assertThat(order(order.orderId()).get("disbursedFen").asLong()).isEqualTo(30_000);
    }

    @Test
    void
            given_an_unanswered_lesson_when_15_working_days_have_passed_then_it_is_confirmed_at_the_deadline_and_released() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        Instant before = clock.instant();
        String unanswered = teach(school, order.orderId(), 2);
        Instant after = clock.instant();
        String answered = teach(school, order.orderId(), 1);
        confirm(answered);

        // Counted by hand on the 2026 table: a lesson reported on Friday 2026-11-27 has Mon 30 Nov to
        // Fri 18 Dec as its 15 working days, and counts as confirmed from midnight that night.
        Instant confirmBy = instant(lesson(order.orderId(), unanswered).get("confirmBy"));
        assertThat(confirmBy)
                .isIn(WorkingDaysByHand.windowCloses(before, 15), WorkingDaysByHand.windowCloses(after, 15));
        assertThat(Duration.between(after, confirmBy)).isGreaterThanOrEqualTo(Duration.ofDays(19));

        JsonNode notYet = run();
        assertThat(lesson(order.orderId(), unanswered).get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(disbursementFor(notYet, school).get("amountFen").asLong())
                .as("only the answered lesson")
                .isEqualTo(15_000);
        execute(disbursementFor(notYet, school).get("instructionId").asText());

        advanceClockTo(confirmBy.minusSeconds(60));
        assertThat(lesson(order.orderId(), unanswered).get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        advanceClockTo(confirmBy.plus(Duration.ofMinutes(1)));
        // The window's outcome stands from its deadline: a read sees it at once, without a run.
        assertThat(lesson(order.orderId(), unanswered).get("status").asText()).isEqualTo("CONFIRMED");

        JsonNode whenItCloses = runAsOf(confirmBy);

        assertThat(instant(whenItCloses.get("asOf"))).isEqualTo(confirmBy);
        assertThat(lesson(order.orderId(), answered).get("status").asText()).isEqualTo("CONFIRMED");
        JsonNode released = disbursementFor(whenItCloses, school);
        assertThat(released.get("amountFen").asLong()).isEqualTo(30_000);
        assertThat(order(order.orderId()).get("confirmedHours").asInt()).isEqualTo(3);
        execute(released.get("instructionId").asText());
        assertThat(money(school))
                .containsEntry("custodyFen", 255_000L)
                .containsEntry("disbursedTotalFen", 45_000L)
                .containsEntry("awaitingConfirmationFen", 0L);
        assertThat(runAsOf(confirmBy).get("lessonsConfirmedByWindow").asInt())
                .as("a closed window is answered once")
                .isZero();
    }

    @Test
    void given_a_disputed_lesson_when_it_is_ruled_consumed_then_the_frozen_order_releases_both_lessons() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        confirm(teach(school, order.orderId(), 2));
        String disputed = teach(school, order.orderId(), 3);
        dispute(disputed);

        JsonNode frozen = run();

        assertThat(instructionsFor(frozen, school))
                .as("a disputed lesson freezes its order's release")
                .isEmpty();
        assertThat(money(school))
                .containsEntry("releasableFen", 30_000L)
                .containsEntry("awaitingConfirmationFen", 45_000L)
                .containsEntry("disbursingFen", 0L);
        assertThat(order(order.orderId()).get("releasableFen").asLong()).isEqualTo(30_000);

        assertThat(rule(disputed, "CONSUMED").get("status").asText()).isEqualTo("RESOLVED_CONSUMED");
        assertThat(money(school)).containsEntry("releasableFen", 75_000L).containsEntry("awaitingConfirmationFen", 0L);
        JsonNode released = disbursementFor(run(), school);

        assertThat(released.get("amountFen").asLong()).isEqualTo(75_000);
        execute(released.get("instructionId").asText());
        JsonNode paidOut = order(order.orderId());
        assertThat(paidOut.get("disbursedFen").asLong()).isEqualTo(75_000);
        assertThat(paidOut.get("confirmedHours").asInt()).isEqualTo(5);
        assertThat(money(school)).containsEntry("custodyFen", 225_000L).containsEntry("disbursedTotalFen", 75_000L);
    }

    @Test
    void given_a_disputed_lesson_when_it_is_ruled_reversed_then_its_hours_and_money_go_back_to_the_student() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 20));
        confirm(teach(school, order.orderId(), 2));
        String disputed = teach(school, order.orderId(), 3);
        dispute(disputed);
        assertThat(order(order.orderId()).get("remainingHours").asInt()).isEqualTo(15);

        assertThat(rule(disputed, "REVERSED").get("status").asText()).isEqualTo("REVERSED");

        JsonNode reversed = order(order.orderId());
        assertThat(reversed.get("remainingHours").asInt()).isEqualTo(18);
        assertThat(reversed.get("consumedHours").asInt()).isEqualTo(2);
        assertThat(money(school))
                .containsEntry("prepaidFen", 270_000L)
                .containsEntry("awaitingConfirmationFen", 0L)
                .containsEntry("releasableFen", 30_000L)
                .containsEntry("custodyFen", 300_000L);
        JsonNode released = disbursementFor(run(), school);
        assertThat(released.get("amountFen").asLong())
                .as("only the confirmed lesson is paid")
                .isEqualTo(30_000);
        execute(released.get("instructionId").asText());
        // The hours given back can be taught again, to the last one.
        confirm(teach(school, order.orderId(), 18));
        assertThat(order(order.orderId()).get("status").asText()).isEqualTo("COMPLETED");
        execute(disbursementFor(run(), school).get("instructionId").asText());
        assertThat(money(school))
                .containsEntry("custodyFen", 0L)
                .containsEntry("disbursedTotalFen", 300_000L)
                .containsEntry("prepaidFen", 0L);
    }

    private JsonNode lesson(String orderId, String lessonId) {
        for (JsonNode lesson : order(orderId).get("lessons")) {
            if (lesson.get("lessonId").asText().equals(lessonId)) {
                return lesson;
            }
        }
        throw new AssertionError("no lesson " + lessonId + " on order " + orderId);
    }
}
