package com.tuitionescrow.ledger.bank;

import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import com.tuitionescrow.ledger.api.instruction.InstructionOutcome;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public final class BankCommands {

    private BankCommands() {}

    /**
     * Money the bank received that cannot be applied. {@code institutionId} holds the account it was
     * paid into, or {@link com.tuitionescrow.ledger.accounting.AccountCode#UNIDENTIFIED_INSTITUTION}.
     */
    record RecordSuspenseReceipt(
            @TargetAggregateIdentifier String receiptId,
            String bankTxnId,
            String orderId,
            String institutionId,
            String custodyAccountNo,
            long amountFen,
            Instant receivedAt,
            SuspenseReason reason,
            Instant now) {}

    /** Instructs the bank to send the money back to whoever paid it; nothing if already on its way back. */
    public record ReturnSuspense(@TargetAggregateIdentifier String receiptId, Instant now) {

        /** The return of the receipt the bank reported as {@code bankTxnId}. */
        public static ReturnSuspense of(String bankTxnId, Instant now) {
            return new ReturnSuspense(SuspenseReceipt.idOf(bankTxnId), now);
        }
    }

    /** The bank's answer to the return's instruction {@code instructionId}. */
    public record RecordSuspenseReturnResult(
            @TargetAggregateIdentifier String receiptId,
            String instructionId,
            InstructionOutcome outcome,
            String bankTxnId,
            Instant executedAt,
            String reason) {}

    /** A regulator instructs an undeliverable return again, to {@code payeeRef} when given, else to the original payer. */
    public record ResolveUndeliverableReturn(
            @TargetAggregateIdentifier String receiptId,
            String instructionId,
            String payeeRef,
            String reason,
            Instant now) {}
}
