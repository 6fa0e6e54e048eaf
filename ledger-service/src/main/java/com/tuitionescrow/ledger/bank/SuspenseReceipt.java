package com.tuitionescrow.ledger.bank;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.api.common.ProblemCode;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReceipt;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReturnResult;
import com.tuitionescrow.ledger.bank.BankCommands.ResolveUndeliverableReturn;
import com.tuitionescrow.ledger.bank.BankCommands.ReturnSuspense;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReceiptRecorded;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnFailed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnInstructed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnReinstructed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturned;
import com.tuitionescrow.ledger.shared.Refusal;
import com.tuitionescrow.ledger.twophase.InstructionLife;
import com.tuitionescrow.ledger.twophase.InstructionPolicy;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * 挂账: a receipt the ledger holds but cannot apply to an order. Money a bank reports is never
 * dropped: it sits in the suspense account of the custody account it arrived in until a
 * SUSPENSE_RETURN instruction has sent it back to whoever paid it. Once instructed, the money stays
 * in transit until the bank pays it: a failed instruction is followed by the next at once, and after
 * the last attempt the return is UNDELIVERABLE until a regulator resolves it.
 */
@Aggregate(lockFactory = "aggregateLocks")
class SuspenseReceipt {

    @AggregateIdentifier
    private String receiptId;

    private String bankTxnId;
    private String institutionId;
    private String custodyAccountNo;
    private long amountFen;
    /** Null while held: no return instructed yet. */
    private InstructionLife instruction;

    private String payeeRef;

    protected SuspenseReceipt() {}

    static String idOf(String bankTxnId) {
        return "suspense:" + bankTxnId;
    }

    @CommandHandler
    SuspenseReceipt(RecordSuspenseReceipt command) {
        apply(new SuspenseReceiptRecorded(
                command.receiptId(),
                command.bankTxnId(),
                command.orderId(),
                command.institutionId(),
                command.custodyAccountNo(),
                command.amountFen(),
                command.receivedAt(),
                command.reason(),
                command.now(),
                JournalEntry.of(
                        account(AccountType.CUSTODY_CASH, command.institutionId()),
                        account(AccountType.SUSPENSE, command.institutionId()),
                        command.amountFen())));
    }

    /** Returns the new instruction's id, or null when the money is already on its way back or returned. */
    @CommandHandler
    String handle(ReturnSuspense command) {
        if (instruction != null) {
            return null;
        }
        String instructionId = "SRT-" + bankTxnId;
        apply(new SuspenseReturnInstructed(
                receiptId,
                instructionId,
                institutionId,
                custodyAccountNo,
                amountFen,
                bankTxnId,
                command.now(),
                JournalEntry.of(
                        account(AccountType.SUSPENSE, institutionId),
                        account(AccountType.RETURN_IN_TRANSIT, institutionId),
                        amountFen)));
        return instructionId;
    }

    @CommandHandler
    void handle(RecordSuspenseReturnResult command, InstructionPolicy instructions) {
        if (instruction == null
                || !instruction.isPending()
                || !instruction.instructionId().equals(command.instructionId())) {
            throw new IllegalStateException(
                    "suspense receipt " + receiptId + " has instruction " + instruction + "; the answer to "
                            + command.instructionId() + " should have been answered by its idempotency record");
        }
        if (command.outcome() == InstructionOutcome.EXECUTED) {
            apply(new SuspenseReturned(
                    receiptId,
                    instruction.instructionId(),
                    amountFen,
                    command.bankTxnId(),
                    command.executedAt(),
                    JournalEntry.of(
                            account(AccountType.RETURN_IN_TRANSIT, institutionId),
                            account(AccountType.CUSTODY_CASH, institutionId),
                            amountFen)));
            return;
        }
        boolean retry = instruction.retriesAfterFailure(instructions);
        apply(new SuspenseReturnFailed(
                receiptId,
                instruction.instructionId(),
                amountFen,
                command.bankTxnId(),
                command.reason(),
                command.executedAt(),
                !retry));
        if (retry) {
            reinstruct(payeeRef, null, command.executedAt());
        }
    }

    /** A regulator's new instruction for an undeliverable return; returns its id. */
    @CommandHandler
    String handle(ResolveUndeliverableReturn command) {
        if (instruction == null
                || instruction.stage() != InstructionLife.Stage.UNDELIVERABLE
                || !instruction.instructionId().equals(command.instructionId())) {
            throw new Refusal(
                    ProblemCode.INSTRUCTION_NOT_UNDELIVERABLE,
                    "instruction " + command.instructionId() + " of suspense receipt " + bankTxnId
                            + " is not waiting for a regulator");
        }
        reinstruct(command.payeeRef() == null ? payeeRef : command.payeeRef(), command.reason(), command.now());
        return instruction.instructionId();
    }

    private void reinstruct(String payee, String resolution, Instant now) {
        apply(new SuspenseReturnReinstructed(
                receiptId,
                instruction.nextInstructionId(),
                institutionId,
                custodyAccountNo,
                amountFen,
                payee,
                instruction.instructionId(),
                resolution,
                now));
    }

    @EventSourcingHandler
    void on(SuspenseReceiptRecorded event) {
        receiptId = event.receiptId();
        bankTxnId = event.bankTxnId();
        institutionId = event.institutionId();
        custodyAccountNo = event.custodyAccountNo();
        amountFen = event.amountFen();
    }

    @EventSourcingHandler
    void on(SuspenseReturnInstructed event) {
        instruction = InstructionLife.issued(event.instructionId());
        payeeRef = event.payeeRef();
    }

    @EventSourcingHandler
    void on(SuspenseReturned event) {
        instruction = instruction.executed();
    }

    @EventSourcingHandler
    void on(SuspenseReturnFailed event) {
        if (event.undeliverable()) {
            instruction = instruction.undeliverable();
        }
    }

    @EventSourcingHandler
    void on(SuspenseReturnReinstructed event) {
        instruction = event.resolution() == null ? instruction.retried() : instruction.resolved();
        payeeRef = event.payeeRef();
    }

    private static AccountCode account(AccountType type, String institutionId) {
        return AccountCode.of(type, institutionId);
    }
}
