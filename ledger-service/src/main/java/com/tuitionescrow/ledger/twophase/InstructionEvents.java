package com.tuitionescrow.ledger.twophase;

import com.tuitionescrow.ledger.api.instruction.InstructionKind;
import java.time.Instant;

/**
 * What every instruction's owner records at each step of its life, whatever the kind. The bank's
 * list of instructions is projected from these, so it is written once for all three kinds.
 */
public final class InstructionEvents {

    private InstructionEvents() {}

    /** An instruction goes to the bank: PENDING, its money in transit. */
    public interface Issued {
        String instructionId();

        InstructionKind kind();

        /** The aggregate that owns it, where the bank's answer is routed. */
        String ownerId();

        /** The owner's own name for it (a refund id); null where the owner has only one at a time. */
        String ownerRef();

        String institutionId();

        String custodyAccountNo();

        long amountFen();

        /** Where the money goes: the institution, or the bankTxnId of the original collection (原路返回). */
        String payeeRef();

        Instant issuedAt();

        /** The failed or undeliverable instruction this one carries on from; null for a first one. */
        default String previousInstructionId() {
            return null;
        }

        /** A regulator's reason for issuing it, when it resolves an undeliverable one; null otherwise. */
        default String resolution() {
            return null;
        }
    }

    /** The bank moved the money: it has left custody. */
    public interface Executed {
        String instructionId();

        String bankTxnId();

        Instant executedAt();
    }

    /** The bank could not move the money. */
    public interface Failed {
        String instructionId();

        String bankTxnId();

        String reason();

        Instant failedAt();

        /** Whether it was the last attempt: the money waits in transit for a regulator. */
        boolean undeliverable();
    }
}
