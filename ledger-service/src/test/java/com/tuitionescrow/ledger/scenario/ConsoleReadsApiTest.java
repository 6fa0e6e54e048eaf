package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The reads the console's pages are made of: work queues of lessons and refunds, custody over time,
 * activity by week, journal search, and the regulator's table, each to the fen and each held to the
 * caller's institution.
 */
class ConsoleReadsApiTest extends LedgerIntegrationTest {

    /** An institution with books a regulator would look at twice: one of each open case, a breach, suspense. */
    private record Books(
            Institution school,
            String orderId,
            String disputedLesson,
            String waitingLesson,
            String refundedOrder,
            String refundId) {}

    private Books books() {
        Institution school = newInstitution();
        String student = id("stu");
        String orderId = paidOrder(school, student, course("piano", 15_000, 20));
        String disputed = id("lesson");
        assertThat(reportLesson(school, orderId, lateLessonReport(disputed)).status())
                .isEqualTo(201);
        assertThat(http.post(
                                "/v1/lessons/" + disputed + "/confirmation",
                                Tokens.platform(),
                                Map.of("decision", "DISPUTE", "reason", "the teacher left early"))
                        .status())
                .isEqualTo(200);
        String waiting = id("lesson");
        assertThat(reportLesson(school, orderId, lesson(waiting, 2)).status()).isEqualTo(201);
        String refundedOrder = paidOrder(school, id("stu"), course("violin", 10_000, 10));
        String refundId = id("refund");
        assertThat(http.post(
                                "/v1/orders/" + refundedOrder + "/refunds",
                                Tokens.platform(),
                                Map.of("refundId", refundId, "reason", "moving"))
                        .status())
                .isEqualTo(201);
        assertThat(collect(id("no-such-order"), 1_234, school.custodyAccountNo())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("SUSPENSE");
        awaitLedger();
        return new Books(school, orderId, disputed, waiting, refundedOrder, refundId);
    }

    @Test
    void given_open_cases_then_the_lessons_and_refunds_lists_show_them_to_the_regulator_and_their_institution_only() {
        Books books = books();
        Institution other = newInstitution();

        JsonNode lessons =
                ok(http.get("/v1/lessons?institutionId=" + books.school().id(), Tokens.regulator()));
        JsonNode disputes = ok(http.get(
                "/v1/lessons?institutionId=" + books.school().id() + "&status=DISPUTED",
                Tokens.institution(books.school().id())));
        JsonNode ownByDefault =
                ok(http.get("/v1/refunds", Tokens.institution(books.school().id())));
        JsonNode othersOwn = ok(http.get("/v1/refunds", Tokens.institution(other.id())));

        assertThat(ids(lessons, "lessonId")).containsExactlyInAnyOrder(books.disputedLesson(), books.waitingLesson());
        assertThat(ids(disputes, "lessonId")).containsExactly(books.disputedLesson());
        JsonNode disputed = disputes.get("items").get(0);
        assertThat(disputed.get("amountFen").asLong()).isEqualTo(15_000);
        assertThat(disputed.get("violations").get(0).asText()).isEqualTo("OFFLINE_AFTER_2030");
        assertThat(disputed.get("disputeReason").asText()).isEqualTo("the teacher left early");
        assertThat(ids(ownByDefault, "refundId")).containsExactly(books.refundId());
        assertThat(ownByDefault.get("items").get(0).get("amountFen").asLong()).isEqualTo(100_000);
        assertThat(ownByDefault.get("items").get(0).get("answerBy").asText()).isNotEmpty();
        assertThat(othersOwn.get("items")).isEmpty();
        assertRefused(
                http.get("/v1/lessons?institutionId=" + books.school().id(), Tokens.institution(other.id())),
                403,
                "FORBIDDEN");
        assertRefused(
                http.get("/v1/refunds?institutionId=" + books.school().id(), Tokens.institution(other.id())),
                403,
                "FORBIDDEN");
    }

    @Test
    void given_lessons_then_a_page_of_one_follows_the_deadlines_to_the_last() {
        Books books = books();
        String path = "/v1/lessons?limit=1&institutionId=" + books.school().id();

        JsonNode first = ok(http.get(path, Tokens.regulator()));
        JsonNode second = ok(http.get(path + "&afterId=" + first.get("next").asText(), Tokens.regulator()));
        JsonNode third = ok(http.get(path + "&afterId=" + second.get("next").asText(), Tokens.regulator()));

        JsonNode whole =
                ok(http.get("/v1/lessons?institutionId=" + books.school().id(), Tokens.regulator()));
        assertThat(List.of(
                        ids(first, "lessonId").get(0), ids(second, "lessonId").get(0)))
                .isEqualTo(ids(whole, "lessonId"))
                .containsExactlyInAnyOrder(books.disputedLesson(), books.waitingLesson());
        assertThat(third.get("items")).isEmpty();
        assertThat(third.has("next")).isFalse();
    }

    @Test
    void given_money_in_and_out_then_the_custody_history_closes_each_day_on_the_settlement() {
        Books books = books();
        String path = "/v1/institutions/" + books.school().id() + "/custody-history";

        JsonNode history = ok(http.get(path + "?from=" + today().minusDays(6) + "&to=" + today(), Tokens.regulator()));
        JsonNode own = ok(http.get(path, Tokens.institution(books.school().id())));

        assertThat(history.get("openingFen").asLong()).isZero();
        assertThat(history.get("days")).hasSize(7);
        JsonNode lastDay = history.get("days").get(6);
        assertThat(lastDay.get("date").asText()).isEqualTo(today().toString());
        // The scenario's lessons move the clock a day each, so its money came in over the last days.
        long inFen = 0;
        for (JsonNode day : history.get("days")) {
            inFen += day.get("inFen").asLong();
        }
        assertThat(inFen).isEqualTo(300_000 + 100_000 + 1_234);
        assertThat(lastDay.get("closingFen").asLong())
                .isEqualTo(settlement(books.school()).get("custodyFen"));
        assertThat(own.get("days")).hasSize(90);
        assertRefused(http.get(path, Tokens.institution(newInstitution().id())), 403, "FORBIDDEN");
        assertRefused(
                http.get(path + "?from=" + today() + "&to=" + today().minusDays(1), Tokens.regulator()),
                400,
                "VALIDATION_FAILED");
        assertRefused(
                http.get(path + "?from=" + today().minusDays(366) + "&to=" + today(), Tokens.regulator()),
                400,
                "VALIDATION_FAILED");
        assertRefused(
                http.get("/v1/institutions/" + newCreditCode() + "/custody-history", Tokens.regulator()),
                404,
                "NOT_FOUND");
    }

    @Test
    void given_lessons_and_a_release_then_the_weekly_activity_adds_up_to_them() {
        Books books = books();
        assertThat(http.post(
                                "/v1/lessons/" + books.waitingLesson() + "/confirmation",
                                Tokens.platform(),
                                Map.of("decision", "CONFIRM"))
                        .status())
                .isEqualTo(200);
        assertThat(http.post(
                                "/v1/lessons/" + books.disputedLesson() + "/resolution",
                                Tokens.regulator(),
                                Map.of("outcome", "CONSUMED", "reason", "delivered"))
                        .status())
                .isEqualTo(200);
        assertThat(http.post("/v1/disbursements/run", Tokens.regulator(), Map.of())
                        .status())
                .isEqualTo(200);

        JsonNode weekly = ok(http.get(
                "/v1/institutions/" + books.school().id() + "/weekly-activity?weeks=2",
                Tokens.institution(books.school().id())));

        assertThat(weekly.get("weeks")).hasSize(2);
        assertThat(weekly.get("weeks").get(1).get("weekStart").asText())
                .isEqualTo(today().minusDays(today().getDayOfWeek().getValue() - 1L)
                        .toString());
        assertThat(sum(weekly, "lessons")).isEqualTo(2);
        assertThat(sum(weekly, "lessonHours")).isEqualTo(3);
        assertThat(sum(weekly, "lessonFen")).isEqualTo(45_000);
        assertThat(sum(weekly, "lessonsWithViolations")).isEqualTo(1);
        assertThat(sum(weekly, "instructedFen")).isEqualTo(45_000);
        assertThat(sum(weekly, "disbursedFen")).isZero();
        assertRefused(
                http.get("/v1/institutions/" + books.school().id() + "/weekly-activity?weeks=54", Tokens.regulator()),
                400,
                "VALIDATION_FAILED");
    }

    @Test
    void given_entries_then_the_journal_search_finds_them_by_order_institution_account_type_and_time() {
        Books books = books();
        String search = "/v1/audit/journal/search?";

        JsonNode byOrder = ok(http.get(search + "orderId=" + books.orderId(), Tokens.regulator()));
        JsonNode collections = ok(http.get(
                search + "institutionId=" + books.school().id() + "&type=CollectionApplied", Tokens.regulator()));
        JsonNode suspense =
                ok(http.get(search + "accountCode=SUSPENSE:" + books.school().id(), Tokens.regulator()));
        OffsetDateTime now = OffsetDateTime.now(clock);
        JsonNode future = ok(http.get(
                search + "institutionId=" + books.school().id() + "&from="
                        + now.plusDays(1).toString().replace("+", "%2B"),
                Tokens.regulator()));

        assertThat(types(byOrder)).containsExactly("CollectionApplied", "LessonReported", "LessonReported");
        assertThat(types(collections)).containsExactly("CollectionApplied", "CollectionApplied");
        assertThat(collections.get("items").get(0).get("postings").findValuesAsText("debitFen"))
                .contains("300000");
        assertThat(types(suspense)).containsExactly("SuspenseReceiptRecorded");
        assertThat(future.get("items")).isEmpty();
        assertRefused(http.get(search + "accountCode=NO_SUCH_TYPE:x", Tokens.regulator()), 400, "VALIDATION_FAILED");
        assertRefused(http.get(search + "type=a%20b", Tokens.regulator()), 400, "VALIDATION_FAILED");
        assertRefused(
                http.get(
                        search + "orderId=" + books.orderId(),
                        Tokens.institution(books.school().id())),
                403,
                "FORBIDDEN");
    }

    @Test
    void given_cases_and_a_statement_short_of_the_ledger_then_the_overview_shows_them_with_the_difference() {
        Books books = books();
        String day = today().toString();
        Http.Response statement =
                http.postRaw("/v1/bank/statements", Tokens.bank(), oneDay(books.school(), 0, 100_000), "text/csv");
        assertThat(statement.status()).as(statement.toString()).isEqualTo(201);

        JsonNode overview = overview(books.school());

        assertThat(overview.get("custodyFen").asLong()).isEqualTo(401_234);
        assertThat(overview.get("suspenseFen").asLong()).isEqualTo(1_234);
        assertThat(overview.get("unconsumedFen").asLong()).isEqualTo(300_000 - 45_000 + 100_000);
        assertThat(overview.get("violations").asLong()).isEqualTo(1);
        assertThat(overview.get("violationsByRule")).hasSize(1);
        assertThat(overview.get("violationsByRule").get("OFFLINE_AFTER_2030").asLong())
                .isEqualTo(1);
        assertThat(overview.get("openDisputes").asLong()).isEqualTo(1);
        assertThat(overview.get("openRefunds").asLong()).isEqualTo(1);
        JsonNode last = overview.get("lastStatement");
        assertThat(last.get("statementId").asText())
                .isEqualTo(statement.body().get("statementId").asText());
        assertThat(last.get("toDate").asText()).isEqualTo(day);
        assertThat(last.get("bankClosingFen").asLong()).isEqualTo(100_000);
        assertThat(last.get("ledgerClosingFen").asLong()).isEqualTo(401_234);
        assertThat(last.get("differenceFen").asLong()).isEqualTo(100_000 - 401_234);
        assertThat(last.get("reconciled").asBoolean()).isFalse();
        assertThat(OffsetDateTime.parse(last.get("reconciledAt").asText()))
                .isEqualTo(
                        OffsetDateTime.parse(statement.body().get("receivedAt").asText()));
        assertThat(overview.get("covered").asBoolean())
                .as("the ledger's 401 234 cover the 355 000 unconsumed, but the bank holds 301 234 less")
                .isFalse();
        JsonNode none = overview(newInstitution());
        assertThat(none.has("lastStatement")).as("no statement yet").isFalse();
        assertThat(none.get("covered").asBoolean())
                .as("nothing owed, nothing held")
                .isTrue();
    }

    @Test
    void given_a_statement_that_matches_the_ledger_then_the_overview_shows_no_difference_and_coverage() {
        Institution school = newInstitution();
        paidOrder(school, id("stu"), course("piano", 15_000, 20));
        Http.Response statement =
                http.postRaw("/v1/bank/statements", Tokens.bank(), oneDay(school, 0, 300_000), "text/csv");
        assertThat(statement.status()).as(statement.toString()).isEqualTo(201);

        JsonNode overview = overview(school);

        JsonNode last = overview.get("lastStatement");
        assertThat(last.get("bankClosingFen").asLong()).isEqualTo(300_000);
        assertThat(last.get("ledgerClosingFen").asLong()).isEqualTo(300_000);
        assertThat(last.get("differenceFen").asLong()).isZero();
        assertThat(overview.get("covered").asBoolean()).isTrue();
    }

    @Test
    void given_institutions_of_every_risk_then_the_ranking_pages_them_riskiest_first_with_the_totals_of_the_filter() {
        String tag = "ranking-" + id("t");
        Books books = books();
        Institution risky = books.school();
        assertThat(http.postRaw("/v1/bank/statements", Tokens.bank(), oneDay(risky, 0, 100_000), "text/csv")
                        .status())
                .isEqualTo(201);
        Institution suspended = newInstitution(tag + " suspended");
        assertThat(http.post(
                                "/v1/institutions/" + suspended.id() + "/status",
                                Tokens.regulator(),
                                Map.of("status", "SUSPENDED", "reason", "fire inspection"))
                        .status())
                .isEqualTo(200);
        Institution quiet = newInstitution(tag + " quiet");
        awaitLedger();

        // The risky school is found by its code, the others by the tag in their names, whatever its case.
        JsonNode alone = ranking("q=" + risky.id().toLowerCase(Locale.ROOT));
        assertThat(alone.get("matching").asInt()).isEqualTo(1);
        assertThat(alone.get("items").get(0).get("risk").asLong())
                .as("bank short of the ledger 100, custody short at the bank 100, unreconciled 20,"
                        + " a violation 2, suspense 3, a dispute and a refund 2")
                .isEqualTo(227);
        assertThat(alone.get("custodyFen").asLong()).isEqualTo(401_234);
        assertThat(alone.get("unconsumedFen").asLong()).isEqualTo(300_000 - 45_000 + 100_000);
        assertThat(alone.get("violations").asLong()).isEqualTo(1);

        JsonNode first = ranking("q=" + tag.toUpperCase(Locale.ROOT) + "&limit=1");
        assertThat(ids(first)).containsExactly(suspended.id());
        assertThat(first.get("items").get(0).get("risk").asLong()).isEqualTo(30);
        assertThat(first.get("offset").asInt()).isZero();
        assertThat(first.get("next").asInt()).isEqualTo(1);
        assertThat(first.get("matching").asInt()).isEqualTo(2);
        assertThat(first.get("institutions").asInt()).isGreaterThanOrEqualTo(3);
        JsonNode second =
                ranking("q=" + tag + "&limit=1&offset=" + first.get("next").asInt());
        assertThat(ids(second)).containsExactly(quiet.id());
        assertThat(second.get("items").get(0).get("risk").asLong()).isZero();
        assertThat(second.has("next")).as("the last page").isFalse();

        assertThat(ids(ranking("q=" + tag + "&riskyOnly=true"))).containsExactly(suspended.id());
        assertThat(ids(ranking("q=" + tag + "&status=ACTIVE"))).containsExactly(quiet.id());
        assertThat(ids(ranking("q=" + tag + "&sort=NAME&descending=false")))
                .containsExactly(quiet.id(), suspended.id());
        assertThat(ids(ranking("q=" + tag + "&sort=RISK&descending=false")))
                .containsExactly(quiet.id(), suspended.id());
        JsonNode everyOne = ranking("limit=1000");
        List<Long> risks = new ArrayList<>();
        everyOne.get("items").forEach(item -> risks.add(item.get("risk").asLong()));
        assertThat(risks).as("the riskiest first").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ids(everyOne)).contains(risky.id(), suspended.id(), quiet.id());
        assertThat(ids(everyOne).indexOf(risky.id())).isLessThan(ids(everyOne).indexOf(suspended.id()));

        assertThat(http.get("/v1/audit/institutions/ranking?sort=SIZE", Tokens.regulator())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/v1/audit/institutions/ranking?offset=-1", Tokens.regulator())
                        .status())
                .isEqualTo(400);
        assertThat(http.get("/v1/audit/institutions/ranking", Tokens.institution(quiet.id()))
                        .status())
                .isEqualTo(403);
    }

