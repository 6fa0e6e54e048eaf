package com.tuitionescrow.ledger.api.audit;

import java.util.List;

/**
 * The journal checked from its first entry, each finding naming the first place it fails:
 * <ul>
 * <li>{@code chainIntact}: the hash chain recomputed over every stored column ({@code firstBrokenSeq});</li>
 * <li>{@code balanced}: every entry's debits equal its credits per institution ({@code firstUnbalancedSeq});</li>
 * <li>{@code replayMatches}: the balances replayed from the postings equal the stored ones on every
 *     column a report reads them by ({@code firstDifferingAccount});</li>
 * <li>{@code eventsMatch}: each entry derived again from its event in the event store, the source,
 *     equals the stored one ({@code firstDifferingEventId} at {@code firstDifferingGlobalIndex}), and no
 *     event the journal has passed lacks its entry;</li>
 * <li>{@code headMatches}: the last entry is the head the writer recorded (a deleted tail shows here);</li>
 * <li>{@code checkpointsHold}: every published checkpoint's signature is good and its seq and hash are
 *     still in the chain ({@code firstBrokenCheckpointSeq}), and so is the checkpoint given with the
 *     request, if any ({@code givenCheckpointHolds}, null without one).</li>
 * </ul>
 * Each institution's custody cash is listed against what it owes.
 */
public record VerificationResponse(
        long entries,
        boolean chainIntact,
        Long firstBrokenSeq,
        boolean balanced,
        Long firstUnbalancedSeq,
        boolean replayMatches,
        String firstDifferingAccount,
        boolean eventsMatch,
        Long firstDifferingGlobalIndex,
        String firstDifferingEventId,
        boolean headMatches,
        boolean checkpointsHold,
        Long firstBrokenCheckpointSeq,
        Boolean givenCheckpointHolds,
        List<Institution> institutions) {

    public VerificationResponse {
        institutions = List.copyOf(institutions);
    }

    public record Institution(String institutionId, long custodyFen, long liabilitiesFen, boolean covered) {}
}
