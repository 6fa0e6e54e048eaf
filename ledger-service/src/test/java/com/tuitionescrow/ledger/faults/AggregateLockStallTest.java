package com.tuitionescrow.ledger.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.enrollment.CollectionDecision;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ApplyCollection;
import com.tuitionescrow.ledger.enrollment.OrderQueries;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A transaction that sends several commands to one student account (a batch chunk with two payments
 * of the same student) while another request for that student arrives in between. The other request
 * waits in PostgreSQL for the transaction's uncommitted events; the transaction must not in turn wait
 * for the other request, or both stand still until a lock times out (issue 10, defect 1: a minute).
 */
class AggregateLockStallTest extends LedgerIntegrationTest {

    private static final long PRICE = 10_000;
    private static final int HOURS = 10;

    @Autowired
    private CommandTransactions commands;

    @Autowired
    private OrderQueries orders;

    @Test
    void
            given_a_transaction_that_paid_one_order_of_a_student_when_another_request_pays_another_and_the_transaction_pays_a_third_then_neither_stalls()
                    throws Exception {
        Institution school = newInstitution();
        String student = id("stu");
        List<String> orderIds = List.of(id("order"), id("order"), id("order"));
        orderIds.forEach(orderId -> assertThat(placeOrder(orderId, school, student, course("piano", PRICE, HOURS))
                        .status())
                .isEqualTo(201));
        CountDownLatch firstPaid = new CountDownLatch(1);
        CountDownLatch otherWaiting = new CountDownLatch(1);

        CompletableFuture<Long> chunk = CompletableFuture.supplyAsync(() -> commands.inTransaction(() -> {
            long started = System.nanoTime();
            pay(school, orderIds.get(0));
            firstPaid.countDown();
            await(otherWaiting);
            pay(school, orderIds.get(2));
            return System.nanoTime() - started;
        }));
        assertThat(firstPaid.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Http.Response> other = CompletableFuture.supplyAsync(() -> http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(id("txn"), orderIds.get(1), PRICE * HOURS, school.custodyAccountNo())));
        Awaitility.await("the other request waits in PostgreSQL for the chunk's uncommitted events")
                .atMost(Duration.ofSeconds(10))
                .until(this::someoneWaitsOnALock);
        otherWaiting.countDown();

        long chunkNanos = chunk.get(15, TimeUnit.SECONDS);
        Http.Response otherAnswer = other.get(15, TimeUnit.SECONDS);

        assertThat(Duration.ofNanos(chunkNanos)).as("the chunk went on at once").isLessThan(Duration.ofSeconds(5));
        assertThat(otherAnswer.status()).as(otherAnswer.toString()).isEqualTo(201);
        assertThat(otherAnswer.body().get("status").asText()).isEqualTo("APPLIED");
        orderIds.forEach(orderId ->
                assertThat(order(orderId).get("status").asText()).as(orderId).isEqualTo("PAID"));
    }

    private void pay(Institution school, String orderId) {
        OrderQueries.OrderLocation order = orders.locate(orderId).orElseThrow();
        CollectionDecision decision = commands.send(
                new ApplyCollection(
                        order.accountId(),
                        orderId,
                        id("txn"),
                        PRICE * HOURS,
                        school.custodyAccountNo(),
                        school.custodyAccountNo(),
                        InstitutionStatus.ACTIVE,
                        clock.instant(),
                        clock.instant()),
                Caller.system("test-chunk"));
        assertThat(decision.applied()).isTrue();
    }

    private boolean someoneWaitsOnALock() {
        return db.fetchExists(db.selectOne()
                .from("pg_stat_activity")
                .where("datname = current_database() and wait_event_type = 'Lock'"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
