package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.bank.CollectionResponse;
import com.tuitionescrow.ledger.api.bank.CollectionStatus;
import com.tuitionescrow.ledger.api.client.Counted;
import com.tuitionescrow.ledger.api.client.LedgerClient;
import com.tuitionescrow.ledger.api.client.RetryPolicy;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.client.FlakyGateway.Answer;
import com.tuitionescrow.ledger.client.FlakyGateway.ForwardAndDrop;
import com.tuitionescrow.ledger.client.FlakyGateway.Received;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries against the real ledger, through a gateway that fails on cue: whatever the first attempt
 * met, the receipt is recorded exactly once and the bank gets the ledger's first answer.
 */
class LedgerClientRetryTest extends LedgerIntegrationTest {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50));

    private FlakyGateway gateway;

    @BeforeEach
    void openGateway() throws IOException {
        gateway = FlakyGateway.inFrontOf(port);
    }

    @AfterEach
    void closeGateway() {
        gateway.close();
    }

    private LedgerClient bankThroughGateway(Clock signingClock) {
        return LedgerClient.builder()
                .baseUri(gateway.uri())
                .bearerToken(Tokens::bank)
                .bankSecret(Tokens.BANK_HMAC_SECRET)
                .clock(signingClock)
                .retry(QUICK)
                .build();
    }

    @Test
    void a_receipt_whose_first_attempt_met_a_503_is_recorded_once() {
        Institution school = newInstitution();
        String orderId = unpaidOrder(school);
        gateway.then(new Answer(503, "text/html", "<html>Service Temporarily Unavailable</html>"));

        CollectionResponse response = bankThroughGateway(clock).reportCollection(receipt(orderId, school));

        assertThat(response.status()).isEqualTo(CollectionStatus.APPLIED);
        assertThat(gateway.received()).extracting(Received::forwarded).containsExactly(false, true);
        assertRecordedOnce(school, orderId);
    }

    @Test
    void a_call_answered_after_a_retry_says_it_took_two_attempts_and_one_answered_at_once_one() {
        Institution school = newInstitution();
        String orderId = unpaidOrder(school);
        String otherOrderId = unpaidOrder(school);
        LedgerClient bank = bankThroughGateway(clock);
        gateway.then(new Answer(503, "text/html", "<html>Service Temporarily Unavailable</html>"));

        Counted<CollectionResponse> retried = bank.counted(c -> c.reportCollection(receipt(orderId, school)));
        Counted<CollectionResponse> atOnce = bank.counted(c -> c.reportCollection(receipt(otherOrderId, school)));

        assertThat(retried.attempts()).isEqualTo(2);
        assertThat(retried.repeated()).isTrue();
        assertThat(retried.value().status()).isEqualTo(CollectionStatus.APPLIED);
        assertThat(atOnce.attempts()).isEqualTo(1);
        assertThat(atOnce.repeated()).isFalse();
    }

    @Test
    void a_receipt_whose_answer_was_lost_is_recorded_once_and_answered_with_the_first_result() throws Exception {
        Institution school = newInstitution();
        String orderId = unpaidOrder(school);
        gateway.then(new ForwardAndDrop());

        CollectionResponse response = bankThroughGateway(clock).reportCollection(receipt(orderId, school));

        List<Received> attempts = gateway.received();
        assertThat(attempts).hasSize(2).allMatch(Received::forwarded);
        assertThat(attempts).extracting(Received::ledgerStatus).containsExactly(201, 201);
        CollectionResponse lostAnswer =
                new ObjectMapper().readValue(attempts.get(0).ledgerBody(), CollectionResponse.class);
        assertThat(response).isEqualTo(lostAnswer);
        assertThat(response.status()).isEqualTo(CollectionStatus.APPLIED);
        assertThat(attempts.get(1).body()).isEqualTo(attempts.get(0).body());
        assertRecordedOnce(school, orderId);
    }

    @Test
    void a_receipt_two_senders_sign_in_the_same_second_is_answered_to_both_with_the_first_result() {
        // Two senders on one clock sign the same receipt with the same timestamp: the second call is
        // the first one byte for byte, signature included, and is answered as the first was.
        Institution school = newInstitution();
        String orderId = unpaidOrder(school);
        CollectionRequest receipt = receipt(orderId, school);
        Clock sameSecond = Clock.fixed(clock.instant(), clock.getZone());
        LedgerClient firstSender = LedgerClient.builder()
                .baseUri(URI.create("http://localhost:" + port))
                .bearerToken(Tokens::bank)
                .bankSecret(Tokens.BANK_HMAC_SECRET)
                .clock(sameSecond)
                .build();
        CollectionResponse first = firstSender.reportCollection(receipt);

        CollectionResponse second = bankThroughGateway(sameSecond).reportCollection(receipt);

        assertThat(gateway.received()).extracting(Received::ledgerStatus).containsExactly(201);
        assertThat(second).isEqualTo(first);
        assertRecordedOnce(school, orderId);
    }

    private String unpaidOrder(Institution school) {
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        return orderId;
    }

    private CollectionRequest receipt(String orderId, Institution school) {
        return new CollectionRequest(
                id("txn"), orderId, 300_000L, school.custodyAccountNo(), OffsetDateTime.now(clock));
    }

    /** Paid once, and the custody account holds the money once: no second receipt, not even in suspense. */
    private void assertRecordedOnce(Institution school, String orderId) {
        OrderResponse order = LedgerClient.builder()
                .baseUri(URI.create("http://localhost:" + port))
                .bearerToken(Tokens::platform)
                .build()
                .order(orderId);
        assertThat(order.paidFen()).isEqualTo(300_000);
        awaitLedger();
        Map<String, Long> settlement = settlement(school);
        assertThat(settlement).containsEntry("custodyFen", 300_000L).containsEntry("suspenseFen", 0L);
    }
}
