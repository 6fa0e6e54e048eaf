package com.tuitionescrow.ledger.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.tuitionescrow.ledger.support.Http;
import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Who may call what (docs/api.md, "Who may call what"): a bearer token HS256-signed with the ledger's
 * secret, with sub, roles, exp and, for an institution, its institution_id. Anything else is
 * {@code 401 UNAUTHENTICATED}; a valid token of the wrong role is {@code 403 FORBIDDEN}; an
 * institution sees only its own data. Refused requests change nothing, and the actor of every
 * change is recorded in the journal.
 */
class SecurityApiTest extends LedgerIntegrationTest {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    // ---- authentication -----------------------------------------------------------------------

    @Test
    void given_no_token_when_a_client_places_a_sale_then_it_is_unauthenticated_and_nothing_is_stored() {
        Institution school = newInstitution();
        Map<String, Integer> before = footprint();

        Http.Response response =
                http.post("/v1/orders", null, order(id("order"), school, id("stu"), course("piano", 15_000, 20)));

        assertUnauthenticated(response);
        assertThat(footprint()).isEqualTo(before);
    }

    @Test
    void given_no_token_when_a_client_reads_an_order_or_the_journal_then_it_is_unauthenticated() {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);

        assertUnauthenticated(http.get("/v1/orders/" + orderId, null));
        assertUnauthenticated(http.get("/v1/audit/journal", null));
        assertUnauthenticated(http.get("/v1/institutions/" + school.id() + "/settlement", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void given_a_bad_token_when_a_client_places_a_sale_with_it_then_it_is_unauthenticated_and_nothing_is_stored(
            Supplier<String> token) {
        Institution school = newInstitution();
        Map<String, Integer> before = footprint();

        Http.Response response = http.post(
                "/v1/orders", token.get(), order(id("order"), school, id("stu"), course("piano", 15_000, 20)));

        assertUnauthenticated(response);
        assertThat(footprint()).isEqualTo(before);
    }

    static Stream<Arguments> badTokens() {
        Instant now = Instant.now();
        return Stream.of(
                badToken(
                        "signed with another secret",
                        () -> Tokens.sign("another-secret-of-at-least-32-bytes-0123456789", platform(claims -> {}))),
                badToken(
                        "expired an hour ago",
                        () -> Tokens.sign(
                                Tokens.SECRET,
                                platform(claims -> claims.issueTime(Date.from(now.minus(Duration.ofHours(2))))
                                        .expirationTime(Date.from(now.minus(Duration.ofHours(1))))))),
                badToken(
                        "not valid before an hour from now",
                        () -> Tokens.sign(
                                Tokens.SECRET,
                                platform(claims -> claims.notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))))),
                badToken(
                        "alg none, unsigned",
                        () -> unsigned(
                                "{\"alg\":\"none\"}",
                                "{\"sub\":\"platform-1\",\"roles\":[\"PLATFORM\"],\"exp\":"
                                        + now.plus(Duration.ofHours(1)).getEpochSecond() + "}")),
                badToken("alg none, with the HS256 token's claims", () -> {
                    String[] valid = Tokens.platform().split("\\.");
                    return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + valid[1] + ".";
                }),
                badToken("claims altered after signing (PLATFORM made REGULATOR)", () -> {
                    String[] valid = Tokens.platform().split("\\.");
                    String claims = new String(Base64.getUrlDecoder().decode(valid[1]), StandardCharsets.UTF_8)
                            .replace("\"PLATFORM\"", "\"PLATFORM\",\"REGULATOR\"");
                    return valid[0] + "." + encode(claims) + "." + valid[2];
                }),
                badToken("signature removed", () -> {
                    String[] valid = Tokens.platform().split("\\.");
                    return valid[0] + "." + valid[1] + ".";
                }),
                badToken("not a JWT at all", () -> "platform-1"),
                badToken(
                        "without roles",
                        () -> Tokens.sign(
                                Tokens.SECRET,
                                claims -> claims.subject("platform-1")
                                        .expirationTime(Date.from(now.plus(Duration.ofHours(1)))))),
                badToken(
                        "with an empty roles list",
                        () -> Tokens.sign(Tokens.SECRET, platform(claims -> claims.claim("roles", List.of())))),
                badToken(
                        "with roles as a string, not a list",
                        () -> Tokens.sign(Tokens.SECRET, platform(claims -> claims.claim("roles", "PLATFORM")))),
                badToken(
                        "with an unknown role",
                        () -> Tokens.token("platform-1", List.of("PLATFORM", "SUPERUSER"), null)),
                badToken("with a role in lower case", () -> Tokens.token("platform-1", List.of("platform"), null)),
                badToken(
                        "INSTITUTION without institution_id",
                        () -> Tokens.token("staff-1", List.of("INSTITUTION"), null)),
                badToken(
                        "INSTITUTION with a malformed institution_id",
                        () -> Tokens.token("staff-1", List.of("INSTITUTION"), "not-a-credit-code")),
                badToken(
                        "without exp",
                        () -> Tokens.sign(
                                Tokens.SECRET,
                                claims -> claims.subject("platform-1")
                                        .claim("roles", List.of("PLATFORM"))
                                        .issueTime(new Date()))),
                badToken(
                        "without sub",
                        () -> Tokens.sign(
                                Tokens.SECRET,
                                claims -> claims.claim("roles", List.of("PLATFORM"))
                                        .expirationTime(Date.from(now.plus(Duration.ofHours(1)))))));
    }

