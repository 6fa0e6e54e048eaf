package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reports are kept and listed (docs/api.md, "Statements and reconciliation"): a regulator reads every
 * institution's, an institution only its own, a page at a time.
 */
class ReconciliationListApiTest extends StatementScenario {

    @Test
    void
            given_statements_of_two_institutions_then_a_regulator_pages_through_one_institutions_reports_in_arrival_order() {
        Institution school = newInstitution();
        Institution other = newInstitution();
        List<String> sent = new ArrayList<>();
        for (long closing = 1; closing <= 3; closing++) {
            sent.add(statementId(sendStatement(csv(school, 0, closing), CSV)));
        }
        statementId(sendStatement(csv(other, 0, 0), CSV));

        Http.Response first =
                http.get("/v1/reconciliations?institutionId=" + school.id() + "&limit=2", Tokens.regulator());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(ids(first.body())).containsExactly(sent.get(0), sent.get(1));
        assertThat(first.body().get("next").asText()).isEqualTo(sent.get(1));

        Http.Response second = http.get(
                "/v1/reconciliations?institutionId=" + school.id() + "&limit=2&afterId="
                        + first.body().get("next").asText(),
                Tokens.regulator());
        assertThat(ids(second.body())).containsExactly(sent.get(2));
        assertThat(second.body().hasNonNull("next"))
                .as("the last page has no next")
                .isFalse();

        JsonNode summary = second.body().get("items").get(0);
        assertThat(summary.get("institutionId").asText()).isEqualTo(school.id());
        assertThat(summary.get("custodyAccountNo").asText()).isEqualTo(school.custodyAccountNo());
        assertThat(summary.get("fromDate").asText()).isEqualTo(day.toString());
        assertThat(summary.get("bankClosingFen").asLong()).isEqualTo(3);
        assertThat(summary.get("ledgerClosingFen").asLong()).isZero();
        assertThat(summary.get("statementConsistent").asBoolean()).isFalse();
        assertThat(summary.get("missingInLedger").asInt()).isZero();
        assertThat(summary.get("reconciled").asBoolean()).isFalse();

        Http.Response everyone = http.get("/v1/reconciliations?limit=100", Tokens.regulator());
        assertThat(everyone.status()).as(everyone.toString()).isEqualTo(200);
        assertThat(everyone.body().get("items")).isNotEmpty();
    }

    @Test
    void given_reports_of_two_institutions_then_an_institution_reads_only_its_own() {
        Institution school = newInstitution();
        Institution other = newInstitution();
        String own = statementId(sendStatement(csv(school, 0, 0), CSV));
        String others = statementId(sendStatement(csv(other, 0, 0), CSV));

        Http.Response mine = http.get("/v1/reconciliations", Tokens.institution(school.id()));
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(ids(mine.body())).containsExactly(own);

        Http.Response named =
                http.get("/v1/reconciliations?institutionId=" + school.id(), Tokens.institution(school.id()));
        assertThat(ids(named.body())).containsExactly(own);

        assertRefused(
                http.get("/v1/reconciliations?institutionId=" + other.id(), Tokens.institution(school.id())),
                403,
                "FORBIDDEN");
        assertThat(http.get("/v1/reconciliations/" + own, Tokens.institution(school.id()))
                        .status())
                .isEqualTo(200);
        assertRefused(http.get("/v1/reconciliations/" + others, Tokens.institution(school.id())), 404, "NOT_FOUND");
        assertThat(http.get("/v1/reconciliations/" + others, Tokens.regulator()).status())
                .isEqualTo(200);
    }

    @Test
    void given_the_wrong_role_or_a_bad_cursor_then_the_list_is_refused() {
        assertRefused(http.get("/v1/reconciliations", Tokens.bank()), 403, "FORBIDDEN");
        assertRefused(http.get("/v1/reconciliations", Tokens.platform()), 403, "FORBIDDEN");
        assertRefused(http.get("/v1/reconciliations", null), 401, "UNAUTHENTICATED");
        assertRefused(http.get("/v1/reconciliations?limit=101", Tokens.regulator()), 400, "VALIDATION_FAILED");
        assertRefused(
                http.get("/v1/reconciliations?afterId=stmt-00000000-0000-0000-0000-000000000000", Tokens.regulator()),
                400,
                "VALIDATION_FAILED");
        assertRefused(
                http.get("/v1/reconciliations?institutionId=not-a-code", Tokens.regulator()), 400, "VALIDATION_FAILED");
        assertRefused(
                http.get("/v1/reconciliations/stmt-00000000-0000-0000-0000-000000000000", Tokens.regulator()),
                404,
                "NOT_FOUND");
    }

    private static String statementId(Http.Response report) {
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        return report.body().get("statementId").asText();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("statementId").asText()));
        return ids;
    }
}
