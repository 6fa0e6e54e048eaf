package com.tuitionescrow.ledger.instruction;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.Fen;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderAmount;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.AddPortion;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.IssueDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.RecordDisbursementResult;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.WithdrawDisbursement;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementExecuted;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementFailed;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementIssued;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementOpened;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementPortionAdded;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.DisbursementWithdrawn;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.Portion;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * 拨付指令: one instruction to pay an institution its released consumption, gathered from many
 * students' accounts. Two-phase: the money is in transit from the release until the bank answers;
 * only EXECUTED takes it out of custody cash, and FAILED sends it back to be released again.
 */
@Aggregate(lockFactory = "aggregateLocks")
class Disbursement {

    /** Bounds an instruction, so a bank answer touches a bounded number of student accounts. */
    static final int MAX_PORTIONS = 500;

    private enum Stage {
        ASSEMBLING,
        PENDING,
        ANSWERED,
        WITHDRAWN
    }

    @AggregateIdentifier
    private String instructionId;

    private String institutionId;
    private String custodyAccountNo;
    private Stage stage;
    private long amountFen;
    private final List<Portion> portions = new ArrayList<>();

    protected Disbursement() {}

    /** Returns whether the instruction can take another portion. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(AddPortion command) {
        if (stage == null) {
            apply(new DisbursementOpened(
                    command.instructionId(), command.institutionId(), command.custodyAccountNo(), command.now()));
        }
        if (stage != Stage.ASSEMBLING || !institutionId.equals(command.institutionId())) {
            throw new IllegalStateException("disbursement " + instructionId + " does not take portions for "
                    + command.institutionId() + " while " + stage);
        }
        long portionFen =
                command.orders().stream().mapToLong(OrderAmount::amountFen).reduce(0, Fen::plus);
        apply(new DisbursementPortionAdded(
                instructionId,
                new Portion(command.accountId(), command.orders(), portionFen),
                Fen.plus(amountFen, portionFen)));
        return portions.size() < MAX_PORTIONS;
    }

    @CommandHandler
    void handle(IssueDisbursement command) {
        if (stage == Stage.ASSEMBLING) {
            apply(new DisbursementIssued(
                    instructionId, institutionId, custodyAccountNo, amountFen, institutionId, command.now()));
        }
    }

    /** Returns the portions, whose student accounts take their release back; none once issued or withdrawn. */
    @CommandHandler
    List<Portion> handle(WithdrawDisbursement command) {
        if (stage != Stage.ASSEMBLING) {
            return List.of();
        }
        apply(new DisbursementWithdrawn(
                instructionId, institutionId, List.copyOf(portions), command.reason(), command.now()));
        return List.copyOf(portions);
    }

    /** Returns the portions, whose student accounts settle (EXECUTED) or take back (FAILED) their release. */
    @CommandHandler
    List<Portion> handle(RecordDisbursementResult command) {
        if (stage != Stage.PENDING) {
            throw new IllegalStateException("disbursement " + instructionId + " is " + stage
                    + "; the instruction's idempotency record should have answered the repeat");
        }
        if (command.outcome() == InstructionOutcome.EXECUTED) {
            apply(new DisbursementExecuted(
                    instructionId,
                    institutionId,
                    amountFen,
                    List.copyOf(portions),
                    command.bankTxnId(),
                    command.executedAt(),
                    JournalEntry.of(
                            AccountCode.of(AccountType.DISBURSEMENT_IN_TRANSIT, institutionId),
                            AccountCode.of(AccountType.CUSTODY_CASH, institutionId),
                            amountFen)));
            return List.copyOf(portions);
        }
        apply(new DisbursementFailed(
                instructionId,
                institutionId,
                amountFen,
                List.copyOf(portions),
                command.bankTxnId(),
                command.reason(),
                command.executedAt()));
        return List.copyOf(portions);
    }

    @EventSourcingHandler
    void on(DisbursementOpened event) {
        instructionId = event.instructionId();
        institutionId = event.institutionId();
        custodyAccountNo = event.custodyAccountNo();
        stage = Stage.ASSEMBLING;
    }

    @EventSourcingHandler
    void on(DisbursementPortionAdded event) {
        portions.add(event.portion());
        amountFen = event.totalFen();
    }

    @EventSourcingHandler
    void on(DisbursementIssued event) {
        stage = Stage.PENDING;
    }

    @EventSourcingHandler
    void on(DisbursementWithdrawn event) {
        stage = Stage.WITHDRAWN;
    }

    @EventSourcingHandler
    void on(DisbursementExecuted event) {
        stage = Stage.ANSWERED;
    }

    @EventSourcingHandler
    void on(DisbursementFailed event) {
        stage = Stage.ANSWERED;
    }
}
