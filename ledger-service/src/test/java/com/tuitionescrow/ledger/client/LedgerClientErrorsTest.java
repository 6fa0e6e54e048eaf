package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.client.LedgerClient;
import com.tuitionescrow.ledger.api.client.LedgerProblemException;
import com.tuitionescrow.ledger.api.client.LedgerProblemException.FieldError;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.enrollment.Course;
import com.tuitionescrow.ledger.api.enrollment.CourseMode;
import com.tuitionescrow.ledger.api.enrollment.OrderStatus;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The ledger's refusals as the client's typed errors, each with its status and stable code. */
class LedgerClientErrorsTest extends LedgerIntegrationTest {

    private LedgerClient client(Supplier<String> token, String bankSecret) {
        return LedgerClient.builder()
                .baseUri(URI.create("http://localhost:" + port))
                .bearerToken(token)
                .bankSecret(bankSecret)
                .clock(clock)
                .build();
    }

    private LedgerClient platform() {
        return client(Tokens::platform, Tokens.BANK_HMAC_SECRET);
    }

    private PlaceOrderRequest sale(Institution school, String orderId, long pricePerHourFen, int hours) {
        return new PlaceOrderRequest(
                orderId,
                school.id(),
                id("stu"),
                "contract-" + orderId,
                new Course(
                        "course-piano",
                        "piano",
                        CourseMode.OFFLINE,
                        pricePerHourFen,
                        hours,
                        today().plusDays(1),
                        today().plusDays(60)));
    }

    @Test
    void a_sale_over_the_5000_yuan_cap_is_CAP_AMOUNT() {
        Institution school = newInstitution();

        LedgerProblemException refused = refusal(() -> platform().placeOrder(sale(school, id("order"), 500_001, 1)));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo(ProblemCode.CAP_AMOUNT);
        assertThat(refused.detail()).isNotBlank();
        assertThat(refused.isRetryable()).isFalse();
    }

    @Test
    void invalid_fields_are_VALIDATION_FAILED_with_each_field_named() {
        Institution school = newInstitution();

        LedgerProblemException refused = refusal(() -> platform().placeOrder(sale(school, "not an id!", 15_000, 0)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo(ProblemCode.VALIDATION_FAILED);
        assertThat(refused.fieldErrors()).extracting(FieldError::field).contains("orderId", "course.hours");
        assertThat(refused.fieldErrors())
                .allSatisfy(error -> assertThat(error.message()).isNotBlank());
    }

    @Test
    void an_order_id_used_again_with_other_content_is_IDEMPOTENCY_CONFLICT() {
        Institution school = newInstitution();
        String orderId = id("order");
        platform().placeOrder(sale(school, orderId, 15_000, 20));

        LedgerProblemException refused = refusal(() -> platform().placeOrder(sale(school, orderId, 15_000, 10)));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo(ProblemCode.IDEMPOTENCY_CONFLICT);
        assertThat(platform().order(orderId).hours())
                .as("the first sale stands")
                .isEqualTo(20);
    }

    @Test
    void an_unknown_order_is_NOT_FOUND() {
        String orderId = id("order-never-sold");

        LedgerProblemException refused = refusal(() -> platform().order(orderId));

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.code()).isEqualTo(ProblemCode.NOT_FOUND);
        assertThat(refused).hasMessageStartingWith("GET /v1/orders/" + orderId + ": 404 NOT_FOUND");
    }

    @Test
    void a_token_signed_with_another_key_is_UNAUTHENTICATED() {
        LedgerClient impostor = client(
                () -> Tokens.sign(
                        "not-the-ledger-secret-0123456789abcdef",
                        claims -> claims.subject("impostor")
                                .claim("roles", List.of("REGULATOR"))
                                .expirationTime(new Date(System.currentTimeMillis() + 60_000))),
                Tokens.BANK_HMAC_SECRET);

        LedgerProblemException refused = refusal(() -> impostor.order(id("order")));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo(ProblemCode.UNAUTHENTICATED);
    }

    @Test
    void a_role_that_may_not_sell_is_FORBIDDEN() {
        Institution school = newInstitution();
        LedgerClient bank = client(Tokens::bank, Tokens.BANK_HMAC_SECRET);

        LedgerProblemException refused = refusal(() -> bank.placeOrder(sale(school, id("order"), 15_000, 20)));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo(ProblemCode.FORBIDDEN);
    }

    @Test
    void a_receipt_signed_with_the_wrong_bank_secret_is_SIGNATURE_INVALID_and_records_nothing() {
        Institution school = newInstitution();
        String orderId = id("order");
        platform().placeOrder(sale(school, orderId, 15_000, 20));
        LedgerClient forger = client(Tokens::bank, "a-guess-at-the-bank-secret-0123456789abcdef");

        LedgerProblemException refused = refusal(() -> forger.reportCollection(new CollectionRequest(
                id("txn"), orderId, 300_000L, school.custodyAccountNo(), OffsetDateTime.now(clock))));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo(ProblemCode.SIGNATURE_INVALID);
        assertThat(platform().order(orderId).status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
    }

    /** The call's refusal, after checking that it was one. */
    private static LedgerProblemException refusal(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(LedgerProblemException.class);
        return (LedgerProblemException) thrown;
    }
}
