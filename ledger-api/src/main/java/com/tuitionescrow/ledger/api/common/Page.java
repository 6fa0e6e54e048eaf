package com.tuitionescrow.ledger.api.common;

import java.util.List;

/**
 * One page of a list. {@code next} is the cursor to pass to get the following page, or null on the
 * last page.
 */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