    private JsonNode ranking(String parameters) {
        return ok(http.get("/v1/audit/institutions/ranking?" + parameters, Tokens.regulator()));
    }

    private static List<String> ids(JsonNode ranking) {
        List<String> ids = new ArrayList<>();
        ranking.get("items").forEach(item -> ids.add(item.get("institutionId").asText()));
        return ids;
    }

    /** A CSV statement of today with no entries: the bank's opening and closing balances only. */
    private String oneDay(Institution school, long openingFen, long closingFen) {
        String prefix = school.custodyAccountNo() + "," + today() + ",";
        return "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n"
                + prefix + "OPBD," + openingFen + ",,BOOK,false\n"
                + prefix + "CLBD," + closingFen + ",,BOOK,false\n";
    }

    private JsonNode overview(Institution school) {
        String justBefore = db.fetchValue(DSL.select(DSL.max(DSL.field("institution_id", String.class)))
                .from(DSL.table("institution"))
                .where(DSL.field("institution_id").lt(school.id())));
        JsonNode page = ok(http.get(
                "/v1/audit/institutions?limit=1" + (justBefore == null ? "" : "&afterId=" + justBefore),
                Tokens.regulator()));
        JsonNode overview = page.get("items").get(0);
        assertThat(overview.get("institutionId").asText()).isEqualTo(school.id());
        return overview;
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }

    private static List<String> types(JsonNode page) {
        return ids(page, "type");
    }

    private static long sum(JsonNode weekly, String field) {
        long sum = 0;
        for (JsonNode week : weekly.get("weeks")) {
            sum += week.get(field).asLong();
        }
        return sum;
    }
}
