package com.tuitionescrow.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Browser;
import com.tuitionescrow.ledger.support.Tokens;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A regulator's console: the institutions table, an institution's page, the journal, and the actions taken by hand. */
class ConsoleRegulatorBrowserTest extends ConsoleBrowserTest {

    @Test
    void given_known_books_when_a_regulator_signs_in_then_the_table_shows_the_apis_figures_to_the_fen() {
        KnownBooks books = knownBooks("阳光钢琴艺术学校");
        JsonNode api = overview(books.school());
        Browser browser = browser();

        browser.signIn(Tokens.regulator(), "/institutions");
        browser.awaitPage("institutions");
        browser.type("#filter", books.school().id());

        String row = "tr[data-institution='" + books.school().id() + "'] ";
        assertThat(browser.currentUrl())
                .as("the token is out of the address at once")
                .doesNotContain("token");
        assertThat(browser.text(row + "[data-column=name] a")).isEqualTo("阳光钢琴艺术学校");
        assertThat(browser.text(row + "[data-column=status]")).isEqualTo("正常");
        assertFen(row + "[data-column=custodyFen]", api.get("custodyFen").asLong(), 401_234);
        assertFen(row + "[data-column=unconsumedFen]", api.get("unconsumedFen").asLong(), 300_000 - 45_000 + 100_000);
        assertFen(row + "[data-column=suspenseFen]", api.get("suspenseFen").asLong(), 1_234);
        assertFen(
                row + "[data-column=bankFen]",
                api.get("lastStatement").get("bankClosingFen").asLong(),
                300_000);
        assertFen(
                row + "[data-column=differenceFen]",
                api.get("lastStatement").get("differenceFen").asLong(),
                -101_234);
        assertThat(browser.text(row + "[data-column=violations]"))
                .startsWith("1")
                .contains("线下课晚于20:30 1");
        assertThat(browser.text(row + "[data-column=openDisputes]")).isEqualTo("1");
        assertThat(browser.text(row + "[data-column=openRefunds]")).isEqualTo("1");
        assertThat(browser.text(row + "[data-column=lastStatement]")).isEqualTo(today() + " · 未对平");
        assertThat(browser.text(row + "[data-column=risk]"))
                .as("a statement short of the ledger is a high risk")
                .isEqualTo("高");
        assertNoConsoleErrors();
    }

    @Test
    void given_the_table_open_when_a_school_breaks_a_lesson_time_rule_then_the_breach_appears_in_its_row() {
        Institution school = newInstitution("晨曦书法");
        String orderId = paidOrder(school, id("stu"), course("calligraphy", 8_000, 10));
        awaitLedger();
        Browser browser = browser();
        browser.signIn(Tokens.regulator(), "/institutions");
        browser.awaitPage("institutions");
        browser.type("#filter", school.id());
        String violations = "tr[data-institution='" + school.id() + "'] [data-column=violations]";
        assertThat(browser.find(violations).getAttribute("data-count")).isEqualTo("0");
        String risk = "tr[data-institution='" + school.id() + "'] [data-column=risk]";
        int riskBefore = Integer.parseInt(browser.find(risk).getAttribute("data-risk"));

        lateLesson(school, orderId);
        browser.route("/journal");
        browser.awaitPage("journal");
        browser.route("/institutions");
        browser.awaitPage("institutions");
        browser.type("#filter", school.id());

        assertThat(browser.find(violations).getAttribute("data-count")).isEqualTo("1");
        assertThat(browser.text(violations)).contains("线下课晚于20:30 1");
        assertThat(Integer.parseInt(browser.find(risk).getAttribute("data-risk")))
                .isGreaterThan(riskBefore);
        assertThat(browser.all("table.institutions tbody tr"))
                .as("the filter leaves the one school")
                .hasSize(1);
    }

