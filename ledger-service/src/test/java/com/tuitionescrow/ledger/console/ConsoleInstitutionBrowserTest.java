package com.tuitionescrow.ledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tuitionescrow.ledger.support.Browser;
import com.tuitionescrow.ledger.support.Tokens;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** An institution's console: its own books and work, and nobody else's, whatever it types into the address bar. */
class ConsoleInstitutionBrowserTest extends ConsoleBrowserTest {

    @Test
    void given_known_books_when_the_school_signs_in_then_its_home_shows_its_settlement_and_work_to_the_fen() {
        KnownBooks books = knownBooks("阳光钢琴艺术学校");
        String token = Tokens.institution(books.school().id());
        JsonNode settlement = api("/v1/institutions/" + books.school().id() + "/settlement", token);
        JsonNode refund = api("/v1/refunds/" + books.refundId(), token);
        Browser browser = browser();

        browser.signIn(token, "/");
        browser.awaitPage("institution");

        assertThat(browser.currentUrl())
                .endsWith("/console/#/institutions/" + books.school().id());
        assertThat(browser.text("#institution-name")).isEqualTo("阳光钢琴艺术学校");
        for (String figure :
                List.of("custodyFen", "releasableFen", "heldBackFen", "disbursingFen", "awaitingConfirmationFen")) {
            WebElement shown = browser.find("[data-figure=" + figure + "]");
            assertThat(shown.getAttribute("data-fen"))
                    .as(figure)
                    .isEqualTo(settlement.get(figure).asText());
            assertThat(shown.getText())
                    .as(figure)
                    .isEqualTo(yuan(settlement.get(figure).asLong()) + " 元");
        }
        assertThat(browser.text("[data-figure=custodyFen]")).isEqualTo("4,012.34 元");
        assertThat(browser.all(".on-the-way [data-figure]"))
                .extracting(e -> e.getAttribute("data-figure"))
                .containsExactly("releasableFen", "heldBackFen", "disbursingFen");
        String refundRow = "table.refunds tr[data-refund='" + books.refundId() + "'] ";
        assertThat(browser.text(refundRow + ".fen")).isEqualTo("1,000.00");
        assertThat(browser.text(refundRow + ".deadline"))
                .isEqualTo(beijing(refund.get("answerBy").asText()));
        assertThat(browser.text("table.disputes")).contains(books.disputedLesson(), "老师提前离开");
        assertThat(browser.all("table.disputes button"))
                .as("rulings are the regulator's")
                .isEmpty();
        assertThat(browser.all("#wind-down")).isEmpty();
        assertThat(browser.all("table.violations"))
                .as("the violations list is the regulator's")
                .isEmpty();
        assertThat(browser.text("main"))
                .as("a section left out leaves nothing behind")
                .doesNotContain("null");
        assertNoConsoleErrors();
    }

    @Test
    void given_a_refund_awaiting_its_answer_when_the_school_approves_it_in_the_console_then_the_api_has_it_approved() {
        KnownBooks books = knownBooks("晨曦书法");
        Browser browser = browser();
        browser.signIn(Tokens.institution(books.school().id()), "/");
        browser.awaitPage("institution");

        browser.click("tr[data-refund='" + books.refundId() + "'] button[data-action=APPROVE]");
        browser.click("#confirm-ok");
        browser.awaitGone("tr[data-refund='" + books.refundId() + "'] button[data-action=APPROVE]");

        assertThat(api("/v1/refunds/" + books.refundId(), Tokens.regulator())
                        .get("status")
                        .asText())
                .isEqualTo("APPROVED");
    }

    @Test
    void given_another_schools_pages_then_the_server_refuses_them_whatever_the_address_or_the_call() {
        KnownBooks mine = knownBooks("蓝海体育");
        KnownBooks theirs = knownBooks("星辰编程");
        Browser browser = browser();
        browser.signIn(
                Tokens.institution(mine.school().id()),
                "/institutions/" + theirs.school().id());
        browser.awaitPage("institution");

        assertThat(browser.text("#message")).startsWith("无权查看：403 FORBIDDEN");
        assertThat(browser.all("[data-figure]")).isEmpty();
        assertThat(browser.text("main")).doesNotContain("星辰编程", theirs.refundId(), "4,012.34");
        assertThat(browser.all("#nav a")).extracting(WebElement::getText).containsExactly("本机构");

        browser.route("/institutions");
        browser.awaitPage("institutions");
        assertThat(browser.text("#message")).startsWith("无权查看：403 FORBIDDEN");
        assertThat(browser.all("table.institutions")).isEmpty();

        browser.route("/journal");
        browser.awaitPage("journal");
        assertThat(browser.text("#message")).startsWith("无权查看：403 FORBIDDEN");
        assertThat(browser.all("table.journal")).isEmpty();

        String other = theirs.school().id();
        assertThat(List.of(
                        browser.fetchStatus("/v1/institutions/" + other + "/settlement"),
                        browser.fetchStatus("/v1/institutions/" + other + "/custody-history"),
                        browser.fetchStatus("/v1/institutions/" + other + "/weekly-activity"),
                        browser.fetchStatus("/v1/lessons?institutionId=" + other),
                        browser.fetchStatus("/v1/refunds?institutionId=" + other),
                        browser.fetchStatus("/v1/reconciliations?institutionId=" + other),
                        browser.fetchStatus("/v1/audit/institutions")))
                .containsExactly(403L, 403L, 403L, 403L, 403L, 403L, 403L);
        assertThat(browser.fetchStatus("/v1/refunds/" + theirs.refundId()))
                .as("another's refund is not revealed")
                .isEqualTo(404);
        assertThat(browser.fetchStatus("/v1/institutions/" + mine.school().id() + "/settlement"))
                .isEqualTo(200);
    }

    @Test
    void given_a_token_of_another_role_or_a_forged_one_then_the_console_offers_no_pages_and_forgets_it() {
        Browser browser = browser();
        browser.signIn(Tokens.platform(), "/");
        browser.awaitPage("no-role");
        assertThat(browser.text("main")).contains("本控制台服务于监管部门和培训机构");

        browser.click("#sign-out");
        browser.awaitPage("sign-in");
        assertThat(browser.script("return sessionStorage.getItem('ledger.console.token')"))
                .isNull();

        browser.type("#token", "not-a-token");
        browser.click("#sign-in");
        assertThat(browser.text("#message")).isEqualTo("这不是有效的访问令牌。");
        String forged = Tokens.sign(
                "a-secret-the-ledger-does-not-hold-0123456789",
                claims -> claims.subject("forger")
                        .claim("roles", List.of("REGULATOR"))
                        .expirationTime(Date.from(Instant.now().plusSeconds(600))));
        browser.type("#token", forged);
        browser.click("#sign-in");
        browser.awaitText("#message", "会话已失效，请重新登录。");
        assertThat(browser.find("body").getAttribute("data-ready")).isEqualTo("sign-in");
        assertThat(browser.all("table.institutions")).isEmpty();
        assertThat(browser.script("return sessionStorage.getItem('ledger.console.token')"))
                .isNull();
    }

    private static String beijing(String iso) {
        return java.time.OffsetDateTime.parse(iso)
                .atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm"));
    }
}
