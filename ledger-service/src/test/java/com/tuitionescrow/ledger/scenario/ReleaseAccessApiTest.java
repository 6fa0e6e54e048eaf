package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Who may call the endpoints of release, refunds, wind-down and bank instructions: a wrong role is
 * 403, another institution's refund is 404 (its existence is not revealed), and a refused call
 * changes nothing.
 */
class ReleaseAccessApiTest extends CheckedScenario {

    @Test
    void
            given_releasable_money_when_an_institution_or_the_bank_runs_the_release_then_it_is_forbidden_and_the_platform_may_but_never_as_of_the_future() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        confirm(teach(school, order.orderId(), 1));

        refusedWithoutTrace(
                403, "FORBIDDEN", () -> http.post("/v1/disbursements/run", Tokens.institution(school.id()), Map.of()));
        refusedWithoutTrace(403, "FORBIDDEN", () -> http.post("/v1/disbursements/run", Tokens.bank(), Map.of()));
        refusedWithoutTrace(
                400,
                "VALIDATION_FAILED",
                () -> http.post(
                        "/v1/disbursements/run",
                        Tokens.regulator(),
                        Map.of(
                                "asOf",
                                OffsetDateTime.now(clock)
                                        .plusHours(1)
                                        .withOffsetSameInstant(ZoneOffset.ofHours(8))
                                        .toString())));
        assertThat(money(school)).containsEntry("releasableFen", 10_000L);

        Http.Response byPlatform = http.post("/v1/disbursements/run", Tokens.platform(), Map.of());
        books("the platform runs the release");

        assertThat(byPlatform.status()).as(byPlatform.toString()).isEqualTo(200);
        execute(disbursementFor(byPlatform.body(), school).get("instructionId").asText());
        assertThat(money(school)).containsEntry("disbursedTotalFen", 10_000L);
    }

    @Test
    void
            given_an_active_institution_when_the_platform_or_the_institution_winds_it_down_then_it_is_forbidden_and_it_stays_active() {
        Institution school = school();
        soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        Map<String, Object> reason = Map.of("reason", "gone");

        refusedWithoutTrace(
                403,
                "FORBIDDEN",
                () -> http.post("/v1/institutions/" + school.id() + "/wind-down", Tokens.platform(), reason));
        refusedWithoutTrace(
                403,
                "FORBIDDEN",
                () -> http.post(
                        "/v1/institutions/" + school.id() + "/wind-down", Tokens.institution(school.id()), reason));
        refusedWithoutTrace(
                404,
                "NOT_FOUND",
                () -> http.post("/v1/institutions/" + newCreditCode() + "/wind-down", Tokens.regulator(), reason));

        assertThat(http.get("/v1/institutions/" + school.id(), Tokens.regulator())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");
        assertThat(money(school)).containsEntry("prepaidFen", 100_000L).containsEntry("refundingFen", 0L);
    }

    @Test
    void
            given_a_refund_when_anyone_but_the_platform_asks_its_own_institution_answers_or_a_regulator_rules_then_it_is_forbidden_or_not_found() {
        Institution school = school();
        Institution other = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        Map<String, Object> request = Map.of("refundId", id("refund"), "reason", "moving");

        refusedWithoutTrace(
                403,
                "FORBIDDEN",
                () -> http.post(
                        "/v1/orders/" + order.orderId() + "/refunds", Tokens.institution(school.id()), request));
        refusedWithoutTrace(
                403,
                "FORBIDDEN",
                () -> http.post("/v1/orders/" + order.orderId() + "/refunds", Tokens.bank(), request));
        refusedWithoutTrace(
                404,
                "NOT_FOUND",
                () -> http.post("/v1/orders/" + id("no-such-order") + "/refunds", Tokens.platform(), request));
        String refundId = requestRefund(order.orderId()).get("refundId").asText();
        Map<String, Object> approve = Map.of("decision", "APPROVE");

        refusedWithoutTrace(
                404,
                "NOT_FOUND",
                () -> http.post("/v1/refunds/" + refundId + "/decision", Tokens.institution(other.id()), approve));
        refusedWithoutTrace(
                403, "FORBIDDEN", () -> http.post("/v1/refunds/" + refundId + "/decision", Tokens.platform(), approve));
        refusedWithoutTrace(
                403,
                "FORBIDDEN",
                () -> http.post("/v1/refunds/" + refundId + "/decision", Tokens.regulator(), approve));
        refusedWithoutTrace(
                403,
                "FORBIDDEN",
                () -> http.post(
                        "/v1/refunds/" + refundId + "/resolution",
                        Tokens.institution(school.id()),
                        Map.of("outcome", "APPROVE")));
        refusedWithoutTrace(
                403,
                "FORBIDDEN",
                () -> http.post(
                        "/v1/refunds/" + refundId + "/resolution", Tokens.platform(), Map.of("outcome", "APPROVE")));
        refusedWithoutTrace(
                404,
                "NOT_FOUND",
                () -> http.post(
                        "/v1/refunds/" + id("no-such-refund") + "/decision", Tokens.institution(school.id()), approve));

        assertRefused(http.get("/v1/refunds/" + refundId, Tokens.institution(other.id())), 404, "NOT_FOUND");
        assertRefused(http.get("/v1/refunds/" + refundId, Tokens.bank()), 403, "FORBIDDEN");
        for (String reader : new String[] {Tokens.institution(school.id()), Tokens.platform(), Tokens.regulator()}) {
            Http.Response read = http.get("/v1/refunds/" + refundId, reader);
            assertThat(read.status()).as(read.toString()).isEqualTo(200);
            assertThat(read.body().get("status").asText()).isEqualTo("AWAITING_INSTITUTION");
        }
        JsonNode approved = approve(school, refundId);
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
    }

    @Test
    void
            given_a_pending_instruction_when_anyone_but_the_bank_lists_or_answers_it_then_it_is_forbidden_and_it_stays_pending() {
        Institution school = school();
        Paid order = soldAndPaid(school, id("stu"), course("piano", 10_000, 10));
        String instructionId = approve(
                        school, requestRefund(order.orderId()).get("refundId").asText())
                .get("instructionId")
                .asText();

        for (String notTheBank :
                new String[] {Tokens.platform(), Tokens.regulator(), Tokens.institution(school.id())}) {
            assertRefused(http.get("/v1/bank/instructions?status=PENDING", notTheBank), 403, "FORBIDDEN");
            refusedWithoutTrace(
                    403,
                    "FORBIDDEN",
                    () -> http.post("/v1/bank/instructions/" + instructionId + "/result", notTheBank, executed()));
        }

        assertThat(listed(school, instructionId).get("status").asText()).isEqualTo("PENDING");
        assertThat(money(school)).containsEntry("refundingFen", 100_000L).containsEntry("custodyFen", 100_000L);
    }

    /** The call is refused with this status and code, writes nothing, and leaves the books as they were. */
    private void refusedWithoutTrace(int status, String code, Supplier<Http.Response> call) {
        Map<String, Integer> before = footprint();
        Http.Response refused = call.get();
        books("refused: " + refused);
        assertRefused(refused, status, code);
        assertThat(footprint()).isEqualTo(before);
    }
}
