package com.tuitionescrow.ledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The books after a step of a scenario, read back over HTTP as a regulator and a bank would:
 * <ul>
 * <li>debits equal credits across the whole ledger (the trial balance);</li>
 * <li>for each institution of the scenario, custody cash equals the sum of its liabilities, and
 *     covers at least its students' unconsumed prepaid money (the Jiangsu rule);</li>
 * <li>money is in transit only while the bank has an instruction for it, or a regulator an
 *     UNDELIVERABLE one to resolve: each of the disbursement, refund and suspense-return in-transit
 *     accounts equals the sum of the institution's PENDING and UNDELIVERABLE instructions of its kind
 *     (so it is zero when there are none).</li>
 * </ul>
 * Only the institutions' in-transit money needs the bank's list, so the list is read only when some
 * is in transit: every bank GET signs the same empty body, and each signature may be used once.
 */
public final class BooksCheck {

    /** The bank's page size when it reads the pending list (the largest the ledger allows). */
    private static final int PAGE = 1000;
    /** Bounds the walk through the pending list: a ledger that never says "no next page" is a failure. */
    private static final int MAX_PAGES = 50;

    private static final Map<String, String> IN_TRANSIT_BY_KIND =
            Map.of("DISBURSEMENT", "disbursingFen", "REFUND", "refundingFen", "SUSPENSE_RETURN", "returningFen");

    private final Http http;
    private final Runnable awaitLedger;

    public BooksCheck(Http http, Runnable awaitLedger) {
        this.http = http;
        this.awaitLedger = awaitLedger;
    }

    /**
     * Waits for the journal, then asserts the invariants for these institutions; returns each one's
     * settlement, by institution id, as checked.
     */
    public Map<String, JsonNode> after(String step, Collection<String> institutionIds) {
        awaitLedger.run();
        Http.Response trial = http.get("/v1/audit/trial-balance", Tokens.regulator());
        assertThat(trial.status()).as(step + ": trial balance " + trial).isEqualTo(200);
        assertThat(trial.body().get("totalDebitFen").asLong())
                .as(step + ": debits equal credits")
                .isEqualTo(trial.body().get("totalCreditFen").asLong());
        assertThat(trial.body().get("balanced").asBoolean())
                .as(step + ": the trial balance says balanced")
                .isTrue();

        Map<String, JsonNode> settlements = new LinkedHashMap<>();
        Map<String, Map<String, Long>> pending = null;
        for (String institutionId : institutionIds) {
            Http.Response settlement =
                    http.get("/v1/institutions/" + institutionId + "/settlement", Tokens.regulator());
            assertThat(settlement.status())
                    .as(step + ": settlement " + settlement)
                    .isEqualTo(200);
            JsonNode books = settlement.body();
            String of = step + ": " + institutionId + " " + books;
            long custody = books.get("custodyFen").asLong();
            assertThat(custody)
                    .as(of + "\ncustody cash equals the liabilities")
                    .isEqualTo(books.get("liabilitiesFen").asLong());
            assertThat(books.get("covered").asBoolean()).as(of + "\ncovered").isTrue();
            assertThat(custody)
                    .as(of + "\ncustody covers the unconsumed prepaid money (Jiangsu)")
                    .isGreaterThanOrEqualTo(books.get("prepaidFen").asLong());
            assertThat(books.get("prepaidFen").asLong())
                    .as(of + "\nprepaid is never negative")
                    .isNotNegative();

            boolean inTransit = IN_TRANSIT_BY_KIND.values().stream()
                    .anyMatch(field -> books.get(field).asLong() != 0);
            if (inTransit) {
                if (pending == null) {
                    pending = pendingByInstitutionAndKind(step);
                    addUndeliverable(step, pending);
                }
                Map<String, Long> instructed = pending.getOrDefault(institutionId, Map.of());
                IN_TRANSIT_BY_KIND.forEach(
                        (kind, field) -> assertThat(books.get(field).asLong())
                                .as(of + "\n" + field + " is what PENDING and UNDELIVERABLE " + kind
                                        + " instructions carry: " + instructed)
                                .isEqualTo(instructed.getOrDefault(kind, 0L)));
            }
            settlements.put(institutionId, books);
        }
        return settlements;
    }

    /** Adds every UNDELIVERABLE instruction, as a regulator lists them, to the sums. */
    private void addUndeliverable(String step, Map<String, Map<String, Long>> sums) {
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Http.Response list = http.get(
                    "/v1/instructions?status=UNDELIVERABLE&limit=" + PAGE + (after == null ? "" : "&afterId=" + after),
                    Tokens.regulator());
            assertThat(list.status())
                    .as(step + ": undeliverable instructions " + list)
                    .isEqualTo(200);
            for (JsonNode instruction : list.body().get("items")) {
                sums.computeIfAbsent(instruction.get("institutionId").asText(), id -> new HashMap<>())
                        .merge(
                                instruction.get("kind").asText(),
                                instruction.get("amountFen").asLong(),
                                Long::sum);
            }
            JsonNode next = list.body().get("next");
            if (next == null || next.isNull()) {
                return;
            }
            after = next.asText();
        }
        throw new AssertionError(step + ": the undeliverable list has more than " + MAX_PAGES + " pages");
    }

    /** Every PENDING instruction, page by page, summed by institution and kind. */
    private Map<String, Map<String, Long>> pendingByInstitutionAndKind(String step) {
        Map<String, Map<String, Long>> sums = new HashMap<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Http.Response list = http.get(
                    "/v1/bank/instructions?status=PENDING&limit=" + PAGE + (after == null ? "" : "&afterId=" + after),
                    Tokens.bank());
            assertThat(list.status())
                    .as(step + ": pending instructions " + list)
                    .isEqualTo(200);
            for (JsonNode instruction : list.body().get("items")) {
                assertThat(instruction.get("status").asText()).isEqualTo("PENDING");
                sums.computeIfAbsent(instruction.get("institutionId").asText(), id -> new HashMap<>())
                        .merge(
                                instruction.get("kind").asText(),
                                instruction.get("amountFen").asLong(),
                                Long::sum);
            }
            JsonNode next = list.body().get("next");
            if (next == null || next.isNull()) {
                return sums;
            }
            after = next.asText();
        }
        throw new AssertionError(step + ": the pending list has more than " + MAX_PAGES + " pages");
    }
}
