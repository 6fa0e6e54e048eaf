package com.tuitionescrow.ledger.bank;

import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

final class BankCommands {

    private BankCommands() {
    }

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
            Instant now) {
    }
}
