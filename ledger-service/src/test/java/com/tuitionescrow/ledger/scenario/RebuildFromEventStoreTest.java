package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.CheckedScenario;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.TestDatabase;
import com.tuitionescrow.ledger.support.Tokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every projection is a function of the event store: a history driven over HTTP, with a transaction
 * that commits after a later one, is projected again from the stored events by the production
 * handlers, and every table comes back row for row (money to the fen, hashes byte for byte). The
 * class has a database of its own, so that what it rebuilds is its own history, whole.
 */
class RebuildFromEventStoreTest extends CheckedScenario {

    /** The read models the processors' handlers write, rebuilt by feeding them the stored events. */
    private static final List<String> READ_MODELS =
            List.of("institution", "course_order", "lesson", "refund", "bank_collection", "bank_instruction");

    /** The journal, rebuilt by its writer from the first event. */
    private static final List<String> JOURNAL =
            List.of("journal_entry", "journal_posting", "account_balance", "journal_head");

    /**
     * What is not derived from events, by design: Axon's own tables and Flyway's; the first answers
     * kept under idempotency keys; the bank's statements and their findings; the bookkeeping of long
     * operations and scheduled jobs; and the signed checkpoints, which a rebuilt journal is held to.
     */
    private static final List<String> NOT_DERIVED = List.of(
            "domainevententry",
            "snapshotevententry",
            "tokenentry",
            "sagaentry",
            "associationvalueentry",
            "deadletterentry",
            "flyway_schema_history",
            "idempotency_record",
            "reconciliation",
            "reconciliation_finding",
            "long_operation",
            "scheduled_job_run",
            "journal_checkpoint");

    /**
     * Columns of a read model that are not in any event: the place in the bank's list is taken from a
     * sequence, and the transaction that wrote the row from PostgreSQL, when the row is written. A
     * rebuild gives the same order of the list, with other numbers.
     */
    private static final Set<String> NOT_DERIVED_COLUMNS =
            Set.of("bank_instruction.list_seq", "bank_instruction.list_xid");

    private static TestDatabase.Connection own;

    @DynamicPropertySource
    static void databaseOfItsOwn(DynamicPropertyRegistry registry) {
        registry.add("ledger.test.database-url", () -> own().url());
    }

    private static synchronized TestDatabase.Connection own() {
        if (own == null) {
            own = TestDatabase.another();
        }
        return own;
    }

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private EventStorageEngine storage;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void
            given_a_whole_history_with_a_late_commit_when_every_projection_is_rebuilt_from_the_event_store_then_every_row_is_the_same()
                    throws Exception {
        assertThat(db.fetchValue("select current_database()"))
                .isEqualTo(own().url().replaceAll(".*/", ""));
        Institution piano = school();
        Institution chess = school();
        Paid first = soldAndPaid(piano, id("stu"), course("piano", 15_000, 20));
        String lateOrder = sell(piano, id("stu"), course("violin", 12_000, 10));
        String laterOrder = sell(chess, id("stu"), course("chess", 10_000, 10));
        LateCommit late = paidWhileAnotherCommits(piano, lateOrder, chess, laterOrder);
        assertThat(late.heldIndex())
                .as("the late collection took its index before the other payment and committed after it")
                .isLessThan(late.laterIndex());

        String confirmed = teach(piano, first.orderId(), 2);
        confirm(confirmed);
        String disputed = teach(piano, first.orderId(), 1);
        dispute(disputed);
        rule(disputed, "CONSUMED");
        String reversed = teach(chess, laterOrder, 2);
        dispute(reversed);
        rule(reversed, "REVERSED");
        confirm(teach(chess, laterOrder, 1));
        payIntoSuspense(piano, id("order"), 12_345, "ORDER_UNKNOWN");
        String refundId = requestRefund(lateOrder).get("refundId").asText();
        execute(approve(piano, refundId).get("instructionId").asText());
        JsonNode run = run();
        execute(disbursementFor(run, piano).get("instructionId").asText());
        fail(disbursementFor(run, chess).get("instructionId").asText());
        for (JsonNode instruction : instructionsFor(run, piano)) {
            if (instruction.get("kind").asText().equals("SUSPENSE_RETURN")) {
                execute(instruction.get("instructionId").asText());
            }
        }
        windDown(chess);
        Http.Response published = http.post("/v1/audit/checkpoints", Tokens.regulator(), Map.of());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        String kept = "?checkpointSeq=" + published.body().get("seq").asLong() + "&checkpointHash="
                + published.body().get("hash").asText();
        awaitLedger();

        assertThat(tables())
                .as("every table is rebuilt here or named as not derived from events")
                .isEqualTo(new TreeSet<>(Stream.of(READ_MODELS, JOURNAL, NOT_DERIVED)
                        .flatMap(List::stream)
                        .toList()));
        Map<String, List<String>> readModels = readModelsAsStored();
        List<String> bankList = bankListOrder();
        List<String> journal = journalAsStored();
        assertThat(readModels.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());

        rebuildReadModels();
        rebuildJournal();

        Map<String, List<String>> rebuilt = readModelsAsStored();
        for (String table : READ_MODELS) {
            assertThat(rebuilt.get(table)).as(table).containsExactlyElementsOf(readModels.get(table));
        }
        assertThat(bankListOrder()).as("the bank's list, in its order").isEqualTo(bankList);
        assertThat(journalAsStored()).as("the journal").containsExactlyElementsOf(journal);
        Http.Response verification = http.get("/v1/audit/verification" + kept, Tokens.regulator());
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        for (String holds : List.of(
                "chainIntact",
                "balanced",
                "replayMatches",
                "eventsMatch",
                "headMatches",
                "checkpointsHold",
                "givenCheckpointHolds")) {
            assertThat(verification.body().get(holds).asBoolean())
                    .as(holds + " " + verification)
                    .isTrue();
        }
    }

