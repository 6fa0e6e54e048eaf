package com.tuitionescrow.ledger.instruction;

import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.api.instruction.InstructionResultRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReturnResult;
import com.tuitionescrow.ledger.bank.BankCommands.ReturnSuspense;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.RecordDisbursementResult;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.Portion;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RecordRefundResult;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReturnRelease;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.SettleRelease;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.command.IdempotencyKey;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The bank's side of two-phase instructions: it lists what is pending and answers each one. An
 * answer settles the money where it lies: EXECUTED takes it out of custody cash, FAILED sends it
 * back to where it came from. Answers are idempotent per instruction.
 */
@Service
public class InstructionService {

    private final CommandTransactions commands;
    private final InstructionQueries instructions;
    private final Clock clock;

    InstructionService(CommandTransactions commands, InstructionQueries instructions, Clock clock) {
        this.commands = commands;
        this.instructions = instructions;
        this.clock = clock;
    }

    Page<InstructionView> page(InstructionStatus status, String afterId, int limit) {
        List<InstructionView> items = instructions.page(status, afterId, limit);
        return new Page<>(items, items.size() == limit ? items.get(items.size() - 1).instructionId() : null);
    }

    InstructionView answer(String instructionId, InstructionResultRequest result, Caller caller) {
        if (LedgerTime.isAhead(result.executedAt().toInstant(), clock.instant())) {
            throw new InvalidRequest("executedAt", "an instruction is answered once the bank has acted on it");
        }
        if (result.outcome() == InstructionOutcome.FAILED && (result.reason() == null || result.reason().isBlank())) {
            throw new InvalidRequest("reason", "a FAILED answer says why");
        }
        return commands.once(new IdempotencyKey("INSTRUCTION_RESULT", instructionId), result, InstructionView.class, () -> {
            InstructionQueries.Routed instruction = instructions.find(instructionId).orElseThrow(() ->
                    instructions.exists(instructionId)
                            ? new Refusal(ProblemCode.INSTRUCTION_NOT_PENDING,
                                    "instruction " + instructionId + " is not yet issued to the bank")
                            : new NotFound("instruction " + instructionId));
            if (instruction.view().status() != InstructionStatus.PENDING) {
                throw new Refusal(ProblemCode.INSTRUCTION_NOT_PENDING, "instruction " + instructionId + " is "
                        + instruction.view().status());
            }
            route(instruction, result, caller);
            return instructions.view(instructionId).orElseThrow();
        });
    }

    /**
     * Instructs a return for every receipt held in suspense that is not already on its way back;
     * each in a transaction of its own. Returns the instructions issued.
     */
    public List<InstructionView> returnSuspense(int limit, Caller caller) {
        Instant now = clock.instant();
        List<InstructionView> issued = new ArrayList<>();
        for (String bankTxnId : instructions.suspenseToReturn(limit)) {
            String instructionId = commands.inTransaction(() ->
                    commands.send(ReturnSuspense.of(bankTxnId, now), caller));
            if (instructionId != null) {
                issued.add(instructions.view(instructionId).orElseThrow());
            }
        }
        return issued;
    }

    private void route(InstructionQueries.Routed instruction, InstructionResultRequest result, Caller caller) {
        Instant executedAt = result.executedAt().toInstant();
        switch (instruction.view().kind()) {
            case DISBURSEMENT -> {
                String instructionId = instruction.view().instructionId();
                List<Portion> portions = commands.send(new RecordDisbursementResult(instruction.ownerId(),
                        result.outcome(), result.bankTxnId(), executedAt, result.reason()), caller);
                Instant now = clock.instant();
                for (Portion portion : portions) {
                    commands.send(result.outcome() == InstructionOutcome.EXECUTED
                            ? new SettleRelease(portion.accountId(), instructionId, executedAt)
                            : new ReturnRelease(portion.accountId(), instructionId, now), caller);
                }
            }
            case REFUND -> commands.send(new RecordRefundResult(instruction.ownerId(), instruction.ownerRef(),
                    result.outcome(), result.bankTxnId(), executedAt, result.reason()), caller);
            case SUSPENSE_RETURN -> commands.send(new RecordSuspenseReturnResult(instruction.ownerId(), result.outcome(),
                    result.bankTxnId(), executedAt, result.reason()), caller);
        }
    }
}
