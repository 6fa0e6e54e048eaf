package com.tuitionescrow.ledger.api.bank;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Many receipts at once, e.g. a day's. A structurally invalid item refuses the whole batch (400,
 * nothing written); otherwise each item is recorded on its own and answered in order.
 */
public record CollectionBatchRequest(
        @NotNull @Size(min = 1, max = CollectionBatchRequest.MAX_ITEMS)
        List<@NotNull @Valid CollectionRequest> items) {

    public static final int MAX_ITEMS = 1000;
}