    // ---- roles ----------------------------------------------------------------------------------

    @Test
    void given_a_platform_token_when_it_registers_an_institution_then_it_is_forbidden_and_nothing_is_registered() {
        String institutionId = newCreditCode();
        Map<String, Integer> before = footprint();

        Http.Response response = http.post(
                "/v1/institutions",
                Tokens.platform(),
                Map.of(
                        "institutionId",
                        institutionId,
                        "name",
                        "Institution " + institutionId,
                        "category",
                        "ARTS",
                        "supervisionModel",
                        "BANK_CUSTODY",
                        "custodyAccountNo",
                        newAccountNo()));

        assertForbidden(response);
        assertThat(footprint()).isEqualTo(before);
        assertThat(http.get("/v1/institutions/" + institutionId, Tokens.regulator())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void given_a_bank_token_when_it_places_a_sale_then_it_is_forbidden_and_nothing_is_stored() {
        Institution school = newInstitution();
        String orderId = id("order");
        Map<String, Integer> before = footprint();

        Http.Response response =
                http.post("/v1/orders", Tokens.bank(), order(orderId, school, id("stu"), course("piano", 15_000, 20)));

        assertForbidden(response);
        assertThat(footprint()).isEqualTo(before);
        assertThat(http.get("/v1/orders/" + orderId, Tokens.platform()).status())
                .isEqualTo(404);
    }

    @Test
    void given_an_institution_token_when_it_reports_a_collection_then_it_is_forbidden_and_the_order_stays_unpaid() {
        Institution school = newInstitution();
        String orderId = id("order");
        assertThat(placeOrder(orderId, school, id("stu"), course("piano", 15_000, 20))
                        .status())
                .isEqualTo(201);
        Map<String, Integer> before = footprint();

        Http.Response response = http.post(
                "/v1/bank/collections",
                Tokens.institution(school.id()),
                collection(id("txn"), orderId, 300_000, school.custodyAccountNo()));

        assertForbidden(response);
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(orderId).get("status").asText()).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void given_a_platform_token_when_it_reads_the_audit_journal_then_it_is_forbidden() {
        assertForbidden(http.get("/v1/audit/journal", Tokens.platform()));
        assertForbidden(http.get("/v1/audit/trial-balance", Tokens.bank()));
    }

    // ---- institution scope ------------------------------------------------------------------------

    @Test
    void given_two_institutions_when_one_reads_the_others_order_then_it_is_not_found_and_its_settlement_is_forbidden() {
        Institution mine = newInstitution();
        Institution theirs = newInstitution();
        String myOrder = paidOrder(mine, id("stu"), course("piano", 15_000, 20));
        String theirOrder = paidOrder(theirs, id("stu"), course("piano", 15_000, 20));
        String myToken = Tokens.institution(mine.id());

        Http.Response ownOrder = http.get("/v1/orders/" + myOrder, myToken);
        Http.Response otherOrder = http.get("/v1/orders/" + theirOrder, myToken);
        Http.Response ownSettlement = http.get("/v1/institutions/" + mine.id() + "/settlement", myToken);
        Http.Response otherSettlement = http.get("/v1/institutions/" + theirs.id() + "/settlement", myToken);

        assertThat(ownOrder.status()).as(ownOrder.toString()).isEqualTo(200);
        assertThat(otherOrder.status()).as(otherOrder.toString()).isEqualTo(404);
        assertThat(otherOrder.contentType()).startsWith("application/problem+json");
        assertThat(otherOrder.code()).isEqualTo("NOT_FOUND");
        assertThat(otherOrder.body().toString()).doesNotContain(theirs.id());
        assertThat(ownSettlement.status()).as(ownSettlement.toString()).isEqualTo(200);
        assertForbidden(otherSettlement);
        assertThat(otherSettlement.body().has("custodyFen")).isFalse();
    }

    @Test
    void
            given_an_institution_token_that_is_also_a_bank_token_when_it_reads_another_institution_then_its_bank_role_widens_nothing() {
        Institution mine = newInstitution();
        Institution theirs = newInstitution();
        String theirOrder = paidOrder(theirs, id("stu"), course("piano", 15_000, 20));
        String bankAndInstitution = Tokens.token("dual-" + mine.id(), List.of("BANK", "INSTITUTION"), mine.id());

        Http.Response otherInstitution = http.get("/v1/institutions/" + theirs.id(), bankAndInstitution);
        Http.Response otherSettlement = http.get("/v1/institutions/" + theirs.id() + "/settlement", bankAndInstitution);
        Http.Response otherOrder = http.get("/v1/orders/" + theirOrder, bankAndInstitution);
        Http.Response ownInstitution = http.get("/v1/institutions/" + mine.id(), bankAndInstitution);

        assertForbidden(otherInstitution);
        assertForbidden(otherSettlement);
        assertThat(otherOrder.status()).as(otherOrder.toString()).isEqualTo(404);
        assertThat(ownInstitution.status()).as(ownInstitution.toString()).isEqualTo(200);
    }

    @Test
    void
            given_two_institutions_when_one_reports_a_lesson_on_the_others_order_then_it_is_not_found_and_nothing_is_stored() {
        Institution mine = newInstitution();
        Institution theirs = newInstitution();
        String theirOrder = paidOrder(theirs, id("stu"), course("piano", 15_000, 20));
        Map<String, Integer> before = footprint();

        Http.Response response = reportLesson(mine, theirOrder, lesson(id("lesson"), 2));

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
        assertThat(footprint()).isEqualTo(before);
        assertThat(order(theirOrder).get("consumedHours").asInt()).isZero();
    }

    // ---- open and closed paths ---------------------------------------------------------------------

    @Test
    void given_no_token_when_an_operator_checks_health_then_it_is_up() {
        Http.Response health = http.get("/actuator/health", null);

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void given_no_token_when_an_integrator_reads_the_openapi_document_then_it_lists_the_orders_path() {
        Http.Response docs = http.get("/v3/api-docs", null);

        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        assertThat(docs.body().path("openapi").asText()).startsWith("3.");
        assertThat(docs.body().get("paths").has("/v1/orders"))
                .as("paths: " + docs.body().get("paths"))
                .isTrue();
        assertThat(docs.body().get("paths").get("/v1/orders").has("post")).isTrue();
    }

    @Test
    void given_a_valid_token_when_a_client_calls_a_path_the_ledger_does_not_list_then_it_is_denied() {
        assertForbidden(http.get("/v1/no-such-thing", Tokens.regulator()));
        assertForbidden(http.post("/v1/no-such-thing", Tokens.platform(), Map.of("a", 1)));
        assertForbidden(http.get("/actuator/env", Tokens.regulator()));
        assertUnauthenticated(http.get("/v1/no-such-thing", null));
    }

    // ---- the actor -------------------------------------------------------------------------------

    @Test
    void
            given_a_collection_reported_by_the_bank_when_the_regulator_reads_the_journal_then_the_entry_names_the_bank_as_its_actor() {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        Http.Response lesson = reportLesson(school, orderId, lesson(id("lesson"), 2));
        assertThat(lesson.status()).as(lesson.toString()).isEqualTo(201);
        awaitLedger();

        List<JsonNode> entries = journalOf(school);

        assertThat(entries)
                .extracting(e -> e.get("type").asText())
                .containsExactly("CollectionApplied", "LessonReported");
        assertThat(entries.get(0).get("actor").asText()).contains("bank-1");
        assertThat(entries.get(1).get("actor").asText()).contains("staff-of-" + school.id());
        assertThat(entries.get(0).get("postings"))
                .extracting(p -> p.get("accountCode").asText())
                .contains("CUSTODY_CASH:" + school.id());
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** The journal entries that post to the institution's accounts, in seq order. */
    private List<JsonNode> journalOf(Institution institution) {
        List<JsonNode> entries = new ArrayList<>();
        String afterSeq = "0";
        for (int page = 0; afterSeq != null; page++) {
            assertThat(page)
                    .as("the journal is read in a bounded number of pages")
                    .isLessThan(1_000);
            Http.Response response = http.get("/v1/audit/journal?limit=1000&afterSeq=" + afterSeq, Tokens.regulator());
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            response.body().get("items").forEach(entry -> {
                boolean ours = false;
                for (JsonNode posting : entry.get("postings")) {
                    ours |= posting.get("accountCode").asText().contains(":" + institution.id());
                }
                if (ours) {
                    entries.add(entry);
                }
            });
            afterSeq = response.body().path("next").isNull()
                            || response.body().path("next").isMissingNode()
                    ? null
                    : response.body().get("next").asText();
        }
        return entries;
    }

    private static Arguments badToken(String name, Supplier<String> token) {
        return Arguments.of(Named.of(name, token));
    }

    /** A PLATFORM token's claims, valid for an hour, with one change. */
    private static Consumer<JWTClaimsSet.Builder> platform(Consumer<JWTClaimsSet.Builder> change) {
        return claims -> {
            claims.subject("platform-1")
                    .claim("roles", List.of("PLATFORM"))
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))));
            change.accept(claims);
        };
    }

    private static String unsigned(String header, String claims) {
        return encode(header) + "." + encode(claims) + ".";
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthenticated(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
    }

    private static void assertForbidden(Http.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("FORBIDDEN");
    }
}
