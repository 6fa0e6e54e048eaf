package com.tuitionescrow.ledger.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.SimultaneousRequests;
import com.tuitionescrow.ledger.support.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Many simultaneous sales and collections for the same students: the caps hold and nothing is
 * applied twice, because each student's orders share one event stream and the loser of every race
 * is run again against the winner's state.
 */
class ConcurrentSalesAndCollectionsTest extends LedgerIntegrationTest {

    private static final int STUDENTS = 4;
    private static final int ORDERS_PER_STUDENT = 9;
    private static final long ORDER_FEN = 100_000; // five fit under the 5000-yuan cap, the sixth does not

    @Test
    void simultaneous_sales_to_one_student_never_pass_the_amount_cap() throws Exception {
        Institution school = newInstitution();
        List<String> students = new ArrayList<>();
        List<Callable<Http.Response>> sales = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            String student = id("stu");
            students.add(student);
            for (int o = 0; o < ORDERS_PER_STUDENT; o++) {
                String orderId = id("order");
                // A subject each, so that only the amount cap decides (the advance rule counts per subject).
                String subject = "subject" + o;
                sales.add(() -> placeOrder(orderId, school, student, course(subject, ORDER_FEN / 10, 10)));
            }
        }

        List<Http.Response> responses = SimultaneousRequests.all(sales);

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(201, 422));
        assertThat(responses)
                .filteredOn(r -> r.status() == 422)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("CAP_AMOUNT"));
        for (String student : students) {
            long outstanding = db.select(DSL.sum(DSL.field("amount_fen", Long.class)))
                    .from(DSL.table("course_order"))
                    .where(
                            DSL.field("student_id").eq(student),
                            DSL.field("status").eq("AWAITING_PAYMENT"))
                    .fetchOne(0, Long.class);
            assertThat(outstanding).as("outstanding for " + student).isEqualTo(5 * ORDER_FEN);
        }
    }

    @Test
    void the_same_collection_sent_at_once_many_times_is_applied_once_and_a_second_payment_goes_to_suspense()
            throws Exception {
        Institution school = newInstitution();
        List<String> orders = new ArrayList<>();
        for (int s = 0; s < STUDENTS; s++) {
            String student = id("stu");
            for (int o = 0; o < 3; o++) {
                String orderId = id("order");
                assertThat(placeOrder(orderId, school, student, course("piano", 10_000, 10))
                                .status())
                        .isEqualTo(201);
                orders.add(orderId);
            }
        }
        List<Callable<Http.Response>> payments = new ArrayList<>();
        for (String orderId : orders) {
            Map<String, Object> payment = collection(id("txn"), orderId, 100_000, school.custodyAccountNo());
            for (int repeat = 0; repeat < 3; repeat++) {
                payments.add(() -> http.post("/v1/bank/collections", Tokens.bank(), payment));
            }
            Map<String, Object> secondPayment = collection(id("txn"), orderId, 100_000, school.custodyAccountNo());
            payments.add(() -> http.post("/v1/bank/collections", Tokens.bank(), secondPayment));
        }

        List<Http.Response> responses = SimultaneousRequests.all(payments);

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        for (String orderId : orders) {
            assertThat(order(orderId).get("paidFen").asLong()).isEqualTo(100_000);
            assertThat(db.fetchCount(
                            DSL.table("bank_collection"),
                            DSL.field("order_id")
                                    .eq(orderId)
                                    .and(DSL.field("status").eq("APPLIED"))))
                    .as("applied to " + orderId)
                    .isEqualTo(1);
            assertThat(db.fetchCount(
                            DSL.table("bank_collection"),
                            DSL.field("order_id")
                                    .eq(orderId)
                                    .and(DSL.field("status").eq("SUSPENSE"))))
                    .as("suspense for " + orderId)
                    .isEqualTo(1);
        }
        awaitLedger();
        Http.Response settlement = http.get("/v1/institutions/" + school.id() + "/settlement", Tokens.regulator());
        long orderCount = orders.size();
        assertThat(settlement.body().get("prepaidFen").asLong()).isEqualTo(orderCount * 100_000);
        assertThat(settlement.body().get("suspenseFen").asLong()).isEqualTo(orderCount * 100_000);
        assertThat(settlement.body().get("custodyFen").asLong()).isEqualTo(2 * orderCount * 100_000);
        assertThat(settlement.body().get("covered").asBoolean()).isTrue();
    }
}
