package com.tuitionescrow.ledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * A whole life of orders over HTTP, in which every step (a sale, a payment, a lesson, an answer, a
 * run, a bank result, a refund, a wind-down) is followed by {@link BooksCheck} for the institutions
 * the scenario registered. Steps that should succeed assert so and return what the ledger answered;
 * the {@code ...Response} variants return the raw answer for refusals. Reads are not steps.
 */
public abstract class CheckedScenario extends LedgerIntegrationTest {

    private final List<Institution> institutions = new ArrayList<>();
    private BooksCheck books;

    @BeforeEach
    void checkTheBooksAfterEveryStep() {
        books = new BooksCheck(http, this::awaitLedger);
    }

    /** An order the bank has paid: its id, the bank's transaction id of the payment, the amount. */
    protected record Paid(String orderId, String bankTxnId, long amountFen) {}

    // ---------------------------------------------------------------- the books

    /** Checks the books of every institution of the scenario after {@code step}; returns their settlements. */
    protected Map<String, JsonNode> books(String step) {
        return books.after(step, institutions.stream().map(Institution::id).toList());
    }

    /** The institution's settlement figures ({@code ...Fen}), read as its accountant reads them. */
    protected Map<String, Long> money(Institution school) {
        return settlement(school);
    }

    // ---------------------------------------------------------------- institutions, sales, payments

    /** An ACTIVE institution under bank custody, part of the scenario's books from now on. */
    protected Institution school() {
        Institution school = newInstitution();
        institutions.add(school);
        books("register " + school.id());
        return school;
    }

    /** An institution under the risk-reserve model with {@code riskReserveFen} deposited. */
    protected Institution schoolWithRiskReserve(long riskReserveFen) {
        String id = newCreditCode();
        String account = newAccountNo();
        Http.Response registered = http.post(
                "/v1/institutions",
                Tokens.regulator(),
                Map.of(
                        "institutionId",
                        id,
                        "name",
                        "Institution " + id,
                        "category",
                        "SPORTS",
                        "supervisionModel",
                        "RISK_RESERVE",
                        "custodyAccountNo",
                        account,
                        "riskReserveFen",
                        riskReserveFen));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Institution school = new Institution(id, account);
        institutions.add(school);
        books("register " + id + " with a risk reserve");
        return school;
    }

    protected Http.Response saleResponse(Institution school, String student, Map<String, Object> course) {
        Http.Response sold = placeOrder(id("order"), school, student, course);
        books("sell " + course.get("subject") + " to " + student);
        return sold;
    }

    /** 售课: returns the order id. */
    protected String sell(Institution school, String student, Map<String, Object> course) {
        Http.Response sold = saleResponse(school, student, course);
        assertThat(sold.status()).as(sold.toString()).isEqualTo(201);
        return sold.body().get("orderId").asText();
    }

