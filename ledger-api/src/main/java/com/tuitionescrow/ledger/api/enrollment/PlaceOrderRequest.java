package com.tuitionescrow.ledger.api.enrollment;

import com.tuitionescrow.ledger.api.common.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A course sale (售课) under the 2021 model contract. {@code orderId} is the idempotency key. */
public record PlaceOrderRequest(
        @NotNull @Pattern(regexp = Ids.CLIENT_ID) String orderId,
        @NotNull @Pattern(regexp = Ids.CREDIT_CODE) String institutionId,

        @Schema(description = "A pseudonymous student id; the ledger stores no names or ID numbers")
        @NotNull
        @Pattern(regexp = Ids.CLIENT_ID)
        String studentId,

        @NotNull @Pattern(regexp = Ids.CLIENT_ID) String contractNo,
        @NotNull @Valid Course course) {}
