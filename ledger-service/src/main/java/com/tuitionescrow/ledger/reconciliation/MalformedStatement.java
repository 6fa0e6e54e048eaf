package com.tuitionescrow.ledger.reconciliation;

/**
 * 400 VALIDATION_FAILED: the file is not a statement this ledger reads, or not a safe one. The
 * location (a line of the file, or "statement" for the whole) tells the bank where to look.
 */
class MalformedStatement extends RuntimeException {

    private final String location;
    private final String reason;

    MalformedStatement(String location, String reason) {
        super(location + ": " + reason, null, false, false);
        this.location = location;
        this.reason = reason;
    }

    String location() {
        return location;
    }

    String reason() {
        return reason;
    }
}
