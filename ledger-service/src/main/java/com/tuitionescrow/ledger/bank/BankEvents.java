package com.tuitionescrow.ledger.bank;

import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import java.time.Instant;

/** Stored forever: add fields, never rename or remove them. */
public final class BankEvents {

    private BankEvents() {
    }

    /** Custody cash up, suspense up: the money is recorded and owed back to the payer. */
    public record SuspenseReceiptRecorded(
            String receiptId,
            String bankTxnId,
            String orderId,
            String institutionId,
            String custodyAccountNo,
            long amountFen,
            Instant receivedAt,
            SuspenseReason reason,
            Instant recordedAt,
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return receivedAt;
        }
    }
}
