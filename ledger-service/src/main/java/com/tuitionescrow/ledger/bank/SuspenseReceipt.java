package com.tuitionescrow.ledger.bank;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReceipt;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReturnResult;
import com.tuitionescrow.ledger.bank.BankCommands.ReturnSuspense;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReceiptRecorded;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnFailed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturnInstructed;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReturned;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * 挂账: a receipt the ledger holds but cannot apply to an order. Money a bank reports is never
 * dropped: it sits in the suspense account of the custody account it arrived in until a
 * SUSPENSE_RETURN instruction has sent it back to whoever paid it.
 */
@Aggregate
class SuspenseReceipt {

    private enum Stage { HELD, RETURNING, RETURNED }

    @AggregateIdentifier
    private String receiptId;
    private String bankTxnId;
    private String institutionId;
    private String custodyAccountNo;
    private long amountFen;
    private Stage stage;
    private int returnAttempts;
    private String instructionId;

    protected SuspenseReceipt() {
    }

    static String idOf(String bankTxnId) {
        return "suspense:" + bankTxnId;
    }

    @CommandHandler
    SuspenseReceipt(RecordSuspenseReceipt command) {
        apply(new SuspenseReceiptRecorded(command.receiptId(), command.bankTxnId(), command.orderId(),
                command.institutionId(), command.custodyAccountNo(), command.amountFen(), command.receivedAt(),
                command.reason(), command.now(),
                JournalEntry.of(account(AccountType.CUSTODY_CASH, command.institutionId()),
                        account(AccountType.SUSPENSE, command.institutionId()), command.amountFen())));
    }

    /** Returns the new instruction's id, or null when the money is already on its way back or returned. */
    @CommandHandler
    String handle(ReturnSuspense command) {
        if (stage != Stage.HELD) {
            return null;
        }
        String instruction = "SRT-" + bankTxnId + "-" + (returnAttempts + 1);
        apply(new SuspenseReturnInstructed(receiptId, instruction, institutionId, custodyAccountNo, amountFen, bankTxnId,
                command.now(), JournalEntry.of(account(AccountType.SUSPENSE, institutionId),
                        account(AccountType.RETURN_IN_TRANSIT, institutionId), amountFen)));
        return instruction;
    }

    @CommandHandler
    void handle(RecordSuspenseReturnResult command) {
        if (stage != Stage.RETURNING) {
            throw new IllegalStateException("suspense receipt " + receiptId + " is " + stage
                    + "; the instruction's idempotency record should have answered the repeat");
        }
        AccountCode inTransit = account(AccountType.RETURN_IN_TRANSIT, institutionId);
        if (command.outcome() == InstructionOutcome.EXECUTED) {
            apply(new SuspenseReturned(receiptId, instructionId, amountFen, command.bankTxnId(), command.executedAt(),
                    JournalEntry.of(inTransit, account(AccountType.CUSTODY_CASH, institutionId), amountFen)));
        } else {
            apply(new SuspenseReturnFailed(receiptId, instructionId, amountFen, command.bankTxnId(), command.reason(),
                    command.executedAt(), JournalEntry.of(inTransit, account(AccountType.SUSPENSE, institutionId), amountFen)));
        }
    }

    @EventSourcingHandler
    void on(SuspenseReceiptRecorded event) {
        receiptId = event.receiptId();
        bankTxnId = event.bankTxnId();
        institutionId = event.institutionId();
        custodyAccountNo = event.custodyAccountNo();
        amountFen = event.amountFen();
        stage = Stage.HELD;
    }

    @EventSourcingHandler
    void on(SuspenseReturnInstructed event) {
        stage = Stage.RETURNING;
        returnAttempts++;
        instructionId = event.instructionId();
    }

    @EventSourcingHandler
    void on(SuspenseReturned event) {
        stage = Stage.RETURNED;
    }

    @EventSourcingHandler
    void on(SuspenseReturnFailed event) {
        stage = Stage.HELD;
    }

    private static AccountCode account(AccountType type, String institutionId) {
        return AccountCode.of(type, institutionId);
    }
}
