package com.tuitionescrow.ledger.loadtests.faults;

import com.tuitionescrow.ledger.api.audit.TrialBalanceResponse;
import com.tuitionescrow.ledger.api.audit.VerificationResponse;
import com.tuitionescrow.ledger.api.institution.Category;
import com.tuitionescrow.ledger.api.institution.RegisterInstitutionRequest;
import com.tuitionescrow.ledger.api.institution.SupervisionModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fault harness (issue 10, "Faults"): the ledger under a steady cycle of sales, collections,
 * lessons and confirmations is killed with SIGKILL several times and has its database restarted;
 * afterwards every acknowledged request must be there, none applied twice, and the books must
 * verify. Started by load-tests/faults.sh, which owns the PostgreSQL cluster; exits 1 when a check fails.
 */
public final class FaultHarness {

    /** Institutions with valid unified social credit codes (their 18th character is the check character). */
    private static final List<School> SCHOOLS = List.of(
            new School("91350100MAFAULT01K", "6222020200550001"),
            new School("91350100MAFAULT02N", "6222020200550002"),
            new School("91350100MAFAULT03R", "6222020200550003"));

    private static final Duration START_WITHIN = Duration.ofMinutes(3);
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(2);
    private static final Duration CATCH_UP_WITHIN = Duration.ofMinutes(2);

    private final Settings settings;
    private final Clock clock = Clock.systemUTC();
    private final RequestLog log = new RequestLog();
    private final Sender sender = new Sender(log);
    private final Tokens tokens;
    private final Clients clients;
    private final Probe probe;
    private final LedgerProcess service;
    private final List<Fault> faults = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private Audit.QueryBack queryBack;

