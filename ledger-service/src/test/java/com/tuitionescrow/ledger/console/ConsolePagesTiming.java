package com.tuitionescrow.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Browser;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * How fast the console's pages answer on a ledger of 1 000 institutions and 100 000 journal entries.
 * Not part of the suite (its name matches no test pattern): it writes the ledger of
 * {@code console/timing-ledger.sql}, then times every page in the real browser (opened from its
 * address, and drawn again) and the API calls each page makes. Run it alone:
 *
 * <pre>mvn -B verify -pl ledger-service -am -Dcodegen.schema=ledger_codegen_console_speed -Dtest=ConsolePagesTiming \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dtiming.institutions=1000 -Dtiming.orders=25]</pre>
 */
class ConsolePagesTiming extends LedgerIntegrationTest {

    private static final int INSTITUTIONS = Integer.getInteger("timing.institutions", 1000);
    private static final int ORDERS = Integer.getInteger("timing.orders", 25);
    private static final int SAMPLES = 20;
    private static final ExecutorService READERS = Executors.newFixedThreadPool(6);

    @Test
    void time_every_page_on_a_large_ledger() throws Exception {
        long seedStart = System.nanoTime();
        List<String> schools = seed();
        long entries = db.fetchCount(DSL.table("journal_entry"));
        System.out.printf(
                "SEEDED %d institutions, %d journal entries, %d orders, %d lessons in %d s%n",
                db.fetchCount(DSL.table("institution")),
                entries,
                db.fetchCount(DSL.table("course_order")),
                db.fetchCount(DSL.table("lesson")),
                Duration.ofNanos(System.nanoTime() - seedStart).toSeconds());

        Map<String, List<Long>> api = new LinkedHashMap<>();
        Map<String, List<Long>> pages = new LinkedHashMap<>();
        try (Browser browser = Browser.start(port)) {
            browser.timeDrawing();
            for (int sample = 0; sample < SAMPLES; sample++) {
                String school = schools.get((sample * 37) % schools.size());
                String order = db.fetchValue(
                                "select order_id from course_order where institution_id = '" + school + "' limit 1")
                        .toString();
                api.computeIfAbsent(
                                "regulator home: /v1/audit/institutions/ranking, the riskiest 50",
                                k -> new ArrayList<>())
                        .add(millis(() -> ok("/v1/audit/institutions/ranking?limit=50")));
                api.computeIfAbsent(
                                "regulator home, filtered: /v1/audit/institutions/ranking?q=", k -> new ArrayList<>())
                        .add(millis(() -> ok("/v1/audit/institutions/ranking?limit=50&q=" + school)));
                api.computeIfAbsent("institution page: its 8 reads at once", k -> new ArrayList<>())
                        .add(millis(() -> institutionReads(school)));
                for (String search : List.of(
                        "",
                        "institutionId=" + school,
                        "orderId=" + order,
                        "accountCode=CUSTODY_CASH:" + school,
                        "type=LessonConfirmed",
                        "from="
                                + OffsetDateTime.now(clock)
                                        .minusHours(1)
                                        .toString()
                                        .replace("+", "%2B"))) {
                    api.computeIfAbsent("journal search " + search.replaceAll("=.*", ""), k -> new ArrayList<>())
                            .add(millis(() -> ok("/v1/audit/journal/search?limit=50&" + search)));
                }
                timePage(
                        browser,
                        "regulator home (the riskiest 50)",
                        Tokens.regulator(),
                        "/institutions",
                        "institutions",
                        pages);
                timePage(
                        browser,
                        "institution page, as the regulator",
                        Tokens.regulator(),
                        "/institutions/" + school,
                        "institution",
                        pages);
                timePage(
                        browser,
                        "institution home, as the institution",
                        Tokens.institution(school),
                        "/institutions/" + school,
                        "institution",
                        pages);
                timePage(browser, "journal (its first 50 entries)", Tokens.regulator(), "/journal", "journal", pages);
            }
        }

        System.out.println("LOAD AVERAGE " + loadAverage());
        System.out.println(
                "PAGES IN THE BROWSER (until painted, timed in the page), ms: p50 / p95 / max over " + SAMPLES);
        pages.forEach((name, times) -> System.out.println("  " + name + ": " + summary(times)));
        System.out.println("API CALLS OF EACH PAGE (as the page makes them), ms: p50 / p95 / max over " + SAMPLES);
        api.forEach((name, times) -> System.out.println("  " + name + ": " + summary(times)));
        assertThat(entries).isGreaterThanOrEqualTo((long) INSTITUTIONS * ORDERS * 4);
    }

