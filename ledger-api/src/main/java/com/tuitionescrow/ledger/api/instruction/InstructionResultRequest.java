package com.tuitionescrow.ledger.api.instruction;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * The bank's answer to an instruction. Sending the same answer again returns the first result;
 * a different answer to an answered instruction is a conflict.
 */
public record InstructionResultRequest(
        @NotNull InstructionOutcome outcome,
        @NotNull @Pattern(regexp = Ids.BANK_TXN_ID) String bankTxnId,
        @NotNull OffsetDateTime executedAt,
        @Size(max = 500) @Pattern(regexp = Ids.TEXT) String reason) {}
