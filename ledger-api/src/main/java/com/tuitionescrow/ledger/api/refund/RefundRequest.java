package com.tuitionescrow.ledger.api.refund;

import com.tuitionescrow.ledger.api.common.Ids;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A parent's refund request, relayed by the platform. {@code refundId} is the idempotency key. */
public record RefundRequest(
        @NotNull @Pattern(regexp = Ids.CLIENT_ID) String refundId,

        @NotBlank @Size(max = 500) @Pattern(regexp = Ids.TEXT)
        String reason) {}