    // ---------------------------------------------------------------- seeding

    /** Writes the large ledger of timing-ledger.sql; returns its institutions. */
    private List<String> seed() throws IOException {
        String script;
        try (InputStream in = getClass().getResourceAsStream("/console/timing-ledger.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(":institutions", String.valueOf(INSTITUTIONS))
                    .replace(":orders", String.valueOf(ORDERS));
        }
        db.connection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(script);
                statement.execute("analyze");
            }
        });
        return db.fetch("select institution_id from institution order by institution_id")
                .getValues(0, String.class);
    }

    // ---------------------------------------------------------------- timing

    /**
     * The page opened from its address (scripts, libraries and data), then drawn again as a user moving
     * back to it; each timed by the page's own clock until painted (see {@link Browser#timeDrawing}).
     */
    private void timePage(
            Browser browser, String name, String token, String route, String page, Map<String, List<Long>> times) {
        browser.signIn(token, route);
        browser.awaitPage(page);
        times.computeIfAbsent(name + ", opened", k -> new ArrayList<>()).add(painted(browser, page, "0"));
        if (times.get(name + ", opened").size() == SAMPLES) {
            System.out.println("WHAT " + name + " LOADED WHEN OPENED (last sample), ms from navigation: start +"
                    + " duration, bytes over the wire\n" + browser.script(RESOURCES));
        }
        browser.redraw();
        browser.awaitPage(page);
        times.computeIfAbsent(name + ", drawn again", k -> new ArrayList<>())
                .add(painted(browser, page, "window.consoleRedrawn"));
    }

    /** The page's document, scripts, styles and API calls as its Resource Timing saw them, one a line. */
    private static final String RESOURCES = "const n = performance.getEntriesByType('navigation')[0];"
            + "return ['  document ' + Math.round(n.responseEnd) + ' ms, DOMContentLoaded '"
            + " + Math.round(n.domContentLoadedEventEnd) + ', load ' + Math.round(n.loadEventEnd)]"
            + ".concat(performance.getEntriesByType('resource').map(r => '  ' + r.name.replace(location.origin, '')"
            + " + ' ' + Math.round(r.startTime) + ' + ' + Math.round(r.duration) + ', ' + r.transferSize)).join('\\n');";

    /** Milliseconds from {@code start} (by the page's clock) until the page was painted. */
    private static long painted(Browser browser, String page, String start) {
        Object millis = browser.asyncScript(
                "const start = " + start + ";"
                        + "const done = arguments[arguments.length - 1];"
                        + "const look = () => { const drawn = window.consoleDrawn.find(d => d.page === arguments[0]);"
                        + "  if (drawn) done(Math.round(drawn.painted - start)); else setTimeout(look, 5); };"
                        + "look();",
                page);
        return ((Number) millis).longValue();
    }

    private void institutionReads(String id) {
        parallelReads(List.of(
                "/v1/institutions/" + id,
                "/v1/institutions/" + id + "/settlement",
                "/v1/institutions/" + id + "/custody-history",
                "/v1/institutions/" + id + "/weekly-activity?weeks=12",
                "/v1/lessons?institutionId=" + id + "&limit=1000",
                "/v1/refunds?institutionId=" + id + "&limit=1000",
                "/v1/reconciliations?institutionId=" + id + "&limit=20",
                "/v1/audit/violations?institutionId=" + id + "&limit=100"));
    }

    /** As a browser makes them: at most six at a time to one host. */
    private void parallelReads(List<String> paths) {
        List<CompletableFuture<JsonNode>> reads = paths.stream()
                .map(path -> CompletableFuture.supplyAsync(() -> ok(path), READERS))
                .toList();
        reads.forEach(CompletableFuture::join);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private JsonNode ok(String path) {
        Http.Response response = http.get(path, Tokens.regulator());
        assertThat(response.status()).as(path + " " + response).isEqualTo(200);
        return response.body();
    }

    private static long millis(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    private static String summary(List<Long> times) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) + " / " + sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1) + " / "
                + sorted.get(sorted.size() - 1);
    }
}