    @Test
    void given_a_name_with_markup_then_the_console_shows_it_as_text_and_runs_none_of_it() {
        String name = "<img src=x onerror=\"window.injected=1\"><script>window.injected=2</script>星光美术";
        Institution school = newInstitution(name);
        Browser browser = browser();

        browser.signIn(Tokens.regulator(), "/institutions/" + school.id());
        browser.awaitPage("institution");
        assertThat(browser.text("#institution-name")).isEqualTo(name);
        browser.route("/institutions");
        browser.awaitPage("institutions");
        browser.type("#filter", school.id());

        assertThat(browser.text("tr[data-institution='" + school.id() + "'] [data-column=name] a"))
                .isEqualTo(name);
        assertThat(browser.all("main img, main script")).isEmpty();
        assertThat(browser.script("return window.injected === undefined")).isEqualTo(true);
    }

    @Test
    void given_an_institutions_page_then_its_settlement_matches_the_api_and_a_ruling_goes_through_the_api() {
        KnownBooks books = knownBooks("蓝海体育");
        JsonNode settlement = api("/v1/institutions/" + books.school().id() + "/settlement", Tokens.regulator());
        Browser browser = browser();

        browser.signIn(Tokens.regulator(), "/institutions/" + books.school().id());
        browser.awaitPage("institution");

        for (String figure : List.of(
                "custodyFen",
                "prepaidFen",
                "awaitingConfirmationFen",
                "releasableFen",
                "heldBackFen",
                "disbursingFen",
                "suspenseFen",
                "liabilitiesFen")) {
            WebElement shown = browser.find("[data-figure=" + figure + "]");
            assertThat(shown.getAttribute("data-fen"))
                    .as(figure)
                    .isEqualTo(settlement.get(figure).asText());
            assertThat(shown.getText())
                    .as(figure)
                    .isEqualTo(yuan(settlement.get(figure).asLong()) + " 元");
        }
        assertThat(browser.text("[data-figure=releasableFen]")).isEqualTo("300.00 元");
        assertThat(browser.find("#custody-chart canvas")).isNotNull();
        assertThat(browser.find("#custody-chart").getAttribute("data-points")).isEqualTo("90");
        assertThat(browser.find("#weekly-chart canvas")).isNotNull();
        assertThat(browser.text("table.violations")).contains(books.disputedLesson(), "线下课晚于20:30");
        assertThat(browser.text("table.refunds")).contains(books.refundId(), "1,000.00", "待机构答复");
        assertThat(browser.text("table.reports")).contains("3,000.00", "4,012.34");

        browser.click("tr[data-lesson='" + books.disputedLesson() + "'] button[data-action=CONSUMED]");
        browser.click("#confirm-ok");
        assertThat(browser.text(".dialog-error"))
                .as("a ruling states its reason")
                .isEqualTo("理由");
        browser.type("#confirm-fields textarea[name=reason]", "双方陈述后认定已上课");
        browser.click("#confirm-ok");
        browser.awaitGone("table.disputes tr[data-lesson='" + books.disputedLesson() + "']");

        assertThat(api("/v1/orders/" + books.pianoOrder(), Tokens.regulator())
                        .get("lessons")
                        .findValuesAsText("status"))
                .contains("RESOLVED_CONSUMED");
        assertNoConsoleErrors();
    }

    @Test
    void given_a_wind_down_then_it_asks_for_the_institutions_code_before_anything_changes() {
        KnownBooks books = knownBooks("星辰编程");
        Browser browser = browser();
        browser.signIn(Tokens.regulator(), "/institutions/" + books.school().id());
        browser.awaitPage("institution");

        browser.click("#wind-down");
        browser.type("#confirm-fields input[name=typedId]", "91000000000000000X");
        browser.type("#confirm-fields textarea[name=reason]", "经营异常");
        browser.click("#confirm-ok");
        assertThat(browser.text(".dialog-error")).isEqualTo("输入的代码与该机构不符。");
        assertThat(api("/v1/institutions/" + books.school().id(), Tokens.regulator())
                        .get("status")
                        .asText())
                .isEqualTo("ACTIVE");

        browser.type("#confirm-fields input[name=typedId]", books.school().id());
        browser.click("#confirm-ok");
        browser.awaitText("#institution-status", "关停清退中");

        assertThat(api("/v1/institutions/" + books.school().id(), Tokens.regulator())
                        .get("status")
                        .asText())
                .isEqualTo("WINDING_DOWN");
        assertThat(browser.text("#message")).startsWith("已进入关停清退");
    }

