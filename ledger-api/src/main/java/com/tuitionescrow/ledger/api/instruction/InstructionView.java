package com.tuitionescrow.ledger.api.instruction;

import java.time.OffsetDateTime;

/**
 * An instruction to the custody bank. {@code payeeRef} is the institution for a disbursement, and
 * the {@code bankTxnId} of the original collection for a refund or a suspense return (or the payee a
 * regulator named). {@code previousInstructionId} is the failed or undeliverable instruction whose
 * money this one carries; {@code resolution} and {@code resolvedBy} say why and by whom a regulator
 * issued it, when one did.
 */
public record InstructionView(
        String instructionId,
        InstructionKind kind,
        String institutionId,
        String custodyAccountNo,
        long amountFen,
        String payeeRef,
        OffsetDateTime createdAt,
        InstructionStatus status,
        String resultBankTxnId,
        OffsetDateTime executedAt,
        String failureReason,
        String previousInstructionId,
        String resolution,
        String resolvedBy) {}
