package com.tuitionescrow.ledger.bank;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.tuitionescrow.ledger.accounting.AccountCode;
import com.tuitionescrow.ledger.accounting.AccountType;
import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.bank.BankCommands.RecordSuspenseReceipt;
import com.tuitionescrow.ledger.bank.BankEvents.SuspenseReceiptRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * 挂账: a receipt the ledger holds but cannot apply to an order. Money a bank reports is never
 * dropped: it sits in the suspense account of the custody account it arrived in until it is
 * returned to the payer.
 */
@Aggregate
class SuspenseReceipt {

    @AggregateIdentifier
    private String receiptId;

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
                JournalEntry.of(AccountCode.of(AccountType.CUSTODY_CASH, command.institutionId()),
                        AccountCode.of(AccountType.SUSPENSE, command.institutionId()), command.amountFen())));
    }

    @EventSourcingHandler
    void on(SuspenseReceiptRecorded event) {
        receiptId = event.receiptId();
    }
}