    @Test
    void given_the_journal_then_a_search_by_order_shows_its_entries_and_the_verification_proves_the_chain() {
        KnownBooks books = knownBooks("启明数学");
        JsonNode entries = api("/v1/audit/journal/search?orderId=" + books.pianoOrder(), Tokens.regulator())
                .get("items");
        Browser browser = browser();
        browser.signIn(Tokens.regulator(), "/journal");
        browser.awaitPage("journal");

        browser.type("#q-order", books.pianoOrder());
        browser.click("#search");
        browser.awaitText(
                "table.journal tbody tr[data-seq='" + entries.get(0).get("seq").asText() + "'] td.type",
                entries.get(0).get("type").asText());

        assertThat(browser.all("table.journal > tbody > tr")).hasSize(entries.size());
        String firstHash = browser.find("table.journal td.hash code.current").getAttribute("data-hash");
        assertThat(firstHash).isEqualTo(entries.get(0).get("hash").asText());
        assertThat(browser.text("table.journal"))
                .contains("CUSTODY_CASH:" + books.school().id(), "3,000.00");

        browser.click("#verify");
        browser.awaitText("#verification", "哈希链完整");
        assertThat(browser.find("#verification-result").getAttribute("data-verified"))
                .isEqualTo("true");
        long journalEntries = db.fetchCount(DSL.table("journal_entry"));
        browser.click("#export");
        browser.awaitText("#message", "已导出分录：");
        assertThat(Long.parseLong(browser.text("#message").replace("已导出分录：", "")))
                .isGreaterThanOrEqualTo(journalEntries);
        assertNoConsoleErrors();
    }

    @Test
    void given_english_chosen_then_labels_and_amounts_read_in_english_with_the_same_fen() {
        KnownBooks books = knownBooks("Harbour Music");
        Browser browser = browser();
        browser.signIn(Tokens.regulator(), "/institutions/" + books.school().id());
        browser.awaitPage("institution");

        browser.click("#language");
        browser.awaitText("#brand", "Prepaid tuition escrow ledger");
        browser.awaitText("[data-figure=custodyFen]", "¥4,012.34");

        assertThat(browser.text("[data-figure=custodyFen]")).isEqualTo("¥4,012.34");
        assertThat(browser.text("#wind-down")).isEqualTo("Wind down");
        browser.click("#language");
        browser.awaitText("[data-figure=custodyFen]", "4,012.34 元");
    }

    @Test
    void given_swagger_ui_then_it_shows_the_api_document_under_its_security_headers() {
        Browser browser = browser();
        browser.go("/swagger-ui.html");

        browser.awaitText(".information-container .title", "Prepaid tuition escrow ledger");
        assertThat(browser.text("#operations-tag-Audit")).isNotEmpty();
        assertNoConsoleErrors();
    }

    /** Also the README's picture of the regulator's home, written under target/console/. */
    @Test
    void given_a_scenario_of_several_schools_then_the_regulators_home_puts_the_risky_ones_first() {
        KnownBooks books = knownBooks("阳光钢琴艺术学校");
        Institution calm = newInstitution("晨曦书法");
        paidOrder(calm, id("stu"), course("calligraphy", 8_000, 10));
        Institution late = newInstitution("蓝海体育");
        lateLesson(late, paidOrder(late, id("stu"), course("swimming", 12_000, 20)));
        Institution suspended = newInstitution("星辰编程");
        paidOrder(suspended, id("stu"), course("coding", 20_000, 12));
        http.post(
                "/v1/institutions/" + suspended.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "SUSPENDED", "reason", "消防检查未通过"));
        awaitLedger();
        Browser browser = browser();
        browser.signIn(Tokens.regulator(), "/institutions");
        browser.awaitPage("institutions");
        drawEveryRow(browser);

