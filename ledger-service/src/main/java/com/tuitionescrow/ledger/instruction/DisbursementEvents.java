package com.tuitionescrow.ledger.instruction;

import com.tuitionescrow.ledger.accounting.JournalEntry;
import com.tuitionescrow.ledger.accounting.Journaled;
import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import com.tuitionescrow.ledger.enrollment.EnrollmentEvents.OrderAmount;
import com.tuitionescrow.ledger.twophase.InstructionEvents;
import java.time.Instant;
import java.util.List;

/** Stored forever: add fields, never rename or remove them. */
public final class DisbursementEvents {

    private DisbursementEvents() {}

    /** One student account's share of a disbursement, order by order. */
    public record Portion(String accountId, List<OrderAmount> orders, long amountFen) {}

    public record DisbursementOpened(
            String instructionId, String institutionId, String custodyAccountNo, Instant openedAt) {}

    /** No money moves here: the student account's ConsumptionReleased moved it into transit. */
    public record DisbursementPortionAdded(String instructionId, Portion portion, long totalFen) {}

    /** 拨付指令: the bank may now pay the institution; {@code payeeRef} names it. */
    public record DisbursementIssued(
            String instructionId,
            String institutionId,
            String custodyAccountNo,
            long amountFen,
            String payeeRef,
            Instant issuedAt)
            implements InstructionEvents.Issued {

        @Override
        public InstructionKind kind() {
            return InstructionKind.DISBURSEMENT;
        }

        @Override
        public String ownerId() {
            return instructionId;
        }

        @Override
        public String ownerRef() {
            return null;
        }
    }

    /**
     * The institution stopped releasing (frozen, winding down) before the assembled instruction was
     * issued: it never reaches the bank, and each student account takes its portion back as releasable.
     */
    public record DisbursementWithdrawn(
            String instructionId, String institutionId, List<Portion> portions, String reason, Instant withdrawnAt) {}

    /** Disbursement in transit down, custody cash down: the money has left the custody account. */
    public record DisbursementExecuted(
            String instructionId,
            String institutionId,
            long amountFen,
            List<Portion> portions,
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
     * No money moves here: each student account returns its portion to releasable, and the next release
     * run gathers it into a new instruction. So a disbursement is never undeliverable.
     */
    public record DisbursementFailed(
            String instructionId,
            String institutionId,
            long amountFen,
            List<Portion> portions,
            String bankTxnId,
            String reason,
            Instant failedAt)
            implements InstructionEvents.Failed {

        @Override
        public boolean undeliverable() {
            return false;
        }
    }
}
