package com.tuitionescrow.ledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.institution.CreditCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service over HTTP against a real PostgreSQL. All subclasses share one application context
 * and one throwaway database; each test makes its own institutions, students and ids, so tests do
 * not see each other's money.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Tests run the expiry sweep themselves when they move the clock.
            "ledger.order-expiry.sweep-interval=PT1H",
            "ledger.window.sweep-interval=PT1H",
            // Tests run the release themselves, and read its outcome in the answer (a run of the suite's whole
            // ledger takes seconds on a busy machine; RUNNING answers are tested where that is the subject).
            "ledger.disbursement.schedule=-",
            "ledger.operations.answer-within=PT60S",
            "spring.main.banner-mode=off",
            // Connections are opened as needed, not twenty up front: several contexts and several builds share one
            // server.
            "spring.datasource.hikari.minimum-idle=2",
            "logging.level.root=WARN"
        })
@Import({LedgerIntegrationTest.Clocks.class, LedgerIntegrationTest.TokenClaims.class})
public abstract class LedgerIntegrationTest {

    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    /**
     * Each application context claims the journal's segment under a name of its own. Axon names the
     * claimant after the JVM by default, so a second context in the same test JVM (a test class with
     * policy properties of its own) would take the first one's claim for its own and project the same
     * events at the same time.
     */
    @TestConfiguration
    static class TokenClaims {
        @Bean
        TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer) {
            return JdbcTokenStore.builder()
                    .connectionProvider(connectionProvider)
                    .schema(TokenSchema.builder().build())
                    .serializer(serializer)
                    .nodeId("test-context-" + UUID.randomUUID())
                    .build();
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.Connection db = TestDatabase.get();
        // A test class that needs a database of its own (TestDatabase.another) names it in this property.
        registry.add("spring.datasource.url", () -> "${ledger.test.database-url:" + db.url() + "}");
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("ledger.security.jwt-secret", () -> Tokens.SECRET);
        registry.add("ledger.bank.hmac-secret", () -> Tokens.BANK_HMAC_SECRET);
        registry.add("ledger.bank.hmac-secret-previous", () -> Tokens.BANK_HMAC_SECRET_PREVIOUS);
    }

    /** The advisory lock a journal writer takes for each batch (JournalWriter.WRITER_LOCK, "journal" in ASCII). */
    private static final long JOURNAL_WRITER_LOCK = 0x6a6f75726e616cL;

    @LocalServerPort
    protected int port;

    @Autowired
    protected TestClock clock;

    @Autowired
    protected DSLContext db;

    protected Http http;

    @BeforeEach
    void connect() {
        http = new Http(port, clock);
    }

