package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A student's statement: the totals are the student's, and the orders come a page at a time, oldest first. */
class StudentStatementApiTest extends LedgerIntegrationTest {

    @Test
    void given_a_student_with_three_orders_when_the_statement_is_read_two_at_a_time_then_two_pages_hold_all_three() {
        Institution school = newInstitution();
        String student = id("stu");
        List<String> placed = new ArrayList<>();
        for (String subject : List.of("piano", "violin", "cello")) {
            placed.add(paidOrder(school, student, course(subject, 10_000, 5)));
        }
        awaitLedger();
        String statement = "/v1/students/" + student + "/statement?institutionId=" + school.id() + "&limit=2";

        Http.Response first = http.get(statement, Tokens.platform());
        Http.Response second =
                http.get(statement + "&afterOrderId=" + first.body().get("next").asText(), Tokens.platform());

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(orderIds(first.body())).isEqualTo(placed.subList(0, 2));
        assertThat(first.body().get("prepaidFen").asLong())
                .as("the student's whole prepaid balance")
                .isEqualTo(150_000);
        assertThat(orderIds(second.body())).isEqualTo(placed.subList(2, 3));
        assertThat(second.body().path("next").isMissingNode()
                        || second.body().get("next").isNull())
                .isTrue();
        assertRefused(
                http.get(statement.replace("limit=2", "limit=1001"), Tokens.platform()), 400, "VALIDATION_FAILED");
    }

    private static List<String> orderIds(JsonNode statement) {
        List<String> ids = new ArrayList<>();
        statement.get("orders").forEach(order -> ids.add(order.get("orderId").asText()));
        return ids;
    }
}
