package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.SimultaneousRequests;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * 收费 (docs/api.md, "Collections"): money the custody bank reports is applied to its order when it can
 * be, and otherwise recorded in the suspense account of the custody account it arrived in, with a
 * reason. Money the bank reported is never dropped, and the books balance either way: custody cash
 * equals the liabilities beside it.
 */
class CollectionApiTest extends LedgerIntegrationTest {

    @Test
    void
            given_an_order_awaiting_payment_when_the_bank_reports_its_amount_into_the_custody_account_then_the_order_is_paid_and_custody_holds_it() {
        Institution school = newInstitution();
        String orderId = placed(school, 300_000);
        String bankTxnId = id("txn");

        Http.Response paid = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, 300_000, school.custodyAccountNo()));

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.body().get("bankTxnId").asText()).isEqualTo(bankTxnId);
        assertThat(paid.body().get("status").asText()).isEqualTo("APPLIED");
        assertThat(paid.body().has("reason")).as(paid.toString()).isFalse();
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.get("paidFen").asLong()).isEqualTo(300_000);
        assertThat(receipt(bankTxnId).get("status", String.class)).isEqualTo("APPLIED");
        assertThat(receipt(bankTxnId).get("institution_id", String.class)).isEqualTo(school.id());
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("prepaidFen", 300_000L)
                .containsEntry("suspenseFen", 0L)
                .containsEntry("liabilitiesFen", 300_000L);
    }

    @Test
    void
            given_no_such_order_when_the_bank_reports_money_into_a_known_custody_account_then_it_is_held_in_that_institutions_suspense() {
        Institution school = newInstitution();
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, id("no-such-order"), 12_345, school.custodyAccountNo()));

        assertSuspense(held, bankTxnId, "ORDER_UNKNOWN");
        assertThat(receipt(bankTxnId).get("institution_id", String.class)).isEqualTo(school.id());
        assertThat(receipt(bankTxnId).get("suspense_reason", String.class)).isEqualTo("ORDER_UNKNOWN");
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 12_345L)
                .containsEntry("suspenseFen", 12_345L)
                .containsEntry("prepaidFen", 0L)
                .containsEntry("liabilitiesFen", 12_345L);
        assertThat(settlementBody(school).get("covered").asBoolean()).isTrue();
    }

    @Test
    void
            given_an_order_awaiting_payment_when_the_bank_reports_another_amount_then_it_is_held_in_suspense_and_the_order_can_still_be_paid() {
        Institution school = newInstitution();
        String orderId = placed(school, 300_000);
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, 299_999, school.custodyAccountNo()));

        assertSuspense(held, bankTxnId, "AMOUNT_MISMATCH");
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.get("paidFen").asLong()).isZero();
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 299_999L)
                .containsEntry("suspenseFen", 299_999L)
                .containsEntry("prepaidFen", 0L)
                .containsEntry("liabilitiesFen", 299_999L);

        Http.Response exact = collect(orderId, 300_000, school.custodyAccountNo());
        assertThat(exact.body().get("status").asText()).as(exact.toString()).isEqualTo("APPLIED");
        assertThat(order(orderId).get("paidFen").asLong()).isEqualTo(300_000);
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 599_999L)
                .containsEntry("suspenseFen", 299_999L)
                .containsEntry("prepaidFen", 300_000L)
                .containsEntry("liabilitiesFen", 599_999L);
    }

    @Test
    void
            given_a_paid_order_when_the_bank_reports_a_second_payment_then_it_is_held_in_suspense_and_the_order_is_paid_once() {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, 300_000, school.custodyAccountNo()));

        assertSuspense(held, bankTxnId, "ORDER_ALREADY_PAID");
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("PAID");
        assertThat(order.get("paidFen").asLong()).isEqualTo(300_000);
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 600_000L)
                .containsEntry("prepaidFen", 300_000L)
                .containsEntry("suspenseFen", 300_000L)
                .containsEntry("liabilitiesFen", 600_000L);
    }

    @Test
    void
            given_a_cancelled_order_when_the_bank_reports_its_payment_then_it_is_held_in_suspense_and_the_order_stays_cancelled() {
        Institution school = newInstitution();
        String orderId = placed(school, 300_000);
        Http.Response cancelled = http.post("/v1/orders/" + orderId + "/cancel", Tokens.platform(), Map.of());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, 300_000, school.custodyAccountNo()));

        assertSuspense(held, bankTxnId, "ORDER_CANCELLED");
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(order.get("paidFen").asLong()).isZero();
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("prepaidFen", 0L)
                .containsEntry("suspenseFen", 300_000L)
                .containsEntry("liabilitiesFen", 300_000L);
    }

    @Test
    void
            given_an_order_past_its_payment_window_when_the_bank_reports_its_payment_then_it_is_held_in_suspense_and_the_order_expires() {
        Institution school = newInstitution();
        String orderId = placed(school, 300_000);
        clock.advance(Duration.ofMinutes(31));
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, 300_000, school.custodyAccountNo()));

        assertSuspense(held, bankTxnId, "ORDER_EXPIRED");
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(order.get("paidFen").asLong()).isZero();
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("prepaidFen", 0L)
                .containsEntry("suspenseFen", 300_000L)
                .containsEntry("liabilitiesFen", 300_000L);
    }

    @Test
    void
            given_an_order_at_one_institution_when_the_bank_reports_its_payment_into_another_institutions_account_then_that_institution_holds_it_in_suspense() {
        Institution seller = newInstitution();
        Institution other = newInstitution();
        String orderId = placed(seller, 300_000);
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, 300_000, other.custodyAccountNo()));

        assertSuspense(held, bankTxnId, "ACCOUNT_MISMATCH");
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(receipt(bankTxnId).get("institution_id", String.class)).isEqualTo(other.id());
        awaitLedger();
        assertThat(settlement(other))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("suspenseFen", 300_000L)
                .containsEntry("prepaidFen", 0L)
                .containsEntry("liabilitiesFen", 300_000L);
        assertThat(settlement(seller))
                .containsEntry("custodyFen", 0L)
                .containsEntry("suspenseFen", 0L)
                .containsEntry("prepaidFen", 0L);
    }

    @Test
    void
            given_no_such_order_when_the_bank_reports_money_into_an_unregistered_account_then_it_is_recorded_as_unidentified_and_the_books_balance() {
        String unregisteredAccount = newAccountNo();
        awaitLedger();
        Map<String, Long> before = trialBalance();
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, id("no-such-order"), 7_777, unregisteredAccount));

        assertSuspense(held, bankTxnId, "ACCOUNT_UNKNOWN");
        assertUnidentifiedReceipt(bankTxnId, unregisteredAccount, 7_777, before);
    }

    @Test
    void
            given_a_known_order_when_the_bank_reports_its_payment_into_an_unregistered_account_then_it_is_recorded_as_unidentified_and_the_order_stays_unpaid() {
        Institution school = newInstitution();
        String orderId = placed(school, 300_000);
        String unregisteredAccount = newAccountNo();
        awaitLedger();
        Map<String, Long> before = trialBalance();
        String bankTxnId = id("txn");

        Http.Response held = http.post(
                "/v1/bank/collections", Tokens.bank(), collection(bankTxnId, orderId, 300_000, unregisteredAccount));

        assertSuspense(held, bankTxnId, "ACCOUNT_UNKNOWN");
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertUnidentifiedReceipt(bankTxnId, unregisteredAccount, 300_000, before);
        assertThat(settlement(school)).containsEntry("custodyFen", 0L).containsEntry("suspenseFen", 0L);
    }

    @Test
    void given_an_order_awaiting_payment_when_the_bank_reports_the_same_receipt_three_times_then_it_is_applied_once() {
        Institution school = newInstitution();
        String orderId = placed(school, 300_000);
        Map<String, Object> receipt = collection(id("txn"), orderId, 300_000, school.custodyAccountNo());

        Http.Response first = http.post("/v1/bank/collections", Tokens.bank(), receipt);
        Http.Response second = http.post("/v1/bank/collections", Tokens.bank(), receipt);
        Http.Response third = http.post("/v1/bank/collections", Tokens.bank(), receipt);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.body().get("status").asText()).isEqualTo("APPLIED");
        assertThat(second.status()).isEqualTo(201);
        assertThat(third.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(third.body()).isEqualTo(first.body());
        assertThat(db.fetchCount(
                        DSL.table(DSL.name("bank_collection")),
                        DSL.field(DSL.name("bank_txn_id")).eq(receipt.get("bankTxnId"))))
                .isEqualTo(1);
        assertThat(db.fetchCount(
                        DSL.table(DSL.name("bank_collection")),
                        DSL.field(DSL.name("order_id")).eq(orderId)))
                .isEqualTo(1);
        assertThat(order(orderId).get("paidFen").asLong()).isEqualTo(300_000);
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 300_000L)
                .containsEntry("prepaidFen", 300_000L)
                .containsEntry("suspenseFen", 0L);
    }

    @Test
    void
            given_orders_awaiting_payment_when_the_bank_reports_each_receipt_several_times_at_once_then_each_is_applied_once()
                    throws Exception {
        Institution school = newInstitution();
        int rounds = 5;
        for (int round = 1; round <= rounds; round++) {
            String orderId = placed(school, 300_000);
            Map<String, Object> receipt = collection(id("txn"), orderId, 300_000, school.custodyAccountNo());

            List<Http.Response> responses =
                    SimultaneousRequests.send(8, () -> http.post("/v1/bank/collections", Tokens.bank(), receipt));

            assertThat(responses).allSatisfy(r -> {
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                assertThat(r.body().get("status").asText()).isEqualTo("APPLIED");
            });
            assertThat(responses)
                    .extracting(Http.Response::body)
                    .containsOnly(responses.get(0).body());
            assertThat(db.fetchCount(
                            DSL.table(DSL.name("bank_collection")),
                            DSL.field(DSL.name("order_id")).eq(orderId)))
                    .isEqualTo(1);
            assertThat(order(orderId).get("paidFen").asLong()).isEqualTo(300_000);
        }
        awaitLedger();
        assertThat(settlement(school))
                .containsEntry("custodyFen", 300_000L * rounds)
                .containsEntry("prepaidFen", 300_000L * rounds)
                .containsEntry("suspenseFen", 0L);
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** An order for a fresh student, placed and awaiting payment; its amount is checked. */
    private String placed(Institution institution, long amountFen) {
        String orderId = id("order");
        Http.Response placed = placeOrder(orderId, institution, id("stu"), course("piano", amountFen / 20, 20));
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        assertThat(placed.body().get("amountFen").asLong()).isEqualTo(amountFen);
        return orderId;
    }

    private static void assertSuspense(Http.Response response, String bankTxnId, String reason) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.body().get("bankTxnId").asText()).isEqualTo(bankTxnId);
        assertThat(response.body().get("status").asText()).isEqualTo("SUSPENSE");
        assertThat(response.body().path("reason").asText()).isEqualTo(reason);
    }

    private void assertUnidentifiedReceipt(String bankTxnId, String account, long amountFen, Map<String, Long> before) {
        Record row = receipt(bankTxnId);
        assertThat(row.get("institution_id", String.class)).isNull();
        assertThat(row.get("custody_account_no", String.class)).isEqualTo(account);
        assertThat(row.get("amount_fen", Long.class)).isEqualTo(amountFen);
        assertThat(row.get("status", String.class)).isEqualTo("SUSPENSE");
        assertThat(row.get("suspense_reason", String.class)).isEqualTo("ACCOUNT_UNKNOWN");
        awaitLedger();
        Http.Response trial = http.get("/v1/audit/trial-balance", Tokens.regulator());
        assertThat(trial.status()).as(trial.toString()).isEqualTo(200);
        assertThat(trial.body().get("balanced").asBoolean()).isTrue();
        assertThat(trial.body().get("totalDebitFen").asLong())
                .isEqualTo(trial.body().get("totalCreditFen").asLong());
        Map<String, Long> after = balances(trial.body());
        assertThat(after).containsKeys("CUSTODY_CASH:UNIDENTIFIED", "SUSPENSE:UNIDENTIFIED");
        assertThat(after.get("CUSTODY_CASH:UNIDENTIFIED") - before.getOrDefault("CUSTODY_CASH:UNIDENTIFIED", 0L))
                .isEqualTo(amountFen);
        assertThat(after.get("SUSPENSE:UNIDENTIFIED") - before.getOrDefault("SUSPENSE:UNIDENTIFIED", 0L))
                .isEqualTo(amountFen);
    }

    private Map<String, Long> trialBalance() {
        Http.Response trial = http.get("/v1/audit/trial-balance", Tokens.regulator());
        assertThat(trial.status()).as(trial.toString()).isEqualTo(200);
        return balances(trial.body());
    }

    private static Map<String, Long> balances(JsonNode trialBalance) {
        Map<String, Long> balances = new TreeMap<>();
        trialBalance
                .get("accounts")
                .forEach(line -> balances.put(
                        line.get("accountCode").asText(), line.get("balanceFen").asLong()));
        return balances;
    }

    private Record receipt(String bankTxnId) {
        Record row = db.select()
                .from(DSL.table(DSL.name("bank_collection")))
                .where(DSL.field(DSL.name("bank_txn_id")).eq(bankTxnId))
                .fetchOne();
        assertThat(row).as("a bank_collection row for " + bankTxnId).isNotNull();
        return row;
    }

    private JsonNode settlementBody(Institution institution) {
        Http.Response settlement =
                http.get("/v1/institutions/" + institution.id() + "/settlement", Tokens.institution(institution.id()));
        assertThat(settlement.status()).as(settlement.toString()).isEqualTo(200);
        return settlement.body();
    }
}
