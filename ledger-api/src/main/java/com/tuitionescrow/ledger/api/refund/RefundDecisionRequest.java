package com.tuitionescrow.ledger.api.refund;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The institution's answer to a refund request; a contest states its reason. */
public record RefundDecisionRequest(
        @NotNull RefundDecision decision,
        @Size(max = 500) @Pattern(regexp = Ids.TEXT) String reason) {}
