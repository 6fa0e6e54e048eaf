package com.tuitionescrow.ledger.platform.command;

import java.util.Objects;

/** A client-chosen id within the kind of thing it names: {@code (ORDER, o-1)}, {@code (COLLECTION, txn-9)}. */
public record IdempotencyKey(String scope, String key) {
    public IdempotencyKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
    }
}
