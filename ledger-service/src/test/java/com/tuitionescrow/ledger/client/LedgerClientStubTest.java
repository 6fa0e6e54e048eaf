package com.tuitionescrow.ledger.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.bank.CollectionResponse;
import com.tuitionescrow.ledger.api.bank.CollectionStatus;
import com.tuitionescrow.ledger.api.client.BankSignature;
import com.tuitionescrow.ledger.api.client.LedgerClient;
import com.tuitionescrow.ledger.api.client.LedgerProblemException;
import com.tuitionescrow.ledger.api.client.LedgerUnavailableException;
import com.tuitionescrow.ledger.api.client.RetryPolicy;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.enrollment.LessonConfirmationRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonDecision;
import com.tuitionescrow.ledger.api.enrollment.ReportLessonRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.client.FlakyGateway.Answer;
import com.tuitionescrow.ledger.client.FlakyGateway.Drop;
import com.tuitionescrow.ledger.client.FlakyGateway.Received;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of the exchange, against a scripted stand-in for the ledger: what it sends,
 * which failures it repeats and which it does not, and how it signs each attempt. The real ledger
 * answers the same calls in {@link LedgerClientTest} and its neighbours.
 */
class LedgerClientStubTest {

    private static final String SECRET = "stub-bank-secret-0123456789abcdef0123456789";
    /** A clock that stands still: two attempts in the same second, as a quick retry makes them. */
    private static final Instant NOW = Instant.parse("2026-03-02T11:00:00Z");

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5));
    private static final String APPLIED = "{\"bankTxnId\":\"TXN-1\",\"status\":\"APPLIED\"}";

    private FlakyGateway ledger;
    private final AtomicInteger tokensIssued = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        ledger = FlakyGateway.standalone();
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private LedgerClient client(RetryPolicy retry) {
        return LedgerClient.builder()
                .baseUri(ledger.uri())
                .bearerToken(() -> "token-" + tokensIssued.incrementAndGet())
                .bankSecret(SECRET)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .retry(retry)
                .build();
    }

    private static CollectionRequest receipt() {
        return new CollectionRequest(
                "TXN-1", "order-1", 300_000L, "6222020200112233", OffsetDateTime.parse("2026-03-02T18:55:00+08:00"));
    }

    @Test
    void a_503_is_repeated_with_a_fresh_token_and_a_fresh_signature_over_the_same_bytes() {
        ledger.then(new Answer(503, "text/html", "<html>upstream restarting</html>"), Answer.json(201, APPLIED));

        CollectionResponse response = client(QUICK).reportCollection(receipt());

        assertThat(response).isEqualTo(new CollectionResponse("TXN-1", CollectionStatus.APPLIED, null));
        List<Received> attempts = ledger.received();
        assertThat(attempts).hasSize(2);
        assertThat(attempts)
                .extracting(Received::body)
                .containsOnly(attempts.get(0).body());
        assertThat(attempts)
                .extracting(a -> a.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-2");
        // Each attempt is signed when it is sent, with the clock's second (here standing still).
        assertThat(attempts)
                .extracting(a -> a.header("X-Ledger-Timestamp"))
                .containsExactly(Long.toString(NOW.getEpochSecond()), Long.toString(NOW.getEpochSecond()));
        for (Received attempt : attempts) {
            assertThat(attempt.header("X-Ledger-Signature"))
                    .isEqualTo(new BankSignature(SECRET)
                            .sign(
                                    Long.parseLong(attempt.header("X-Ledger-Timestamp")),
                                    "POST",
                                    "/v1/bank/collections",
                                    "application/json",
                                    attempt.body().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void a_lost_connection_is_repeated() {
        ledger.then(new Drop(), Answer.json(201, APPLIED));

        assertThat(client(QUICK).reportCollection(receipt()).status()).isEqualTo(CollectionStatus.APPLIED);
        assertThat(ledger.received()).hasSize(2);
    }

    @Test
    void a_race_lost_in_the_ledger_is_repeated_but_an_idempotency_conflict_is_final() {
        ledger.then(Answer.problem(409, "CONCURRENT_MODIFICATION"), Answer.json(201, APPLIED));
        assertThat(client(QUICK).reportCollection(receipt()).status()).isEqualTo(CollectionStatus.APPLIED);
        assertThat(ledger.received()).hasSize(2);

        ledger.then(Answer.problem(409, "IDEMPOTENCY_CONFLICT"));
        assertThatThrownBy(() -> client(QUICK).reportCollection(receipt()))
                .isInstanceOfSatisfying(LedgerProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(409);
                    assertThat(problem.code()).isEqualTo(ProblemCode.IDEMPOTENCY_CONFLICT);
                    assertThat(problem.isRetryable()).isFalse();
                });
        assertThat(ledger.received()).hasSize(3);
    }

    @Test
    void a_refusal_is_sent_once_and_keeps_a_code_newer_than_this_client() {
        ledger.then(Answer.problem(422, "CAP_INVENTED_LATER"));

        assertThatThrownBy(() -> client(QUICK).reportCollection(receipt()))
                .isInstanceOfSatisfying(LedgerProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.code()).isNull();
                    assertThat(problem.rawCode()).isEqualTo("CAP_INVENTED_LATER");
                    assertThat(problem.detail()).isEqualTo("scripted CAP_INVENTED_LATER");
                    assertThat(problem.getMessage()).startsWith("POST /v1/bank/collections: 422 CAP_INVENTED_LATER");
                });
        assertThat(ledger.received()).hasSize(1);
    }

    @Test
    void when_the_attempts_are_spent_the_outcome_is_unknown_and_each_failure_is_kept() {
        ledger.then(
                new Answer(503, "text/plain", "busy"),
                new Answer(504, "text/plain", "gateway timeout"),
                new Answer(502, "text/plain", "bad gateway"));

        assertThatThrownBy(() -> client(QUICK).reportCollection(receipt()))
                .isInstanceOfSatisfying(LedgerUnavailableException.class, unavailable -> {
                    assertThat(unavailable.status()).hasValue(502);
                    assertThat(unavailable.getSuppressed()).hasSize(2);
                });
        assertThat(ledger.received()).hasSize(3);
    }

    @Test
    void a_ledger_out_of_reach_is_unavailable_without_a_status() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LedgerClient client = LedgerClient.builder()
                .baseUri(URI.create("http://localhost:" + closedPort))
                .bearerToken(() -> "token")
                .retry(RetryPolicy.none())
                .build();

        assertThatThrownBy(() -> client.order("order-1"))
                .isInstanceOfSatisfying(LedgerUnavailableException.class, unavailable -> {
                    assertThat(unavailable.status()).isEmpty();
                    assertThat(unavailable.getMessage())
                            .startsWith("GET /v1/orders/order-1: no answer from the ledger");
                });
    }

    @Test
    void times_keep_their_offset_and_absent_fields_are_left_out() {
        ledger.then(
                Answer.json(201, "{\"lessonId\":\"lesson-1\",\"status\":\"AWAITING_CONFIRMATION\",\"violations\":[]}"),
                Answer.json(200, lessonAnswer()));
        LedgerClient client = client(QUICK);

        client.reportLesson(
                "order-1",
                new ReportLessonRequest(
                        "lesson-1",
                        2,
                        OffsetDateTime.parse("2026-03-02T10:00:00+08:00"),
                        OffsetDateTime.parse("2026-03-02T10:25:00+08:00")));
        client.confirmLesson("lesson-1", new LessonConfirmationRequest(LessonDecision.CONFIRM, null));

        List<Received> sent = ledger.received();
        assertThat(sent.get(0).body())
                .isEqualTo("{\"lessonId\":\"lesson-1\",\"hours\":2,"
                        + "\"startedAt\":\"2026-03-02T10:00:00+08:00\",\"endedAt\":\"2026-03-02T10:25:00+08:00\"}");
        assertThat(sent.get(0).header("Content-Type")).isEqualTo("application/json");
        assertThat(sent.get(1).body()).isEqualTo("{\"decision\":\"CONFIRM\"}");
        assertThat(sent)
                .allSatisfy(call -> assertThat(call.header("X-Ledger-Signature"))
                        .as("only bank calls are signed")
                        .isNull());
    }

    @Test
    void answers_keep_the_offset_the_ledger_wrote_and_ignore_fields_added_later() {
        ledger.then(Answer.json(200, lessonAnswer().replace("{", "{\"addedInV1_1\":true,")));

        assertThat(client(QUICK)
                        .confirmLesson("lesson-1", new LessonConfirmationRequest(LessonDecision.CONFIRM, null))
                        .confirmBy())
                .hasToString("2026-03-05T10:25+08:00");
    }

    @Test
    void query_values_and_ids_are_percent_encoded_and_a_cancel_has_no_body() {
        ledger.then(
                Answer.json(200, "{}"),
                Answer.json(200, "{\"items\":[],\"next\":null}"),
                Answer.json(200, orderAnswer()));
        LedgerClient client = client(QUICK);

        client.settlement("91350100M000100Y43", OffsetDateTime.parse("2026-03-02T19:00:00+08:00"));
        client.accountEntries("STUDENT_PREPAID:91350100M000100Y43:stu 1", null, null, 0, 50);
        client.cancelOrder("order-1");

        List<Received> sent = ledger.received();
        assertThat(sent.get(0).pathAndQuery())
                .isEqualTo("/v1/institutions/91350100M000100Y43/settlement?asOf=2026-03-02T19%3A00%3A00%2B08%3A00");
        assertThat(sent.get(1).pathAndQuery())
                .isEqualTo("/v1/accounts/STUDENT_PREPAID:91350100M000100Y43:stu%201/entries?afterSeq=0&limit=50");
        assertThat(sent.get(2).method()).isEqualTo("POST");
        assertThat(sent.get(2).body()).isEmpty();
        assertThat(sent.get(2).header("Content-Type")).isNull();
    }

    @Test
    void bank_reads_sign_their_path_and_query_so_two_pages_in_one_second_carry_two_signatures() {
        String emptyPage = "{\"items\":[],\"next\":null}";
        ledger.then(Answer.json(200, emptyPage), Answer.json(200, emptyPage));
        LedgerClient client = client(QUICK);

        client.instructions(InstructionStatus.PENDING, null, 100);
        client.instructions(InstructionStatus.PENDING, "instruction-7", 100);

        List<Received> sent = ledger.received();
        assertThat(sent.get(1).pathAndQuery())
                .isEqualTo("/v1/bank/instructions?status=PENDING&afterId=instruction-7&limit=100");
        assertThat(sent)
                .extracting(call -> call.header("X-Ledger-Timestamp"))
                .containsOnly(Long.toString(NOW.getEpochSecond()));
        for (Received call : sent) {
            assertThat(call.header("X-Ledger-Signature"))
                    .isEqualTo(new BankSignature(SECRET)
                            .sign(NOW.getEpochSecond(), "GET", call.pathAndQuery(), null, new byte[0]));
        }
        assertThat(sent.get(0).header("X-Ledger-Signature"))
                .isNotEqualTo(sent.get(1).header("X-Ledger-Signature"));
    }

    @Test
    void a_bank_call_without_the_bank_secret_is_not_sent() {
        LedgerClient unsigned = LedgerClient.builder()
                .baseUri(ledger.uri())
                .bearerToken(() -> "token")
                .build();

        assertThatThrownBy(() -> unsigned.reportCollection(receipt()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bank secret");
        assertThat(ledger.received()).isEmpty();
    }

    private static String lessonAnswer() {
        return "{\"lessonId\":\"lesson-1\",\"orderId\":\"order-1\",\"hours\":2,\"amountFen\":30000,"
                + "\"startedAt\":\"2026-03-02T10:00:00+08:00\",\"endedAt\":\"2026-03-02T10:25:00+08:00\","
                + "\"status\":\"CONFIRMED\",\"violations\":[],\"confirmBy\":\"2026-03-05T10:25:00+08:00\"}";
    }

    private static String orderAnswer() {
        return "{\"orderId\":\"order-1\",\"status\":\"CANCELLED\",\"amountFen\":300000,\"lessons\":[]}";
    }
}
