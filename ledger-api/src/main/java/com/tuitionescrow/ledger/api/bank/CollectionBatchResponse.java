package com.tuitionescrow.ledger.api.bank;

import java.util.List;

/** One result per item of the batch, in the order of the items. */
public record CollectionBatchResponse(List<Result> results) {

    public CollectionBatchResponse {
        results = List.copyOf(results);
    }

    /**
     * APPLIED or SUSPENSE as for a single collection; REJECTED with the problem {@code code} (such as
     * IDEMPOTENCY_CONFLICT) when the item was not recorded.
     */
    public record Result(String bankTxnId, CollectionStatus status, SuspenseReason reason, String code, String detail) {

        public static Result of(CollectionResponse response) {
            return new Result(response.bankTxnId(), response.status(), response.reason(), null, null);
        }
    }
}
