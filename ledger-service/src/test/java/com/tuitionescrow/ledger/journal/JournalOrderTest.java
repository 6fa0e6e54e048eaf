package com.tuitionescrow.ledger.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.TestDatabase;
import com.tuitionescrow.ledger.support.Tokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The journal's order is the event store's global index, not the order in which transactions happen
 * to commit: an event whose transaction commits late still takes the seq its index gives it, an
 * {@code asOf} read waits for it, and projecting the journal again from the event store gives the same
 * entries, seq, hashes and balances.
 */
class JournalOrderTest extends LedgerIntegrationTest {

    /** Appends a copy of a stored event under a new id and aggregate, stamped with the transaction's now; returns the id. */
    private static String appendCopy(Connection connection, String eventId) throws SQLException {
        String copy = UUID.randomUUID().toString();
        try (var insert =
                connection.prepareStatement("insert into domainevententry (aggregateidentifier, sequencenumber, type, "
                        + "eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp) "
                        + "select ?, 0, type, ?, metadata, payload, payloadrevision, payloadtype, "
                        + "to_char(statement_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') "
                        + "from domainevententry where eventidentifier = ?")) {
            insert.setString(1, "copy-" + copy);
            insert.setString(2, copy);
            insert.setString(3, eventId);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        return copy;
    }

    private static Connection connect() throws SQLException {
        TestDatabase.Connection target = TestDatabase.get();
        return DriverManager.getConnection(target.url(), target.user(), target.password());
    }

    private String collectionEventOf(String orderId) {
        return db.resultQuery(
                        "select entry_id from journal_entry where order_id = ? and entry_type = 'CollectionApplied'",
                        orderId)
                .fetchOne(0, String.class);
    }

    private Long seqOf(String eventId) {
        return db.resultQuery("select seq from journal_entry where entry_id = ?", eventId)
                .fetchOne(0, Long.class);
    }

    @Test
    void
            given_a_transaction_that_commits_after_a_later_one_then_its_entry_keeps_its_place_and_a_rebuild_gives_the_same_journal()
                    throws Exception {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        awaitLedger();
        String collection = collectionEventOf(orderId);

        String early;
        String late;
        try (Connection slow = connect();
                Connection quick = connect()) {
            slow.setAutoCommit(false);
            early = appendCopy(slow, collection);
            late = appendCopy(quick, collection);
            Thread.sleep(1_000);
            assertThat(seqOf(late))
                    .as("the later event waits for the earlier index's transaction")
                    .isNull();
            slow.commit();
        }
        awaitLedger();

        assertThat(seqOf(early)).isNotNull();
        assertThat(seqOf(late)).isEqualTo(seqOf(early) + 1);
        assertThat(verify().get("chainIntact").asBoolean()).isTrue();

        List<String> before = journalAsStored();
        rebuildJournal();
        assertThat(journalAsStored()).isEqualTo(before);
    }

    @Test
    void given_a_transaction_still_open_then_a_read_as_of_a_moment_after_its_event_waits_for_it_and_never_changes()
            throws Exception {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        awaitLedger();
        String collection = collectionEventOf(orderId);
        String settlement = "/v1/institutions/" + school.id() + "/settlement?asOf=";

        try (Connection slow = connect()) {
            slow.setAutoCommit(false);
            appendCopy(slow, collection);
            Thread.sleep(50);
            String asOf =
                    Instant.now().atOffset(ZoneOffset.ofHours(8)).toString().replace("+", "%2B");
            CompletableFuture<Http.Response> read =
                    CompletableFuture.supplyAsync(() -> http.get(settlement + asOf, Tokens.regulator()));
            Thread.sleep(1_000);
            assertThat(read)
                    .as("the read waits while an event stamped before its moment may still commit")
                    .isNotDone();
            slow.commit();

            Http.Response first = read.get(10, TimeUnit.SECONDS);
            assertThat(first.status()).as(first.toString()).isEqualTo(200);
            assertThat(first.body().get("custodyFen").asLong())
                    .as("the late event is in it")
                    .isEqualTo(600_000);
            awaitLedger();
            assertThat(http.get(settlement + asOf, Tokens.regulator()).body()).isEqualTo(first.body());
        }
    }

    @Test
    void given_an_as_of_in_the_future_then_it_is_refused_and_nothing_is_read() {
        Institution school = newInstitution();
        String asOf = Instant.now()
                .plusSeconds(3_600)
                .atOffset(ZoneOffset.ofHours(8))
                .toString()
                .replace("+", "%2B");

        assertRefused(
                http.get("/v1/institutions/" + school.id() + "/settlement?asOf=" + asOf, Tokens.regulator()),
                422,
                "AS_OF_IN_FUTURE");
        assertRefused(http.get("/v1/audit/trial-balance?asOf=" + asOf, Tokens.regulator()), 422, "AS_OF_IN_FUTURE");
    }

    private com.fasterxml.jackson.databind.JsonNode verify() {
        Http.Response verification = http.get("/v1/audit/verification", Tokens.regulator());
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        return verification.body();
    }
}