    /** A fresh id with the given prefix, unique across the suite. */
    protected static String id(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    /** A random unified social credit code with a correct check character. */
    protected static String newCreditCode() {
        StringBuilder code = new StringBuilder("9111");
        while (code.length() < 17) {
            code.append(CODE_ALPHABET.charAt(ThreadLocalRandom.current().nextInt(CODE_ALPHABET.length())));
        }
        return code.append(CreditCode.checkCharacter(code.toString())).toString();
    }

    protected static String newAccountNo() {
        return "6222" + String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
    }

    /** An institution registered and ACTIVE: its id and custody account. */
    protected record Institution(String id, String custodyAccountNo) {}

    protected Institution newInstitution() {
        return newInstitution(null);
    }

    /** An institution registered and ACTIVE under this name ({@code Institution <id>} when null). */
    protected Institution newInstitution(String name) {
        String id = newCreditCode();
        String account = newAccountNo();
        Http.Response registered = http.post(
                "/v1/institutions",
                Tokens.regulator(),
                Map.of(
                        "institutionId",
                        id,
                        "name",
                        name == null ? "Institution " + id : name,
                        "category",
                        "ARTS",
                        "supervisionModel",
                        "BANK_CUSTODY",
                        "custodyAccountNo",
                        account));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return new Institution(id, account);
    }

    /** The ledger's date in Beijing, as the sale rules read it. */
    protected LocalDate today() {
        return clock.instant()
                .atZone(com.tuitionescrow.ledger.shared.LedgerTime.ZONE)
                .toLocalDate();
    }

    /** A course that may be sold today: it starts tomorrow and runs for two months. */
    protected Map<String, Object> course(String subject, long pricePerHourFen, int hours) {
        return course(subject, "OFFLINE", pricePerHourFen, hours, today().plusDays(1), today().plusDays(60));
    }

    protected Map<String, Object> course(
            String subject, String mode, long pricePerHourFen, int hours, LocalDate start, LocalDate end) {
        Map<String, Object> course = new LinkedHashMap<>();
        course.put("courseId", "course-" + subject);
        course.put("subject", subject);
        course.put("mode", mode);
        course.put("pricePerHourFen", pricePerHourFen);
        course.put("hours", hours);
        course.put("startDate", start.toString());
        course.put("endDate", end.toString());
        return course;
    }

    protected Map<String, Object> order(
            String orderId, Institution institution, String studentId, Map<String, Object> course) {
        return Map.of(
                "orderId",
                orderId,
                "institutionId",
                institution.id(),
                "studentId",
                studentId,
                "contractNo",
                "contract-" + orderId,
                "course",
                course);
    }

    protected Http.Response placeOrder(
            String orderId, Institution institution, String studentId, Map<String, Object> course) {
        return http.post("/v1/orders", Tokens.platform(), order(orderId, institution, studentId, course));
    }

    protected Map<String, Object> collection(
            String bankTxnId, String orderId, long amountFen, String custodyAccountNo) {
        return Map.of(
                "bankTxnId",
                bankTxnId,
                "orderId",
                orderId,
                "amountFen",
                amountFen,
                "custodyAccountNo",
                custodyAccountNo,
                "receivedAt",
                OffsetDateTime.now(clock).toString());
    }

    protected Http.Response collect(String orderId, long amountFen, String custodyAccountNo) {
        return http.post(
                "/v1/bank/collections", Tokens.bank(), collection(id("txn"), orderId, amountFen, custodyAccountNo));
    }

    /** Places an order and has the bank pay it in full; returns the order id. */
    protected String paidOrder(Institution institution, String studentId, Map<String, Object> course) {
        String orderId = id("order");
        Http.Response placed = placeOrder(orderId, institution, studentId, course);
        assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
        Http.Response paid = collect(orderId, placed.body().get("amountFen").asLong(), institution.custodyAccountNo());
        assertThat(paid.body().path("status").asText()).as(paid.toString()).isEqualTo("APPLIED");
        return orderId;
    }

    /** How long the lessons of {@link #lesson} give each class hour: enough for an offline or online one. */
    protected static final int CLASS_HOUR_MINUTES = 45;

    /**
     * A lesson that could have happened: {@code hours} class hours of {@value #CLASS_HOUR_MINUTES} minutes
     * from 10:00 Beijing time on the ledger's next day. The shared clock moves a minute past its end, so
     * the lesson is reported once delivered, after payments made before it and after the student's
     * earlier lessons, and inside a course that starts tomorrow (see {@link #course(String, long, int)}).
     */
    protected Map<String, Object> lesson(String lessonId, int hours) {
        OffsetDateTime start = today().plusDays(1).atTime(10, 0).atOffset(java.time.ZoneOffset.ofHours(8));
        OffsetDateTime end = start.plusMinutes((long) CLASS_HOUR_MINUTES * hours);
        clock.advance(Duration.between(clock.instant(), end.toInstant().plusSeconds(60)));
        return Map.of("lessonId", lessonId, "hours", hours, "startedAt", start.toString(), "endedAt", end.toString());
    }

    /**
     * An offline lesson of one class hour tomorrow from 20:10 to 20:55 Beijing time (past 20:30, a
     * violation), with the clock moved past its end so that it can be reported.
     */
    protected Map<String, Object> lateLessonReport(String lessonId) {
        OffsetDateTime start = today().plusDays(1).atTime(20, 10).atOffset(java.time.ZoneOffset.ofHours(8));
        OffsetDateTime end = start.plusMinutes(CLASS_HOUR_MINUTES);
        clock.advance(Duration.between(clock.instant(), end.toInstant().plusSeconds(60)));
        return Map.of("lessonId", lessonId, "hours", 1, "startedAt", start.toString(), "endedAt", end.toString());
    }

    protected Http.Response reportLesson(Institution institution, String orderId, Map<String, Object> lesson) {
        return http.post("/v1/orders/" + orderId + "/lessons", Tokens.institution(institution.id()), lesson);
    }

    protected JsonNode order(String orderId) {
        Http.Response order = http.get("/v1/orders/" + orderId, Tokens.platform());
        assertThat(order.status()).as(order.toString()).isEqualTo(200);
        return order.body();
    }

    /**
     * Waits until the journal has caught up with every event stored so far. The journal's head is a
     * row in the database, written by whichever application context's writer holds it.
     */
    protected void awaitLedger() {
        Long stored = db.select(DSL.max(DSL.field(DSL.name("globalindex"), Long.class)))
                .from(DSL.table(DSL.name("domainevententry")))
                .fetchOne(0, Long.class);
        long head = stored == null ? 0 : stored;
        Awaitility.await("the journal reaches event " + head)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> db.resultQuery("select position from journal_head").fetchOne(0, Long.class) >= head);
    }

