package com.tuitionescrow.ledger.bank;

import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.api.bank.SuspenseReason;
import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import com.tuitionescrow.ledger.twophase.InstructionEvents;
import java.time.Instant;

/** Stored forever: add fields, never rename or remove them. */
public final class BankEvents {

    private BankEvents() {}

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
            JournalEntry journalEntry)
            implements Journaled {

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
            JournalEntry journalEntry)
            implements Journaled, InstructionEvents.Issued {

        @Override
        public Instant occurredAt() {
            return instructedAt;
        }

        @Override
        public InstructionKind kind() {
            return InstructionKind.SUSPENSE_RETURN;
        }

        @Override
        public String ownerId() {
            return receiptId;
        }

        @Override
        public String ownerRef() {
            return null;
        }

        @Override
        public Instant issuedAt() {
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
            JournalEntry journalEntry)
            implements Journaled, InstructionEvents.Executed {

        @Override
        public Instant occurredAt() {
            return executedAt;
        }
    }

    /**
     * The bank could not send it back. The money stays in transit: a new instruction follows at once
     * ({@link SuspenseReturnReinstructed}), or after the last attempt it is {@code undeliverable} and
     * waits for a regulator.
     */
    public record SuspenseReturnFailed(
            String receiptId,
            String instructionId,
            long amountFen,
            String bankTxnId,
            String reason,
            Instant failedAt,
            boolean undeliverable)
            implements InstructionEvents.Failed {}

    /**
     * The money, still in transit, goes to the bank again: after a failed attempt, or by a regulator's
     * {@code resolution} of an undeliverable return (which may name another {@code payeeRef}).
     */
    public record SuspenseReturnReinstructed(
            String receiptId,
            String instructionId,
            String institutionId,
            String custodyAccountNo,
            long amountFen,
            String payeeRef,
            String previousInstructionId,
            String resolution,
            Instant reinstructedAt)
            implements InstructionEvents.Issued {

        @Override
        public InstructionKind kind() {
            return InstructionKind.SUSPENSE_RETURN;
        }

        @Override
        public String ownerId() {
            return receiptId;
        }

        @Override
        public String ownerRef() {
            return null;
        }

        @Override
        public Instant issuedAt() {
            return reinstructedAt;
        }
    }
}
