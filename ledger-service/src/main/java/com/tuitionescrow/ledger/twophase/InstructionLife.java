package com.tuitionescrow.ledger.twophase;

/**
 * Where one owner's instruction stands: which instruction carries the money now, how many attempts
 * the bank has been given since the last regulator's resolution, and whether the money waits for the
 * bank, is gone, or waits for a regulator. Immutable: every step returns the next state.
 *
 * @param baseId      the first instruction's id; later ones add a dot and their number ({@code RFD-r1.2}),
 *                    and a dot appears in no id a client chooses, so no other instruction can have it
 * @param issued      how many instructions were issued for this money, ever
 * @param attempt     how many of them since the first or the last resolution
 */
public record InstructionLife(String baseId, String instructionId, int issued, int attempt, Stage stage) {

    public enum Stage {
        /** With the bank: the money is in transit. */
        PENDING,
        /** The bank moved the money out of custody. */
        EXECUTED,
        /** Every attempt failed: the money waits in transit for a regulator. */
        UNDELIVERABLE
    }

    public static InstructionLife issued(String baseId) {
        return new InstructionLife(baseId, baseId, 1, 1, Stage.PENDING);
    }

    /** Whether a failure of the current attempt leaves another one (the policy's limit not reached). */
    public boolean retriesAfterFailure(InstructionPolicy policy) {
        return attempt < policy.maxAttempts();
    }

    /** The id the next instruction for this money takes. */
    public String nextInstructionId() {
        return baseId + "." + (issued + 1);
    }

    /** The bank failed the current instruction and the next attempt is issued. */
    public InstructionLife retried() {
        return new InstructionLife(baseId, nextInstructionId(), issued + 1, attempt + 1, Stage.PENDING);
    }

    public InstructionLife executed() {
        return new InstructionLife(baseId, instructionId, issued, attempt, Stage.EXECUTED);
    }

    public InstructionLife undeliverable() {
        return new InstructionLife(baseId, instructionId, issued, attempt, Stage.UNDELIVERABLE);
    }

    /** A regulator's new instruction for undeliverable money: the bank gets a full set of attempts again. */
    public InstructionLife resolved() {
        return new InstructionLife(baseId, nextInstructionId(), issued + 1, 1, Stage.PENDING);
    }

    public boolean isPending() {
        return stage == Stage.PENDING;
    }
}
