package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 机构关停 over HTTP: a regulator winds an institution down; its releases freeze, its sales and lessons
 * are refused, every student's unconsumed fees are instructed back by the original route, and a
 * shortfall against the custody account and the risk reserve is reported. Every step is followed by
 * a check of the books.
 */
class WindDownScenarioTest extends CheckedScenario {

    @Test
    void given_two_students_when_the_institution_winds_down_then_every_unconsumed_fee_goes_back_and_releases_freeze() {
        Institution school = schoolWithRiskReserve(100_000);
        String partlyTaught = id("stu");
        String untaught = id("stu");
        Paid first = soldAndPaid(school, partlyTaught, course("piano", 10_000, 20));
        confirm(teach(school, first.orderId(), 5));
        teach(school, first.orderId(), 2);
        Paid second = soldAndPaid(school, untaught, course("violin", 20_000, 10));
        String unpaid = sell(school, untaught, course("cello", 10_000, 5));
        assertThat(money(school))
                .containsEntry("custodyFen", 400_000L)
                .containsEntry("prepaidFen", 330_000L)
                .containsEntry("releasableFen", 50_000L)
                .containsEntry("awaitingConfirmationFen", 20_000L);

        JsonNode woundDown = windDown(school);

        assertThat(woundDown.get("status").asText()).isEqualTo("WINDING_DOWN");
        assertThat(woundDown.get("refundsInstructed").asInt()).isEqualTo(2);
        assertThat(woundDown.get("refundedFen").asLong()).isEqualTo(130_000 + 200_000);
        assertThat(woundDown.get("unconsumedFen").asLong()).isEqualTo(330_000);
        assertThat(woundDown.get("custodyFen").asLong()).isEqualTo(400_000);
        assertThat(woundDown.get("riskReserveFen").asLong()).isEqualTo(100_000);
        assertThat(woundDown.get("shortfallFen").asLong())
                .as("custody covers every unconsumed fee")
                .isZero();
        assertThat(woundDown.has("bankBalanceAsOf"))
                .as("no statement yet: judged by the ledger's custody")
                .isFalse();
        assertThat(woundDown.has("bankClosingFen")).isFalse();
        assertThat(order(unpaid).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(http.get("/v1/institutions/" + school.id(), Tokens.regulator())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("WINDING_DOWN");

        List<JsonNode> refunds = bankList(school, "PENDING");
        assertThat(refunds).extracting(i -> i.get("kind").asText()).containsOnly("REFUND");
        assertThat(refunds)
                .extracting(i ->
                        i.get("payeeRef").asText() + "=" + i.get("amountFen").asLong())
                .containsExactlyInAnyOrder(first.bankTxnId() + "=130000", second.bankTxnId() + "=200000");
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("refundingFen", 330_000L)
                .containsEntry("releasableFen", 50_000L);

        JsonNode run = run();
        assertThat(instructionsFor(run, school)).as("releases are frozen").isEmpty();
        assertThat(money(school)).containsEntry("releasableFen", 50_000L).containsEntry("disbursingFen", 0L);
        assertRefused(saleResponse(school, id("stu"), course("drums", 10_000, 5)), 422, "INSTITUTION_NOT_ACTIVE");
        assertRefused(lessonResponse(school, first.orderId(), id("lesson"), 1), 422, "INSTITUTION_NOT_ACTIVE");

        refunds.forEach(refund -> execute(refund.get("instructionId").asText()));

        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("refundingFen", 0L)
                .containsEntry("refundedTotalFen", 330_000L)
                .containsEntry("custodyFen", 70_000L);
        assertThat(order(first.orderId()).get("status").asText()).isEqualTo("REFUNDED");
        assertThat(order(second.orderId()).get("status").asText()).isEqualTo("REFUNDED");
        // Money still arriving for the cancelled order is held and sent back, never kept.
        String late = payIntoSuspense(school, unpaid, 50_000, "ORDER_CANCELLED");
        JsonNode returned = instructionsFor(run(), school).get(0);
        assertThat(returned.get("kind").asText()).isEqualTo("SUSPENSE_RETURN");
        assertThat(returned.get("payeeRef").asText()).isEqualTo(late);
        execute(returned.get("instructionId").asText());
        assertThat(money(school)).containsEntry("custodyFen", 70_000L).containsEntry("suspenseFen", 0L);
    }

    @Test
    void given_a_refund_waiting_for_an_answer_when_the_institution_winds_down_then_that_refund_is_the_one_approved() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 20));
        teach(school, order.orderId(), 3);
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        contest(school, refundId);

        JsonNode woundDown = windDown(school);

