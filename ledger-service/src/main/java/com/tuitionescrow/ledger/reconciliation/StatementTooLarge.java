package com.tuitionescrow.ledger.reconciliation;

/** 413: more entries than one statement may hold. Parsing stops at the first entry too many. */
class StatementTooLarge extends RuntimeException {

    StatementTooLarge(int maxEntries) {
        super("a statement holds at most " + maxEntries + " entries; split it by day", null, false, false);
    }
}
