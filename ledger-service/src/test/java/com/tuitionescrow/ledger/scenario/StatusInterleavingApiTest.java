package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The institution's status is part of what a sale, a lesson or a payment is decided with: a status
 * change under way (here held open on purpose, as the status change's own transaction writes the
 * institution's row) makes them wait, and they are decided on the new status. Without it a sale that
 * read ACTIVE could commit after a wind-down had passed its student, and its payment never be refunded.
 */
class StatusInterleavingApiTest extends LedgerIntegrationTest {

    @Test
    void given_a_status_change_under_way_when_a_sale_comes_then_it_waits_and_is_refused_on_the_new_status()
            throws Exception {
        Institution school = newInstitution();
        Http.Response sale =
                whileSuspending(school, () -> placeOrder(id("order"), school, id("stu"), course("piano", 10_000, 10)));

        assertRefused(sale, 422, "INSTITUTION_NOT_ACTIVE");
    }

    @Test
    void given_a_status_change_under_way_when_money_for_an_unpaid_order_comes_then_it_waits_and_is_held_in_suspense()
            throws Exception {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 10_000, 10))
                        .status())
                .isEqualTo(201);

        Http.Response paid = whileSuspending(school, () -> collect(orderId, 100_000, school.custodyAccountNo()));

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.body().get("status").asText()).isEqualTo("SUSPENSE");
        assertThat(paid.body().get("reason").asText()).isEqualTo("INSTITUTION_NOT_ACTIVE");
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
    }

    /**
     * Runs {@code request} while a transaction writes the institution's row to SUSPENDED and stays
     * open for half a second: the request must still be waiting then. The row is set back afterwards,
     * for the institution's own record never changed.
     */
    private Http.Response whileSuspending(Institution school, Supplier<Http.Response> request) throws Exception {
        TestDatabase.Connection db = TestDatabase.get();
        try (Connection statusChange = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            statusChange.setAutoCommit(false);
            setStatus(statusChange, school, "SUSPENDED");
            CompletableFuture<Http.Response> answer = CompletableFuture.supplyAsync(request);
            TimeUnit.MILLISECONDS.sleep(500);
            assertThat(answer).as("the request waits for the status change").isNotDone();
            statusChange.commit();
            Http.Response response = answer.get(30, TimeUnit.SECONDS);
            statusChange.setAutoCommit(true);
            setStatus(statusChange, school, "ACTIVE");
            return response;
        }
    }

    private static void setStatus(Connection connection, Institution school, String status) throws Exception {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE institution SET status = ? WHERE institution_id = ?")) {
            update.setString(1, status);
            update.setString(2, school.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