        assertThat(woundDown.get("refundsInstructed").asInt()).isEqualTo(1);
        assertThat(woundDown.get("refundedFen").asLong()).isEqualTo(170_000);
        JsonNode refund = refund(refundId);
        assertThat(refund.get("status").asText()).isEqualTo("APPROVED");
        assertThat(bankList(school, "PENDING"))
                .extracting(i -> i.get("instructionId").asText())
                .containsExactly(refund.get("instructionId").asText());
        execute(refund.get("instructionId").asText());
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("custodyFen", 30_000L)
                .containsEntry("awaitingConfirmationFen", 30_000L);

        JsonNode again = windDown(school);
        assertThat(again.get("refundsInstructed").asInt())
                .as("winding down again finds nothing left")
                .isZero();
        assertThat(again.get("status").asText()).isEqualTo("WINDING_DOWN");
        Http.Response reactivate = http.post(
                "/v1/institutions/" + school.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "ACTIVE", "reason", "changed our mind"));
        books("try to reactivate " + school.id());
        assertRefused(reactivate, 422, "INSTITUTION_STATUS_FINAL");
    }

    @Test
    void
            given_a_refund_asked_for_before_a_dispute_gave_hours_back_when_the_institution_winds_down_then_those_go_back_too() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        String disputed = teach(school, order.orderId(), 3);
        dispute(disputed);
        JsonNode refund = requestRefund(order.orderId());
        assertThat(refund.get("amountFen").asLong()).isEqualTo(70_000);
        rule(disputed, "REVERSED");
        assertThat(order(order.orderId()).get("remainingHours").asInt()).isEqualTo(10);

        JsonNode woundDown = windDown(school);

        assertThat(woundDown.get("unconsumedFen").asLong()).isEqualTo(100_000);
        assertThat(woundDown.get("refundsInstructed").asInt()).isEqualTo(2);
        assertThat(woundDown.get("refundedFen").asLong()).isEqualTo(100_000);
        assertThat(refund(refund.get("refundId").asText()).get("status").asText())
                .isEqualTo("APPROVED");
        List<JsonNode> instructed = bankList(school, "PENDING");
        assertThat(instructed).extracting(i -> i.get("amountFen").asLong()).containsExactlyInAnyOrder(70_000L, 30_000L);
        instructed.forEach(i -> execute(i.get("instructionId").asText()));
        assertThat(money(school))
                .containsEntry("prepaidFen", 0L)
                .containsEntry("custodyFen", 0L)
                .containsEntry("refundedTotalFen", 100_000L);
        assertThat(order(order.orderId()).get("status").asText()).isEqualTo("REFUNDED");
    }

    @Test
    void
            given_a_statement_short_of_the_ledger_when_the_institution_winds_down_then_the_shortfall_is_judged_by_the_bank() {
        Institution school = schoolWithRiskReserve(100_000);
        soldAndPaid(school, id("stu"), course("piano", 10_000, 20));
        statement(school, 50_000);

        JsonNode woundDown = windDown(school);

        assertThat(woundDown.get("unconsumedFen").asLong()).isEqualTo(200_000);
        assertThat(woundDown.get("custodyFen").asLong())
                .as("the ledger's own custody covers it")
                .isEqualTo(200_000);
        assertThat(woundDown.get("bankClosingFen").asLong()).isEqualTo(50_000);
        assertThat(woundDown.get("bankBalanceAsOf").asText()).isEqualTo(today().toString());
        assertThat(woundDown.get("shortfallFen").asLong())
                .as("200 000 owed, 50 000 at the bank, 100 000 in reserve")
                .isEqualTo(50_000);
        assertThat(http.get("/v1/institutions/" + school.id() + "/wind-down", Tokens.regulator())
                        .body()
                        .get("shortfallFen")
                        .asLong())
                .as("the latest wind-down keeps the figures it was judged by")
                .isEqualTo(50_000);
    }

    @Test
    void given_a_statement_that_matches_the_ledger_when_the_institution_winds_down_then_there_is_no_shortfall() {
        Institution school = school();
        soldAndPaid(school, id("stu"), course("piano", 10_000, 20));
        statement(school, 200_000);

        JsonNode woundDown = windDown(school);

        assertThat(woundDown.get("bankClosingFen").asLong()).isEqualTo(200_000);
        assertThat(woundDown.get("bankBalanceAsOf").asText()).isEqualTo(today().toString());
        assertThat(woundDown.get("shortfallFen").asLong()).isZero();
    }

    /** Today's CSV statement of the school's custody account, as its bank sends it: no entries, this closing balance. */
    private void statement(Institution school, long closingFen) {
        String prefix = school.custodyAccountNo() + "," + today() + ",";
        Http.Response sent = http.postRaw(
                "/v1/bank/statements",
                Tokens.bank(),
                "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n" + prefix
                        + "OPBD,0,,BOOK,false\n" + prefix + "CLBD," + closingFen + ",,BOOK,false\n",
                "text/csv");
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    }
}
