package com.tuitionescrow.ledger.release;

import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunResponse;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReleaseForDisbursement;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReturnRelease;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderAmount;
import com.tuitionescrow.ledger.enrollment.OrderQueries;
import com.tuitionescrow.ledger.enrollment.OrderQueries.ReleasableAccount;
import com.tuitionescrow.ledger.enrollment.WindowSweep;
import com.tuitionescrow.ledger.enrollment.WindowsClosed;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.AddPortion;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.IssueDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.WithdrawDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.Portion;
import com.tuitionescrow.ledger.instruction.InstructionQueries;
import com.tuitionescrow.ledger.instruction.InstructionService;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.job.LongOperations;
import com.tuitionescrow.ledger.platform.job.LongOperations.Progress;
import com.tuitionescrow.ledger.platform.job.LongOperations.Status;
import com.tuitionescrow.ledger.platform.job.ScheduledOnce;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * 序时拨付: one run answers the windows that closed (lessons confirmed, refunds approved), releases
 * every institution's releasable, unfrozen money into DISBURSEMENT instructions, and instructs the
 * return of money held in suspense. Each student account is released in a transaction of its own,
 * together with its portion of the instruction, so a run that stops half way leaves nothing
 * inconsistent: its instruction is issued by the next run.
 *
 * <p>A run works through every account of the ledger, which no request should wait for: it runs in
 * the background ({@link LongOperations}), one at a time across every instance, and answers how it
 * stands. Accounts are read a page at a time, so a run's memory does not grow with the ledger.
 */
@Service
class DisbursementRun {

    static final String KIND = "RELEASE_RUN";
    /** Institutions whose releases are frozen: blacklisted, winding down or closed. */
    static final Set<InstitutionStatus> RELEASING = EnumSet.of(InstitutionStatus.ACTIVE, InstitutionStatus.SUSPENDED);
    /** An instruction still assembling this long after it opened was left by a run that stopped. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

    static final int SUSPENSE_RETURNS_PER_RUN = 1000;
    /** Student accounts read at a time. */
    static final int ACCOUNTS_PER_PAGE = 500;

    private static final String SCHEDULED_JOB = "release-run";
    private static final Caller SCHEDULER = Caller.system("disbursement-run");

    /** What a run has done so far, as kept while it runs. */
    record RunProgress(Instant asOf, int lessonsConfirmed, int refundsApproved, List<String> instructionIds) {

        RunProgress {
            instructionIds = List.copyOf(instructionIds);
        }
    }

    private final CommandTransactions commands;
    private final WindowSweep windows;
    private final OrderQueries orders;
    private final InstitutionDirectory institutions;
    private final InstructionQueries instructionQueries;
    private final InstructionService instructions;
    private final LongOperations operations;
    private final ScheduledOnce schedule;
    private final Clock clock;

