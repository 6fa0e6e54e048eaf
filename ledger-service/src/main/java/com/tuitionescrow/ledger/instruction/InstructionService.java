package com.tuitionescrow.ledger.instruction;

import com.tuitionescrow.ledger.api.common.Page;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.api.instruction.InstructionResolutionRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionResultRequest;
import com.tuitionescrow.ledger.api.instruction.InstructionStatus;
import com.tuitionescrow.ledger.api.instruction.InstructionView;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReturnResult;
import com.tuitionescrow.ledger.bank.BankCommands.ResolveUndeliverableReturn;
import com.tuitionescrow.ledger.bank.BankCommands.ReturnSuspense;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.RecordRefundResult;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ResolveUndeliverableRefund;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.ReturnRelease;
import com.tuitionescrow.ledger.enrollment.EnrollmentCommands.SettleRelease;
import com.tuitionescrow.ledger.instruction.DisbursementCommands.RecordDisbursementResult;
import com.tuitionescrow.ledger.instruction.DisbursementEvents.Portion;
import com.tuitionescrow.ledger.platform.command.CommandTransactions;
import com.tuitionescrow.ledger.platform.command.IdempotencyKey;
import com.tuitionescrow.ledger.platform.security.Caller;
import com.tuitionescrow.ledger.platform.web.InvalidRequest;
import com.tuitionescrow.ledger.platform.web.NotFound;
import com.tuitionescrow.ledger.shared.LedgerTime;
import com.tuitionescrow.ledger.shared.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The bank's side of two-phase instructions: it lists what is pending and answers each one. An
 * answer settles the money where it lies: EXECUTED takes it out of custody cash, FAILED sends it
 * back to where it came from. Answers are idempotent per instruction.
 */
@Service
public class InstructionService {

    /** How long a page of the bank's list waits for older transactions to finish before listing without theirs. */
    static final Duration LIST_WAIT = Duration.ofSeconds(2);

    private final CommandTransactions commands;
    private final InstructionQueries instructions;
    private final Clock clock;

    InstructionService(CommandTransactions commands, InstructionQueries instructions, Clock clock) {
        this.commands = commands;
        this.instructions = instructions;
        this.clock = clock;
    }

    /**
     * A page of the bank's list. An instruction whose transaction finished while an older one is still
     * running is not listed yet (so that none lands behind the bank's cursor); the page waits a moment
     * for the transactions older than those held back when it was asked for (not for ones that began
     * since), and lists without them when they take longer.
     */
    Page<InstructionView> page(InstructionStatus status, String afterId, int limit) {
        long waitUntil = System.nanoTime() + LIST_WAIT.toNanos();
        Optional<Long> heldBack = instructions.newestUnlisted(status);
        while (heldBack.isPresent()
                && instructions.oldestRunning() <= heldBack.get()
                && System.nanoTime() < waitUntil) {
            pause();
        }
        List<InstructionView> items = instructions.page(status, afterId, limit);
        return new Page<>(
                items, items.size() == limit ? items.get(items.size() - 1).instructionId() : null);
    }