        List<String> order = browser.all("table.institutions tbody tr").stream()
                .map(row -> row.getAttribute("data-institution"))
                .filter(List.of(books.school().id(), suspended.id(), late.id(), calm.id())::contains)
                .toList();
        browser.screenshot(Path.of("target", "console", "regulator-home.png"), 1600, 700);

        assertThat(order)
                .as("a statement short of the ledger, a suspension, a breach, then a quiet school")
                .containsExactly(books.school().id(), suspended.id(), late.id(), calm.id());
        assertThat(browser.text("main"))
                .as("no button to draw more leaves nothing behind")
                .doesNotContain("null");
    }

    @Test
    void given_more_institutions_than_a_page_then_the_riskiest_come_first_and_the_filter_finds_one_further_on() {
        Institution suspended = newInstitution("翻页测试 停业");
        http.post(
                "/v1/institutions/" + suspended.id() + "/status",
                Tokens.regulator(),
                Map.of("status", "SUSPENDED", "reason", "消防检查未通过"));
        for (int i = 0; i < PAGE + 5; i++) {
            newInstitution("翻页测试 " + i);
        }
        awaitLedger();
        JsonNode everyOne = api("/v1/audit/institutions/ranking?limit=1000", Tokens.regulator());
        JsonNode last = everyOne.get("items").get(everyOne.get("items").size() - 1);
        Browser browser = browser();

        browser.signIn(Tokens.regulator(), "/institutions");
        browser.awaitPage("institutions");

        List<WebElement> rows = browser.all("table.institutions tbody tr");
        assertThat(rows).as("one page is drawn").hasSize(PAGE);
        List<Integer> risks = rows.stream()
                .map(row -> Integer.parseInt(
                        row.findElement(By.cssSelector("[data-column=risk]")).getAttribute("data-risk")))
                .toList();
        assertThat(risks).as("the riskiest first").isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(risks.get(0))
                .isEqualTo(everyOne.get("items").get(0).get("risk").asInt());
        assertThat(rows.stream().map(row -> row.getAttribute("data-institution")))
                .as("a suspended school is among the riskiest")
                .contains(suspended.id())
                .doesNotContain(last.get("institutionId").asText());
        assertThat(browser.text("#more-institutions"))
                .isEqualTo("加载更多 (" + (everyOne.get("matching").asInt() - PAGE) + ")");
        assertThat(browser.text("#summary"))
                .contains(PAGE + " / " + everyOne.get("matching").asInt() + " / "
                        + everyOne.get("institutions").asInt());

        browser.type("#filter", last.get("institutionId").asText());
        browser.find("tr[data-institution='" + last.get("institutionId").asText() + "']");
        assertThat(browser.all("table.institutions tbody tr")).hasSize(1);
        assertThat(browser.all("#more-institutions")).isEmpty();

        browser.script(
                "const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'))");
        browser.find("#more-institutions");
        drawEveryRow(browser);
        assertThat(browser.all("table.institutions tbody tr"))
                .as("page after page, to the last")
                .hasSize(everyOne.get("matching").asInt());
        assertNoConsoleErrors();
    }

    /** The console's page of the regulator's table. */
    private static final int PAGE = 50;

    /** Asks for the next page until none is left, waiting for each to be drawn. */
    private static void drawEveryRow(Browser browser) {
        while (!browser.all("#more-institutions").isEmpty()) {
            int drawn = browser.all("table.institutions tbody tr").size();
            browser.click("#more-institutions");
            browser.awaitMoreThan("table.institutions tbody tr", drawn);
        }
    }

    private void assertFen(String css, long apiFen, long expectedFen) {
        assertThat(apiFen).as("the API's books for " + css).isEqualTo(expectedFen);
        WebElement cell = browser().find(css);
        assertThat(cell.getAttribute("data-fen")).as(css).isEqualTo(String.valueOf(apiFen));
        assertThat(cell.getText()).as(css).isEqualTo(yuan(apiFen));
    }
}
