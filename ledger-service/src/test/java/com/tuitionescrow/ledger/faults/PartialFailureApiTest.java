package com.tuitionescrow.ledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Requests that record in several steps and fail after some: the answer says what was recorded, and
 * the same request again finishes the rest (issue 10, defect 3). Failures are injected where they
 * happen in life: the journal falling behind, the database refusing a write half way.
 */
class PartialFailureApiTest extends CheckedScenario {

    @Test
    void given_the_journal_behind_when_an_institution_is_wound_down_then_503_and_nothing_changed_until_it_catches_up()
            throws Exception {
        Institution school = school();
        Paid paid = soldAndPaid(school, id("stu"), course("piano", 15_000, 20));
        Http.Response refused;
        try (AutoCloseable paused = journalPaused()) {
            collect(id("no-such-order"), 1_000, school.custodyAccountNo());

            refused = http.post(
                    "/v1/institutions/" + school.id() + "/wind-down",
                    Tokens.regulator(),
                    Map.of("reason", "the institution stopped teaching"));
        }

        assertRefused(refused, 503, "JOURNAL_BEHIND");
        assertThat(refused.body().get("detail").asText()).contains("nothing was recorded");
        assertThat(http.get("/v1/institutions/" + school.id(), Tokens.regulator())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");
        JsonNode order = order(paid.orderId());
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.get("refundedFen").asLong()).isZero();
        assertThat(bankList(school, "PENDING")).isEmpty();

        JsonNode woundDown = windDown(school);

        assertThat(woundDown.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(woundDown.get("refundsInstructed").asInt()).isEqualTo(1);
        assertThat(woundDown.get("refundedFen").asLong()).isEqualTo(300_000);
    }

    @Test
    void
            given_the_database_failing_at_the_61st_item_of_a_batch_when_the_bank_sends_it_then_the_60_recorded_are_answered_recorded_and_the_rest_not() {
        Institution school = school();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            items.add(collection(
                    (i == 60 ? "POISON-" : "TXN-") + id("b"),
                    id("no-such-order"),
                    1_000 + i,
                    school.custodyAccountNo()));
        }
        Http.Response answer;
        try (Poison poison = new Poison("bank_collection", "new.bank_txn_id like 'POISON-%'", "08006")) {
            answer = http.post("/v1/bank/collections/batch", Tokens.bank(), Map.of("items", items));
        }

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode results = answer.body().get("results");
        assertThat(results).hasSize(120);
        for (int i = 0; i < 120; i++) {
            JsonNode result = results.get(i);
            assertThat(result.get("bankTxnId").asText()).isEqualTo(items.get(i).get("bankTxnId"));
            if (i < 60) {
                assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("SUSPENSE");
            } else {
                assertThat(result.get("status").asText()).as(result.toString()).isEqualTo("REJECTED");
                assertThat(result.get("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
            }
        }
        assertThat(recorded(items))
                .as("what the answer says was recorded, and nothing else")
                .isEqualTo(60);
        books("a batch stopped half way");

        // The bank sends the whole batch again: the recorded answer as before, the rest are recorded now.
        Http.Response again = http.post("/v1/bank/collections/batch", Tokens.bank(), Map.of("items", items));

        assertThat(again.status()).isEqualTo(200);
        again.body()
                .get("results")
                .forEach(result -> assertThat(result.get("status").asText()).isEqualTo("SUSPENSE"));
        assertThat(recorded(items)).isEqualTo(120);
        books("the batch sent again");
    }

    @Test
    void
            given_a_release_run_that_fails_half_way_when_it_answers_then_it_reports_what_it_issued_and_the_next_run_finishes() {
        List<Institution> schools = new ArrayList<>(List.of(school(), school()));
        schools.sort((a, b) -> a.id().compareTo(b.id()));
        Institution first = schools.get(0);
        Institution second = schools.get(1);
        for (Institution school : schools) {
            confirm(teach(
                    school,
                    soldAndPaid(school, id("stu"), course("piano", 15_000, 20)).orderId(),
                    2));
        }

        JsonNode failed;
        try (Poison poison = new Poison("bank_instruction", "new.institution_id = '" + second.id() + "'", "P0001")) {
            Http.Response run = http.post("/v1/disbursements/run", Tokens.regulator(), Map.of());
            assertThat(run.status()).as(run.toString()).isEqualTo(200);
            failed = run.body();
        }
        books("a run stopped half way");

        assertThat(failed.get("state").asText()).isEqualTo("FAILED");
        assertThat(failed.get("failure").asText()).isNotBlank();
        JsonNode issued = disbursementFor(failed, first);
        assertThat(listed(first, issued.get("instructionId").asText())
                        .get("status")
                        .asText())
                .isEqualTo("PENDING");
        assertThat(instructionsFor(failed, second)).isEmpty();
        assertThat(http.get("/v1/disbursements/runs/" + failed.get("runId").asText(), Tokens.platform())
                        .body())
                .as("the run, asked again, tells the same")
                .isEqualTo(failed);

        JsonNode next = run();

        assertThat(next.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(disbursementFor(next, second).get("amountFen").asLong()).isEqualTo(30_000);
        assertThat(instructionsFor(next, first))
                .as("nothing of the first released twice")
                .isEmpty();
    }

    private int recorded(List<Map<String, Object>> items) {
        return db.fetchCount(
                DSL.table(DSL.name("bank_collection")),
                DSL.field(DSL.name("bank_txn_id"))
                        .in(items.stream().map(item -> item.get("bankTxnId")).toList()));
    }

    /**
     * A trigger that makes the database refuse some writes to a table with the given SQLSTATE, as a
     * failing disk or a dropped connection would; removed when closed.
     */
    private final class Poison implements AutoCloseable {
        private final String table;

        Poison(String table, String condition, String sqlState) {
            this.table = table;
            db.execute("create or replace function poison_" + table + "() returns trigger language plpgsql as $$ "
                    + "begin if " + condition + " then raise exception 'injected fault' using errcode = '" + sqlState
                    + "'; end if; return new; end $$");
            db.execute("create trigger poison before insert on " + table + " for each row execute function poison_"
                    + table + "()");
        }

        @Override
        public void close() {
            db.execute("drop trigger poison on " + table);
            db.execute("drop function poison_" + table + "()");
        }
    }
}