    InstructionView answer(String instructionId, InstructionResultRequest result, Caller caller) {
        if (LedgerTime.isAhead(result.executedAt().toInstant(), clock.instant())) {
            throw new InvalidRequest("executedAt", "an instruction is answered once the bank has acted on it");
        }
        if (result.outcome() == InstructionOutcome.FAILED
                && (result.reason() == null || result.reason().isBlank())) {
            throw new InvalidRequest("reason", "a FAILED answer says why");
        }
        // The key is the ledger's id of the instruction: a refused answer must not use it up.
        IdempotencyKey key = new IdempotencyKey("INSTRUCTION_RESULT", instructionId);
        return commands.onceSucceeded(key, result, InstructionView.class, () -> {
            InstructionQueries.Routed instruction = instructions
                    .find(instructionId)
                    .orElseThrow(() -> instructions.exists(instructionId)
                            ? new Refusal(
                                    ProblemCode.INSTRUCTION_NOT_PENDING,
                                    "instruction " + instructionId + " is not yet issued to the bank")
                            : new NotFound("instruction " + instructionId));
            if (instruction.view().status() != InstructionStatus.PENDING) {
                throw new Refusal(
                        ProblemCode.INSTRUCTION_NOT_PENDING,
                        "instruction " + instructionId + " is "
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
            String instructionId =
                    commands.inTransaction(() -> commands.send(ReturnSuspense.of(bankTxnId, now), caller));
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
                List<Portion> portions = commands.send(
                        new RecordDisbursementResult(
                                instruction.ownerId(),
                                result.outcome(),
                                result.bankTxnId(),
                                executedAt,
                                result.reason()),
                        caller);
                Instant now = clock.instant();
                for (Portion portion : portions) {
                    commands.send(
                            result.outcome() == InstructionOutcome.EXECUTED
                                    ? new SettleRelease(portion.accountId(), instructionId, executedAt)
                                    : new ReturnRelease(portion.accountId(), instructionId, now),
                            caller);
                }
            }
            case REFUND ->
                commands.send(
                        new RecordRefundResult(
                                instruction.ownerId(),
                                instruction.ownerRef(),
                                instruction.view().instructionId(),
                                result.outcome(),
                                result.bankTxnId(),
                                executedAt,
                                result.reason()),
                        caller);
            case SUSPENSE_RETURN ->
                commands.send(
                        new RecordSuspenseReturnResult(
                                instruction.ownerId(),
                                instruction.view().instructionId(),
                                result.outcome(),
                                result.bankTxnId(),
                                executedAt,
                                result.reason()),
                        caller);
        }
    }

    /** Instructions in a status, for a regulator (UNDELIVERABLE: what waits for a resolution). */
    Page<InstructionView> withStatus(InstructionStatus status, String afterId, int limit) {
        List<InstructionView> items = instructions.withStatus(status, afterId, limit);
        return new Page<>(
                items, items.size() == limit ? items.get(items.size() - 1).instructionId() : null);
    }

    /**
     * A regulator's resolution of an UNDELIVERABLE instruction: its money, still in transit, goes to
     * the bank again under a new instruction, with the reason and the regulator recorded on it. The
     * same resolution again answers with the first result.
     */
    InstructionView resolve(String instructionId, InstructionResolutionRequest resolution, Caller caller) {
        return commands.once(
                new IdempotencyKey("INSTRUCTION_RESOLUTION", instructionId), resolution, InstructionView.class, () -> {
                    InstructionQueries.Routed instruction = instructions
                            .find(instructionId)
                            .orElseThrow(() -> new NotFound("instruction " + instructionId));
                    if (instruction.view().status() != InstructionStatus.UNDELIVERABLE) {
                        throw new Refusal(
                                ProblemCode.INSTRUCTION_NOT_UNDELIVERABLE,
                                "instruction " + instructionId + " is "
                                        + instruction.view().status() + "; only an UNDELIVERABLE one is resolved");
                    }
                    Instant now = clock.instant();
                    String next = switch (instruction.view().kind()) {
                        case REFUND ->
                            commands.send(
                                    new ResolveUndeliverableRefund(
                                            instruction.ownerId(),
                                            instruction.ownerRef(),
                                            instructionId,
                                            resolution.payeeRef(),
                                            resolution.reason(),
                                            now),
                                    caller);
                        case SUSPENSE_RETURN ->
                            commands.send(
                                    new ResolveUndeliverableReturn(
                                            instruction.ownerId(),
                                            instructionId,
                                            resolution.payeeRef(),
                                            resolution.reason(),
                                            now),
                                    caller);
                        case DISBURSEMENT -> throw new IllegalStateException("a disbursement is never undeliverable");
                    };
                    return instructions.view(next).orElseThrow();
                });
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the instruction list", e);
        }
    }
}
