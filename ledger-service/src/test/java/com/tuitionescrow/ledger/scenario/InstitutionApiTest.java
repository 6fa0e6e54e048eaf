package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Institutions over HTTP: the regulator registers them by unified social credit code and sets
 * their standing; an institution reads only itself.
 */
class InstitutionApiTest extends LedgerIntegrationTest {

    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Test
    void
            given_a_valid_credit_code_when_the_regulator_registers_it_then_201_and_it_reads_back_for_regulator_and_itself() {
        String institutionId = newCreditCode();
        String account = newAccountNo();
        Map<String, Object> request = registration(institutionId, account, "BANK_CUSTODY", null);

        Http.Response registered = http.post("/v1/institutions", Tokens.regulator(), request);

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        JsonNode body = registered.body();
        assertThat(body.get("institutionId").asText()).isEqualTo(institutionId);
        assertThat(body.get("name").asText()).isEqualTo("Sunshine Arts " + institutionId);
        assertThat(body.get("category").asText()).isEqualTo("ARTS");
        assertThat(body.get("supervisionModel").asText()).isEqualTo("BANK_CUSTODY");
        assertThat(body.get("custodyAccountNo").asText()).isEqualTo(account);
        assertThat(body.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(OffsetDateTime.parse(body.get("registeredAt").asText())
                        .getOffset()
                        .getTotalSeconds())
                .as("times are given in Beijing time")
                .isEqualTo(8 * 3600);

        Http.Response byRegulator = http.get("/v1/institutions/" + institutionId, Tokens.regulator());
        Http.Response byItself = http.get("/v1/institutions/" + institutionId, Tokens.institution(institutionId));
        assertThat(byRegulator.status()).as(byRegulator.toString()).isEqualTo(200);
        assertThat(byRegulator.body()).isEqualTo(body);
        assertThat(byItself.status()).as(byItself.toString()).isEqualTo(200);
        assertThat(byItself.body()).isEqualTo(body);
    }

    @Test
    void
            given_a_registered_institution_when_the_same_registration_is_sent_again_then_the_first_answer_returns_and_other_content_is_409() {
        String institutionId = newCreditCode();
        String account = newAccountNo();
        Http.Response first = http.post(
                "/v1/institutions", Tokens.regulator(), registration(institutionId, account, "BANK_CUSTODY", null));
        assertThat(first.status()).isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response repeat = http.post(
                "/v1/institutions", Tokens.regulator(), registration(institutionId, account, "BANK_CUSTODY", null));
        Map<String, Object> renamed = registration(institutionId, account, "BANK_CUSTODY", null);
        renamed.put("name", "Another name");
        Http.Response otherContent = http.post("/v1/institutions", Tokens.regulator(), renamed);

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertRefused(otherContent, 409, "IDEMPOTENCY_CONFLICT");
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void
            given_a_credit_code_with_a_wrong_check_character_when_registered_then_400_VALIDATION_FAILED_and_nothing_is_written() {
        String valid = newCreditCode();
        String wrongCheck = valid.substring(0, 17) + otherCodeCharacter(valid.charAt(17));
        Map<String, Integer> before = footprint();

        Http.Response invalid = http.post(
                "/v1/institutions", Tokens.regulator(), registration(wrongCheck, newAccountNo(), "BANK_CUSTODY", null));

        assertRefused(invalid, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
        assertRefused(http.get("/v1/institutions/" + wrongCheck, Tokens.regulator()), 404, "NOT_FOUND");
    }

    @Test
    void given_the_risk_reserve_model_when_registered_without_a_reserve_then_400_and_with_one_201() {
        String institutionId = newCreditCode();
        String account = newAccountNo();
        Map<String, Integer> before = footprint();

        Http.Response invalid = http.post(
                "/v1/institutions", Tokens.regulator(), registration(institutionId, account, "RISK_RESERVE", null));

        assertRefused(invalid, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);

        Http.Response registered = http.post(
                "/v1/institutions",
                Tokens.regulator(),
                registration(institutionId, account, "RISK_RESERVE", 2_000_000L));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        assertThat(registered.body().get("supervisionModel").asText()).isEqualTo("RISK_RESERVE");
        assertThat(registered.body().get("riskReserveFen").asLong()).isEqualTo(2_000_000L);
    }

    @Test
    void
            given_a_custody_account_registered_to_one_institution_when_another_registers_it_then_409_CUSTODY_ACCOUNT_IN_USE() {
        Institution holder = newInstitution();
        String newcomer = newCreditCode();
        Map<String, Integer> before = footprint();

        Http.Response conflict = http.post(
                "/v1/institutions",
                Tokens.regulator(),
                registration(newcomer, holder.custodyAccountNo(), "BANK_CUSTODY", null));

        assertRefused(conflict, 409, "CUSTODY_ACCOUNT_IN_USE");
        assertThat(footprint()).isEqualTo(before);
        assertRefused(http.get("/v1/institutions/" + newcomer, Tokens.regulator()), 404, "NOT_FOUND");
        // The refusal stored nothing: with an account of its own, the same institution registers.
        Http.Response registered = http.post(
                "/v1/institutions", Tokens.regulator(), registration(newcomer, newAccountNo(), "BANK_CUSTODY", null));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    @Test
    void
            given_an_active_institution_when_the_regulator_suspends_it_and_reinstates_it_then_the_status_and_reason_follow() {
        Institution school = newInstitution();

        Http.Response suspended = http.post(
                "/v1/institutions/" + school.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "SUSPENDED", "reason", "complaints under investigation"));

        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);
        assertThat(suspended.body().get("status").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.body().get("statusReason").asText()).isEqualTo("complaints under investigation");
        JsonNode read = http.get("/v1/institutions/" + school.id(), Tokens.institution(school.id()))
                .body();
        assertThat(read.get("status").asText()).isEqualTo("SUSPENDED");

        Http.Response reinstated = http.post(
                "/v1/institutions/" + school.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "ACTIVE", "reason", "investigation closed"));

        assertThat(reinstated.status()).as(reinstated.toString()).isEqualTo(200);
        assertThat(reinstated.body().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(reinstated.body().get("statusReason").asText()).isEqualTo("investigation closed");
        assertThat(http.get("/v1/institutions/" + school.id(), Tokens.regulator())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void
            given_an_institution_when_the_status_endpoint_is_asked_for_WINDING_DOWN_or_CLOSED_then_400_and_nothing_changes() {
        Institution school = newInstitution();
        Map<String, Integer> before = footprint();

        Http.Response windingDown = http.post(
                "/v1/institutions/" + school.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "WINDING_DOWN", "reason", "closing"));
        Http.Response closed = http.post(
                "/v1/institutions/" + school.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "CLOSED", "reason", "closed"));

        assertRefused(windingDown, 400, "VALIDATION_FAILED");
        assertRefused(closed, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
        assertThat(http.get("/v1/institutions/" + school.id(), Tokens.regulator())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void given_a_status_change_without_a_reason_then_400_and_nothing_changes() {
        Institution school = newInstitution();
        Map<String, Integer> before = footprint();

        Http.Response invalid = http.post(
                "/v1/institutions/" + school.id() + "/status", Tokens.regulator(), Map.of("status", "SUSPENDED"));

        assertRefused(invalid, 400, "VALIDATION_FAILED");
        assertThat(footprint()).isEqualTo(before);
        assertThat(http.get("/v1/institutions/" + school.id(), Tokens.regulator())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void given_two_institutions_when_one_reads_the_other_then_403_and_it_may_not_set_any_status() {
        Institution school = newInstitution();
        Institution other = newInstitution();
        Map<String, Integer> before = footprint();

        assertRefused(http.get("/v1/institutions/" + school.id(), Tokens.institution(other.id())), 403, "FORBIDDEN");
        assertRefused(
                http.post(
                        "/v1/institutions/" + school.id() + "/status",
                        Tokens.institution(school.id()),
                        Map.of("status", "ACTIVE", "reason", "self-service")),
                403,
                "FORBIDDEN");
        assertRefused(
                http.post(
                        "/v1/institutions",
                        Tokens.platform(),
                        registration(newCreditCode(), newAccountNo(), "BANK_CUSTODY", null)),
                403,
                "FORBIDDEN");

        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_an_unregistered_institution_when_the_regulator_reads_it_or_sets_its_status_then_404() {
        String unknown = newCreditCode();
        Map<String, Integer> before = footprint();

        assertRefused(http.get("/v1/institutions/" + unknown, Tokens.regulator()), 404, "NOT_FOUND");
        assertRefused(
                http.post(
                        "/v1/institutions/" + unknown + "/status",
                        Tokens.regulator(),
                        Map.of("status", "SUSPENDED", "reason", "no such institution")),
                404,
                "NOT_FOUND");

        assertThat(footprint()).isEqualTo(before);
    }

    private static Map<String, Object> registration(
            String institutionId, String account, String model, Long reserveFen) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("institutionId", institutionId);
        request.put("name", "Sunshine Arts " + institutionId);
        request.put("category", "ARTS");
        request.put("supervisionModel", model);
        request.put("custodyAccountNo", account);
        if (reserveFen != null) {
            request.put("riskReserveFen", reserveFen);
        }
        return request;
    }

    /** A character of the credit code alphabet other than {@code c}, so only the check is wrong, not the shape. */
    private static char otherCodeCharacter(char c) {
        int index = CODE_ALPHABET.indexOf(c);
        return CODE_ALPHABET.charAt((index + 1) % CODE_ALPHABET.length());
    }
}