    /** The global indexes of a collection whose transaction was held open and of one that committed meanwhile. */
    private record LateCommit(long heldIndex, long laterIndex) {}

    /**
     * Pays {@code heldOrder} in a transaction held open after its event took its global index (the
     * order's row is locked, so marking it paid waits), while {@code otherOrder} is paid and commits.
     */
    private LateCommit paidWhileAnotherCommits(
            Institution heldSchool, String heldOrder, Institution otherSchool, String otherOrder) throws Exception {
        String heldTxn = id("txn");
        String laterTxn = id("txn");
        try (Connection orderLock = DriverManager.getConnection(own().url(), own().user(), own().password())) {
            long lockHolder = lockOrderRow(orderLock, heldOrder);
            long heldAmount = order(heldOrder).get("amountFen").asLong();
            CompletableFuture<Http.Response> held = CompletableFuture.supplyAsync(() -> http.post(
                    "/v1/bank/collections",
                    Tokens.bank(),
                    collection(heldTxn, heldOrder, heldAmount, heldSchool.custodyAccountNo())));
            awaitBlockedBy(lockHolder);
            Http.Response later = http.post(
                    "/v1/bank/collections",
                    Tokens.bank(),
                    collection(
                            laterTxn,
                            otherOrder,
                            order(otherOrder).get("amountFen").asLong(),
                            otherSchool.custodyAccountNo()));
            assertThat(later.body().path("status").asText())
                    .as(later.toString())
                    .isEqualTo("APPLIED");
            orderLock.commit();
            Http.Response paid = held.get(10, TimeUnit.SECONDS);
            assertThat(paid.body().path("status").asText()).as(paid.toString()).isEqualTo("APPLIED");
        }
        books("a collection committed after a later one");
        return new LateCommit(globalIndexOf(heldTxn), globalIndexOf(laterTxn));
    }

    private long globalIndexOf(String bankTxnId) {
        return db.resultQuery(
                        "select min(globalindex) from domainevententry where convert_from(payload, 'UTF8') like ?",
                        "%\"" + bankTxnId + "\"%")
                .fetchSingle(0, Long.class);
    }

    /**
     * Empties the read models and feeds every stored event, in the order of the global index, to the
     * handlers of every event processor of the application, in one transaction. The foreign keys wait
     * for the end of it (the reports of bank statements refer to institutions, and are kept).
     */
    private void rebuildReadModels() {
        List<? extends TrackedEventMessage<?>> stored;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            stored = events.toList();
        }
        List<EventHandlerInvoker> handlers = processing.eventProcessors().values().stream()
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker())
                .toList();
        assertThat(handlers).isNotEmpty();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            db.execute("set local session_replication_role = replica");
            READ_MODELS.forEach(table -> db.execute("delete from " + table));
            for (TrackedEventMessage<?> event : stored) {
                ResultMessage<?> handled = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
                    for (EventHandlerInvoker handler : handlers) {
                        if (handler.canHandle(event, Segment.ROOT_SEGMENT)) {
                            handler.handle(event, Segment.ROOT_SEGMENT);
                        }
                    }
                    return null;
                });
                if (handled.isExceptional()) {
                    throw new AssertionError(
                            "projecting " + event.getPayloadType().getSimpleName() + " " + event.trackingToken(),
                            handled.exceptionResult());
                }
            }
        });
    }

    /** The base tables of the ledger's schema. */
    private Set<String> tables() {
        return new TreeSet<>(db.resultQuery("select table_name from information_schema.tables "
                        + "where table_schema = current_schema() and table_type = 'BASE TABLE'")
                .fetch(0, String.class));
    }

    /** Each read model's rows as stored (every column derived from events), as text, sorted. */
    private Map<String, List<String>> readModelsAsStored() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : READ_MODELS) {
            List<String> columns = new ArrayList<>();
            db
                    .resultQuery(
                            "select column_name from information_schema.columns "
                                    + "where table_schema = current_schema() and table_name = ? order by ordinal_position",
                            table)
                    .fetch(0, String.class)
                    .stream()
                    .filter(column -> !NOT_DERIVED_COLUMNS.contains(table + "." + column))
                    .forEach(columns::add);
            tables.put(
                    table,
                    db.resultQuery("select row(" + String.join(", ", columns) + ")::text from " + table + " order by 1")
                            .fetch(0, String.class));
        }
        return tables;
    }

    private List<String> bankListOrder() {
        return db.resultQuery("select instruction_id from bank_instruction order by list_seq")
                .fetch(0, String.class);
    }
}
