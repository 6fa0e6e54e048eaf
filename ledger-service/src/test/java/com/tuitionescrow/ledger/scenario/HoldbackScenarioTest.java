package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A hold-back policy (Tianjin Binhai kept a share back until the course ended): 30% of every confirmed
 * lesson is held back until its order completes. This class runs in an application context of its
 * own, on the same database; keep hold-back scenarios here rather than start a third context.
 */
@TestPropertySource(properties = "ledger.policy.holdback-percent=30")
class HoldbackScenarioTest extends CheckedScenario {

    /** A price that 30% does not divide: 30% of 15 001 fen is 4 500.3 fen. */
    private static final long PRICE = 15_001;

    @Test
    void
            given_30_percent_held_back_when_lessons_are_confirmed_then_the_run_releases_70_percent_and_completing_the_order_releases_the_rest() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", PRICE, 3));

        confirm(teach(school, order.orderId(), 1));

        // The held-back fen is rounded down; the institution is paid the fraction.
        assertThat(money(school))
                .containsEntry("releasableFen", 10_501L)
                .containsEntry("heldBackFen", 4_500L)
                .containsEntry("prepaidFen", 30_002L);
        JsonNode split = order(order.orderId());
        assertThat(split.get("releasableFen").asLong()).isEqualTo(10_501);
        assertThat(split.get("heldBackFen").asLong()).isEqualTo(4_500);

        JsonNode first = disbursementFor(run(), school);

        assertThat(first.get("amountFen").asLong())
                .as("70% of the lesson, no more")
                .isEqualTo(10_501);
        execute(first.get("instructionId").asText());
        assertThat(money(school))
                .containsEntry("heldBackFen", 4_500L)
                .containsEntry("disbursedTotalFen", 10_501L)
                .containsEntry("custodyFen", 34_502L);

        String last = teach(school, order.orderId(), 2);
        assertThat(money(school))
                .as("reporting the last hours does not complete the order before they are confirmed")
                .containsEntry("heldBackFen", 4_500L)
                .containsEntry("releasableFen", 0L);
        confirm(last);

        // The last lesson: 30 002 fen, of which 9 000 would be held back; the order is complete, so its
        // whole hold-back (4 500 + 9 000) is releasable with the lesson's own 21 002.
        assertThat(order(order.orderId()).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(money(school)).containsEntry("heldBackFen", 0L).containsEntry("releasableFen", 34_502L);
        JsonNode rest = disbursementFor(run(), school);
        assertThat(rest.get("amountFen").asLong()).isEqualTo(34_502);
        execute(rest.get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 0L).containsEntry("disbursedTotalFen", 45_003L);
        assertThat(order(order.orderId()).get("disbursedFen").asLong()).isEqualTo(order.amountFen());
    }

    @Test
    void
            given_30_percent_held_back_when_the_last_hours_are_refunded_then_the_hold_back_waits_until_the_bank_has_paid_the_refund() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        confirm(teach(school, order.orderId(), 4));
        assertThat(money(school)).containsEntry("releasableFen", 28_000L).containsEntry("heldBackFen", 12_000L);
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        String instructionId = approve(school, refundId).get("instructionId").asText();
        assertThat(money(school))
                .as("approved is not paid: the hold-back waits for the parent's money")
                .containsEntry("heldBackFen", 12_000L)
                .containsEntry("refundingFen", 60_000L);

        fail(instructionId);

        assertThat(order(order.orderId()).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(money(school)).containsEntry("heldBackFen", 12_000L).containsEntry("refundingFen", 60_000L);
        JsonNode seventyPercent = disbursementFor(run(), school);
        assertThat(seventyPercent.get("amountFen").asLong()).isEqualTo(28_000);
        execute(seventyPercent.get("instructionId").asText());

        execute(instructionId + ".2");

        assertThat(money(school))
                .containsEntry("heldBackFen", 0L)
                .containsEntry("releasableFen", 12_000L)
                .containsEntry("refundedTotalFen", 60_000L);
        JsonNode rest = disbursementFor(run(), school);
        assertThat(rest.get("amountFen").asLong()).isEqualTo(12_000);
        execute(rest.get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 0L).containsEntry("disbursedTotalFen", 40_000L);
    }
}
