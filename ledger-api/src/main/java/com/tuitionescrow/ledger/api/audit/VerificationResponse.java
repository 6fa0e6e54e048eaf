package com.tuitionescrow.ledger.api.audit;

import java.util.List;

/**
 * The journal checked from its first entry: the hash chain recomputed ({@code chainIntact}, and
 * where it first breaks), every entry's debits against its credits ({@code balanced}), the balances
 * replayed from the postings against the stored ones ({@code replayMatches}), and each
 * institution's custody cash against what it owes.
 */
public record VerificationResponse(
        long entries,
        boolean chainIntact,
        Long firstBrokenSeq,
        boolean balanced,
        boolean replayMatches,
        List<Institution> institutions) {

    public VerificationResponse {
        institutions = List.copyOf(institutions);
    }

    public record Institution(String institutionId, long custodyFen, long liabilitiesFen, boolean covered) {
    }
}