    /** 收费: the bank reports the order's amount in the institution's custody account. */
    protected Paid pay(Institution school, String orderId) {
        long amountFen = order(orderId).get("amountFen").asLong();
        String bankTxnId = id("txn");
        Http.Response paid = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, amountFen, school.custodyAccountNo()));
        books("pay " + orderId);
        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
        assertThat(paid.body().get("status").asText()).as(paid.toString()).isEqualTo("APPLIED");
        return new Paid(orderId, bankTxnId, amountFen);
    }

    /** Money the bank reports for {@code orderId} that the ledger holds in suspense; returns the bankTxnId. */
    protected String payIntoSuspense(Institution school, String orderId, long amountFen, String expectedReason) {
        String bankTxnId = id("txn");
        Http.Response held = http.post(
                "/v1/bank/collections",
                Tokens.bank(),
                collection(bankTxnId, orderId, amountFen, school.custodyAccountNo()));
        books("pay " + amountFen + " for " + orderId + " into suspense");
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        assertThat(held.body().get("status").asText()).as(held.toString()).isEqualTo("SUSPENSE");
        assertThat(held.body().get("reason").asText()).as(held.toString()).isEqualTo(expectedReason);
        return bankTxnId;
    }

    protected Paid soldAndPaid(Institution school, String student, Map<String, Object> course) {
        return pay(school, sell(school, student, course));
    }

    // ---------------------------------------------------------------- lessons

    protected Http.Response lessonResponse(Institution school, String orderId, String lessonId, int hours) {
        Http.Response reported = reportLesson(school, orderId, lesson(lessonId, hours));
        books("report " + lessonId + " of " + hours + " hours on " + orderId);
        return reported;
    }

    /** 消课: a lawful lesson of {@code hours} yesterday; returns its id. */
    protected String teach(Institution school, String orderId, int hours) {
        String lessonId = id("lesson");
        Http.Response reported = lessonResponse(school, orderId, lessonId, hours);
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        return lessonId;
    }

    protected JsonNode confirm(String lessonId) {
        return answerLesson(lessonId, Map.of("decision", "CONFIRM"));
    }

    protected JsonNode dispute(String lessonId) {
        return answerLesson(lessonId, Map.of("decision", "DISPUTE", "reason", "the teacher did not come"));
    }

    private JsonNode answerLesson(String lessonId, Map<String, Object> answer) {
        Http.Response answered = http.post("/v1/lessons/" + lessonId + "/confirmation", Tokens.platform(), answer);
        books(answer.get("decision") + " " + lessonId);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        return answered.body();
    }

    /** A regulator's ruling on a disputed lesson: CONSUMED or REVERSED. */
    protected JsonNode rule(String lessonId, String outcome) {
        Http.Response ruled = http.post(
                "/v1/lessons/" + lessonId + "/resolution",
                Tokens.regulator(),
                Map.of("outcome", outcome, "reason", "the regulator heard both sides"));
        books("rule " + lessonId + " " + outcome);
        assertThat(ruled.status()).as(ruled.toString()).isEqualTo(200);
        return ruled.body();
    }

    // ---------------------------------------------------------------- the release run and the bank

    /** 序时拨付 now, as a regulator. */
    protected JsonNode run() {
        return run(Map.of());
    }

    /** The release run judging the windows as of {@code asOf}. */
    protected JsonNode runAsOf(Instant asOf) {
        return run(Map.of(
                "asOf",
                OffsetDateTime.ofInstant(asOf, java.time.ZoneOffset.ofHours(8)).toString()));
    }

    private JsonNode run(Map<String, Object> request) {
        Http.Response run = http.post("/v1/disbursements/run", Tokens.regulator(), request);
        books("run the release " + request);
        assertThat(run.status()).as(run.toString()).isEqualTo(200);
        return run.body();
    }

    /** The instructions of a run for one institution (a run serves every institution of the ledger). */
    protected static List<JsonNode> instructionsFor(JsonNode run, Institution school) {
        List<JsonNode> mine = new ArrayList<>();
        run.get("instructions").forEach(i -> {
            if (i.get("institutionId").asText().equals(school.id())) {
                mine.add(i);
            }
        });
        return mine;
    }

    /** The run's one DISBURSEMENT instruction for the institution. */
    protected static JsonNode disbursementFor(JsonNode run, Institution school) {
        List<JsonNode> disbursements = instructionsFor(run, school).stream()
                .filter(i -> i.get("kind").asText().equals("DISBURSEMENT"))
                .toList();
        assertThat(disbursements)
                .as("one disbursement for " + school.id() + " in " + run)
                .hasSize(1);
        return disbursements.get(0);
    }

    protected Http.Response resultResponse(String instructionId, Map<String, Object> result) {
        Http.Response answered = http.post("/v1/bank/instructions/" + instructionId + "/result", Tokens.bank(), result);
        books("the bank answers " + instructionId + " " + result.get("outcome"));
        return answered;
    }

    protected Map<String, Object> executed() {
        return Map.of(
                "outcome",
                "EXECUTED",
                "bankTxnId",
                id("out"),
                "executedAt",
                OffsetDateTime.now(clock).toString());
    }

    protected Map<String, Object> failed(String reason) {
        return Map.of(
                "outcome",
                "FAILED",
                "bankTxnId",
                id("out"),
                "executedAt",
                OffsetDateTime.now(clock).toString(),
                "reason",
                reason);
    }

    /** The bank executed the instruction: the money has left the custody account. */
    protected JsonNode execute(String instructionId) {
        Http.Response answered = resultResponse(instructionId, executed());
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.body().get("status").asText()).isEqualTo("EXECUTED");
        return answered.body();
    }

    /** The bank could not execute the instruction. */
    protected JsonNode fail(String instructionId) {
        Http.Response answered = resultResponse(instructionId, failed("payee account closed"));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.body().get("status").asText()).isEqualTo("FAILED");
        assertThat(answered.body().get("failureReason").asText()).isEqualTo("payee account closed");
        return answered.body();
    }

    /** Every instruction of the institution in the bank's list (all pages), oldest first; {@code status} may be null. */
    protected List<JsonNode> bankList(Institution school, String status) {
        List<JsonNode> mine = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 50; page++) {
            Http.Response list = http.get(
                    "/v1/bank/instructions?limit=1000" + (status == null ? "" : "&status=" + status)
                            + (after == null ? "" : "&afterId=" + after),
                    Tokens.bank());
            assertThat(list.status()).as(list.toString()).isEqualTo(200);
            list.body().get("items").forEach(i -> {
                if (i.get("institutionId").asText().equals(school.id())) {
                    mine.add(i);
                }
            });
            if (!list.body().hasNonNull("next")) {
                return mine;
            }
            after = list.body().get("next").asText();
        }
        throw new AssertionError("the instruction list has more than 50 pages");
    }

    /** The instruction as the bank lists it. */
    protected JsonNode listed(Institution school, String instructionId) {
        return bankList(school, null).stream()
                .filter(i -> i.get("instructionId").asText().equals(instructionId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("instruction " + instructionId + " is not listed for the bank"));
    }

    // ---------------------------------------------------------------- refunds

    protected Http.Response refundResponse(String orderId, String refundId) {
        Http.Response requested = http.post(
                "/v1/orders/" + orderId + "/refunds",
                Tokens.platform(),
                Map.of("refundId", refundId, "reason", "the family is moving away"));
        books("request refund " + refundId + " of " + orderId);
        return requested;
    }

    /** 退费申请 through the platform: returns the refund. */
    protected JsonNode requestRefund(String orderId) {
        Http.Response requested = refundResponse(orderId, id("refund"));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        assertThat(requested.body().get("status").asText()).isEqualTo("AWAITING_INSTITUTION");
        return requested.body();
    }

    protected Http.Response decisionResponse(Institution school, String refundId, String decision, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (reason != null) {
            body.put("reason", reason);
        }
        Http.Response decided =
                http.post("/v1/refunds/" + refundId + "/decision", Tokens.institution(school.id()), body);
        books(school.id() + " answers refund " + refundId + " " + decision);
        return decided;
    }

    /** The institution approves the refund: it becomes a REFUND instruction. */
    protected JsonNode approve(Institution school, String refundId) {
        Http.Response approved = decisionResponse(school, refundId, "APPROVE", null);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.body().get("status").asText()).isEqualTo("APPROVED");
        return approved.body();
    }

    protected JsonNode contest(Institution school, String refundId) {
        Http.Response contested = decisionResponse(school, refundId, "CONTEST", "all lessons were booked and held");
        assertThat(contested.status()).as(contested.toString()).isEqualTo(200);
        assertThat(contested.body().get("status").asText()).isEqualTo("CONTESTED");
        return contested.body();
    }

    /** A regulator's ruling on a contested refund: APPROVE or DENY. */
    protected JsonNode resolveRefund(String refundId, String outcome) {
        Http.Response resolved = http.post(
                "/v1/refunds/" + refundId + "/resolution",
                Tokens.regulator(),
                Map.of("outcome", outcome, "reason", "the contract says so"));
        books("rule refund " + refundId + " " + outcome);
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        return resolved.body();
    }

    protected JsonNode refund(String refundId) {
        Http.Response refund = http.get("/v1/refunds/" + refundId, Tokens.platform());
        assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
        return refund.body();
    }

    // ---------------------------------------------------------------- wind-down and time

    protected JsonNode windDown(Institution school) {
        Http.Response woundDown = http.post(
                "/v1/institutions/" + school.id() + "/wind-down",
                Tokens.regulator(),
                Map.of("reason", "the institution stopped teaching and cannot be reached"));
        books("wind " + school.id() + " down");
        assertThat(woundDown.status()).as(woundDown.toString()).isEqualTo(200);
        return woundDown.body();
    }

    /** Moves the shared, forward-only clock to {@code moment} (or leaves it where it is, if it is already later). */
    protected void advanceClockTo(Instant moment) {
        Duration ahead = Duration.between(clock.instant(), moment);
        if (!ahead.isNegative()) {
            clock.advance(ahead);
        }
        assertThat(clock.instant()).isAfterOrEqualTo(moment);
    }

    protected static Instant instant(JsonNode node) {
        return OffsetDateTime.parse(node.asText()).toInstant();
    }
}
