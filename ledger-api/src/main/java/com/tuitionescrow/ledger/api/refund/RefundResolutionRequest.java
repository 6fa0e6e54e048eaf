package com.tuitionescrow.ledger.api.refund;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A regulator's ruling on a contested refund. */
public record RefundResolutionRequest(
        @NotNull RefundOutcome outcome,
        @Size(max = 500) @Pattern(regexp = Ids.TEXT) String reason) {}