    DisbursementRun(
            CommandTransactions commands,
            WindowSweep windows,
            OrderQueries orders,
            InstitutionDirectory institutions,
            InstructionQueries instructionQueries,
            InstructionService instructions,
            LongOperations operations,
            ScheduledOnce schedule,
            Clock clock) {
        this.commands = commands;
        this.windows = windows;
        this.orders = orders;
        this.institutions = institutions;
        this.instructionQueries = instructionQueries;
        this.instructions = instructions;
        this.operations = operations;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Every instance's timer fires; the instance that claims the minute runs it. */
    @Scheduled(cron = "${ledger.disbursement.schedule}", zone = "Asia/Shanghai")
    void onSchedule() {
        Instant now = clock.instant();
        schedule.run(SCHEDULED_JOB, now.truncatedTo(ChronoUnit.MINUTES), () -> start(now, SCHEDULER));
    }

    /**
     * Starts a run judging the windows as of {@code asOf}, or finds the one under way (on this
     * instance or another, with the {@code asOf} it was started with); returns its id.
     */
    String start(Instant asOf, Caller caller) {
        return operations.start(
                KIND, "", caller, new RunProgress(asOf, 0, 0, List.of()), progress -> run(asOf, caller, progress));
    }

    /** How the run stands once it has finished, or after {@code wait} if it has not. */
    DisbursementRunResponse await(String runId, Duration wait) {
        return response(operations.await(runId, wait, RunProgress.class));
    }

    Optional<DisbursementRunResponse> find(String runId) {
        return operations.find(runId, RunProgress.class).map(this::response);
    }

    /** {@code asOf} is the moment the windows are judged at; releases take what is releasable now. */
    private RunProgress run(Instant asOf, Caller caller, Progress<RunProgress> progress) {
        Tally tally = new Tally(asOf, progress);
        WindowsClosed closed = windows.closeWindows(asOf, caller);
        tally.lessonsConfirmed = closed.confirmed();
        tally.refundsApproved = closed.approved();
        tally.report();
        Instant now = clock.instant();
        instructionQueries
                .abandonedAssemblies(now.minus(ABANDONED_AFTER))
                .forEach((abandoned, institutionId) ->
                        issue(abandoned, institutionId, now, caller).ifPresent(tally::issued));
        Release release = new Release(now, caller, tally);
        ReleasableAccount after = null;
        List<ReleasableAccount> page;
        do {
            progress.checkNotStopping();
            page = orders.releasableAccounts(after, ACCOUNTS_PER_PAGE);
            page.forEach(release::account);
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == ACCOUNTS_PER_PAGE);
        release.close();
        instructions
                .returnSuspense(SUSPENSE_RETURNS_PER_RUN, caller)
                .forEach(returned -> tally.issued(returned.instructionId()));
        return tally.progress();
    }

    /** What the run has done, reported as soon as each thing is done: a failure next must not hide it. */
    private static final class Tally {
        private final Instant asOf;
        private final Progress<RunProgress> progress;
        private final List<String> instructionIds = new ArrayList<>();
        private int lessonsConfirmed;
        private int refundsApproved;

        Tally(Instant asOf, Progress<RunProgress> progress) {
            this.asOf = asOf;
            this.progress = progress;
        }

        void issued(String instructionId) {
            instructionIds.add(instructionId);
            report();
        }

        void report() {
            progress.report(progress());
        }

        RunProgress progress() {
            return new RunProgress(asOf, lessonsConfirmed, refundsApproved, instructionIds);
        }
    }

    /**
     * The releases of one run, institution after institution: each institution's accounts go into
     * an instruction until it is full, then into the next.
     */
    private final class Release {
        private final Instant now;
        private final Caller caller;
        private final Tally tally;
        private String institutionId;
        private InstitutionResponse institution;
        private String open;

        Release(Instant now, Caller caller, Tally tally) {
            this.now = now;
            this.caller = caller;
            this.tally = tally;
        }

        void account(ReleasableAccount account) {
            if (!account.institutionId().equals(institutionId)) {
                close();
                institutionId = account.institutionId();
                institution = institutions.find(institutionId).orElseThrow();
            }
            if (!RELEASING.contains(institution.status())) {
                return;
            }
            String instructionId = open != null ? open : "DSB-" + UUID.randomUUID();
            Boolean hasRoom = commands.inTransaction(() -> {
                if (!releasing(institution.institutionId())) {
                    return null;
                }
                List<OrderAmount> released =
                        commands.send(new ReleaseForDisbursement(account.accountId(), instructionId, now), caller);
                return released.isEmpty()
                        ? null
                        : commands.<Boolean>send(
                                new AddPortion(
                                        instructionId,
                                        institution.institutionId(),
                                        institution.custodyAccountNo(),
                                        account.accountId(),
                                        released,
                                        now),
                                caller);
            });
            if (hasRoom == null) {
                return;
            }
            open = instructionId;
            if (!hasRoom) {
                close();
            }
        }

        /** Issues the instruction still open, if any. */
        void close() {
            if (open != null) {
                issue(open, institution.institutionId(), now, caller).ifPresent(tally::issued);
                open = null;
            }
        }
    }

    /**
     * Issues the assembled instruction if its institution still releases; one frozen since the money
     * was gathered (suspended to blacklisted, wound down) gets nothing: the instruction is withdrawn and
     * each student account takes its portion back. Returns the instruction's id when it was issued.
     */
    private Optional<String> issue(String instructionId, String institutionId, Instant now, Caller caller) {
        boolean issued = commands.inTransaction(() -> {
            if (releasing(institutionId)) {
                commands.send(new IssueDisbursement(instructionId, now), caller);
                return true;
            }
            List<Portion> portions = commands.send(
                    new WithdrawDisbursement(
                            instructionId, "the institution stopped releasing before the instruction was issued", now),
                    caller);
            portions.forEach(
                    portion -> commands.send(new ReturnRelease(portion.accountId(), instructionId, now), caller));
            return false;
        });
        return issued ? Optional.of(instructionId) : Optional.empty();
    }

    /** The institution's standing, held for the rest of the transaction so a status change waits for it. */
    private boolean releasing(String institutionId) {
        return RELEASING.contains(
                institutions.findHeld(institutionId).orElseThrow().status());
    }

    private DisbursementRunResponse response(Status<RunProgress> status) {
        RunProgress done = status.progress();
        List<InstructionView> issued = done.instructionIds().stream()
                .map(id -> instructionQueries.view(id).orElseThrow())
                .toList();
        return new DisbursementRunResponse(
                status.operationId(),
                status.state(),
                LedgerTime.offsetOf(done.asOf()),
                done.lessonsConfirmed(),
                done.refundsApproved(),
                issued,
                LedgerTime.offsetOf(status.startedAt()),
                status.finishedAt() == null ? null : LedgerTime.offsetOf(status.finishedAt()),
                status.failure());
    }
}
