package com.tuitionescrow.ledger.api.instruction;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A regulator's resolution of an UNDELIVERABLE instruction: the money goes to the bank again, to
 * {@code payeeRef} when given (the payer's account as the regulator established it), else to the
 * original payee. {@code reason} is kept with the new instruction.
 */
public record InstructionResolutionRequest(
        @Pattern(regexp = Ids.BANK_TXN_ID) String payeeRef,

        @NotBlank @Size(max = 500) @Pattern(regexp = Ids.TEXT)
        String reason) {}
