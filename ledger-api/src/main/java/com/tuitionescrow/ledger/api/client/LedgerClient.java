package com.tuitionescrow.ledger.api.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tuitionescrow.ledger.api.audit.CheckpointKeyView;
import com.tuitionescrow.ledger.api.audit.CheckpointView;
import com.tuitionescrow.ledger.api.audit.InstitutionOverview;
import com.tuitionescrow.ledger.api.audit.InstitutionRanking;
import com.tuitionescrow.ledger.api.audit.InstitutionSort;
import com.tuitionescrow.ledger.api.audit.JournalEntryView;
import com.tuitionescrow.ledger.api.audit.TrialBalanceResponse;
import com.tuitionescrow.ledger.api.audit.VerificationResponse;
import com.tuitionescrow.ledger.api.audit.ViolationView;
import com.tuitionescrow.ledger.api.bank.CollectionBatchRequest;
import com.tuitionescrow.ledger.api.bank.CollectionBatchResponse;
import com.tuitionescrow.ledger.api.bank.CollectionRequest;
import com.tuitionescrow.ledger.api.bank.CollectionResponse;
import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.enrollment.LessonConfirmationRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonReportedResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonResolutionRequest;
import com.tuitionescrow.ledger.api.enrollment.LessonResponse;
import com.tuitionescrow.ledger.api.enrollment.LessonStatus;
import com.tuitionescrow.ledger.api.enrollment.LessonSummary;
import com.tuitionescrow.ledger.api.enrollment.OrderPlacedResponse;
import com.tuitionescrow.ledger.api.enrollment.OrderResponse;
import com.tuitionescrow.ledger.api.enrollment.PlaceOrderRequest;
import com.tuitionescrow.ledger.api.enrollment.ReportLessonRequest;
import com.tuitionescrow.ledger.api.institution.ChangeStatusRequest;
import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.institution.RegisterInstitutionRequest;
import com.tuitionescrow.ledger.api.institution.WindDownRequest;
import com.tuitionescrow.ledger.api.institution.WindDownResponse;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunRequest;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunResponse;
import com.tuitionescrow.ledger.api.instruction.InstructionResolutionRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionResultRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationReport;
import com.tuitionescrow.ledger.api.reconciliation.ReconciliationSummary;
import com.tuitionescrow.ledger.api.reconciliation.StatementFormat;
import com.tuitionescrow.ledger.api.refund.RefundDecisionRequest;
import com.tuitionescrow.ledger.api.refund.RefundRequest;
import com.tuitionescrow.ledger.api.refund.RefundResolutionRequest;
import com.tuitionescrow.ledger.api.refund.RefundResponse;
import com.tuitionescrow.ledger.api.refund.RefundStatus;
import com.tuitionescrow.ledger.api.settlement.AccountBalanceResponse;
import com.tuitionescrow.ledger.api.settlement.AccountEntryView;
import com.tuitionescrow.ledger.api.settlement.CustodyHistory;
import com.tuitionescrow.ledger.api.settlement.SettlementResponse;
import com.tuitionescrow.ledger.api.settlement.StudentStatementResponse;
import com.tuitionescrow.ledger.api.settlement.WeeklyActivity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The ledger's HTTP contract (docs/api.md; the OpenAPI document committed in ledger-api) as Java: one
 * method per endpoint, taking and returning the records of ledger-api. Each method names the roles
 * that may call it; the bearer token decides who the caller is, so one client serves one caller.
 *
 * <p><b>Credentials.</b> The bearer token is asked of the caller's supplier for every attempt, so
 * a token that expires between a call and its retry is replaced. Calls to {@code /v1/bank/**} are
 * signed with the bank secret (see {@link BankSignature}, scheme v2: method, path and query,
 * content type and body) when each attempt is sent, with the current second of the client's clock.
 * A repeat of a signed call is harmless (every change is keyed by its id), so the ledger keeps no
 * record of signatures and a retry needs nothing but a fresh timestamp.
 *
 * <p><b>Failures.</b> A refusal by the ledger is a {@link LedgerProblemException} with the
 * problem's code: nothing was changed. No answer (connection failed, timed out, or 502, 503, 504)
 * is a {@link LedgerUnavailableException}: the outcome is unknown until the same call is sent again.
 *
 * <p><b>Retries, and why every call may be repeated.</b> A failed attempt is repeated, per the
 * {@link RetryPolicy}, when there was no answer (the outcome is unknown) or when the ledger refused
 * with {@code CONCURRENT_MODIFICATION} (nothing was written; see
 * {@link LedgerProblemException#isRetryable()}). Any other refusal is final and is not repeated.
 * Repeating an attempt that did reach the ledger is harmless for every endpoint of v1:
 * <ul>
 *   <li>creates carry an id the caller chose ({@code institutionId}, {@code orderId},
 *       {@code lessonId}, {@code refundId}, {@code bankTxnId}, and each item's {@code bankTxnId}
 *       in a batch): the ledger applies the first and answers every repeat with the first result;</li>
 *   <li>answers are to a named thing and idempotent by design: the same confirmation, resolution,
 *       refund decision, status or cancellation again changes nothing and answers the state it left;
 *       an instruction's result, and a regulator's resolution of an undeliverable one, are kept under
 *       the instruction's id and a repeat gets the first result;</li>
 *   <li>a disbursement run releases what is releasable as of its time: a run repeated finds
 *       nothing released twice, only what became releasable since; while one runs, a repeat answers
 *       with that one. Its answer lists what that run did, and {@link #disbursementRun} reads it
 *       again by its {@code runId};</li>
 *   <li>a wind-down repeated finishes what a stopped one left and otherwise changes nothing;
 *       {@link #windDownStatus} reads how the latest stands;</li>
 *   <li>a statement is kept under the hash of its bytes: the same file again answers with the
 *       first report;</li>
 *   <li>reads change nothing.</li>
 * </ul>
 * A caller that would rather decide about repeats itself builds its client with {@link RetryPolicy#none()}.
 *
 * <p>A client is safe to share between threads.
 */
public final class LedgerClient {

    private static final String BANK_PATHS = "/v1/bank/";
    /** Far above the largest page (1000 journal entries); a longer answer is not the ledger's. */
    private static final int RESPONSE_BYTES_MAX = 32 * 1024 * 1024;

    private static final int EXCERPT_CHARS_MAX = 300;
    private static final byte[] NO_BODY = new byte[0];
    private static final String JSON = "application/json";

    private static final TypeReference<Page<InstructionView>> INSTRUCTION_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<AccountEntryView>> ENTRY_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<ReconciliationSummary>> RECONCILIATION_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<JournalEntryView>> JOURNAL_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<CheckpointView>> CHECKPOINT_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<ViolationView>> VIOLATION_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<InstitutionOverview>> OVERVIEW_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<LessonSummary>> LESSON_PAGE = new TypeReference<>() {};
    private static final TypeReference<Page<RefundResponse>> REFUND_PAGE = new TypeReference<>() {};

    private final String baseUri;
    private final Supplier<String> bearerToken;
    private final BankSignature bankSignature;
    private final Clock clock;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final HttpClient http;
    private final ObjectMapper json = json();
    /** The attempts of the calls made inside {@link #counted}, on the thread that makes them. */
    private final ThreadLocal<int[]> attemptsOfCounted = new ThreadLocal<>();

    private LedgerClient(Builder builder) {
        this.baseUri = builder.baseUri.toString().replaceAll("/+$", "");
        this.bearerToken = builder.bearerToken;
        this.bankSignature = builder.bankSecret == null ? null : new BankSignature(builder.bankSecret);
        this.clock = builder.clock;
        this.requestTimeout = builder.requestTimeout;
        this.retry = builder.retry;
        this.http =
                HttpClient.newBuilder().connectTimeout(builder.connectTimeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * JSON as the ledger reads and writes it: times as ISO-8601 strings with their offset (the
     * ledger refuses a number), kept in the offset the ledger wrote rather than moved to UTC;
     * absent optional fields left out rather than sent as null; fields this client does not know
     * ignored, because the contract grows by adding fields.
     */
    private static ObjectMapper json() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    // ------------------------------------------------------------------------------ institutions

    /** Registers an institution with its custody account (REGULATOR). {@code institutionId} is the idempotency key. */
    public InstitutionResponse registerInstitution(RegisterInstitutionRequest request) {
        return post("/v1/institutions", request, InstitutionResponse.class);
    }

    /** An institution (REGULATOR, or that INSTITUTION). */
    public InstitutionResponse institution(String institutionId) {
        return get("/v1/institutions/" + segment(institutionId), InstitutionResponse.class);
    }

    /** Activates, suspends or blacklists an institution (REGULATOR). */
    public InstitutionResponse changeInstitutionStatus(String institutionId, ChangeStatusRequest request) {
        return post("/v1/institutions/" + segment(institutionId) + "/status", request, InstitutionResponse.class);
    }

    /**
     * Winds an institution down (REGULATOR): releases freeze and every student's unconsumed fees are
     * refunded. The refunds run in the ledger's background: a {@code RUNNING} answer (HTTP 202) is
     * followed with {@link #windDownStatus}.
     */
    public WindDownResponse windDown(String institutionId, WindDownRequest request) {
        return post("/v1/institutions/" + segment(institutionId) + "/wind-down", request, WindDownResponse.class);
    }

    /** How an institution's latest wind-down stands (REGULATOR). */
    public WindDownResponse windDownStatus(String institutionId) {
        return get("/v1/institutions/" + segment(institutionId) + "/wind-down", WindDownResponse.class);
    }

    // ------------------------------------------------------------------------------ orders and lessons

    /** Sells a course under the caps (PLATFORM). {@code orderId} is the idempotency key. */
    public OrderPlacedResponse placeOrder(PlaceOrderRequest request) {
        return post("/v1/orders", request, OrderPlacedResponse.class);
    }

    /** An order with its lessons (PLATFORM, REGULATOR, or the order's INSTITUTION). */
    public OrderResponse order(String orderId) {
        return get("/v1/orders/" + segment(orderId), OrderResponse.class);
    }

    /** Cancels an unpaid order (PLATFORM); a paid one is refused with {@code ORDER_NOT_CANCELLABLE}. */
    public OrderResponse cancelOrder(String orderId) {
        return call(
                "POST",
                "/v1/orders/" + segment(orderId) + "/cancel",
                NO_BODY,
                JSON,
                json.constructType(OrderResponse.class));
    }

    /** Reports a lesson delivered on a paid order (INSTITUTION). {@code lessonId} is the idempotency key. */
    public LessonReportedResponse reportLesson(String orderId, ReportLessonRequest request) {
        return post("/v1/orders/" + segment(orderId) + "/lessons", request, LessonReportedResponse.class);
    }

    /** The parent's confirmation or dispute of a lesson, relayed by the platform (PLATFORM). */
    public LessonResponse confirmLesson(String lessonId, LessonConfirmationRequest request) {
        return post("/v1/lessons/" + segment(lessonId) + "/confirmation", request, LessonResponse.class);
    }

    /** Rules on a disputed lesson (REGULATOR). */
    public LessonResponse resolveLesson(String lessonId, LessonResolutionRequest request) {
        return post("/v1/lessons/" + segment(lessonId) + "/resolution", request, LessonResponse.class);
    }

    // ------------------------------------------------------------------------------ refunds

    /** A parent's refund request, relayed by the platform (PLATFORM). {@code refundId} is the idempotency key. */
    public RefundResponse requestRefund(String orderId, RefundRequest request) {
        return post("/v1/orders/" + segment(orderId) + "/refunds", request, RefundResponse.class);
    }

    /** The institution approves or contests a refund (INSTITUTION). */
    public RefundResponse decideRefund(String refundId, RefundDecisionRequest request) {
        return post("/v1/refunds/" + segment(refundId) + "/decision", request, RefundResponse.class);
    }

    /** Rules on a contested refund (REGULATOR). */
    public RefundResponse resolveRefund(String refundId, RefundResolutionRequest request) {
        return post("/v1/refunds/" + segment(refundId) + "/resolution", request, RefundResponse.class);
    }

    /** A refund (PLATFORM, REGULATOR, or the order's INSTITUTION). */
    public RefundResponse refund(String refundId) {
        return get("/v1/refunds/" + segment(refundId), RefundResponse.class);
    }

    // ------------------------------------------------------------------------------ the custody bank

    /** Reports money received into a custody account (BANK, signed). {@code bankTxnId} is the idempotency key. */
    public CollectionResponse reportCollection(CollectionRequest request) {
        return post("/v1/bank/collections", request, CollectionResponse.class);
    }

    /** Reports up to 1000 receipts at once (BANK, signed): one result per item, in order. */
    public CollectionBatchResponse reportCollections(CollectionBatchRequest batch) {
        return post("/v1/bank/collections/batch", batch, CollectionBatchResponse.class);
    }

    /**
     * Instructions to the bank, oldest first (BANK, signed).
     *
     * @param status  only those in this status; all when null
     * @param afterId the previous page's {@link Page#next()}; null for the first page
     * @param limit   1 to 1000
     */
    public Page<InstructionView> instructions(InstructionStatus status, String afterId, int limit) {
        return get(
                withQuery("/v1/bank/instructions", "status", status, "afterId", afterId, "limit", limit),
                INSTRUCTION_PAGE);
    }

    /**
     * The bank's result of an instruction (BANK, signed): EXECUTED takes the money out of custody; FAILED
     * makes a disbursement's money releasable again, and issues the next instruction for a refund's or
     * suspense return's money, or leaves it UNDELIVERABLE after the last attempt.
     */
    public InstructionView answerInstruction(String instructionId, InstructionResultRequest result) {
        return post("/v1/bank/instructions/" + segment(instructionId) + "/result", result, InstructionView.class);
    }

    /**
     * Instructions in a status, oldest first (REGULATOR): {@code UNDELIVERABLE} is the money that waits
     * for a regulator's resolution.
     *
     * @param afterId the previous page's {@link Page#next()}; null for the first page
     * @param limit   1 to 1000
     */
    public Page<InstructionView> instructionsInStatus(InstructionStatus status, String afterId, int limit) {
        Objects.requireNonNull(status, "status");
        return get(
                withQuery("/v1/instructions", "status", status, "afterId", afterId, "limit", limit), INSTRUCTION_PAGE);
    }

    /**
     * A regulator's resolution of an UNDELIVERABLE instruction (REGULATOR): the money goes to the bank
     * again under a new instruction, which is the answer. Kept under the instruction's id: a repeat
     * answers with the first result.
     */
    public InstructionView resolveInstruction(String instructionId, InstructionResolutionRequest resolution) {
        return post("/v1/instructions/" + segment(instructionId) + "/resolution", resolution, InstructionView.class);
    }

    /**
     * Sends a statement of a custody account (BANK, signed); the answer is its reconciliation report.
     *
     * @param file   the statement file, sent and signed byte for byte as given
     * @param format camt.053 or the bank CSV: the Content-Type it is sent with
     */
    public ReconciliationReport sendStatement(byte[] file, StatementFormat format) {
        Objects.requireNonNull(file, "file");
        return call(
                "POST",
                "/v1/bank/statements",
                file.clone(),
                format.mediaType(),
                json.constructType(ReconciliationReport.class));
    }

    // ------------------------------------------------------------------------------ reconciliation

    /**
     * Reconciliation reports, in the order their statements arrived (REGULATOR; an INSTITUTION its own).
     *
     * @param institutionId one institution's; null for every institution's (REGULATOR) or the caller's own
     * @param afterId       the previous page's {@link Page#next()}; null for the first page
     * @param limit         1 to 100
     */
    public Page<ReconciliationSummary> reconciliations(String institutionId, String afterId, int limit) {
        return get(
                withQuery("/v1/reconciliations", "institutionId", institutionId, "afterId", afterId, "limit", limit),
                RECONCILIATION_PAGE);
    }

    /** One reconciliation report with its findings (REGULATOR, or that INSTITUTION). */
    public ReconciliationReport reconciliation(String statementId) {
        return get("/v1/reconciliations/" + segment(statementId), ReconciliationReport.class);
    }

    // ------------------------------------------------------------------------------ release

    /**
     * Runs the release now (REGULATOR or PLATFORM); it also runs on the ledger's schedule.
     *
     * @param request as of when: {@code new DisbursementRunRequest(null)} for now
     */
    public DisbursementRunResponse runDisbursement(DisbursementRunRequest request) {
        return post("/v1/disbursements/run", request, DisbursementRunResponse.class);
    }

    /**
     * How a release run stands (REGULATOR or PLATFORM). A run works in the ledger's background: a
     * {@code RUNNING} answer of {@link #runDisbursement} (HTTP 202) is followed with this.
     */
    public DisbursementRunResponse disbursementRun(String runId) {
        return get("/v1/disbursements/runs/" + segment(runId), DisbursementRunResponse.class);
    }

    // ------------------------------------------------------------------------------ the books

    /**
     * Where an institution's money stands (REGULATOR, or that INSTITUTION).
     *
     * @param asOf the books as recorded at that moment; now when null
     */
    public SettlementResponse settlement(String institutionId, OffsetDateTime asOf) {
        return get(
                withQuery("/v1/institutions/" + segment(institutionId) + "/settlement", "asOf", asOf),
                SettlementResponse.class);
    }

    /**
     * A student's prepaid balance at one institution and a page of its orders, oldest first
     * (PLATFORM, REGULATOR).
     *
     * @param afterOrderId the {@code next} of the page before; null for the first page
     * @param limit        orders on the page, 1 to 1000
     */
    public StudentStatementResponse studentStatement(
            String studentId, String institutionId, String afterOrderId, int limit) {
        Objects.requireNonNull(institutionId, "institutionId");
        return get(
                withQuery(
                        "/v1/students/" + segment(studentId) + "/statement",
                        "institutionId",
                        institutionId,
                        "afterOrderId",
                        afterOrderId,
                        "limit",
                        limit),
                StudentStatementResponse.class);
    }

    /**
     * An account's totals (REGULATOR, or the account's INSTITUTION).
     *
     * @param accountCode {@code TYPE:institutionId}, or {@code TYPE:institutionId:studentId} for a student's
     * @param asOf        as recorded at that moment; now when null
     */
    public AccountBalanceResponse account(String accountCode, OffsetDateTime asOf) {
        return get(withQuery("/v1/accounts/" + segment(accountCode), "asOf", asOf), AccountBalanceResponse.class);
    }

    /**
     * An account's entries with the running balance, oldest first (REGULATOR, or the account's INSTITUTION).
     *
     * @param from     entries recorded at or after this moment; no bound when null
     * @param to       entries recorded before this moment; no bound when null
     * @param afterSeq the previous page's {@link Page#next()} as a number; 0 for the first page
     * @param limit    1 to 1000
     */
    public Page<AccountEntryView> accountEntries(
            String accountCode, OffsetDateTime from, OffsetDateTime to, long afterSeq, int limit) {
        return get(
                withQuery(
                        "/v1/accounts/" + segment(accountCode) + "/entries",
                        "from",
                        from,
                        "to",
                        to,
                        "afterSeq",
                        afterSeq,
                        "limit",
                        limit),
                ENTRY_PAGE);
    }

    /**
     * Debits and credits of every control account (REGULATOR).
     *
     * @param asOf as recorded at that moment; now when null
     */
    public TrialBalanceResponse trialBalance(OffsetDateTime asOf) {
        return get(withQuery("/v1/audit/trial-balance", "asOf", asOf), TrialBalanceResponse.class);
    }

    /**
     * The hash-chained journal in {@code seq} order (REGULATOR).
     *
     * @param afterSeq the previous page's {@link Page#next()} as a number; 0 for the first page
     * @param limit    1 to 1000
     */
    public Page<JournalEntryView> journal(long afterSeq, int limit) {
        return get(withQuery("/v1/audit/journal", "afterSeq", afterSeq, "limit", limit), JOURNAL_PAGE);
    }

    /**
     * The journal's head as published at intervals, each signed with Ed25519, in {@code seq} order
     * (REGULATOR): keep them, and verify a copy of the journal against them offline.
     *
     * @param afterSeq the previous page's {@link Page#next()} as a number; 0 for the first page
     * @param limit    1 to 1000
     */
    public Page<CheckpointView> checkpoints(long afterSeq, int limit) {
        return get(withQuery("/v1/audit/checkpoints", "afterSeq", afterSeq, "limit", limit), CHECKPOINT_PAGE);
    }

    /** Publishes the journal's head now and answers its checkpoint (REGULATOR); the same one while the head stands. */
    public CheckpointView publishCheckpoint() {
        return call("POST", "/v1/audit/checkpoints", NO_BODY, JSON, json.constructType(CheckpointView.class));
    }

    /** The Ed25519 public key the checkpoints are signed with (REGULATOR). */
    public CheckpointKeyView checkpointKey() {
        return get("/v1/audit/checkpoint-key", CheckpointKeyView.class);
    }

    /** The whole journal checked from its first entry: chain, balance, replayed balances, coverage (REGULATOR). */
    public VerificationResponse verification() {
        return get("/v1/audit/verification", VerificationResponse.class);
    }

    /**
     * Lessons that broke a lesson-time rule, by start time (REGULATOR).
     *
     * @param institutionId one institution's; every institution's when null
     * @param from          lessons that started at or after this moment; no bound when null
     * @param to            lessons that started before this moment; no bound when null
     * @param afterId       the previous page's {@link Page#next()}; null for the first page
     * @param limit         1 to 1000
     */
    public Page<ViolationView> violations(
            String institutionId, OffsetDateTime from, OffsetDateTime to, String afterId, int limit) {
        return get(
                withQuery(
                        "/v1/audit/violations",
                        "institutionId",
                        institutionId,
                        "from",
                        from,
                        "to",
                        to,
                        "afterId",
                        afterId,
                        "limit",
                        limit),
                VIOLATION_PAGE);
    }

    /**
     * Every institution at a glance, by id (REGULATOR).
     *
     * @param afterId the previous page's {@link Page#next()}; null for the first page
     * @param limit   1 to 1000
     */
    public Page<InstitutionOverview> institutionOverviews(String afterId, int limit) {
        return get(withQuery("/v1/audit/institutions", "afterId", afterId, "limit", limit), OVERVIEW_PAGE);
    }

    /**
     * A page of the institutions that match a filter, in the order asked for, with how many match and
     * their totals (REGULATOR).
     *
     * @param text       matches a name or a credit code anywhere, whatever the case; any when null
     * @param status     institutions of this standing; any when null
     * @param riskyOnly  leaves out institutions whose risk is 0
     * @param sort       the figure to order by; ties go by institution id
     * @param descending the highest first
     * @param offset     the previous page's {@link InstitutionRanking#next()}; 0 for the first page
     * @param limit      1 to 1000
     */
    public InstitutionRanking rankInstitutions(
            String text,
            InstitutionStatus status,
            boolean riskyOnly,
            InstitutionSort sort,
            boolean descending,
            int offset,
            int limit) {
        return get(
                withQuery(
                        "/v1/audit/institutions/ranking",
                        "q",
                        text,
                        "status",
                        status,
                        "riskyOnly",
                        riskyOnly,
                        "sort",
                        sort,
                        "descending",
                        descending,
                        "offset",
                        offset,
                        "limit",
                        limit),
                InstitutionRanking.class);
    }

    /**
     * Journal entries that match every criterion given, in {@code seq} order (REGULATOR). An entry is an
     * institution's or an account's when one of its postings is.
     *
     * @param institutionId entries posting to this institution; any when null
     * @param accountCode   entries posting to this account; any when null
     * @param orderId       entries of this order; any when null
     * @param type          entries of this type (e.g. {@code CollectionApplied}); any when null
     * @param from          entries that happened at or after this moment; no bound when null
     * @param to            entries that happened before this moment; no bound when null
     * @param afterSeq      the previous page's {@link Page#next()} as a number; 0 for the first page
     * @param limit         1 to 1000
     */
    public Page<JournalEntryView> searchJournal(
            String institutionId,
            String accountCode,
            String orderId,
            String type,
            OffsetDateTime from,
            OffsetDateTime to,
            long afterSeq,
            int limit) {
        return get(
                withQuery(
                        "/v1/audit/journal/search",
                        "institutionId",
                        institutionId,
                        "accountCode",
                        accountCode,
                        "orderId",
                        orderId,
                        "type",
                        type,
                        "from",
                        from,
                        "to",
                        to,
                        "afterSeq",
                        afterSeq,
                        "limit",
                        limit),
                JOURNAL_PAGE);
    }

    // ------------------------------------------------------------------------------ work queues and history

    /**
     * Lessons by the end of their confirmation window (REGULATOR; an INSTITUTION its own).
     *
     * @param institutionId one institution's; null for every institution's (REGULATOR) or the caller's own
     * @param statuses      the states listed; empty for the open ones (awaiting confirmation, disputed)
     * @param afterId       the previous page's {@link Page#next()}; null for the first page
     * @param limit         1 to 1000
     */
    public Page<LessonSummary> lessons(
            String institutionId, Collection<LessonStatus> statuses, String afterId, int limit) {
        return get(withQuery("/v1/lessons", listQuery(institutionId, statuses, afterId, limit)), LESSON_PAGE);
    }

    /**
     * Refunds by the end of their answer window (REGULATOR; an INSTITUTION its own).
     *
     * @param institutionId one institution's; null for every institution's (REGULATOR) or the caller's own
     * @param statuses      the states listed; empty for the open ones (awaiting the institution, contested)
     * @param afterId       the previous page's {@link Page#next()}; null for the first page
     * @param limit         1 to 1000
     */
    public Page<RefundResponse> refunds(
            String institutionId, Collection<RefundStatus> statuses, String afterId, int limit) {
        return get(withQuery("/v1/refunds", listQuery(institutionId, statuses, afterId, limit)), REFUND_PAGE);
    }

    /**
     * Custody cash day by day, Beijing dates (REGULATOR, or that INSTITUTION).
     *
     * @param from the first day; 90 days before {@code to} when null
     * @param to   the last day; today when null
     */
    public CustodyHistory custodyHistory(String institutionId, LocalDate from, LocalDate to) {
        return get(
                withQuery("/v1/institutions/" + segment(institutionId) + "/custody-history", "from", from, "to", to),
                CustodyHistory.class);
    }

    /**
     * Lessons and disbursements week by week, up to this week (REGULATOR, or that INSTITUTION).
     *
     * @param weeks 1 to 53
     */
    public WeeklyActivity weeklyActivity(String institutionId, int weeks) {
        return get(
                withQuery("/v1/institutions/" + segment(institutionId) + "/weekly-activity", "weeks", weeks),
                WeeklyActivity.class);
    }

    /** The query of a list by institution and states, one {@code status} a state. */
    private static Object[] listQuery(
            String institutionId, Collection<? extends Enum<?>> statuses, String afterId, int limit) {
        List<Object> query = new ArrayList<>(Arrays.asList("institutionId", institutionId));
        for (Enum<?> status : statuses) {
            query.add("status");
            query.add(status.name());
        }
        query.addAll(Arrays.asList("afterId", afterId, "limit", limit));
        return query.toArray();
    }

    // ------------------------------------------------------------------------------ the exchange

    private <T> T get(String path, Class<T> type) {
        return call("GET", path, NO_BODY, null, json.constructType(type));
    }

    /**
     * Runs one or more calls of this client on the caller's thread and says how many attempts they
     * took, summed: {@code client.counted(c -> c.windDown(id, request))}. A call that fails throws as it
     * would outside.
     */
    public <T> Counted<T> counted(Function<LedgerClient, T> calls) {
        int[] outer = attemptsOfCounted.get();
        int[] attempts = {0};
        attemptsOfCounted.set(attempts);
        try {
            T value = calls.apply(this);
            if (attempts[0] == 0) {
                throw new IllegalArgumentException("counted was given no call of this client to count");
            }
            return new Counted<>(value, attempts[0]);
        } finally {
            if (outer == null) {
                attemptsOfCounted.remove();
            } else {
                outer[0] += attempts[0];
                attemptsOfCounted.set(outer);
            }
        }
    }

    private <T> T get(String path, TypeReference<T> type) {
        return call("GET", path, NO_BODY, null, json.constructType(type));
    }

    private <T> T post(String path, Object body, Class<T> type) {
        Objects.requireNonNull(body, "the request body");
        byte[] bytes;
        try {
            // Written once: every attempt sends, and signs, the very same bytes.
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request of POST " + path + " as JSON", e);
        }
        return call("POST", path, bytes, JSON, json.constructType(type));
    }

    /** Sends until an answer is final or the retry policy is spent; see the class comment for which failures repeat. */
    private <T> T call(String method, String path, byte[] body, String contentType, JavaType type) {
        String call = method + " " + path;
        List<RuntimeException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            RuntimeException failure;
            try {
                T answer = attempt(call, method, path, body, contentType, type);
                int[] counting = attemptsOfCounted.get();
                if (counting != null) {
                    counting[0] += attempt;
                }
                return answer;
            } catch (LedgerUnavailableException unavailable) {
                failure = unavailable;
            } catch (LedgerProblemException problem) {
                if (!problem.isRetryable()) {
                    earlier.forEach(problem::addSuppressed);
                    throw problem;
                }
                failure = problem;
            }
            if (attempt == retry.maxAttempts() || Thread.currentThread().isInterrupted()) {
                earlier.forEach(failure::addSuppressed);
                throw failure;
            }
            try {
                Thread.sleep(retry.backoffBefore(attempt + 1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                earlier.forEach(failure::addSuppressed);
                throw failure;
            }
            earlier.add(failure);
        }
    }

    private <T> T attempt(String call, String method, String path, byte[] body, String contentType, JavaType type) {
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            response = http.send(request(method, path, body, contentType), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(RESPONSE_BYTES_MAX + 1);
            }
        } catch (IOException e) {
            throw new LedgerUnavailableException(call, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException(call, e);
        }
        if (answer.length > RESPONSE_BYTES_MAX) {
            throw new IllegalStateException(call + ": the answer exceeds " + RESPONSE_BYTES_MAX + " bytes");
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return json.readValue(answer, type);
            } catch (IOException e) {
                throw new IllegalStateException(
                        call + ": the ledger answered " + status
                                + " (the call was applied) with a body this client cannot read: " + excerpt(answer),
                        e);
            }
        }
        if (status == 502 || status == 503 || status == 504) {
            throw new LedgerUnavailableException(call, status, excerpt(answer));
        }
        throw problem(call, status, answer);
    }

    private HttpRequest request(String method, String path, byte[] body, String contentType) {
        String token = bearerToken.get();
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("the bearer token supplier gave no token");
        }
        URI uri = URI.create(baseUri + path);
        String sentContentType = !method.equals("GET") && body.length > 0 ? contentType : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + token);
        if (path.startsWith(BANK_PATHS)) {
            if (bankSignature == null) {
                throw new IllegalStateException(path + " is a bank call: build the client with the bank secret");
            }
            long timestamp = clock.instant().getEpochSecond();
            // Signed as the ledger receives it: the path with the base URI's prefix, the query as encoded.
            String signedPath = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            request.header(BankSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(
                            BankSignature.SIGNATURE_HEADER,
                            bankSignature.sign(timestamp, method, signedPath, sentContentType, body));
        }
        if (method.equals("GET")) {
            return request.GET().build();
        }
        if (sentContentType != null) {
            request.header("Content-Type", sentContentType);
        }
        return request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private LedgerProblemException problem(String call, int status, byte[] answer) {
        JsonNode problem;
        try {
            problem = json.readTree(answer);
        } catch (IOException notJson) {
            problem = null;
        }
        if (problem == null || !problem.isObject()) {
            return new LedgerProblemException(call, status, null, excerpt(answer), List.of());
        }
        List<LedgerProblemException.FieldError> errors = new ArrayList<>();
        for (JsonNode error : problem.path("errors")) {
            errors.add(new LedgerProblemException.FieldError(
                    error.path("field").asText(""), error.path("message").asText("")));
        }
        return new LedgerProblemException(
                call,
                status,
                problem.path("code").textValue(),
                problem.path("detail").textValue(),
                errors);
    }

    private static String excerpt(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8).strip();
        return text.length() <= EXCERPT_CHARS_MAX ? text : text.substring(0, EXCERPT_CHARS_MAX) + "...";
    }

    /** The path with a query of the given names and values, in pairs; a null value is left out. */
    private static String withQuery(String path, Object... namesAndValues) {
        StringBuilder uri = new StringBuilder(path);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            if (value != null) {
                // As JSON writes times: seconds always, so a query reads like the bodies beside it.
                String text = value instanceof OffsetDateTime time
                        ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time)
                        : value.toString();
                uri.append(uri.length() == path.length() ? '?' : '&')
                        .append(namesAndValues[i])
                        .append('=')
                        .append(encode(text, false));
            }
        }
        return uri.toString();
    }

    /** One path segment: an id, or an account code, whose colons are kept as they are legal there. */
    private static String segment(String value) {
        Objects.requireNonNull(value, "a path id");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a path id is empty");
        }
        return encode(value, true);
    }

    /** Percent-encodes all but RFC 3986's unreserved characters (and ':' in a path segment). */
    private static String encode(String value, boolean pathSegment) {
        StringBuilder encoded = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || (pathSegment && c == ':');
            if (unreserved) {
                encoded.append(c);
            } else {
                encoded.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    /** What a client needs: where the ledger is, and who calls it. */
    public static final class Builder {

        private URI baseUri;
        private Supplier<String> bearerToken;
        private String bankSecret;
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.standard();

        private Builder() {}

        /** The ledger's address, such as {@code https://ledger.example.cn}; required. */
        public Builder baseUri(URI baseUri) {
            this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
            return this;
        }

        /** A current bearer token (JWT) for every attempt; tokens expire, so this supplies fresh ones. Required. */
        public Builder bearerToken(Supplier<String> bearerToken) {
            this.bearerToken = Objects.requireNonNull(bearerToken, "bearerToken");
            return this;
        }

        /** The custody bank's {@code LEDGER_BANK_HMAC_SECRET}: required for {@code /v1/bank/**} calls. */
        public Builder bankSecret(String bankSecret) {
            this.bankSecret = Objects.requireNonNull(bankSecret, "bankSecret");
            return this;
        }

        /** The clock bank calls are signed by; the ledger refuses a timestamp 300 s away from its own. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long to wait for a connection; 5 s unless set. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for one attempt's answer; 30 s unless set. A wind-down of a large institution takes long. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /** When to repeat a failed attempt; {@link RetryPolicy#standard()} unless set. */
        public Builder retry(RetryPolicy retry) {
            this.retry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        public LedgerClient build() {
            Objects.requireNonNull(baseUri, "baseUri is required");
            Objects.requireNonNull(bearerToken, "bearerToken is required");
            if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
                throw new IllegalArgumentException("the ledger is reached over http or https: " + baseUri);
            }
            if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
                throw new IllegalArgumentException("the base URI has no query or fragment: " + baseUri);
            }
            return new LedgerClient(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " is positive: " + duration);
            }
            return duration;
        }
    }
}
