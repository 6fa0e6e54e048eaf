package com.tuitionescrow.ledger.api.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;

import com.tuitionescrow.ledger.support.LedgerIntegrationTest;
import com.tuitionescrow.ledger.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A regulator's copy end to end: the journal exported as NDJSON from the running ledger, the
 * checkpoints and the public key fetched beside it, verified offline; then one line of the copy
 * altered, and the verifier naming it.
 */
class OfflineVerifierExportTest extends LedgerIntegrationTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + Tokens.regulator())
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String[] verify() {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int code = new OfflineVerifier(new PrintStream(said, true, StandardCharsets.UTF_8)).run(new String[] {
            dir.resolve("journal.ndjson").toString(),
            dir.resolve("checkpoints.json").toString(),
            dir.resolve("checkpoint-key.json").toString()
        });
        return new String[] {
            Integer.toString(code), said.toString(StandardCharsets.UTF_8).strip()
        };
    }

    @Test
    void given_an_export_with_its_checkpoints_then_it_verifies_offline_and_a_line_altered_in_it_is_named()
            throws Exception {
        Institution school = newInstitution();
        String orderId = paidOrder(school, id("stu"), course("piano", 15_000, 20));
        reportLesson(school, orderId, lesson(id("lesson"), 2));
        awaitLedger();
        assertThat(http.post("/v1/audit/checkpoints", Tokens.regulator(), java.util.Map.of())
                        .status())
                .isEqualTo(200);

        HttpResponse<String> export = get("/v1/audit/journal", "application/x-ndjson");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        Files.writeString(dir.resolve("journal.ndjson"), export.body());
        Files.writeString(
                dir.resolve("checkpoints.json"),
                get("/v1/audit/checkpoints?limit=1000", "application/json").body());
        Files.writeString(
                dir.resolve("checkpoint-key.json"),
                get("/v1/audit/checkpoint-key", "application/json").body());

        assertThat(verify()).containsExactly("0", "OK");

        List<String> lines = Files.readAllLines(dir.resolve("journal.ndjson"));
        int mine = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"orderId\":\"" + orderId + "\"")
                    && lines.get(i).contains("CollectionApplied")) {
                mine = i;
            }
        }
        assertThat(mine).isNotNegative();
        lines.set(mine, lines.get(mine).replace("\"debitFen\":300000", "\"debitFen\":300001"));
        Files.write(dir.resolve("journal.ndjson"), lines);

        String[] tampered = verify();
        assertThat(tampered[0]).isEqualTo("1");
        assertThat(tampered[1]).startsWith("FAILED: line " + (mine + 1) + " (seq ");
    }

    @Test
    void given_a_seq_range_then_the_export_holds_exactly_those_entries() throws Exception {
        Institution school = newInstitution();
        paidOrder(school, id("stu"), course("piano", 15_000, 20));
        paidOrder(school, id("stu"), course("violin", 15_000, 20));
        awaitLedger();
        long last = db.resultQuery("select max(seq) from journal_entry").fetchOne(0, Long.class);

        HttpResponse<String> range =
                get("/v1/audit/journal?afterSeq=" + (last - 2) + "&toSeq=" + (last - 1), "application/x-ndjson");

        assertThat(range.statusCode()).isEqualTo(200);
        List<String> lines = range.body().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("{\"seq\":" + (last - 1) + ",");
    }
}