    private FaultHarness(Settings settings) {
        this.settings = settings;
        this.tokens = new Tokens(settings.jwtSecret(), clock);
        this.clients = new Clients(settings.baseUri(), tokens, settings.bankSecret());
        this.probe = new Probe(settings.baseUri());
        this.service = new LedgerProcess(settings.serviceJar(), settings.serviceEnvironment(), settings.workDir());
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.from(System.getenv());
        System.exit(new FaultHarness(settings).run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        Instant started = Instant.now();
        try {
            service.start();
            Duration firstStart = awaitHealthy()
                    .orElseThrow(() -> new IllegalStateException(
                            "the service did not start within " + START_WITHIN + "; see " + service.log()));
            say("service up in " + millis(firstStart));
            register();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> workers = startWorkers(running);
            for (int crash = 1; crash <= settings.crashes(); crash++) {
                Thread.sleep(settings.loadBetweenFaults().toMillis());
                crash(crash);
            }
            Thread.sleep(settings.loadBetweenFaults().toMillis());
            outage();
            Thread.sleep(settings.loadBetweenFaults().toMillis());
            running.set(false);
            for (Thread worker : workers) {
                worker.join();
            }
            settleUnanswered();
            audit();
        } catch (Exception | AssertionError broken) {
            // The report is written all the same: a run that broke off says where.
            checks.add(Check.of("The run completed", false, broken.toString()));
            broken.printStackTrace();
        } finally {
            service.stop();
        }
        Path report = new FaultReport(settings, started, Instant.now(), faults, log, checks, queryBack).write();
        boolean passed = checks.stream().allMatch(Check::passed);
        say((passed ? "PASSED" : "FAILED") + ": "
                + checks.stream().filter(Check::passed).count() + " of " + checks.size() + " checks passed; report "
                + report);
        return passed;
    }

    private void register() {
        for (School school : SCHOOLS) {
            RegisterInstitutionRequest request = new RegisterInstitutionRequest(
                    school.institutionId(),
                    "Fault harness school " + school.custodyAccountNo().substring(12),
                    Category.ARTS,
                    SupervisionModel.BANK_CUSTODY,
                    school.custodyAccountNo(),
                    null);
            Op op = new Op(
                    Op.Kind.INSTITUTION,
                    school.institutionId(),
                    school.institutionId(),
                    null,
                    0,
                    () -> clients.regulator().registerInstitution(request));
            if (sender.send(op, until(SETTLE_WITHIN)) != Sender.Outcome.ACKNOWLEDGED) {
                throw new IllegalStateException("could not register " + school.institutionId());
            }
        }
    }

    private List<Thread> startWorkers(AtomicBoolean running) {
        List<Thread> workers = new ArrayList<>();
        for (int number = 1; number <= settings.workers(); number++) {
            Thread worker = new Thread(
                    new Worker(number, SCHOOLS, clients, sender, clock, running::get), "fault-worker-" + number);
            worker.start();
            workers.add(worker);
        }
        return workers;
    }

    /** SIGKILL under load, then a start as an operator's supervisor would make it. */
    private void crash(int number) throws Exception {
        Instant at = Instant.now();
        long killed = System.nanoTime();
        long acknowledgedBefore = log.acknowledged().size();
        service.kill();
        long restarted = System.nanoTime();
        service.start();
        Optional<Duration> healthy = awaitHealthy();
        Duration outage = Duration.ofNanos(System.nanoTime() - killed);
        faults.add(new Fault(
                "SIGKILL of the service (" + number + " of " + settings.crashes() + "), restarted",
                at,
                outage,
                healthy.orElse(null),
                acknowledgedBefore + " requests acknowledged before it"));
        checks.add(Check.of(
                "Restarted after SIGKILL " + number,
                healthy.isPresent(),
                healthy.map(d -> "healthy " + millis(d) + " after its start, "
                                + millis(Duration.ofNanos(restarted - killed)) + " to kill")
                        .orElse("never healthy again")));
        say("crash " + number + ": back after " + millis(outage));
    }

    private void outage() throws Exception {
        Outage.Result result = new Outage(new Database(settings.databaseScript()), probe, tokens, SCHOOLS.get(0))
                .inject(settings.outage());
        faults.add(result.fault());
        checks.add(answeredWithin(
                "While PostgreSQL is down, a sale is answered 503 DATABASE_UNAVAILABLE (a problem)",
                result.salesWhileDown(),
                a -> a.isProblem(503, "DATABASE_UNAVAILABLE")));
        checks.add(answeredWithin(
                "While PostgreSQL is down, /actuator/health answers 503 DOWN",
                result.healthWhileDown(),
                a -> a.status() == 503 && "DOWN".equals(a.body().path("status").asText())));
        checks.add(Check.of(
                "The ledger takes a sale within " + Outage.RECOVERY_WITHIN.toSeconds()
                        + " s of PostgreSQL's return, by itself",
                result.recovery() != null && result.recovery().compareTo(Outage.RECOVERY_WITHIN) <= 0,
                result.recovery() == null ? "never" : "after " + millis(result.recovery())));
        List<String> recorded = result.ordersRefusedWhileDown().stream()
                .filter(id -> probe.get("/v1/orders/" + id, tokens.platform()).status() != 404)
                .toList();
        checks.add(Check.of(
                "Sales refused while PostgreSQL was down were not recorded",
                recorded.isEmpty(),
                result.ordersRefusedWhileDown().size() + " read back, " + recorded.size() + " found " + recorded));
        say("outage: recovered after " + (result.recovery() == null ? "never" : millis(result.recovery())));
    }

    private static Check answeredWithin(
            String name, List<Probe.Answer> answers, java.util.function.Predicate<Probe.Answer> expected) {
        List<Probe.Answer> wrong = answers.stream()
                .filter(a -> !expected.test(a) || a.took().compareTo(Outage.ANSWER_WITHIN) > 0)
                .toList();
        long slowest =
                answers.stream().mapToLong(a -> a.took().toMillis()).max().orElse(0);
        return Check.of(
                name + " within " + Outage.ANSWER_WITHIN.toSeconds() + " s",
                !answers.isEmpty() && wrong.isEmpty(),
                answers.size() + " probes, slowest " + slowest + " ms" + (wrong.isEmpty() ? "" : "; not so: " + wrong));
    }

    /** Requests the load left unanswered when it stopped are sent again, same ids, until answered. */
    private void settleUnanswered() {
        List<Op> unanswered = log.takeUnanswered();
        for (Op op : unanswered) {
            sender.sendAgain(op, until(SETTLE_WITHIN));
        }
        List<Op> still = log.unanswered();
        checks.add(Check.of(
                "Every request answered in the end (retried with the same ids)",
                still.isEmpty(),
                unanswered.size() + " unanswered when the load stopped, " + still.size() + " still unanswered "
                        + still));
    }

    private void audit() throws Exception {
        List<Op> acknowledged = log.acknowledged();
        List<RequestLog.Refusal> refused = log.refused();
        checks.add(Check.of(
                "No request of the cycle refused",
                refused.isEmpty(),
                refused.size() + " refused " + refused.stream().limit(10).toList()));
        Map<String, Long> serverErrors = new java.util.TreeMap<>(log.answers());
        serverErrors.keySet().removeIf(answer -> !answer.startsWith("5") || answer.startsWith("503"));
        checks.add(Check.of(
                "No 5xx answer but 503 (the database unavailable)",
                serverErrors.isEmpty(),
                serverErrors.isEmpty() ? "none" : serverErrors.toString()));

        Audit audit = new Audit(clients);
        Audit.QueryBack back = audit.queryBack(acknowledged);
        queryBack = back;
        checks.add(Check.of(
                "Lost: every acknowledged request is there after the faults",
                back.lost().isEmpty(),
                back.read() + " read back, " + back.lost().size() + " lost " + back.lost()));
        checks.add(Check.of(
                "Applied twice: no request counts twice",
                back.appliedTwice().isEmpty(),
                back.appliedTwice().size() + " applied twice " + back.appliedTwice()));

        Map<String, ExpectedBooks> expected = ExpectedBooks.of(acknowledged);
        Optional<Duration> caughtUp = audit.awaitSettlements(expected, CATCH_UP_WITHIN);
        checks.add(Check.of(
                "Projections caught up: each settlement equals the sum of acknowledged money",
                caughtUp.isPresent(),
                caughtUp.map(d -> "within " + millis(d) + " of the audit's start; " + summary(expected))
                        .orElse("not within " + CATCH_UP_WITHIN + ": " + audit.settlementDifferences(expected))));
        List<String> journal = audit.journalDifferences(expected);
        checks.add(Check.of(
                "The journal holds one entry per acknowledged collection, lesson and confirmation",
                journal.isEmpty(),
                journal.isEmpty()
                        ? expected.values().stream()
                                        .mapToInt(ExpectedBooks::entries)
                                        .sum() + " entries"
                        : journal.toString()));

        Map<String, Integer> events = new EventStore(settings.psql()).eventsByType();
        List<String> rebuilt = audit.journalAgainstEventStore(events);
        checks.add(Check.of(
                "The journal equals a rebuild from the event store (money events by type)",
                rebuilt.isEmpty(),
                rebuilt.isEmpty()
                        ? "CollectionApplied " + events.getOrDefault("CollectionApplied", 0) + ", LessonReported "
                                + events.getOrDefault("LessonReported", 0) + ", LessonConfirmed "
                                + events.getOrDefault("LessonConfirmed", 0) + " events"
                        : rebuilt.toString()));

        VerificationResponse verification = audit.verification();
        checks.add(Check.of(
                "Verification: the hash chain recomputes",
                verification.chainIntact(),
                verification.entries() + " entries, first broken " + verification.firstBrokenSeq()));
        checks.add(Check.of("Verification: every entry balances", verification.balanced(), ""));
        checks.add(Check.of(
                "Verification: balances replayed from the journal equal the projected ones",
                verification.replayMatches(),
                ""));
        String uncovered = Audit.uncovered(verification);
        checks.add(Check.of(
                "Verification: every institution's custody cash covers what it owes",
                uncovered.isEmpty(),
                verification.institutions().size() + " institutions"
                        + (uncovered.isEmpty() ? "" : "; not: " + uncovered)));
        TrialBalanceResponse trial = audit.trialBalance();
        checks.add(Check.of(
                "The trial balance balances",
                trial.balanced() && trial.totalDebitFen() == trial.totalCreditFen(),
                "debits " + trial.totalDebitFen() + " fen, credits " + trial.totalCreditFen() + " fen"));
    }

    private static String summary(Map<String, ExpectedBooks> expected) {
        return "custody "
                + expected.values().stream()
                        .mapToLong(ExpectedBooks::custodyFen)
                        .sum() + " fen in " + expected.size() + " institutions";
    }

    private Optional<Duration> awaitHealthy() throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < START_WITHIN.toNanos()) {
            if (!service.isAlive()) {
                return Optional.empty();
            }
            Probe.Answer health = probe.health();
            if (health.status() == 200
                    && "UP".equals(health.body().path("status").asText())) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - started));
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static java.util.function.BooleanSupplier until(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        return () -> System.nanoTime() < deadline;
    }

    static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static void say(String line) {
        System.out.println("[faults] " + line);
    }
}
