package com.tuitionescrow.ledger.loadtests.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** The run as markdown, load-tests/results/faults-{date}.md: faults, requests, lost, applied twice, checks. */
final class FaultReport {

    private static final DateTimeFormatter FILE_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Settings settings;
    private final Instant started;
    private final Instant ended;
    private final List<Fault> faults;
    private final RequestLog log;
    private final List<Check> checks;
    private final Audit.QueryBack queryBack;

    /** @param queryBack what reading the acknowledged requests back found; null when the run stopped before */
    FaultReport(
            Settings settings,
            Instant started,
            Instant ended,
            List<Fault> faults,
            RequestLog log,
            List<Check> checks,
            Audit.QueryBack queryBack) {
        this.queryBack = queryBack;
        this.settings = settings;
        this.started = started;
        this.ended = ended;
        this.faults = List.copyOf(faults);
        this.log = log;
        this.checks = List.copyOf(checks);
    }

    Path write() throws IOException {
        Files.createDirectories(settings.reportDir());
        Path file = settings.reportDir().resolve("faults-" + FILE_DATE.format(started) + ".md");
        Files.writeString(file, markdown());
        return file;
    }

    String markdown() {
        long passed = checks.stream().filter(Check::passed).count();
        StringBuilder md = new StringBuilder();
        md.append("# Fault harness run of ")
                .append(started)
                .append("\n\n")
                .append(
                        "Produced by `load-tests/faults.sh` (README, \"Faults\"): the ledger on a PostgreSQL cluster of its own, ")
                .append(settings.workers())
                .append(" clients running the cycle (sale, signed bank collection, lesson, ")
                .append(
                        "confirmation) with ids they chose, retrying every unanswered request with the same id and body.\n\n")
                .append("**Result: ")
                .append(passed == checks.size() ? "PASSED" : "FAILED")
                .append("**, ")
                .append(passed)
                .append(" of ")
                .append(checks.size())
                .append(" checks passed, in ")
                .append(Duration.between(started, ended).toSeconds())
                .append(" s.\n\n");

        md.append(
                "## Faults injected\n\n| # | fault | at (UTC) | ledger out for | recovered in | notes |\n|---|---|---|---|---|---|\n");
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            md.append("| ")
                    .append(i + 1)
                    .append(" | ")
                    .append(f.kind())
                    .append(" | ")
                    .append(f.at())
                    .append(" | ")
                    .append(FaultHarness.millis(f.outage()))
                    .append(" | ")
                    .append(f.recovery() == null ? "never" : FaultHarness.millis(f.recovery()))
                    .append(" | ")
                    .append(f.detail())
                    .append(" |\n");
        }
        md.append("\n\"Recovered in\" is, for a crash, from the new process's start to a healthy answer; for the "
                + "database, from its return to the first sale the ledger took.\n\n");

        md.append("## Requests\n\n| | count |\n|---|---|\n")
                .append("| requests sent (distinct ids) | ")
                .append(log.requests())
                .append(" |\n")
                .append("| attempts sent (retries included) | ")
                .append(log.attempts())
                .append(" |\n")
                .append("| acknowledged (2xx) | ")
                .append(log.acknowledged().size())
                .append(" |\n")
                .append("| refused (final 4xx) | ")
                .append(log.refused().size())
                .append(" |\n")
                .append("| unanswered at the end | ")
                .append(log.unanswered().size())
                .append(" |\n")
                .append("| lost | ")
                .append(queryBack == null ? "not checked" : queryBack.lost().size())
                .append(" |\n")
                .append("| applied twice | ")
                .append(
                        queryBack == null
                                ? "not checked"
                                : queryBack.appliedTwice().size())
                .append(" |\n\n");
        md.append("Attempts by answer:\n\n| answer | attempts |\n|---|---|\n");
        for (Map.Entry<String, Long> answer : log.answers().entrySet()) {
            md.append("| ")
                    .append(answer.getKey())
                    .append(" | ")
                    .append(answer.getValue())
                    .append(" |\n");
        }

        md.append("\n## Checks\n\n| check | result | found |\n|---|---|---|\n");
        for (Check check : checks) {
            md.append("| ")
                    .append(check.name())
                    .append(" | ")
                    .append(check.passed() ? "passed" : "**FAILED**")
                    .append(" | ")
                    .append(check.detail().replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
        }
        return md.toString();
    }
}
