package com.tuitionescrow.ledger.release;

import com.tuitionescrow.ledger.api.institution.InstitutionResponse;
import com.tuitionescrow.ledger.api.institution.InstitutionStatus;
import com.tuitionescrow.ledger.api.instruction.DisbursementRunResponse;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.instruction.InstructionQueries;
import com.tuitionescrow.ledger.instruction.InstructionService;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.AddPortion;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.IssueDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.WithdrawDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.Portion;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReturnRelease;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReleaseForDisbursement;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderAmount;
import com.tuitionescrow.ledger.enrollment.OrderQueries;
import com.tuitionescrow.ledger.enrollment.WindowSweep;
import com.tuitionescrow.ledger.enrollment.WindowsClosed;
import com.tuitionescrow.ledger.institution.InstitutionDirectory;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.shared.LedgerTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 */
@Service
class DisbursementRun {

    /** Institutions whose releases are frozen: blacklisted, winding down or closed. */
    static final Set<InstitutionStatus> RELEASING = EnumSet.of(InstitutionStatus.ACTIVE, InstitutionStatus.SUSPENDED);
    /** An instruction still assembling this long after it opened was left by a run that stopped. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    static final int SUSPENSE_RETURNS_PER_RUN = 1000;
    private static final Caller SCHEDULER = Caller.system("disbursement-run");

    private final CommandTransactions commands;
    private final WindowSweep windows;
    private final OrderQueries orders;
    private final InstitutionDirectory institutions;
    private final InstructionQueries instructionQueries;
    private final InstructionService instructions;
    private final Clock clock;

    DisbursementRun(CommandTransactions commands, WindowSweep windows, OrderQueries orders,
                    InstitutionDirectory institutions, InstructionQueries instructionQueries,
                    InstructionService instructions, Clock clock) {
        this.commands = commands;
        this.windows = windows;
        this.orders = orders;
        this.institutions = institutions;
        this.instructionQueries = instructionQueries;
        this.instructions = instructions;
        this.clock = clock;
    }

    @Scheduled(cron = "${ledger.disbursement.schedule}", zone = "Asia/Shanghai")
    void onSchedule() {
        run(clock.instant(), SCHEDULER);
    }

    /** {@code asOf} is the moment the windows are judged at; releases take what is releasable now. */
    DisbursementRunResponse run(Instant asOf, Caller caller) {
        WindowsClosed closed = windows.closeWindows(asOf, caller);
        Instant now = clock.instant();
        List<InstructionView> issued = new ArrayList<>();
        instructionQueries.abandonedAssemblies(now.minus(ABANDONED_AFTER)).forEach((abandoned, institutionId) ->
                issue(abandoned, institutionId, now, caller).ifPresent(issued::add));
        orders.releasableAccountsByInstitution().forEach((institutionId, accounts) -> {
            InstitutionResponse institution = institutions.find(institutionId).orElseThrow();
            if (RELEASING.contains(institution.status())) {
                issued.addAll(disburse(institution, accounts, now, caller));
            }
        });
        issued.addAll(instructions.returnSuspense(SUSPENSE_RETURNS_PER_RUN, caller));
        return new DisbursementRunResponse(LedgerTime.offsetOf(asOf), closed.confirmed(), closed.approved(), issued);
    }

    private List<InstructionView> disburse(InstitutionResponse institution, List<String> accounts, Instant now,
                                           Caller caller) {
        List<InstructionView> issued = new ArrayList<>();
        String open = null;
        for (String account : accounts) {
            String instructionId = open != null ? open : "DSB-" + UUID.randomUUID();
            Boolean hasRoom = commands.inTransaction(() -> {
                if (!releasing(institution.institutionId())) {
                    return null;
                }
                List<OrderAmount> released = commands.send(new ReleaseForDisbursement(account, instructionId, now), caller);
                return released.isEmpty() ? null : commands.<Boolean>send(new AddPortion(instructionId,
                        institution.institutionId(), institution.custodyAccountNo(), account, released, now), caller);
            });
            if (hasRoom == null) {
                continue;
            }
            open = instructionId;
            if (!hasRoom) {
                issue(open, institution.institutionId(), now, caller).ifPresent(issued::add);
                open = null;
            }
        }
        if (open != null) {
            issue(open, institution.institutionId(), now, caller).ifPresent(issued::add);
        }
        return issued;
    }

    /**
     * Issues the assembled instruction if its institution still releases; one frozen since the money
     * was gathered (suspended to blacklisted, wound down) gets nothing: the instruction is withdrawn and
     * each student account takes its portion back.
     */
    private Optional<InstructionView> issue(String instructionId, String institutionId, Instant now, Caller caller) {
        boolean issued = commands.inTransaction(() -> {
            if (releasing(institutionId)) {
                commands.send(new IssueDisbursement(instructionId, now), caller);
                return true;
            }
            List<Portion> portions = commands.send(new WithdrawDisbursement(instructionId,
                    "the institution stopped releasing before the instruction was issued", now), caller);
            portions.forEach(portion -> commands.send(new ReturnRelease(portion.accountId(), instructionId, now), caller));
            return false;
        });
        return issued ? instructionQueries.view(instructionId) : Optional.empty();
    }

    /** The institution's standing, held for the rest of the transaction so a status change waits for it. */
    private boolean releasing(String institutionId) {
        return RELEASING.contains(institutions.findHeld(institutionId).orElseThrow().status());
    }
}
