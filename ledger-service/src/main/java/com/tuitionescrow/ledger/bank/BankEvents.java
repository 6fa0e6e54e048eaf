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

    /** Suspense down, return in transit up: a SUSPENSE_RETURN instruction pays it back to the original payer. */
    public record SuspenseReturnInstructed(
            String receiptId,
            String instructionId,
            String institutionId,
            String custodyAccountNo,
            long amountFen,
            String payeeRef,
            Instant instructedAt,
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return instructedAt;
        }
    }

    /** The bank sent it back: the money has left the custody account. */
    public record SuspenseReturned(
            String receiptId,
            String instructionId,
            long amountFen,
            String bankTxnId,
            Instant executedAt,
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return executedAt;
        }
    }

    /** The bank could not send it back: it is held in suspense again, to be tried by the next run. */
    public record SuspenseReturnFailed(
            String receiptId,
            String instructionId,
            long amountFen,
            String bankTxnId,
            String reason,
            Instant failedAt,
            JournalEntry journalEntry) implements Journaled {

        @Override
        public Instant occurredAt() {
            return failedAt;
        }
    }
}
