package com.tuitionescrow.ledger.api.bank;

public record CollectionResponse(String bankTxnId, CollectionStatus status, SuspenseReason reason) {}
