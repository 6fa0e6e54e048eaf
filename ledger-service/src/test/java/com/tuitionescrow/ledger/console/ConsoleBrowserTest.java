package com.tuitionescrow.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Browser;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The console in a real headless Chromium against the running service: one browser per test class,
 * and books whose every figure is known, read back through the API to compare with what the pages show.
 */
abstract class ConsoleBrowserTest extends LedgerIntegrationTest {

    private static Browser browser;

    @BeforeEach
    void openBrowser() {
        if (browser == null) {
            browser = Browser.start(port);
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    protected Browser browser() {
        return browser;
    }

    /** 元 as the console shows it, computed here from the integer independently of the page: 401234 is 4,012.34. */
    protected static String yuan(long fen) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(BigDecimal.valueOf(fen, 2));
    }

    /**
     * A school with known books: 3,000 yuan paid for 20 hours of piano, a lesson of 2 hours confirmed,
     * a lesson of 1 hour that ended at 20:50 (a breach of the 20:30 rule) disputed, 1,000 yuan paid for
     * violin with its refund waiting for the school's answer, and 12.34 yuan in suspense. The bank's
     * statement of today shows only the piano payment: 1,012.34 yuan short of the ledger.
     */
    protected record KnownBooks(
            Institution school,
            String pianoOrder,
            String confirmedLesson,
            String disputedLesson,
            String violinOrder,
            String refundId) {}

    protected KnownBooks knownBooks(String name) {
        Institution school = newInstitution(name);
        String student = id("stu");
        String piano = paidOrder(school, student, course("piano", 15_000, 20));
        String confirmed = id("lesson");
        assertThat(reportLesson(school, piano, lesson(confirmed, 2)).status()).isEqualTo(201);
        answer(confirmed, Map.of("decision", "CONFIRM"));
        String disputed = lateLesson(school, piano);
        answer(disputed, Map.of("decision", "DISPUTE", "reason", "老师提前离开"));
        String violin = paidOrder(school, id("stu"), course("violin", 10_000, 10));
        String refundId = id("refund");
        assertThat(http.post(
                                "/v1/orders/" + violin + "/refunds",
                                Tokens.platform(),
                                Map.of("refundId", refundId, "reason", "搬家"))
                        .status())
                .isEqualTo(201);
        assertThat(collect(id("no-such-order"), 1_234, school.custodyAccountNo())
                        .body()
                        .get("status")
                        .asText())
                .isEqualTo("SUSPENSE");
        awaitLedger();
        String pianoPayment = db.fetchValue("select bank_txn_id from bank_collection where order_id = ?", piano)
                .toString();
        String day = today().toString();
        String account = school.custodyAccountNo();
        Http.Response statement = http.postRaw(
                "/v1/bank/statements",
                Tokens.bank(),
                "custodyAccountNo,bookingDate,kind,amountFen,bankRef,status,reversal\n"
                        + account + "," + day + ",OPBD,0,,BOOK,false\n"
                        + account + "," + day + ",CRDT,300000," + pianoPayment + ",BOOK,false\n"
                        + account + "," + day + ",CLBD,300000,,BOOK,false\n",
                "text/csv");
        assertThat(statement.status()).as(statement.toString()).isEqualTo(201);
        return new KnownBooks(school, piano, confirmed, disputed, violin, refundId);
    }

    /**
     * An offline lesson of one hour tomorrow from 20:10 to 20:55 Beijing time, reported once it has
     * ended: past 20:30, a violation.
     */
    protected String lateLesson(Institution school, String orderId) {
        String lessonId = id("lesson");
        Http.Response reported = reportLesson(school, orderId, lateLessonReport(lessonId));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        assertThat(reported.body().get("violations").get(0).asText()).isEqualTo("OFFLINE_AFTER_2030");
        return lessonId;
    }

    private void answer(String lessonId, Map<String, Object> answer) {
        Http.Response answered = http.post("/v1/lessons/" + lessonId + "/confirmation", Tokens.platform(), answer);
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
    }

    protected JsonNode api(String path, String token) {
        Http.Response response = http.get(path, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** The regulator's overview of one institution, as the API answers it. */
    protected JsonNode overview(Institution school) {
        String justBefore = db.fetchValue(DSL.select(DSL.max(DSL.field("institution_id", String.class)))
                .from(DSL.table("institution"))
                .where(DSL.field("institution_id").lt(school.id())));
        JsonNode overview = api(
                        "/v1/audit/institutions?limit=1" + (justBefore == null ? "" : "&afterId=" + justBefore),
                        Tokens.regulator())
                .get("items")
                .get(0);
        assertThat(overview.get("institutionId").asText()).isEqualTo(school.id());
        return overview;
    }

    /** Every browser error and Content-Security-Policy violation so far: there should be none. */
    protected void assertNoConsoleErrors() {
        assertThat(browser.consoleErrors())
                .as("errors in the browser's console")
                .isEmpty();
    }
}