    /**
     * Holds the journal writers' advisory lock from a connection of its own until closed: every writer, in
     * whatever context, finds it locked and writes nothing, so the journal falls behind the commands.
     */
    protected AutoCloseable journalPaused() throws java.sql.SQLException {
        TestDatabase.Connection target = TestDatabase.get();
        java.sql.Connection connection =
                java.sql.DriverManager.getConnection(target.url(), target.user(), target.password());
        connection.setAutoCommit(false);
        try (var statement = connection.createStatement()) {
            statement.execute("select pg_advisory_xact_lock(" + JOURNAL_WRITER_LOCK + ")");
        }
        return () -> {
            connection.rollback();
            connection.close();
        };
    }

    /**
     * Projects the journal again from the first event, as an operator would: its tables emptied and its
     * head set back to the start, under the head's lock, then waits for the writer to catch up.
     */
    protected void rebuildJournal() {
        db.transaction(tx -> {
            tx.dsl().execute("select pg_advisory_xact_lock(" + JOURNAL_WRITER_LOCK + ")");
            tx.dsl().execute("truncate journal_posting, journal_entry, account_balance");
            tx.dsl()
                    .execute(
                            "update journal_head set position = 0, last_seq = 0, last_hash = ?, "
                                    + "complete_until = '1970-01-01T00:00:00Z'",
                            (Object) new byte[32]);
        });
        awaitLedger();
    }

    /** Locks the order's row in the open transaction of {@code connection}; returns the locking session's pid. */
    protected static long lockOrderRow(Connection connection, String orderId) throws SQLException {
        connection.setAutoCommit(false);
        try (var lock = connection.prepareStatement(
                "select pg_backend_pid() from course_order where order_id = ? for update")) {
            lock.setString(1, orderId);
            try (var row = lock.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        }
    }

    /** Returns once some session waits on a lock the session {@code pid} holds. */
    protected void awaitBlockedBy(long pid) {
        Awaitility.await("a session waits on the lock")
                .atMost(Duration.ofSeconds(10))
                .until(() -> db.resultQuery(
                                        "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))",
                                        pid)
                                .fetchOne(0, Integer.class)
                        > 0);
    }

    /** Every stored row of the journal, its postings, the balances and the head, as text, in a fixed order. */
    protected List<String> journalAsStored() {
        List<String> rows = new ArrayList<>();
        rows.addAll(db.resultQuery("select row(e.*)::text from journal_entry e order by seq")
                .fetch(0, String.class));
        rows.addAll(db.resultQuery("select row(p.*)::text from journal_posting p order by seq, line")
                .fetch(0, String.class));
        rows.addAll(db.resultQuery("select row(b.*)::text from account_balance b order by account_code")
                .fetch(0, String.class));
        rows.addAll(db.resultQuery("select row(position, last_seq, last_hash)::text from journal_head")
                .fetch(0, String.class));
        return rows;
    }

    /** A refusal: the status, an RFC 9457 problem body, and the stable code. */
    protected static void assertRefused(Http.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }

    /**
     * The institution's settlement as its own accountant reads it: every {@code ...Fen} figure,
     * after asserting the invariant that custody cash equals the liabilities beside it.
     */
    protected Map<String, Long> settlement(Institution institution) {
        Http.Response settlement =
                http.get("/v1/institutions/" + institution.id() + "/settlement", Tokens.institution(institution.id()));
        assertThat(settlement.status()).as(settlement.toString()).isEqualTo(200);
        Map<String, Long> fen = new java.util.TreeMap<>();
        settlement.body().fields().forEachRemaining(f -> {
            if (f.getKey().endsWith("Fen")) {
                fen.put(f.getKey(), f.getValue().asLong());
            }
        });
        assertThat(fen.get("custodyFen"))
                .as("custody equals the liabilities beside it: " + fen)
                .isEqualTo(fen.get("liabilitiesFen"));
        return fen;
    }

    /**
     * Everything the ledger has recorded of the world, to show that a refused request recorded nothing.
     * The answers kept under idempotency keys are not in it: a refused create keeps its refusal as the
     * answer to its id (see {@code IdempotencyApiTest}), which changes nothing in the books.
     */
    protected Map<String, Integer> footprint() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String table :
                new String[] {"domainevententry", "institution", "course_order", "lesson", "bank_collection"}) {
            counts.put(table, db.fetchCount(DSL.table(DSL.name(table))));
        }
        return counts;
    }
}
