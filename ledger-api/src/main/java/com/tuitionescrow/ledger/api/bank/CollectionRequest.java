package com.tuitionescrow.ledger.api.bank;

import com.tuitionescrow.ledger.api.common.Ids;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.OffsetDateTime;

/**
 * Money received into a custody account (收费). {@code bankTxnId} is the idempotency key. The
 * {@code orderId} is what the payer quoted; it need not name a known order: money that cannot be
 * applied is held in suspense, never dropped.
 */
public record CollectionRequest(
        @NotNull @Pattern(regexp = Ids.BANK_TXN_ID) String bankTxnId,

        @Schema(description = "The order the payer quoted") @NotNull @Pattern(regexp = Ids.CLIENT_ID)
        String orderId,

        @NotNull @Positive Long amountFen,
        @NotNull @Pattern(regexp = Ids.ACCOUNT_NO) String custodyAccountNo,
        @NotNull OffsetDateTime receivedAt) {}
