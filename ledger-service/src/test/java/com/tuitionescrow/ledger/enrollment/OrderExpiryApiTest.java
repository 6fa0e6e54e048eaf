package com.tuitionescrow.ledger.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The payment window (policy PT30M): an unpaid order reserves its share of the caps until its
 * {@code payBy}, and not a moment longer. In this package because the sweep is package-private.
 * The suite's clock only moves forward, so each test here moves it past its own orders' deadlines.
 */
class OrderExpiryApiTest extends LedgerIntegrationTest {

    private static final Duration PAST_THE_PAYMENT_WINDOW = Duration.ofMinutes(31);

    @Autowired
    private OrderExpirySweep sweep;

    @Test
    void given_an_unpaid_order_at_the_cap_when_its_payBy_passes_then_a_new_sale_fits_and_the_old_order_is_EXPIRED() {
        Institution school = newInstitution();
        String student = id("stu");
        String unpaid = id("order");
        assertThat(placeOrder(unpaid, school, student, course("piano", 25_000, 20))
                        .status())
                .isEqualTo(201);
        String nextOrder = id("order");
        Map<String, Object> violin = course("violin", 1, 1);
        Map<String, Integer> before = footprint();
        assertRefused(placeOrder(nextOrder, school, student, violin), 422, "CAP_AMOUNT");
        assertThat(footprint()).isEqualTo(before);

        clock.advance(PAST_THE_PAYMENT_WINDOW);

        // The sale does not wait for the sweep: it disregards the overdue order, and expires it. (The
        // refused id keeps its refusal: the sale is made anew, under a new id.)
        nextOrder = id("order");
        Http.Response sold = placeOrder(nextOrder, school, student, violin);
        assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
        assertThat(order(unpaid).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(order(nextOrder).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        Http.Response fullAgain = placeOrder(id("order"), school, student, course("drums", 25_000, 20));
        assertRefused(fullAgain, 422, "CAP_AMOUNT");
    }

    @Test
    void given_an_unpaid_order_when_the_sweep_runs_before_and_after_its_payBy_then_it_expires_only_after() {
        Institution school = newInstitution();
        String unpaid = id("order");
        assertThat(placeOrder(unpaid, school, id("stu"), course("piano", 10_000, 10))
                        .status())
                .isEqualTo(201);

        sweep.sweep();
        assertThat(order(unpaid).get("status").asText()).isEqualTo("AWAITING_PAYMENT");

        clock.advance(PAST_THE_PAYMENT_WINDOW);
        int swept = sweep.sweep();

        assertThat(swept).isPositive();
        assertThat(order(unpaid).get("status").asText()).isEqualTo("EXPIRED");
        // Sweeping again changes nothing.
        Map<String, Integer> before = footprint();
        sweep.sweep();
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_an_expired_order_then_it_is_neither_cancelled_nor_paid_nor_consumed() {
        Institution school = newInstitution();
        String unpaid = id("order");
        assertThat(placeOrder(unpaid, school, id("stu"), course("piano", 10_000, 10))
                        .status())
                .isEqualTo(201);
        clock.advance(PAST_THE_PAYMENT_WINDOW);
        sweep.sweep();
        assertThat(order(unpaid).get("status").asText()).isEqualTo("EXPIRED");

        Map<String, Integer> before = footprint();
        assertRefused(
                http.post("/v1/orders/" + unpaid + "/cancel", Tokens.platform(), Map.of()),
                422,
                "ORDER_NOT_CANCELLABLE");
        assertRefused(reportLesson(school, unpaid, lesson(id("lesson"), 1)), 422, "ORDER_NOT_PAID");
        assertThat(footprint()).isEqualTo(before);

        Http.Response late = collect(unpaid, 100_000, school.custodyAccountNo());
        assertThat(late.status()).as(late.toString()).isEqualTo(201);
        assertThat(late.body().get("status").asText()).isEqualTo("SUSPENSE");
        assertThat(order(unpaid).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(order(unpaid).get("paidFen").asLong()).isZero();
    }
}
