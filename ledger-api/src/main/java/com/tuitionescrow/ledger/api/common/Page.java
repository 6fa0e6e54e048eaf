package com.tuitionescrow.ledger.api.common;

import java.util.List;

/**
 * One page of a list. {@code next} is the cursor to pass to get the following page, or null on the
 * last page.
 */
public record Page<T>(List<T> items, String next) {

    /** The most items a page holds: every list endpoint refuses a larger {@code limit}. */
    public static final int MAX_LIMIT = 1000;

    public Page {
        items = List.copyOf(items);
    }
}
